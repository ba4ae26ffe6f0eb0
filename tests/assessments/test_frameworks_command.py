"""`prongsai frameworks list|check|show`: the shipped files load; a malformed one is named."""

import io

import pytest
from django.core.management import CommandError, call_command
from tests.pending_catalogue import in_english

from prongsai.ita.framework import data_dir


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("frameworks", *args, stdout=out)
    return out.getvalue()


def fail(*args: str) -> str:
    with pytest.raises(CommandError) as info:
        call_command("frameworks", *args, stdout=io.StringIO())
    assert info.value.returncode == 1
    return str(info.value)


def shipped(name: str) -> str:
    return data_dir().joinpath(name).read_text(encoding="utf-8")


def test_list_loads_every_shipped_file_and_shows_counts_and_flags():
    text = run("list")
    lines = {line.split()[0]: line for line in text.splitlines() if line[:4].isdigit()}
    assert set(lines) >= {"2564", "2565", "2566", "2567", "2568", "2569"}
    assert lines["2565"].split()[1] == "43" and "settled" in lines["2565"]
    assert "provisional" in lines["2567"]
    assert "bands AA/A/B/C/D/E/F" in lines["2565"]
    assert "5 ratings" in lines["2567"]
    count = len(lines)
    summary = f"{count} กรอบการประเมิน ตรวจแล้วถูกต้อง พร้อม crosswalk.yaml และ measure-types.yaml"
    assert text.splitlines()[-1] == summary
    with in_english():
        english = run("list")
    assert english.splitlines()[-1] == (
        f"{count} frameworks loaded and valid, with crosswalk.yaml and measure-types.yaml"
    )


def test_check_without_files_checks_the_shipped_ones():
    assert run("check").startswith("OK:")


def test_check_a_good_copy(tmp_path):
    path = tmp_path / "ita-2565.yaml"
    path.write_text(shipped("ita-2565.yaml"), encoding="utf-8")
    assert "OK: ita-2565.yaml: ITA 2565, 43 items" in run("check", str(path))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "- {code: IIT, weight: 30",
            "- {code: XIT, weight: 30",
            "ita-2565.yaml: tools[0].code: must be one of IIT, EIT, OIT (got text 'XIT')",
        ),
        (
            'sub_indicator: "10.2", group_th',
            'sub_indicator: "10.9", group_th',
            "ita-2565.yaml: items[41].sub_indicator: unknown sub-indicator '10.9'",
        ),
        ("year: 2565", "year: 2566", "ita-2565.yaml: year: is 2566 but the file name says 2565"),
        ("provisional: false", "provisional: maybe", "ita-2565.yaml: provisional: must be true"),
    ],
)
def test_check_names_file_field_and_problem(tmp_path, old, new, expected):
    text = shipped("ita-2565.yaml")
    assert old in text
    path = tmp_path / "ita-2565.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert expected in fail("check", str(path))


def test_check_bad_yaml_syntax_names_the_line(tmp_path):
    path = tmp_path / "ita-2570.yaml"
    path.write_text("schema: 1\nyear: [2570\n", encoding="utf-8")
    assert fail("check", str(path)).startswith("ita-2570.yaml: line ")


def test_check_unreadable_file(tmp_path):
    assert "ita-2571.yaml: (file): cannot be read" in fail("check", str(tmp_path / "ita-2571.yaml"))


def test_check_crosswalk_and_measure_types(tmp_path):
    for name in ("crosswalk.yaml", "measure-types.yaml"):
        (tmp_path / name).write_text(shipped(name), encoding="utf-8")
    assert "lineages" in run("check", str(tmp_path / "crosswalk.yaml"))
    assert "measure types" in run("check", str(tmp_path / "measure-types.yaml"))
    broken = shipped("measure-types.yaml").replace(
        "lineages: [integrity-measures,", "lineages: [no-such-lineage,", 1
    )
    (tmp_path / "measure-types.yaml").write_text(broken, encoding="utf-8")
    message = fail("check", str(tmp_path / "measure-types.yaml"))
    assert message.startswith("measure-types.yaml: measure_types[0].lineages[0]: unknown lineage")


def test_show_lists_codes_with_thai_names():
    text = run("show", "2565")
    assert "O42  มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in text
    assert "10.2" in text
    assert "2563" in fail("show", "2563")
