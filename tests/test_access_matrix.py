"""Every URL pattern × HTTP method × persona against objects of agency A (ummao).

The documented answer of each cell is in MATRIX; a URL pattern without an entry fails
the test, so a new view cannot ship without saying who may use it.

Answers: "ok" (allowed: 2xx, a redirect that is not to the log-in page, or a form
re-shown with errors: 400/409), "login" (redirect to log-in), 403, 404, 405.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from prongsai.agencies.access import memberships_of
from prongsai.agencies.models import Membership
from prongsai.measures.models import Evidence, Measure, StatusUpdate
from tests.urlwalk import walk

PERSONAS = [
    "coordinator",
    "reporter_chang",
    "reporter_palad",
    "executive",
    "viewer",
    "complaint_officer",
    "outsider",
    "operator",
    "oversight",
    "anonymous",
]
STAFF = ["coordinator", "reporter_chang", "reporter_palad", "executive", "viewer"]


def answers(default, **overrides):
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


def public():
    return answers("ok")


def staff(*allowed, other=403, **special):
    """Staff roles in `allowed` get ok, other staff `other`; the complaint officer 403;
    another agency, a site operator and an oversight person (no membership) 404; anonymous
    the log-in page."""
    table = answers(
        other, outsider=404, operator=404, oversight=404, anonymous="login", complaint_officer=403
    )
    table.update(dict.fromkeys(allowed, "ok"))
    table.update(special)
    return table


def get_only(get_table):
    post = {p: ("login" if p == "anonymous" else 405) for p in PERSONAS}
    return {"GET": get_table, "POST": post}


ALL_STAFF = staff(*STAFF)
COORDINATOR_ONLY = staff("coordinator")
COMPLAINT_OFFICER_ONLY = staff(complaint_officer="ok")
# The operator's pages exist for site operators only (404 for everybody else).
OPERATOR_ONLY = answers(404, operator="ok", anonymous="login")
# The oversight pages exist for oversight people whose scope covers the place (the persona
# oversees Kalasin, province 46, where the demo agency is); they read and never change.
OVERSIGHT_ONLY = answers(404, oversight="ok", anonymous="login")
OVERSIGHT_GET = {"GET": OVERSIGHT_ONLY, "POST": answers(405, anonymous="login")}

MATRIX = {
    "home": {"GET": answers("ok", anonymous="login"), "POST": answers(405, anonymous="login")},
    "login": {"GET": public(), "POST": public()},
    "logout": {"GET": answers(405), "POST": answers("login")},  # logs out, then to log-in
    "set_language": {"GET": public(), "POST": public()},
    "guide": {"GET": public(), "POST": answers(405)},
    "guide_page": {"GET": public(), "POST": answers(405)},
    "agency_year": get_only(ALL_STAFF),
    "measure_create": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    # starting a year from an earlier one's measures: coordinators only (the matrix posts
    # nothing, so the coordinator's answer is the page shown again with the error, 400)
    "carry_over": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "export_json": get_only(ALL_STAFF),
    "export_csv": get_only(ALL_STAFF),
    "measure_detail": get_only(ALL_STAFF),
    "measure_edit": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    # measure 1 belongs to all four divisions; สำนักปลัด's reporter may report on it too
    "status_create": {
        "GET": staff("coordinator", "reporter_chang", "reporter_palad"),
        "POST": staff("coordinator", "reporter_chang", "reporter_palad"),
    },
    # withdrawing a status update: coordinators only (the matrix posts no reason, so the
    # coordinator's answer is the form shown again with the error, 400)
    "status_withdraw": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "evidence_download": get_only(ALL_STAFF),
    # the divisions page and its small POST forms (an empty name shows the form again, 400;
    # retire comes before restore in the sweep, so the division ends as it began)
    "divisions": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "division_rename": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "division_move": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "division_retire": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "division_restore": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "agency_history": get_only(staff("coordinator", "executive")),
    "object_history": get_only(ALL_STAFF),
    "memos:memo": get_only(ALL_STAFF),
    "memos:preview": get_only(ALL_STAFF),
    "memos:agency_profile": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "memos:head_preview": get_only(COORDINATOR_ONLY),
    "public:healthz": {"GET": public(), "POST": answers(405)},
    "public:agency": {"GET": public(), "POST": answers(405)},
    "public:year": {"GET": answers(404), "POST": answers(405)},  # not published yet
    "public:document": {"GET": answers(404), "POST": answers(405)},
    "public:stats": {"GET": public(), "POST": answers(405)},
    "public:feedback": {"GET": public(), "POST": public()},
    "public:case_lookup": {"GET": public(), "POST": public()},
    "public:receipt": {"GET": public(), "POST": answers(405)},
    "public:reports": get_only(ALL_STAFF),
    "public:report_submit": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "public:report_head": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    # no report submitted yet: the executive's decision finds nothing to decide
    "public:report_decide": {
        "GET": answers(405, anonymous="login"),
        "POST": staff(executive=404),
    },
    "public:report_publish": {
        "GET": answers(405, anonymous="login"),
        "POST": staff(coordinator=404),
    },
    "public:report_preview": get_only(ALL_STAFF),
    "public:inbox": get_only(COMPLAINT_OFFICER_ONLY),
    # no case exists in this test: the officer gets 404, everybody else is refused first
    "public:case_detail": get_only(staff(complaint_officer=404)),
    "public:case_reply": {
        "GET": answers(405, anonymous="login"),
        "POST": staff(complaint_officer=404),
    },
    "public:case_state": {
        "GET": answers(405, anonymous="login"),
        "POST": staff(complaint_officer=404),
    },
    "public:case_attachment": get_only(staff(complaint_officer=404)),
    "imports:upload": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "imports:confirm": {
        "GET": answers(405, anonymous="login"),
        "POST": COORDINATOR_ONLY,
    },
    "imports:lint": {"GET": ALL_STAFF, "POST": ALL_STAFF},
    "assessments:result": {"GET": ALL_STAFF, "POST": COORDINATOR_ONLY},
    "assessments:result_import": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "assessments:template_csv": get_only(ALL_STAFF),
    "assessments:template_xlsx": get_only(ALL_STAFF),
    "assessments:analysis": get_only(ALL_STAFF),
    "assessments:indicators_svg": get_only(ALL_STAFF),
    "assessments:tools_svg": get_only(ALL_STAFF),
    "operator:index": get_only(OPERATOR_ONLY),
    "operator:agency_new": {"GET": OPERATOR_ONLY, "POST": OPERATOR_ONLY},
    "operator:place_fields": get_only(OPERATOR_ONLY),
    "operator:agency": {"GET": OPERATOR_ONLY, "POST": OPERATOR_ONLY},
    # the persona oversees a province: the national page does not exist for it
    "oversight:national": {
        "GET": answers(404, anonymous="login"),
        "POST": answers(405, anonymous="login"),
    },
    "oversight:province": OVERSIGHT_GET,
    "oversight:district": OVERSIGHT_GET,
    "oversight:agency": OVERSIGHT_GET,
    # exports as background jobs: the empty post exports the place's table as CSV
    "oversight:export": {
        "GET": answers(405, anonymous="login"),
        "POST": answers(404, anonymous="login"),
    },
    "oversight:province_export": {
        "GET": answers(405, anonymous="login"),
        "POST": OVERSIGHT_ONLY,
    },
    "oversight:district_export": {
        "GET": answers(405, anonymous="login"),
        "POST": OVERSIGHT_ONLY,
    },
    "assessments:adopt_suggestion": {
        "GET": answers(405, anonymous="login"),
        "POST": COORDINATOR_ONLY,
    },
    # one's own account; the forgotten-password pages are public (the matrix's reset link
    # is not valid: its page says so, with 200)
    "account": {"GET": answers("ok", anonymous="login"), "POST": answers(405, anonymous="login")},
    "password_change": {
        "GET": answers("ok", anonymous="login"),
        "POST": answers("ok", anonymous="login"),
    },
    "password_reset": {"GET": public(), "POST": public()},
    "password_reset_done": {"GET": public(), "POST": answers(405)},
    "password_reset_confirm": {"GET": public(), "POST": public()},
    "password_reset_complete": {"GET": public(), "POST": answers(405)},
    # an unknown invitation link is gone for everybody
    "accept_invitation": {"GET": answers(410), "POST": answers(410)},
    # the people pages: coordinators only; the empty posts change nothing (a role is
    # required, deactivation needs its tick, the viewer is active and has a password)
    "people": get_only(COORDINATOR_ONLY),
    # link checks: coordinators only; the button checks the year's few links at once (the
    # tests' resolver knows no outside name, so nothing leaves the machine)
    "oit_links": get_only(COORDINATOR_ONLY),
    "oit_links_check": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "people_invite": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "people_member": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "people_resend": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "people_deactivate": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "people_reactivate": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    # the OIT checklist: every staff member reads it (a reporter their divisions' items);
    # item O31 is สำนักปลัด's, so its reporter may change it too (the empty post is the
    # form shown again with its errors)
    "oit:checklist": get_only(ALL_STAFF),
    "oit:xlsx": get_only(ALL_STAFF),
    "oit:open": {"GET": answers(405, anonymous="login"), "POST": COORDINATOR_ONLY},
    "oit:item": {
        "GET": staff("coordinator", "reporter_palad"),
        "POST": staff("coordinator", "reporter_palad"),
    },
    # reminders: the agency's list for coordinators; one's own settings for everyone (the
    # empty post turns every kind off and redirects)
    "agency_notifications": get_only(COORDINATOR_ONLY),
    "reminder_settings": {
        "GET": answers("ok", anonymous="login"),
        "POST": answers("ok", anonymous="login"),
    },
    # background jobs: one's own list; starting the memos of every agency is an operator's
    # (the empty post is refused with 400); a job (the coordinator's failed one) is seen by
    # its requester and the agency's coordinators only, 404 for everybody else; the
    # coordinator's retry runs it at once (tests' immediate backend), so its result is
    # there to download
    "jobs:index": {
        "GET": answers("ok", anonymous="login"),
        "POST": answers(404, operator="ok", anonymous="login"),
    },
    "jobs:detail": get_only(answers(404, coordinator="ok", anonymous="login")),
    "jobs:progress": get_only(answers(404, coordinator="ok", anonymous="login")),
    "jobs:retry": {
        "GET": answers(405, anonymous="login"),
        "POST": answers(404, coordinator="ok", anonymous="login"),
    },
    "jobs:result": get_only(answers(404, coordinator="ok", anonymous="login")),
    "jobs:agency": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
}


def failed_job(demo):
    from prongsai.jobs.models import Job, JobKind, JobState

    job, _ = Job.objects.get_or_create(
        kind=JobKind.RENDER_MEMOS,
        agency=demo,
        requested_by=Membership.objects.get(agency=demo, role="coordinator").user,
        defaults={"args": {"year": 2565, "fmt": "docx"}, "state": JobState.FAILED},
    )
    return job


def kwargs_for(route, demo):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    evidence = Evidence.objects.filter(update__measure__agency=demo).first()
    update = StatusUpdate.objects.filter(measure=measure).first()
    values = {
        "slug": "ummao",
        "year": 2565,
        "pk": (
            failed_job(demo).pk
            if route.startswith("jobs:")
            else evidence.pk
            if "evidence" in route
            else measure.pk
        ),
        "object_type": "measure",
        "object_id": str(measure.pk),
        "kind": "implementation",
        "fmt": "pdf",
        "key": "integrity-measures",
        "file_pk": 1,
        "name": "citizen",
        "update_pk": update.pk,
        "member_pk": Membership.objects.get(agency=demo, user__username="ummao-viewer").pk,
        "token": "not-a-real-invitation",
        "uidb64": "MQ",
        "division_pk": measure.divisions.first().pk,
        "province": "46",
        "district": "4607",
        "code": "O31",
    }
    return values


def fill(route: str, values: dict) -> str:
    import re

    def sub(match):
        return str(values[match.group(1)])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", sub, route).lstrip("^").rstrip("$")


def classify(response) -> str | int:
    code = response.status_code
    if code in (301, 302, 303):
        return "login" if response["Location"].startswith("/login/") else "ok"
    if code in (200, 201, 204, 400, 409, 429):
        return "ok"
    return code


def test_every_route_has_an_entry():
    names = {r.name for r in walk()}
    missing = sorted(n for n in names if n not in MATRIX)
    assert missing == [], f"routes without an access-matrix entry: {missing}"


@pytest.fixture
def oversight(db):
    """An oversight person of Kalasin (province 46, where the demo agency is)."""
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import SiteAccess, SiteRole

    user = get_user_model().objects.create_user("oversight@example.org")
    SiteAccess.objects.create(user=user, role=SiteRole.OVERSIGHT, scope_code="46")
    return user


@pytest.fixture
def personas(request, demo, outsider):
    """persona → a function giving a fresh client logged in as that persona."""
    from django.test import Client

    users = {p: request.getfixturevalue(p) for p in PERSONAS if p != "anonymous"}

    def client_for(persona):
        client = Client()
        if persona in users:
            client.force_login(users[persona])
        return client

    return client_for


def test_access_matrix(demo, personas, coordinator):
    from prongsai.measures.services import report_status

    report_status(
        actor=coordinator,
        measure=Measure.objects.get(agency=demo, fiscal_year=2565, number=1),
        status="done",
        links=["https://example.org/evidence"],
    )
    mismatches = []
    for r in walk():
        route, name = r.route, r.name
        entry = MATRIX[name]
        url = fill(route, kwargs_for(name, demo))
        for method, table in entry.items():
            for persona in PERSONAS:
                client = personas(persona)
                response = client.get(url) if method == "GET" else client.post(url, {})
                got = classify(response)
                if got != table[persona]:
                    mismatches.append(
                        f"{method} {url} as {persona}: {got}, documented {table[persona]}"
                    )
    assert mismatches == [], "\n".join(mismatches)
    # the empty posts changed nobody
    assert Membership.objects.filter(agency=demo, active=False).count() == 0


def test_an_anonymous_visitor_has_no_memberships(demo, coordinator):
    assert list(memberships_of(AnonymousUser())) == []
    assert [m.agency for m in memberships_of(coordinator)] == [demo]
