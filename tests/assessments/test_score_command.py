"""`prongsai score --year N FILE --format json`: hand-made files across the 2564-2567 rules."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from tests.pending_catalogue import Refusal, in_english, refusal

from prongsai.ita.framework import load_framework


def write(tmp_path: Path, text: str, name: str = "scores.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def csv_of(rows: dict[str, str], header: bool = True) -> str:
    lines = ["code,value"] if header else []
    lines += [f"{code},{value}" for code, value in rows.items()]
    return "\n".join(lines) + "\n"


def run_json(path: Path, year: int) -> dict:
    out = io.StringIO()
    call_command("score", str(path), year=year, format="json", stdout=out)
    return json.loads(out.getvalue())


def run_error(path: Path, year: int = 2565) -> Refusal:
    """The message, in Thai (the default) and run again with English active."""

    def run() -> None:
        with pytest.raises(CommandError) as info:
            call_command("score", str(path), year=year, format="json", stdout=io.StringIO())
        assert info.value.returncode == 2
        raise info.value

    return refusal(CommandError, run)


def indicators(**scores: str) -> dict[str, str]:
    return {str(code): scores.get(f"i{code}", "90") for code in range(1, 11)}


def items(year: int, failed: tuple[str, ...] = ()) -> dict[str, str]:
    return {i.code: "0" if i.code in failed else "1" for i in load_framework(year).items}


# -- right totals, bands and ratings ---------------------------------------------------------


def test_82_48_from_indicator_scores_is_b_under_2565(tmp_path):
    path = write(tmp_path, csv_of({str(n): "82.48" for n in range(1, 11)}))
    data = run_json(path, 2565)
    assert data["total"] == 82.48
    assert data["tools"] == {"IIT": 82.48, "EIT": 82.48, "OIT": 82.48}
    assert data["band"] == "B"
    assert data["passed"] is False and data["pass_label_th"] == "ไม่ผ่าน"
    assert data["rating"] is None


def test_worked_example_of_2564_from_items(tmp_path):
    # Published figures: 9.1 eight of nine, 10.1 seven of eight, IIT 90, EIT 88 -> 91.71, A.
    rows = {str(n): "90" for n in range(1, 6)} | {str(n): "88" for n in range(6, 9)}
    rows |= items(2564, failed=("O9", "O38"))
    data = run_json(write(tmp_path, csv_of(rows)), 2564)
    assert data["indicators"]["9"] == 97.78
    assert data["indicators"]["10"] == 93.75
    assert data["tools"]["OIT"] == 95.76
    assert data["total"] == 91.71
    assert data["band"] == "A" and data["passed"] is True


def test_items_based_oit_under_2565_missing_o42_costs_5_points(tmp_path):
    rows = {str(n): "90" for n in range(1, 9)} | items(2565, failed=("O42",))
    data = run_json(write(tmp_path, csv_of(rows)), 2565)
    assert data["indicator_sources"]["10"] == "items"
    assert data["sub_indicators"]["10.2"] == 50.0
    assert data["indicators"]["10"] == 75.0
    assert data["tools"]["OIT"] == 87.5
    assert data["total"] == 89.0  # 95 with O42, minus 5
    assert data["band"] == "A"
    assert data["items"]["O42"] is False


@pytest.mark.parametrize(
    ("score", "passed", "label"), [("85", True, "ผ่าน"), ("84.99", False, "ไม่ผ่าน")]
)
def test_2566_pass_or_fail_without_band(tmp_path, score, passed, label):
    data = run_json(write(tmp_path, csv_of({str(n): score for n in range(1, 11)})), 2566)
    assert data["band"] is None and data["rating"] is None
    assert data["passed"] is passed and data["pass_label_th"] == label


def test_94_64_with_eit_below_85_is_a_plain_pass_under_2567(tmp_path):
    rows = {str(n): "100" for n in range(1, 6)} | {"6": "85.11", "7": "85.11", "8": "81.78"}
    rows |= {"9": "98.6", "10": "98.6"}
    data = run_json(write(tmp_path, csv_of(rows)), 2567)
    assert data["total"] == 94.64
    assert data["tools"]["EIT"] == 84.0
    assert data["passed"] is True
    assert data["rating"] == {"code": "pass", "label_th": "ผ่าน", "label_en": "pass"}
    assert data["band"] is None


@pytest.mark.parametrize(
    ("score", "code"),
    [("96", "excellent"), ("90", "good"), ("75", "improve"), ("60", "urgent")],
)
def test_2567_five_levels(tmp_path, score, code):
    data = run_json(write(tmp_path, csv_of({str(n): score for n in range(1, 11)})), 2567)
    assert data["rating"]["code"] == code


def test_2567_items_based_oit(tmp_path):
    base = {str(n): "96" for n in range(1, 9)}
    one = run_json(write(tmp_path, csv_of(base | items(2567, failed=("O42",)))), 2567)
    # 10.2 has five items in 2566/2567 (O39-O43): 80 -> indicator 10 = 90 -> OIT 95.
    assert one["indicators"]["10"] == 90.0 and one["tools"]["OIT"] == 95.0
    assert one["total"] == 95.6
    assert one["rating"]["label_th"] == "ผ่านดีเยี่ยม"
    two = run_json(
        write(tmp_path, csv_of(base | items(2567, failed=("O42", "O43"))), "two.csv"), 2567
    )
    assert two["tools"]["OIT"] == 90.0 and two["total"] == 93.6
    assert two["rating"]["label_th"] == "ผ่านดี"


def test_text_format(tmp_path):
    out = io.StringIO()
    path = write(tmp_path, csv_of({str(n): "82.48" for n in range(1, 11)}))
    call_command("score", str(path), year=2565, format="text", stdout=out)
    text = out.getvalue()
    assert "82.48" in text and "B" in text and "ไม่ผ่าน" in text
    assert "คะแนนรวม 82.48" in text and "total" not in text.lower()
    out = io.StringIO()
    with in_english():
        call_command("score", str(path), year=2565, format="text", stdout=out)
    english = out.getvalue()
    assert "Total score 82.48" in english and "Band B" in english
    assert "ไม่ผ่าน" not in english and "คะแนนรวม" not in english


# -- hand-made layouts ------------------------------------------------------------------------


def test_no_header_semicolons_thai_digits_and_words(tmp_path):
    rows = {str(n): "๙๐" for n in range(1, 9)} | {
        code: ("ผ่าน" if v == "1" else "ไม่ผ่าน") for code, v in items(2565, ("O42",)).items()
    }
    text = "\n".join(f"{c};{v}" for c, v in rows.items())
    data = run_json(write(tmp_path, text), 2565)
    assert data["total"] == 89.0


def test_windows_874_with_names_column_and_blank_rows(tmp_path):
    text = "รหัส,ค่า,ชื่อ\n" + "".join(f"{n},82.48,ตัวชี้วัด\n\n" for n in range(1, 11))
    text += "O1,,โครงสร้าง\n"  # a template row left blank is not an input
    data = run_json(write(tmp_path, text, encoding="cp874"), 2565)
    assert data["band"] == "B" and data["items"] == {}


def test_utf8_bom_and_xlsx(tmp_path):
    rows = {str(n): "82.48" for n in range(1, 11)}
    assert run_json(write(tmp_path, "\ufeff" + csv_of(rows)), 2565)["band"] == "B"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "value"])
    for code in range(1, 11):
        sheet.append([code, 82.48])
    path = tmp_path / "scores.xlsx"
    workbook.save(path)
    assert run_json(path, 2565)["total"] == 82.48


# -- malformed files exit 2 with a clear message ---------------------------------------------


def test_unknown_code(tmp_path):
    message = run_error(write(tmp_path, csv_of(indicators() | {"O44": "1"})))
    assert message.th.endswith("คำนวณคะแนนไม่ได้:\n  - รหัส O44 ไม่มีในกรอบการประเมินปี 2565")
    assert message.en.endswith("cannot be scored:\n  - code O44 is not in the 2565 framework")


@pytest.mark.parametrize(
    ("row", "th", "en"),
    [
        ("1,abc", "ไม่ใช่ตัวเลข", "not a number"),
        ("1,101", "ระหว่าง 0 ถึง 100", "between 0 and 100"),
        ("O1,2", "ต้องเป็น 1 (ผ่าน) หรือ 0", "must be 1 (passed) or 0"),
    ],
)
def test_bad_values(tmp_path, row, th, en):
    rest = {k: v for k, v in indicators().items() if k != row.split(",")[0]}
    message = run_error(write(tmp_path, csv_of(rest) + row + "\n"))
    assert th in message.th and en in message.en


def test_empty_file(tmp_path):
    message = run_error(write(tmp_path, ""))
    assert "ไฟล์ว่างเปล่า" in message.th and "empty" in message.en


def test_header_only_has_no_scores(tmp_path):
    message = run_error(write(tmp_path, "code,value\n"))
    assert "ไม่มีข้อมูลคะแนน" in message.th and "no scores" in message.en


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n1 0 obj\n",
        b"\xff\xfe\x00\x00garbage\x00",
    ],
)
def test_not_csv(tmp_path, content):
    path = tmp_path / "scores.csv"
    path.write_bytes(content)
    message = run_error(path)
    assert "CSV" in message.th and "CSV" in message.en


def test_a_list_of_codes_without_values_is_not_a_table(tmp_path):
    message = run_error(write(tmp_path, "O1\nO2\n"))
    assert "ตัวคั่น" in message.th and "separator" in message.en


def test_duplicate_code_names_both_rows(tmp_path):
    message = run_error(write(tmp_path, csv_of(indicators()) + "1,80\n"))
    assert "รหัส 1 ซ้ำ (แถวที่ 2 และ 12)" in message.th and "rows 2 and 12" in message.en


def test_incomplete_items(tmp_path):
    rows = {str(n): "90" for n in range(1, 10)} | {"O42": "1"}
    message = run_error(write(tmp_path, csv_of(rows)))
    assert "ตัวชี้วัด 10 คำนวณไม่ได้" in message.th and "O41, O43" in message.th
    assert "indicator 10 cannot be computed" in message.en and "O43 are missing" in message.en


def test_year_without_framework_and_missing_file(tmp_path):
    assert run_error(write(tmp_path, csv_of(indicators())), year=2563) == (
        "ไม่มีกรอบการประเมินปี 2563",
        "there is no 2563 framework",
    )
    missing = run_error(tmp_path / "nope.csv")
    assert "nope.csv: เปิดไฟล์ไม่ได้" in missing.th and "nope.csv: cannot open" in missing.en


def test_the_installed_command_exits_2_and_prints_json(tmp_path):
    env = {**os.environ, "DEBUG": "true", "PRONGSAI_VAR_DIR": str(tmp_path / "var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "prongsai.cli", "score", "--year", "2565"]
    good = write(tmp_path, csv_of({str(n): "82.48" for n in range(1, 11)}))
    done = subprocess.run([*command, str(good), "--format", "json"], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["band"] == "B"
    bad = write(tmp_path, "code,value\nO99,1\n", "bad.csv")
    done = subprocess.run([*command, str(bad), "--format", "json"], capture_output=True, env=env)
    assert done.returncode == 2
    assert "O99" in done.stderr.decode() and done.stdout == b""
