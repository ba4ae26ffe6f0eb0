"""`prongsai oit`: the checklist as JSON, CSV or XLSX, read back."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("oit", *args, stdout=out)
    return out.getvalue()


def test_json(demo):
    data = json.loads(_run("--agency", "ummao", "--year", "2565", "--format", "json"))
    assert data["fiscal_year"] == 2565 and not data["provisional"]
    assert len(data["items"]) == 43 and data["progress"]["broken"] == 1
    o21 = next(i for i in data["items"] if i["code"] == "O21")
    assert o21["broken"] and not o21["has"] and o21["division"] == "กองคลัง"


def test_csv(demo):
    text = _run("--agency", "ummao", "--year", "2565", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["ข้อ", "รายการ", "มี/ไม่มี"] and len(rows) == 44
    assert {r[0]: r[2] for r in rows[1:]}["O1"] == "มี"


def test_xlsx_to_a_file(demo, tmp_path):
    target = tmp_path / "oit.xlsx"
    _run("--agency", "ummao", "--year", "2565", "--format", "xlsx", "--output", str(target))
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 44 and rows[1][0] == "O1"


def test_provisional_year_and_errors(demo):
    data = json.loads(_run("--agency", "ummao", "--year", "2568"))
    assert data["provisional"] and all(i["state"] == "not_started" for i in data["items"])
    with pytest.raises(CommandError):
        _run("--agency", "nobody", "--year", "2565")
    with pytest.raises(CommandError):
        _run("--agency", "ummao", "--year", "2600")
