"""prongsai lint FILE: JSON findings, exit 0 clean / 1 findings / 2 unreadable."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from tests.pending_catalogue import in_english

DATA = Path(__file__).resolve().parent.parent / "data"


def run(*args):
    out = StringIO()
    try:
        call_command("lint", *map(str, args), stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_the_seed_has_findings():
    code, out = run(DATA / "seed-ummao-2565.txt", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"findings"}
    finding = report["findings"][0]
    assert set(finding) >= {"code", "message", "excerpt", "where"}
    assert {"mixed_digits", "province_code", "foreign_agency", "year_mismatch", "misspelling"} <= {
        f["code"] for f in report["findings"]
    }


def test_a_clean_memo_exits_0():
    code, out = run(DATA / "clean-khonkaen.docx", "--format", "json")
    assert (code, json.loads(out)) == (0, {"findings": []})
    code, out = run(DATA / "clean-khonkaen.docx")
    assert code == 0 and out.strip() == "ไม่พบข้อผิดพลาด"


def test_text_output():
    code, out = run(DATA / "planted-errors-chiangmai.docx")
    assert code == 1
    assert "province_code\tที่\t" in out and "ลำพูน" in out and "Lamphun" not in out
    with in_english():
        code, english = run(DATA / "planted-errors-chiangmai.docx")
    assert "province_code\tที่\t" in english and "Lamphun" in english
    assert english.splitlines()[-1].endswith(" findings")


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"", "empty.txt", "ไฟล์ว่างเปล่า"),
        (b"%PDF-1.4", "memo.pdf", "PDF"),
        (b"PK\x03\x04garbage", "memo.docx", "ZIP"),
        (b"hello", "memo.docx", "ไม่ใช่ไฟล์ DOCX"),
    ],
)
def test_unreadable_files_exit_2_with_the_reason(tmp_path, content, name, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as info:
        run(path)
    assert info.value.returncode == 2
    assert str(info.value).startswith("อ่านไฟล์ไม่ได้: ") and reason in str(info.value)


def test_missing_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as info:
        run(tmp_path / "nothing.docx")
    assert info.value.returncode == 2


def test_province_and_agency_options(tmp_path):
    text = (DATA / "seed-ummao-2565.txt").read_text("utf-8")
    # Without the sentence that names the agency with its province, the province is unknown ...
    path = tmp_path / "memo.txt"
    path.write_text(text.replace("จังหวัดกาฬสินธุ์", ""), "utf-8")
    code, out = run(path, "--format", "json")
    assert "province_code" not in {f["code"] for f in json.loads(out)["findings"]}
    # ... and an option gives it.
    code, out = run(path, "--format", "json", "--province", "กาฬสินธุ์")
    assert "province_code" in {f["code"] for f in json.loads(out)["findings"]}
    with pytest.raises(CommandError, match="--province: ไม่รู้จักจังหวัด 'Atlantis'"):
        run(path, "--province", "Atlantis")


def test_agency_slug_gives_name_and_province(demo, tmp_path):
    path = tmp_path / "memo.txt"
    text = (DATA / "seed-ummao-2565.txt").read_text("utf-8").replace("จังหวัดกาฬสินธุ์", "")
    path.write_text(text, "utf-8")
    code, out = run(path, "--format", "json", "--agency", "ummao")
    assert "province_code" in {f["code"] for f in json.loads(out)["findings"]}
    with pytest.raises(CommandError, match="^ไม่พบหน่วยงาน “nowhere”$"):
        run(path, "--agency", "nowhere")
