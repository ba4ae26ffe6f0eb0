"""prongsai import FILE [--format json] [--save --agency SLUG --year N]."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from tests.pending_catalogue import refusal

from prongsai.measures.models import Measure, StatusUpdate

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "seed-ummao-2565.txt"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_prints_what_was_recovered_and_writes_nothing(db):
    out, _ = run(SEED, "--format", "json")
    data = json.loads(out)
    assert data["agency"] == "เทศบาลตำบลอุ่มเม่า"
    assert data["document_number"] == "สท 824๐๑/205"
    assert data["date"] == "2022-03-31" and data["fiscal_year"] == 2565
    assert [m["status"] for m in data["measures"]] == [
        "in_progress",
        "in_progress",
        "done",
        "done",
        "in_progress",
        "done",
    ]
    assert data["measures"][0]["divisions"] == ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา"]
    assert not Measure.objects.exists()


def test_text_output_of_a_docx(db):
    out, _ = run(DATA / "merged-nakhonratchasima.docx")
    assert "เทศบาลตำบลโพธิ์กลาง" in out and "(4) เสริมสร้างวัฒนธรรมองค์กร" in out


def test_save(demo):
    out, err = run(SEED, "--format", "json", "--save", "--agency", "ummao", "--year", "2566")
    assert err.splitlines() == [
        "คำเตือน: เอกสารเป็นของปีงบประมาณ 2565 แต่บันทึกเป็นปี 2566",
        "บันทึก 6 มาตรการของ เทศบาลตำบลอุ่มเม่า ปี 2566 แล้ว",
    ]
    assert Measure.objects.filter(agency=demo, fiscal_year=2566).count() == 6
    update = StatusUpdate.objects.filter(measure__fiscal_year=2566).first()
    assert update.created_by.username == "ummao-coordinator"
    assert json.loads(out)["fiscal_year"] == 2565


def test_save_as_a_given_actor(demo, executive):
    run(SEED, "--save", "--agency", "ummao", "--year", "2566", "--actor", "ummao-executive")
    assert StatusUpdate.objects.filter(measure__fiscal_year=2566, created_by=executive).count() == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--save"], "^--save ต้องมี --agency และ --year$"),
        (["--save", "--agency", "nowhere", "--year", "2566"], "^ไม่พบหน่วยงาน “nowhere”$"),
        (["--save", "--agency", "ummao", "--year", "2565"], "มีมาตรการของปีงบประมาณ 2565 แล้ว 6"),
        (
            ["--save", "--agency", "ummao", "--year", "2566", "--actor", "nobody"],
            "^ไม่พบผู้ใช้ “nobody”$",
        ),
    ],
)
def test_save_errors_write_nothing(demo, args, message):
    before = Measure.objects.count()
    with pytest.raises(CommandError, match=message):
        run(SEED, *args)
    assert Measure.objects.count() == before


def test_an_agency_without_coordinator_needs_an_actor(other_agency):
    found = refusal(
        CommandError, lambda: run(SEED, "--save", "--agency", "samruean", "--year", "2565")
    )
    assert found == (
        "หน่วยงานนี้ยังไม่มีผู้ประสานงาน ITA โปรดระบุ --actor",
        "the agency has no ITA coordinator; give --actor",
    )


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"", "empty.docx", "ไฟล์ว่างเปล่า"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old.doc", ".doc"),
        (b"PK\x03\x04" + b"\0" * 100, "memo.docx", "ZIP"),
        ("ข้อความธรรมดา ไม่ใช่บันทึก".encode("cp874"), "memo.txt", "ไม่พบส่วนหัวของบันทึกข้อความ"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(demo, tmp_path, content, name, reason):
    path = tmp_path / name
    path.write_bytes(content)
    before = Measure.objects.count()
    with pytest.raises(CommandError) as info:
        run(path, "--save", "--agency", "ummao", "--year", "2566")
    assert info.value.returncode == 2
    assert str(info.value).startswith("อ่านไฟล์ไม่ได้: ") and reason in str(info.value)
    assert Measure.objects.count() == before


def test_a_memo_without_measures_is_an_error(db, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("ส่วนราชการ สำนักปลัด เทศบาลตำบลอุ่มเม่า\nที่ กส ๗๓๖๐๑/๑\nเรื่อง ทดสอบ\n", "utf-8")
    with pytest.raises(CommandError, match="^ไม่พบตารางมาตรการหรือตารางสถานะในเอกสาร$"):
        run(path)
