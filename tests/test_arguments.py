"""Option types of the commands (prongsai.core.arguments): argparse refuses bad values."""

import argparse
import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from prongsai.core.arguments import fiscal_year, iso_date, province


def test_good_values():
    assert iso_date("2022-03-31") == dt.date(2022, 3, 31)
    assert fiscal_year("2565") == 2565
    assert province("กาฬสินธุ์") == "กาฬสินธุ์" and province("") == ""


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (iso_date, "31/03/2565", "วันที่ไม่ถูกต้อง"),
        (fiscal_year, "2022", "ปีงบประมาณไม่ถูกต้อง"),
        (fiscal_year, "2701", "ปีงบประมาณไม่ถูกต้อง"),
        (fiscal_year, "๒๕๖๕x", "ปีงบประมาณไม่ถูกต้อง"),
        (province, "Atlantis", "ไม่รู้จักจังหวัด"),
    ],
)
def test_bad_values(parse, text, message):
    with pytest.raises(argparse.ArgumentTypeError, match=message):
        parse(text)


@pytest.mark.parametrize(
    "command", ["export --agency ummao", "oit --agency ummao", "score x.csv", "import x.txt"]
)
def test_commands_refuse_a_ce_year(command):
    with pytest.raises(CommandError, match="--year: ปีงบประมาณไม่ถูกต้อง '2022'"):
        call_command(*command.split(), "--year", "2022")
