"""The built-in library of measure types (``data/measure-types.yaml``).

A measure type (มาตรการป้องกันการรับสินบน, มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง, ...) carries a
Thai title, suggested steps and a suggested responsible division, and is tied to IIT/EIT
indicators directly and to OIT items through crosswalk lineages, so that it maps to the right
items in every year's framework.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from prongsai.ita._schema import FrameworkError, Node, optional_text, parse_yaml
from prongsai.ita.crosswalk import Crosswalk, load_crosswalk
from prongsai.ita.framework import Framework, available_years, data_dir, load_framework

__all__ = ["MeasureLibrary", "MeasureType", "load_measure_types", "parse_measure_types"]

MEASURE_TYPES_FILE = "measure-types.yaml"
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class MeasureType:
    key: str
    title_th: str
    title_en: str
    responsible_division_th: str
    steps_th: tuple[str, ...]
    indicators: tuple[str, ...]  # indicators addressed directly (IIT/EIT)
    lineages: tuple[str, ...]  # crosswalk lineage keys: the OIT items addressed
    note: str = ""

    def items_in(self, framework: Framework, crosswalk: Crosswalk) -> tuple[str, ...]:
        """OIT item codes of ``framework``'s year that this measure type addresses."""
        codes = {
            c for key in self.lineages for c in crosswalk.lineage(key).items_in(framework.year)
        }
        return tuple(i.code for i in framework.items if i.code in codes)

    def indicators_in(self, framework: Framework, crosswalk: Crosswalk) -> tuple[str, ...]:
        """Indicators addressed in that year: the direct ones plus those of its items."""
        codes = set(self.indicators) | {
            framework.indicator_of_item(item).code for item in self.items_in(framework, crosswalk)
        }
        return tuple(i.code for i in framework.indicators if i.code in codes)


@dataclass(frozen=True)
class MeasureLibrary:
    measure_types: tuple[MeasureType, ...]

    def get(self, key: str) -> MeasureType:
        for measure_type in self.measure_types:
            if measure_type.key == key:
                return measure_type
        raise KeyError(f"no measure type {key!r} in the library")


def parse_measure_types(
    text: str, file: str, crosswalk: Crosswalk, frameworks: Mapping[int, Framework]
) -> MeasureLibrary:
    """Parse and validate: lineage keys must be in ``crosswalk``, indicators in every framework."""
    root = parse_yaml(text, file)
    root.check_fields(required=("schema", "measure_types"))
    schema = root.field("schema")
    if schema.integer() != 1:
        schema.fail(f"unsupported schema version {schema.value} (this code reads 1)")
    types: list[MeasureType] = []
    seen: dict[str, str] = {}
    for element in root.field("measure_types").elements():
        element.check_fields(
            required=(
                "key",
                "title_th",
                "title_en",
                "responsible_division_th",
                "steps_th",
                "indicators",
                "lineages",
            ),
            optional=("note",),
        )
        key_node = element.field("key")
        key = key_node.text()
        if not _KEY.match(key):
            key_node.fail(f"must be lower-case words joined by '-' (got {key!r})")
        if key in seen:
            key_node.fail(f"duplicate measure type {key} (first at {seen[key]})")
        seen[key] = key_node.path
        indicators = tuple(
            _indicator(n, frameworks)
            for n in element.field("indicators").elements(allow_empty=True)
        )
        lineages = tuple(
            _lineage(n, crosswalk) for n in element.field("lineages").elements(allow_empty=True)
        )
        if not indicators and not lineages:
            element.fail("must name at least one indicator or lineage")
        types.append(
            MeasureType(
                key=key,
                title_th=element.field("title_th").text(),
                title_en=element.field("title_en").text(),
                responsible_division_th=element.field("responsible_division_th").text(),
                steps_th=tuple(n.text() for n in element.field("steps_th").elements()),
                indicators=indicators,
                lineages=lineages,
                note=optional_text(element, "note"),
            )
        )
    return MeasureLibrary(tuple(types))


def _indicator(node: Node, frameworks: Mapping[int, Framework]) -> str:
    code = node.text()
    for year, framework in frameworks.items():
        if not framework.has_indicator(code):
            node.fail(f"indicator {code} is not in the {year} framework")
    return code


def _lineage(node: Node, crosswalk: Crosswalk) -> str:
    key = node.text()
    if not crosswalk.has_lineage(key):
        node.fail(f"unknown lineage {key!r} (see crosswalk.yaml)")
    return key


@functools.cache
def load_measure_types() -> MeasureLibrary:
    """The shipped library, checked against the crosswalk and the frameworks (cached)."""
    resource = data_dir().joinpath(MEASURE_TYPES_FILE)
    if not resource.is_file():  # a broken installation
        raise FrameworkError(f"{MEASURE_TYPES_FILE}: (file): missing from the package")
    frameworks = {year: load_framework(year) for year in available_years()}
    return parse_measure_types(
        resource.read_text(encoding="utf-8"), MEASURE_TYPES_FILE, load_crosswalk(), frameworks
    )
