"""ITA frameworks as versioned data files: one YAML file per assessment year.

Each ``data/ita-<year>.yaml`` holds everything about a year: the three tools (IIT, EIT, OIT)
and their weights, the ten indicators, the OIT sub-indicators and items, and the result rules
(score bands, the pass threshold, the five-level rating). Nothing about a year lives in Python.

The file format (``schema: 1``)::

    schema: 1
    year: 2565                      # Buddhist-era assessment year; must match the file name
    provisional: false              # true when the year's list is not settled (2567+)
    title_th: ...                   # optional: title_en, notes, sources (list of URLs)
    tools:                          # exactly IIT, EIT and OIT; weights sum to 100
      - {code: IIT, name_th: ..., name_en: ..., weight: 30}
    indicators:                     # codes are text: quote them
      - {code: "1", tool: IIT, name_th: ..., name_en: ...}   # optional weight (default 1)
    sub_indicators:                 # OIT only; every OIT indicator needs at least one
      - {code: "9.1", indicator: "9", name_th: ..., name_en: ...}  # optional weight, assumed
    items:                          # OIT items; every sub-indicator needs at least one
      - {code: O1, sub_indicator: "9.1", name_th: ..., name_en: ...}
        # optional: group_th, evidence_year (current|previous), signed_by_head, uncertain, note
    result_rules:                   # all three parts optional
      bands:                        # highest first, contiguous from 100 down to 0 in 0.01 steps
        - {code: AA, min: 95.00, max: 100}
      pass: {threshold: 85, label_th: ผ่าน, label_en: pass, fail_label_th: ไม่ผ่าน,
             fail_label_en: fail}
      ratings:                      # first match wins; the last one must match everything
        - {code: excellent, label_th: ผ่านดีเยี่ยม, label_en: excellent pass,
           min_total: 95, min_each_tool: 95}

Roll-up rule (derived from published figures): an OIT item is passed or not; a
sub-indicator scores the percentage of its items passed; an indicator scores the mean of its
sub-indicators; a tool scores the mean of its indicators; the total is the weighted sum of the
tools. The ``weight`` of indicators and sub-indicators (default 1: equal weighting) exists
because equal weighting inside IIT and EIT is an assumption: NACC has not published it.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final, Literal, cast

from prongsai.ita._schema import (
    FrameworkError,
    Node,
    optional_flag,
    optional_text,
    parse_yaml,
    unique_codes,
)
from prongsai.ita.rules import Band, PassRule, RatingLevel, ResultRules, read_rules
from prongsai.thai.dates import is_fiscal_year

__all__ = [
    "TOOL_CODES",
    "Band",
    "EvidenceYear",
    "Framework",
    "FrameworkError",
    "Indicator",
    "Item",
    "PassRule",
    "RatingLevel",
    "ResultRules",
    "SubIndicator",
    "Tool",
    "ToolCode",
    "available_years",
    "load_framework",
    "load_framework_file",
    "parse_framework",
]

ToolCode = Literal["IIT", "EIT", "OIT"]
EvidenceYear = Literal["current", "previous"]
TOOL_CODES: Final[tuple[ToolCode, ...]] = ("IIT", "EIT", "OIT")
#: The tool whose indicators are scored from items (sub-indicators and items belong to it).
ITEM_TOOL: Final[ToolCode] = "OIT"
SCHEMA_VERSION: Final = 1
DATA_PACKAGE: Final = "prongsai.ita"
_FILE_NAME = re.compile(r"^ita-(\d{4})\.yaml$")
_ITEM_CODE = re.compile(r"^O[1-9]\d*$")


@dataclass(frozen=True)
class Tool:
    code: ToolCode
    name_th: str
    name_en: str
    weight: Decimal  # percent of the total score


@dataclass(frozen=True)
class Indicator:
    code: str
    name_th: str
    name_en: str
    tool: ToolCode
    weight: Decimal = Decimal(1)  # relative weight inside its tool


@dataclass(frozen=True)
class SubIndicator:
    code: str
    indicator: str
    name_th: str
    name_en: str
    weight: Decimal = Decimal(1)  # relative weight inside its indicator
    assumed: bool = False  # a stand-in: the real sub-indicators of the year are not known
    note: str = ""


@dataclass(frozen=True)
class Item:
    code: str
    name_th: str
    name_en: str
    sub_indicator: str
    group_th: str = ""
    evidence_year: EvidenceYear | None = None  # which fiscal year the evidence must cover
    signed_by_head: bool = False
    uncertain: bool = False
    note: str = ""


@dataclass(frozen=True)
class _Lookup:
    tools: Mapping[str, Tool]
    indicators: Mapping[str, Indicator]
    sub_indicators: Mapping[str, SubIndicator]
    items: Mapping[str, Item]


@dataclass(frozen=True)
class Framework:
    year: int
    provisional: bool
    source_file: str
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    sub_indicators: tuple[SubIndicator, ...]
    items: tuple[Item, ...]
    rules: ResultRules
    title_th: str = ""
    title_en: str = ""
    notes: str = ""
    sources: tuple[str, ...] = ()
    _lookup: _Lookup = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup = _Lookup(
            tools={t.code: t for t in self.tools},
            indicators={i.code: i for i in self.indicators},
            sub_indicators={s.code: s for s in self.sub_indicators},
            items={i.code: i for i in self.items},
        )
        object.__setattr__(self, "_lookup", lookup)

    def _missing(self, kind: str, code: str) -> KeyError:
        return KeyError(f"{kind} {code!r} is not in the {self.year} framework")

    def tool(self, code: str) -> Tool:
        if code not in self._lookup.tools:
            raise self._missing("tool", code)
        return self._lookup.tools[code]

    def indicator(self, code: str) -> Indicator:
        if code not in self._lookup.indicators:
            raise self._missing("indicator", code)
        return self._lookup.indicators[code]

    def sub_indicator(self, code: str) -> SubIndicator:
        if code not in self._lookup.sub_indicators:
            raise self._missing("sub-indicator", code)
        return self._lookup.sub_indicators[code]

    def item(self, code: str) -> Item:
        if code not in self._lookup.items:
            raise self._missing("item", code)
        return self._lookup.items[code]

    def has_indicator(self, code: str) -> bool:
        return code in self._lookup.indicators

    def has_item(self, code: str) -> bool:
        return code in self._lookup.items

    def indicators_of(self, tool: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.tool == tool)

    def sub_indicators_of(self, indicator: str) -> tuple[SubIndicator, ...]:
        return tuple(s for s in self.sub_indicators if s.indicator == indicator)

    def items_of(self, sub_indicator: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.sub_indicator == sub_indicator)

    def items_of_indicator(self, indicator: str) -> tuple[Item, ...]:
        subs = {s.code for s in self.sub_indicators_of(indicator)}
        return tuple(i for i in self.items if i.sub_indicator in subs)

    def indicator_of_item(self, item: str) -> Indicator:
        return self.indicator(self.sub_indicator(self.item(item).sub_indicator).indicator)

    def is_item_scored(self, indicator: str) -> bool:
        """True for indicators (9 and 10) that can be computed from OIT items."""
        return any(s.indicator == indicator for s in self.sub_indicators)


# -- loading --------------------------------------------------------------------------------


def data_dir() -> Traversable:
    """The package's ``data`` folder (framework, crosswalk and measure-type files)."""
    return importlib.resources.files(DATA_PACKAGE).joinpath("data")


def available_years() -> list[int]:
    """Years with a framework file shipped in the package, in order."""
    years = []
    for entry in data_dir().iterdir():
        match = _FILE_NAME.match(entry.name)
        if match and entry.is_file():
            years.append(int(match.group(1)))
    return sorted(years)


@functools.cache
def load_framework(year: int) -> Framework:
    """The shipped framework of ``year`` (cached; frameworks are immutable)."""
    name = f"ita-{year}.yaml"
    resource = data_dir().joinpath(name)
    if not resource.is_file():
        known = ", ".join(str(y) for y in available_years())
        raise FrameworkError(f"{name}: no framework for year {year} (available: {known})")
    return parse_framework(resource.read_text(encoding="utf-8"), name)


def load_framework_file(path: str | Path) -> Framework:
    """Load and validate a framework file from anywhere (e.g. a draft of next year's list)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkError(f"{path.name}: (file): cannot be read: {error}") from error
    return parse_framework(text, path.name)


def parse_framework(text: str, file: str) -> Framework:
    """Parse and validate framework YAML; ``file`` names the source in error messages."""
    root = parse_yaml(text, file)
    root.check_fields(
        required=(
            "schema",
            "year",
            "provisional",
            "tools",
            "indicators",
            "sub_indicators",
            "items",
        ),
        optional=("title_th", "title_en", "notes", "sources", "result_rules"),
    )
    schema = root.field("schema")
    if schema.integer() != SCHEMA_VERSION:
        schema.fail(f"unsupported schema version {schema.value} (this code reads {SCHEMA_VERSION})")
    year_node = root.field("year")
    year = year_node.integer()
    if not is_fiscal_year(year):
        year_node.fail(f"must be a Buddhist-era year such as 2565 (got {year})")
    name_match = _FILE_NAME.match(file)
    if name_match and int(name_match.group(1)) != year:
        year_node.fail(f"is {year} but the file name says {name_match.group(1)}")

    tools = _read_tools(root.field("tools"))
    indicators = _read_indicators(root.field("indicators"), tools)
    sub_indicators = _read_sub_indicators(root.field("sub_indicators"), indicators)
    items = _read_items(root.field("items"), sub_indicators)
    rules_node = root.optional("result_rules")
    sources_node = root.optional("sources")
    return Framework(
        year=year,
        provisional=root.field("provisional").boolean(),
        source_file=file,
        tools=tools,
        indicators=indicators,
        sub_indicators=sub_indicators,
        items=items,
        rules=ResultRules() if rules_node is None else read_rules(rules_node),
        title_th=optional_text(root, "title_th"),
        title_en=optional_text(root, "title_en"),
        notes=optional_text(root, "notes"),
        sources=()
        if sources_node is None
        else tuple(n.text() for n in sources_node.elements(allow_empty=True)),
    )


def _positive_weight(node: Node | None) -> Decimal:
    if node is None:
        return Decimal(1)
    weight = node.number()
    if weight <= 0:
        node.fail(f"must be greater than 0 (got {weight})")
    return weight


def _read_tools(node: Node) -> tuple[Tool, ...]:
    tools = []
    for element in node.elements():
        element.check_fields(required=("code", "name_th", "name_en", "weight"))
        weight = element.field("weight")
        tools.append(
            Tool(
                code=cast(ToolCode, element.field("code").choice(TOOL_CODES)),
                name_th=element.field("name_th").text(),
                name_en=element.field("name_en").text(),
                weight=weight.percent(),
            )
        )
    unique_codes(
        ((n.field("code"), t.code) for n, t in zip(node.elements(), tools, strict=True)), "tool"
    )
    missing = [code for code in TOOL_CODES if code not in {t.code for t in tools}]
    if missing:
        node.fail(f"tool {', '.join(missing)} is missing (IIT, EIT and OIT are all required)")
    total = sum((t.weight for t in tools), Decimal(0))
    if total != 100:
        node.fail(f"weights must sum to 100 (they sum to {total})")
    return tuple(tools)


def _read_indicators(node: Node, tools: tuple[Tool, ...]) -> tuple[Indicator, ...]:
    indicators = []
    elements = node.elements()
    for element in elements:
        element.check_fields(required=("code", "tool", "name_th", "name_en"), optional=("weight",))
        indicators.append(
            Indicator(
                code=element.field("code").text(),
                tool=cast(ToolCode, element.field("tool").choice(TOOL_CODES)),
                name_th=element.field("name_th").text(),
                name_en=element.field("name_en").text(),
                weight=_positive_weight(element.optional("weight")),
            )
        )
    unique_codes(
        ((n.field("code"), i.code) for n, i in zip(elements, indicators, strict=True)), "indicator"
    )
    for tool in tools:
        if not any(i.tool == tool.code for i in indicators):
            node.fail(f"tool {tool.code} has no indicator")
    return tuple(indicators)


def _read_sub_indicators(node: Node, indicators: tuple[Indicator, ...]) -> tuple[SubIndicator, ...]:
    by_code = {i.code: i for i in indicators}
    subs = []
    elements = node.elements()
    for element in elements:
        element.check_fields(
            required=("code", "indicator", "name_th", "name_en"),
            optional=("weight", "assumed", "note"),
        )
        indicator_node = element.field("indicator")
        indicator = indicator_node.text()
        if indicator not in by_code:
            indicator_node.fail(f"unknown indicator {indicator!r} (known: {', '.join(by_code)})")
        if by_code[indicator].tool != ITEM_TOOL:
            indicator_node.fail(
                f"indicator {indicator} belongs to {by_code[indicator].tool}; "
                f"only {ITEM_TOOL} indicators have sub-indicators"
            )
        subs.append(
            SubIndicator(
                code=element.field("code").text(),
                indicator=indicator,
                name_th=element.field("name_th").text(),
                name_en=element.field("name_en").text(),
                weight=_positive_weight(element.optional("weight")),
                assumed=optional_flag(element, "assumed"),
                note=optional_text(element, "note"),
            )
        )
    unique_codes(
        ((n.field("code"), s.code) for n, s in zip(elements, subs, strict=True)), "sub-indicator"
    )
    for parent in indicators:
        if parent.tool == ITEM_TOOL and not any(s.indicator == parent.code for s in subs):
            node.fail(f"{ITEM_TOOL} indicator {parent.code} has no sub-indicator")
    return tuple(subs)


def _read_items(node: Node, subs: tuple[SubIndicator, ...]) -> tuple[Item, ...]:
    known = {s.code for s in subs}
    items = []
    elements = node.elements()
    for element in elements:
        element.check_fields(
            required=("code", "sub_indicator", "name_th"),
            optional=(
                "name_en",
                "group_th",
                "evidence_year",
                "signed_by_head",
                "uncertain",
                "note",
            ),
        )
        code_node = element.field("code")
        code = code_node.text()
        if not _ITEM_CODE.match(code):
            code_node.fail(f"must look like O1, O2, ... (got {code!r})")
        sub_node = element.field("sub_indicator")
        sub = sub_node.text()
        if sub not in known:
            sub_node.fail(f"unknown sub-indicator {sub!r} (known: {', '.join(sorted(known))})")
        evidence = element.optional("evidence_year")
        items.append(
            Item(
                code=code,
                name_th=element.field("name_th").text(),
                name_en=optional_text(element, "name_en"),
                sub_indicator=sub,
                group_th=optional_text(element, "group_th"),
                evidence_year=None
                if evidence is None
                else cast(EvidenceYear, evidence.choice(("current", "previous"))),
                signed_by_head=optional_flag(element, "signed_by_head"),
                uncertain=optional_flag(element, "uncertain"),
                note=optional_text(element, "note"),
            )
        )
    unique_codes(
        ((n.field("code"), i.code) for n, i in zip(elements, items, strict=True)), "item code"
    )
    for sub_indicator in subs:
        if not any(i.sub_indicator == sub_indicator.code for i in items):
            node.fail(f"sub-indicator {sub_indicator.code} has no item")
    return tuple(items)
