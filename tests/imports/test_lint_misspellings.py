"""The curated misspellings, matched as whole words."""

import pytest

from prongsai.imports.misspellings import MISSPELLINGS, find_misspellings


def test_the_list_is_curated():
    assert len(MISSPELLINGS) >= 30
    for wrong, right in MISSPELLINGS.items():
        assert wrong != right and wrong and right
        assert right not in MISSPELLINGS, f"{right} is both right and wrong"


def test_every_source_is_cited():
    """Each pair's line in misspellings.py carries the source that lists the error."""
    from pathlib import Path

    import prongsai.imports.misspellings as module

    text = Path(module.__file__).read_text("utf-8")
    for wrong in MISSPELLINGS:
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(f'"{wrong}"'))
        assert "#" in line and line.split("#")[1].strip(), wrong


@pytest.mark.parametrize(("wrong", "right"), sorted(MISSPELLINGS.items()))
def test_each_wrong_form_is_found_in_a_sentence(wrong, right):
    (found,) = find_misspellings(f"เจ้าหน้าที่ได้ตรวจสอบ{wrong}ของหน่วยงานแล้ว")
    assert (found.wrong, found.correct) == (wrong, right)


@pytest.mark.parametrize("right", sorted(set(MISSPELLINGS.values())))
def test_correct_forms_do_not_fire(right):
    assert find_misspellings(f"เจ้าหน้าที่ได้ตรวจสอบ{right}ของหน่วยงานแล้ว") == []


@pytest.mark.parametrize(
    "text",
    [
        "งานสังสรรค์ประจำปีของพนักงาน",  # สังสรรค์ contains the wrong สังสรร
        "ขออนุญาตใช้ห้องประชุม",
        "ส่งทางอีเมลของหน่วยงาน",
        "การปฏิบัติงานตามกฎหมาย",
    ],
)
def test_a_correct_word_containing_a_wrong_form_does_not_fire(text):
    assert find_misspellings(text) == []


def test_positions_point_at_the_word():
    text = "ควรใช้เว็ปไซด์ของหน่วยงาน และไม่เลือกปฎิบัติ"
    found = find_misspellings(text)
    assert [text[m.start : m.end] for m in found] == ["เว็ปไซด์", "ปฎิบัติ"]
