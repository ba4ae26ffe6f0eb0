"""`prongsai agency add|import` and `prongsai user add` (operator and member forms)."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import resolve

from prongsai.agencies.models import Agency, Membership, Role, SiteAccess, SiteRole
from prongsai.audit.models import AuditEvent
from prongsai.registry.invitations import usable_invitation

REPO = Path(__file__).resolve().parents[2]

CSV_GOOD = (
    "slug,name,subdistrict,kind,code\n"
    "ummao,เทศบาลตำบลอุ่มเม่า,460703,,73601\n"
    "samruean,อบต.สามเรือน,640603,sao,๗๒๔๐๑\n"
)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def invite_urls(settings):
    settings.ROOT_URLCONF = "tests.registry.invite_urls"
    settings.SITE_URL = "https://prongsai.example.org"


def test_agency_add_prints_what_was_added(db):
    out, _err = run(
        "agency", "add", "--slug", "ummao", "--name", "เทศบาลตำบลอุ่มเม่า",
        "--subdistrict", "460703", "--code", "73601",
    )  # fmt: skip
    agency = Agency.objects.get(slug="ummao")
    assert agency.document_number == "๗๓๖๐๑" and agency.province == "กาฬสินธุ์"
    assert "เทศบาลตำบลอุ่มเม่า" in out and "เทศบาลตำบล" in out
    assert "อำเภอยางตลาด" in out and "กส ๗๓๖๐๑" in out
    assert AuditEvent.objects.get(agency=agency).actor_label.startswith("cli")


def test_agency_add_refuses_a_duplicate_slug(other_agency):
    with pytest.raises(CommandError, match="“samruean” ถูกใช้แล้ว"):
        run("agency", "add", "--slug", "samruean", "--name", "อบต.อุ่มเม่า", "--subdistrict", "460703")
    assert Agency.objects.count() == 1


def test_the_command_line_refuses_a_bad_code_in_thai(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PRONGSAI_VAR_DIR": str(tmp_path),
        # a database of its own, whichever the suite runs on
        "DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite3",
    }
    cli = [sys.executable, "-m", "prongsai.cli"]
    migrate = subprocess.run([*cli, "migrate", "-v0"], env=env, capture_output=True, timeout=300)
    assert migrate.returncode == 0, migrate.stderr.decode()
    args = ["agency", "add", "--slug", "x", "--name", "อบต.x", "--subdistrict", "469999"]
    bad = subprocess.run([*cli, *args], env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0
    assert "ไม่พบรหัสตำบล “469999”" in bad.stderr
    args[-1] = "460703"
    good = subprocess.run([*cli, *args], env=env, capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    assert "องค์การบริหารส่วนตำบลx" in good.stdout


def test_agency_import_adds_all_then_nothing(db, tmp_path):
    path = tmp_path / "agencies.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV_GOOD.encode())  # Excel's BOM
    out, _err = run("agency", "import", str(path))
    assert "เพิ่ม 2 หน่วยงาน" in out
    assert Agency.objects.get(slug="samruean").name == "องค์การบริหารส่วนตำบลสามเรือน"
    out, _err = run("agency", "import", str(path))
    assert "เพิ่ม 0 หน่วยงาน ข้าม 2" in out and "ข้าม (มีอยู่แล้ว): บรรทัด 3 samruean" in out
    assert Agency.objects.count() == 2


def test_agency_import_reports_every_bad_row_and_adds_nothing(other_agency, tmp_path):
    path = tmp_path / "agencies.csv"
    path.write_text(
        "slug,name,subdistrict,kind,code\n"
        "ummao,เทศบาลตำบลอุ่มเม่า,460703,,73601\n"  # good
        "bad-code,อบต.ก,999999,,\n"  # line 3: unknown code
        "ummao,เทศบาลตำบลอื่น,460703,,\n"  # line 4: slug repeated
        "nokind,สำนักงานอะไร,460703,,\n"  # line 5: no kind
        "samruean,อบต.อื่น,640603,,\n",  # line 6: existing slug, other data
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="4 แถว"):
        out, err = run("agency", "import", str(path))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("agency", "import", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue()
    assert "บรรทัด 3: ไม่พบรหัสตำบล “999999”" in lines
    assert "บรรทัด 4: ชื่อย่อ “ummao” ซ้ำกับบรรทัด 2" in lines
    assert "บรรทัด 5: อ่านประเภทหน่วยงานจากชื่อไม่ได้" in lines
    assert "บรรทัด 6: ชื่อย่อ “samruean” มีอยู่แล้ว" in lines
    assert "บรรทัด 2" not in lines.replace("ซ้ำกับบรรทัด 2", "")
    assert list(Agency.objects.values_list("slug", flat=True)) == ["samruean"]


def test_agency_import_refuses_a_file_without_the_columns(db, tmp_path):
    path = tmp_path / "agencies.csv"
    path.write_text("ชื่อ,รหัส\nก,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ขาด slug, name, subdistrict"):
        run("agency", "import", str(path))
    path.write_bytes("slug,name,subdistrict\nก,ข,ค\n".encode("tis-620"))
    with pytest.raises(CommandError, match="UTF-8"):
        run("agency", "import", str(path))


def test_user_add_operator_prints_a_one_time_link_last(db, invite_urls):
    out, _err = run("user", "add", "--email", "Op@Example.org", "--operator")
    access = SiteAccess.objects.get(user__username="op@example.org")
    assert access.role == SiteRole.OPERATOR and not access.user.has_usable_password()
    link = out.strip().splitlines()[-1]
    assert link.startswith("https://prongsai.example.org/invite/")
    match = resolve(urlsplit(link).path)
    assert match.url_name == "accept_invitation"
    assert usable_invitation(match.kwargs["token"]).user == access.user
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body


def test_user_add_warns_when_the_mail_fails_and_still_prints_the_link(db, invite_urls, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    out, err = run("user", "add", "--email", "op@example.org", "--operator")
    assert "ส่งอีเมลไม่สำเร็จ" in err
    assert "/invite/" in out.strip().splitlines()[-1]


def test_user_add_no_email_sends_nothing(db, invite_urls):
    out, _err = run("user", "add", "--email", "op@example.org", "--operator", "--no-email")
    assert mail.outbox == [] and "/invite/" in out.strip().splitlines()[-1]


def test_user_add_member_with_divisions(demo, invite_urls):
    out, _err = run(
        "user", "add", "--agency", "ummao", "--email", "chang2@example.org",
        "--role", "reporter", "--division", "กองช่าง", "--no-email",
    )  # fmt: skip
    membership = Membership.objects.get(user__username="chang2@example.org")
    assert membership.role == Role.REPORTER and membership.agency == demo
    assert [d.name for d in membership.divisions.all()] == ["กองช่าง"]
    token = resolve(urlsplit(out.strip().splitlines()[-1]).path).kwargs["token"]
    assert usable_invitation(token).agency == demo


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "ummao", "--role", "boss"], "บทบาท “boss” ไม่ถูกต้อง"),
        (["--agency", "nowhere", "--role", "viewer"], "ไม่พบหน่วยงาน “nowhere”"),
        (["--agency", "ummao", "--role", "reporter", "--division", "กองเรือ"], "“กองเรือ”"),
        (["--operator", "--agency", "ummao"], "--operator"),
        ([], "--operator"),
    ],
)
def test_user_add_refuses_bad_input_and_adds_nobody(demo, invite_urls, args, message):
    before = Membership.objects.count()
    with pytest.raises(CommandError, match=message):
        run("user", "add", "--email", "new@example.org", *args)
    assert Membership.objects.count() == before
    assert not SiteAccess.objects.exists()


def test_an_import_creates_its_agencies_in_the_order_of_their_places(db):
    """Every agency's event renews its place's version tokens; creating in place order makes
    two imports at once take those rows in one order (no deadlock between them). The
    agencies come back in the file's order."""
    from prongsai.registry.agency_import import apply_import, plan_import, read_rows

    csv = (
        "slug,name,subdistrict,kind,code\n"
        "samruean,อบต.สามเรือน,640603,sao,๗๒๔๐๑\n"  # Sukhothai (64)
        "ummao,เทศบาลตำบลอุ่มเม่า,460703,,73601\n"  # Kalasin (46)
        "bangkok,อบต.ทดสอบ,100101,sao,\n"  # Bangkok (10)
    )
    created = apply_import(actor="test", plan=plan_import(read_rows(csv.encode())))
    assert [a.slug for a in created] == ["samruean", "ummao", "bangkok"]
    by_creation = Agency.objects.order_by("pk").values_list("province_code", flat=True)
    assert list(by_creation) == ["10", "46", "64"]
