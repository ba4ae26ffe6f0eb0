"""`prongsai synth`: the same seed gives the same country, realistic names and kinds,
counts as asked, honest audit chains, and never beside real agencies without --force."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from prongsai.agencies.models import Agency, AgencyKind
from prongsai.assessments.models import ItaResult
from prongsai.audit.models import AuditEvent
from prongsai.core.canonical import canonical_json
from prongsai.measures.models import Evidence, Measure, MeasureFigures, StatusUpdate
from prongsai.measures.rollups import rebuild
from prongsai.public.models import Publication, Report
from prongsai.public.snapshot import build_snapshot, fingerprint
from prongsai.registry import places
from prongsai.synth.load import Options, _models, load
from prongsai.thai.dates import fiscal_year_bounds

SMALL = {"agencies": 30, "years": "2566-2567", "seed": 7}


class _Undo(Exception):
    pass


def _dump() -> str:
    """SHA-256 of every row synth writes, table by table in key order."""
    digest = hashlib.sha256()
    for model in _models():
        digest.update(canonical_json(list(model._base_manager.order_by("pk").values())))
    return digest.hexdigest()


def _dump_of(seed: int, chunk: int = 100) -> str:
    """Load a small country, dump it, and undo the load (keys restart from the same place:
    synth hands them out from the tables' largest keys)."""
    try:
        with transaction.atomic():
            load(Options(agencies=12, years=(2566, 2567), seed=seed, chunk=chunk), lambda _: None)
            found = _dump()
            raise _Undo
    except _Undo:
        pass
    return found


def _synth(**options) -> str:
    out = StringIO()
    call_command("synth", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_same_seed_same_country_different_seed_another():
    first = _dump_of(3)
    assert Agency.objects.count() == 0  # undone
    assert _dump_of(3, chunk=5) == first  # nor does the chunk size change anything
    assert _dump_of(4) != first


@pytest.mark.django_db
def test_counts_as_asked_and_histories_inside_the_year():
    out = _synth(**SMALL)
    assert "30/30" in out and "100%" in out
    assert Agency.objects.count() == 30
    assert Measure.objects.count() == 30 * 2 * 12
    assert ItaResult.objects.count() == 30 * 2
    assert Report.objects.count() == 30 * 2 * 2
    assert f"measures.measure: {30 * 2 * 12}" in out
    for measure in Measure.objects.select_related("agency").prefetch_related("updates"):
        updates = list(measure.updates.all())
        assert 1 <= len(updates) <= 3
        start, end = fiscal_year_bounds(measure.fiscal_year)
        assert all(start <= u.reported_on <= end for u in updates)
    assert StatusUpdate.objects.filter(status="done").exists()
    agency = Agency.objects.filter(measures__isnull=False).first()
    links = Evidence.objects.filter(update__measure__agency=agency).values_list("url", flat=True)
    assert links and all(url.startswith(agency.website + "/") for url in links)
    for result in ItaResult.objects.all():
        assert 0 < result.total <= 100 and result.verdict_th
    # Carried-over measures point at the same agency's previous year.
    carried = Measure.objects.filter(carried_from__isnull=False).select_related("carried_from")
    assert carried.exists()
    assert all(
        m.carried_from.agency_id == m.agency_id and m.carried_from.fiscal_year == 2566
        for m in carried
    )


@pytest.mark.django_db
def test_names_and_kinds_are_those_of_real_local_governments():
    _synth(**SMALL)
    agencies = list(Agency.objects.all())
    assert {a.kind for a in agencies} >= {AgencyKind.SAO, AgencyKind.PAO}
    for agency in agencies:
        assert places.kind_of(agency.name) == agency.kind
        assert agency.head_title == places.head_title_for(agency.name, agency.kind)
        assert agency.letter_code and agency.document_number
        if agency.subdistrict_code:
            place = places.place_of(agency.subdistrict_code)
            assert (agency.province, agency.subdistrict) == (place.province, place.subdistrict)
            assert agency.name.endswith(place.subdistrict)
            assert agency.district_code == place.district_code
    # Spread over the country, not the first subdistricts of the register.
    assert len({a.province_code for a in agencies}) >= 20


@pytest.mark.django_db
def test_publications_are_what_the_public_service_would_snapshot(client):
    _synth(**SMALL)
    publication = Publication.objects.select_related("agency").order_by("pk").first()
    assert publication is not None
    built = build_snapshot(publication.agency, publication.fiscal_year, publication.as_of)
    assert publication.snapshot == built
    assert publication.snapshot_sha256 == fingerprint(built)
    approval = publication.report.decisions.get(decision="approved")
    assert approval.content_sha256 == fingerprint(built["measures"])
    response = client.get(f"/p/{publication.agency.slug}/{publication.fiscal_year}/")
    assert response.status_code == 200
    assert publication.agency.name in response.content.decode()


@pytest.mark.django_db
def test_audit_verify_passes_on_bound_rows_and_names_unbound_ones():
    _synth(agencies=5, years="2566", seed=1)
    assert AuditEvent.objects.filter(action="synth.load").count() == 5
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "BROKEN" not in out.getvalue() and out.getvalue().count("OK synth-") == 5


@pytest.mark.django_db
def test_without_binding_verify_says_the_rows_are_unbound():
    _synth(agencies=2, years="2566", seed=1, no_bind=True)
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("audit", "verify", stdout=out)
    assert "no event binds it" in out.getvalue()


@pytest.mark.django_db
def test_refuses_beside_real_agencies_unless_forced(demo):
    before = Agency.objects.count()
    with pytest.raises(CommandError, match="หน่วยงานจริง 1 แห่ง.*--force"):
        _synth(agencies=3, years="2566", seed=1)
    assert Agency.objects.count() == before
    _synth(agencies=3, years="2566", seed=1, force=True)
    assert Agency.objects.count() == before + 3
    with pytest.raises(CommandError, match="ข้อมูลสังเคราะห์อยู่แล้ว"):
        _synth(agencies=3, years="2566", seed=2, force=True)


@pytest.mark.django_db
def test_bad_years_and_sizes_are_refused_in_thai():
    with pytest.raises(CommandError, match="ปีงบประมาณ"):
        _synth(agencies=3, years="2020-2021")
    with pytest.raises(CommandError, match="จำนวนหน่วยงาน"):
        _synth(agencies=0, years="2566")
    assert Agency.objects.count() == 0


def test_spread_picks_distinct_places_over_the_whole_register():
    import random

    from prongsai.synth.places import _spread, plan_agencies

    for count, total in ((800, 7255), (7255, 7255), (13, 77), (1, 5)):
        picked = _spread(random.Random(1), count, total)
        assert len(set(picked)) == count and all(0 <= i < total for i in picked)
    planned = plan_agencies(random.Random(1), 8300)
    assert len(planned) == 8300 and len({p.slug for p in planned}) == 8300
    assert len({p.domain for p in planned}) == 8300
    assert sum(p.kind == AgencyKind.PAO for p in planned) == 76


@pytest.mark.django_db
def test_the_measure_rollups_are_what_the_services_would_count():
    load(Options(agencies=12, years=(2566, 2567), seed=5, chunk=5), lambda _: None)

    def figures():
        rows = MeasureFigures.objects.values_list(
            "agency_id", "fiscal_year", "status", "due_date", "done_month", "count"
        )
        return sorted(rows, key=repr)

    written = figures()
    assert sum(r[5] for r in written) == Measure.objects.count() > 0
    assert {r[2] for r in written} >= {"done", "in_progress"}
    rebuild()
    assert figures() == written


@pytest.mark.django_db
def test_the_load_and_a_rebuild_give_their_provinces_new_versions():
    """Both write without audit events, so pages kept under the provinces' versions must
    not outlive them (see prongsai.agencies.versions)."""
    from prongsai.agencies import versions

    load(Options(agencies=12, years=(2566,), seed=5, chunk=5), lambda _: None)
    provinces = set(Agency.objects.values_list("province_code", flat=True))
    loaded = versions.all_tokens()
    assert set(loaded) == {versions.province_key(code) for code in provinces}
    rebuild(Agency.objects.filter(province_code=min(provinces)))
    rebuilt = versions.all_tokens()
    changed = {key for key in loaded if rebuilt[key] != loaded[key]}
    assert changed == {versions.province_key(min(provinces))}


@pytest.mark.django_db
def test_more_updates_per_measure_when_asked():
    load(Options(agencies=3, years=(2566,), seed=5, updates=10), lambda _: None)
    per_measure = [m.updates.count() for m in Measure.objects.all()]
    assert min(per_measure) >= 9 and max(per_measure) <= 11
    with pytest.raises(Exception, match="รายงานสถานะ"):
        load(Options(agencies=3, years=(2566,), seed=6, updates=31, force=True), lambda _: None)
