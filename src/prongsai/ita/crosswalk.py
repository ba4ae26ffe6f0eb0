"""Cross-year mapping of OIT items (``data/crosswalk.yaml``).

Item numbers change almost every year, so "the same evidence" is tied across years by a
*lineage*: a named group holding, per year, the item codes that carry it. 2565 O42 and O43 map
to 2566/2567 O42 and O43 and to 2569 O25 and O26; 2565 O10 and O18 merge into 2566 O11.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from prongsai.ita._schema import FrameworkError, Node, optional_flag, optional_text, parse_yaml
from prongsai.ita.framework import Framework, available_years, data_dir, load_framework

__all__ = ["Crosswalk", "Lineage", "load_crosswalk", "parse_crosswalk"]

CROSSWALK_FILE = "crosswalk.yaml"
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Lineage:
    key: str
    name_th: str
    name_en: str
    items: Mapping[int, tuple[str, ...]]  # year -> item codes of that year
    uncertain: bool = False
    note: str = ""

    def items_in(self, year: int) -> tuple[str, ...]:
        return self.items.get(year, ())


@dataclass(frozen=True)
class Crosswalk:
    lineages: tuple[Lineage, ...]
    _by_item: Mapping[tuple[int, str], Lineage] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_item = {(y, c): lin for lin in self.lineages for y, cs in lin.items.items() for c in cs}
        object.__setattr__(self, "_by_item", by_item)

    def lineage(self, key: str) -> Lineage:
        for lineage in self.lineages:
            if lineage.key == key:
                return lineage
        raise KeyError(f"no lineage {key!r} in the crosswalk")

    def has_lineage(self, key: str) -> bool:
        return any(lineage.key == key for lineage in self.lineages)

    def lineage_of(self, year: int, item: str) -> Lineage | None:
        return self._by_item.get((year, item))

    def counterparts(self, year: int, item: str, other_year: int) -> tuple[str, ...]:
        """Items of ``other_year`` that carry what ``item`` of ``year`` carried (may be empty)."""
        lineage = self.lineage_of(year, item)
        return () if lineage is None else lineage.items_in(other_year)


def parse_crosswalk(text: str, file: str, frameworks: Mapping[int, Framework]) -> Crosswalk:
    """Parse and validate; every (year, item) must exist in ``frameworks`` and appear once."""
    root = parse_yaml(text, file)
    root.check_fields(required=("schema", "lineages"))
    schema = root.field("schema")
    if schema.integer() != 1:
        schema.fail(f"unsupported schema version {schema.value} (this code reads 1)")
    lineages: list[Lineage] = []
    seen_keys: dict[str, str] = {}
    seen_items: dict[tuple[int, str], str] = {}
    for element in root.field("lineages").elements():
        element.check_fields(
            required=("key", "name_th", "name_en", "items"), optional=("uncertain", "note")
        )
        key_node = element.field("key")
        key = key_node.text()
        if not _KEY.match(key):
            key_node.fail(f"must be lower-case words joined by '-' (got {key!r})")
        if key in seen_keys:
            key_node.fail(f"duplicate lineage key {key} (first at {seen_keys[key]})")
        seen_keys[key] = key_node.path
        items: dict[int, tuple[str, ...]] = {}
        for year, codes_node in element.field("items").entries():
            checked = _year(year, codes_node, frameworks)
            items[checked] = _codes(codes_node, frameworks[checked], key, seen_items)
        if not items:
            element.field("items").fail("must name at least one year")
        lineages.append(
            Lineage(
                key=key,
                name_th=element.field("name_th").text(),
                name_en=element.field("name_en").text(),
                items=items,
                uncertain=optional_flag(element, "uncertain"),
                note=optional_text(element, "note"),
            )
        )
    return Crosswalk(tuple(lineages))


def _year(year: object, node: Node, frameworks: Mapping[int, Framework]) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        node.fail(f"the year must be a whole number such as 2565, not {year!r}")
    if year not in frameworks:
        node.fail(f"no framework for year {year} (known: {', '.join(map(str, frameworks))})")
    return year


def _codes(
    node: Node, framework: Framework, key: str, seen: dict[tuple[int, str], str]
) -> tuple[str, ...]:
    codes = []
    for code_node in node.elements():
        code = code_node.text()
        if not framework.has_item(code):
            code_node.fail(f"item {code} is not in the {framework.year} framework")
        if (framework.year, code) in seen:
            code_node.fail(
                f"item {code} of {framework.year} is already in lineage {seen[(framework.year, code)]}"
            )
        seen[(framework.year, code)] = key
        codes.append(code)
    return tuple(codes)


@functools.cache
def load_crosswalk() -> Crosswalk:
    """The shipped crosswalk, checked against the shipped frameworks (cached)."""
    resource = data_dir().joinpath(CROSSWALK_FILE)
    if not resource.is_file():  # a broken installation
        raise FrameworkError(f"{CROSSWALK_FILE}: (file): missing from the package")
    frameworks = {year: load_framework(year) for year in available_years()}
    return parse_crosswalk(resource.read_text(encoding="utf-8"), CROSSWALK_FILE, frameworks)
