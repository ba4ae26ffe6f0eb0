"""The English catalogue: the language cookie switches the UI, the catalogue is complete and
the committed .mo matches the .po."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (index → text), flags, refs.

    Enough of the format for what makemessages writes (no msgctxt); obsolete (#~) entries
    are skipped.
    """
    entries: list[dict] = []
    entry: dict = {}
    field: tuple = ()

    def finish() -> None:
        if "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = {}, ()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            entry.setdefault("flags", set()).update(
                flag.strip() for flag in line[2:].split(",") if flag.strip()
            )
            continue
        if line.startswith("#:"):
            entry.setdefault("refs", []).extend(line[2:].split())
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):
            text = ast.literal_eval(line)
        else:
            text = ast.literal_eval(rest)
            if keyword.startswith("msgstr["):
                field = ("msgstr", int(keyword[7:-1]))
            elif keyword == "msgstr":
                field = ("msgstr", 0)
            elif keyword in ("msgid", "msgid_plural"):
                field = (keyword,)
            else:
                raise ValueError(f"unexpected line in {path.name}: {raw}")
            entry.setdefault("flags", set())
            entry.setdefault("msgstr", {})
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] = ""
            else:
                entry[field[0]] = ""
        if field[0] == "msgstr":
            entry["msgstr"][field[1]] += text
        else:
            entry[field[0]] += text
    finish()
    return entries


CATALOGUE = parse_po(PO)
MESSAGES = [e for e in CATALOGUE if e["msgid"]]  # without the header


def english_client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# (a) the language cookie switches the pages to English; without it they stay Thai


@pytest.mark.django_db
def test_login_page_in_english_with_the_cookie():
    response = english_client().get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    for text in ("Log in", "User name", "Password"):
        assert text in html
    assert "เข้าสู่ระบบ" not in html
    assert "รหัสผ่าน" not in html


@pytest.mark.django_db
def test_login_page_in_thai_without_the_cookie():
    response = Client().get(reverse("login"))
    html = response.content.decode()
    assert response["Content-Language"] == "th"
    assert '<html lang="th">' in html
    assert "เข้าสู่ระบบ" in html and "รหัสผ่าน" in html
    assert "Log in" not in html and "Password" not in html


def test_agency_year_page_in_english_with_the_cookie(demo, coordinator):
    response = english_client(coordinator).get("/a/ummao/2565/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    for text in (
        "Fiscal year",
        "Measure",
        "Progress by division",
        "Status summary",
        "Add a measure",
        "Log out",
        "ITA results",
    ):
        assert text in html, text
    for thai in ("ปีงบประมาณ", "ความก้าวหน้ารายส่วนราชการ", "เพิ่มมาตรการ", "ออกจากระบบ"):
        assert thai not in html, thai


def test_agency_year_page_in_thai_without_the_cookie(demo, coordinator, as_user):
    response = as_user(coordinator).get("/a/ummao/2565/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in html
    for thai in ("ปีงบประมาณ", "มาตรการ", "ความก้าวหน้ารายส่วนราชการ", "ออกจากระบบ"):
        assert thai in html, thai
    assert "Progress by division" not in html and "Log out" not in html


def test_an_unknown_language_cookie_falls_back_to_thai(demo, coordinator, as_user):
    client = as_user(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get("/a/ummao/2565/").content.decode()
    assert '<html lang="th">' in html and "ปีงบประมาณ" in html


# (b) the catalogue is complete


def test_the_catalogue_covers_the_templates_and_python_of_every_app():
    files = {ref.rsplit(":", 1)[0] for e in MESSAGES for ref in e.get("refs", [])}
    for folder in (
        "web/templates/",
        "measures/templates/",
        "assessments/templates/",
        "audit/templates/",
        "memos/templates/",
        "imports/templates/",
        "public/templates/",
    ):
        assert any(f.startswith(folder) for f in files), folder
    for module in ("agencies/models.py", "measures/forms.py", "public/views_staff.py"):
        assert module in files, module
    msgids = {e["msgid"] for e in MESSAGES}
    assert {"เข้าสู่ระบบ", "มาตรการ", "ผลการประเมิน ITA", "รายงานและการเผยแพร่"} <= msgids


def test_no_entry_is_untranslated_or_fuzzy():
    header = next(e for e in CATALOGUE if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    untranslated = [e["msgid"] for e in MESSAGES if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in MESSAGES if "fuzzy" in e["flags"]]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    plurals = [e for e in MESSAGES if "msgid_plural" in e]
    assert all(sorted(e["msgstr"]) == [0, 1] for e in plurals)


def test_placeholders_are_kept():
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for e in MESSAGES:
        expected = sorted(placeholder.findall(e["msgid"]))
        for text in e["msgstr"].values():
            assert sorted(placeholder.findall(text)) == expected, e["msgid"]


# (c) the committed .mo is the compiled .po


def test_the_mo_file_matches_the_po_file():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in MESSAGES:
        if "msgid_plural" in e:
            got = [compiled.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            if got != [e["msgstr"][0], e["msgstr"][1]]:
                stale.append(e["msgid"])
        elif compiled.gettext(e["msgid"]) != e["msgstr"][0]:
            stale.append(e["msgid"])
    assert not stale, f"run compilemessages: {stale}"


def test_django_translates_every_msgid_in_english():
    with translation.override("en"):
        missing = [
            e["msgid"]
            for e in MESSAGES
            if "msgid_plural" not in e and translation.gettext(e["msgid"]) == e["msgid"]
        ]
        plural = next(e for e in MESSAGES if "msgid_plural" in e)
        assert (
            translation.ngettext(plural["msgid"], plural["msgid_plural"], 2)
            == (plural["msgstr"][1])
        )
    assert not missing, missing
