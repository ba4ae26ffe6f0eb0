"""`audit verify --files` reads every stored file back against the SHA-256 its row keeps:
a file changed or missing on disk is named, and verify exits 1."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from tests.measures.test_services import PNG

from prongsai.core.uploads import check_upload
from prongsai.measures import services
from prongsai.measures.models import Measure


@pytest.fixture
def stored(demo, coordinator):
    measure = Measure.objects.filter(agency=demo, fiscal_year=2565).order_by("number").first()
    checked = check_upload(io.BytesIO(PNG), max_bytes=1000)
    update = services.report_status(
        actor=coordinator, measure=measure, status="done", files=[("ภาพ.png", checked)]
    )
    evidence = update.evidence.get()
    return Path(settings.MEDIA_ROOT) / evidence.file.name


def verify(*args):
    out = io.StringIO()
    try:
        call_command("audit", "verify", "--agency", "ummao", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_files_as_stored_pass(stored):
    code, out = verify("--files")
    assert code == 0 and out.startswith("OK ummao")


def test_a_changed_file_is_named(stored):
    stored.write_bytes(PNG + b"appended")
    code, out = verify("--files")
    assert code == 1 and "file changed" in out and stored.name in out
    assert verify()[0] == 0  # without --files the files are not read


def test_a_missing_file_is_named(stored):
    stored.unlink()
    code, out = verify("--files")
    assert code == 1 and "file missing" in out and stored.name in out
