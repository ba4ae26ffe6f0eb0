"""The 77 provinces with their two-letter letter codes (รหัสพยัญชนะประจำจังหวัด)."""

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Province:
    tis_code: int
    name_th: str
    name_en: str
    letter_code: str


@functools.cache
def load_provinces() -> tuple[Province, ...]:
    text = resources.files("prongsai.thai").joinpath("data/provinces.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return tuple(Province(int(r[0]), r[1], r[2], r[3]) for r in rows)


def province_by_code(letter_code: str) -> Province | None:
    return next((p for p in load_provinces() if p.letter_code == letter_code), None)


def province_by_name(name: str) -> Province | None:
    """Thai or English name; "จังหวัด" in front is allowed."""
    name = name.strip().removeprefix("จังหวัด").strip()
    return next((p for p in load_provinces() if name in (p.name_th, p.name_en)), None)


def province_by_tis_code(code: int) -> Province | None:
    """By the province's numeric code (TIS 1099, the same as DOPA's): 46 → Kalasin."""
    return next((p for p in load_provinces() if p.tis_code == code), None)
