"""Option types of the prongsai commands.

argparse calls them while it reads the command line, so a bad value stops the command with
the usage line and exit status 2 before anything is read or written, the same way for every
command.
"""

import argparse
import datetime as dt

from django.utils.translation import gettext as _

from prongsai.thai.dates import FISCAL_YEARS, is_fiscal_year
from prongsai.thai.provinces import province_by_name


def iso_date(text: str) -> dt.date:
    """A YYYY-MM-DD date (CE, as computers write it)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("วันที่ไม่ถูกต้อง %(value)r (ใช้ ปี ค.ศ.-เดือน-วัน เช่น 2022-03-31)") % {"value": text}
        ) from None


def fiscal_year(text: str) -> int:
    """A Buddhist-era fiscal year of thai.dates.FISCAL_YEARS."""
    try:
        year = int(text)
    except ValueError:
        year = None
    if year is None or not is_fiscal_year(year):
        raise argparse.ArgumentTypeError(
            _("ปีงบประมาณไม่ถูกต้อง %(value)r (ใช้ พ.ศ. %(first)s ถึง %(last)s)")
            % {"value": text, "first": FISCAL_YEARS[0], "last": FISCAL_YEARS[-1]}
        )
    return year


def province(text: str) -> str:
    """A Thai province name as the province list spells it ("" for none given)."""
    if text and province_by_name(text) is None:
        raise argparse.ArgumentTypeError(_("ไม่รู้จักจังหวัด %(value)r") % {"value": text})
    return text
