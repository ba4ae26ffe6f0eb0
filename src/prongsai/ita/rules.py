"""Result rules of an assessment year: score bands, the pass threshold, the five-level rating.

They are data (the ``result_rules`` part of ``ita-<year>.yaml``): bands AA-F up to 2565, pass at
85, and from 2567 a rating whose upper levels also require every tool to reach a minimum.
Classification compares values rounded to 2 decimals (see :func:`prongsai.ita.scoring.classify`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from prongsai.ita._schema import Node, unique_codes

__all__ = ["Band", "PassRule", "RatingLevel", "ResultRules", "read_rules"]

_STEP: Final = Decimal("0.01")


@dataclass(frozen=True)
class Band:
    code: str
    minimum: Decimal  # inclusive, on the total rounded to 2 decimals
    maximum: Decimal  # inclusive


@dataclass(frozen=True)
class PassRule:
    threshold: Decimal  # pass when the total rounded to 2 decimals is at least this
    label_th: str
    label_en: str
    fail_label_th: str
    fail_label_en: str


@dataclass(frozen=True)
class RatingLevel:
    code: str
    label_th: str
    label_en: str
    min_total: Decimal
    min_each_tool: Decimal | None = None  # every tool score must reach this too


@dataclass(frozen=True)
class ResultRules:
    bands: tuple[Band, ...] = ()
    pass_rule: PassRule | None = None
    ratings: tuple[RatingLevel, ...] = ()


def read_rules(node: Node) -> ResultRules:
    node.check_fields(required=(), optional=("bands", "pass", "ratings"))
    bands_node = node.optional("bands")
    pass_node = node.optional("pass")
    ratings_node = node.optional("ratings")
    return ResultRules(
        bands=() if bands_node is None else _read_bands(bands_node),
        pass_rule=None if pass_node is None else _read_pass(pass_node),
        ratings=() if ratings_node is None else _read_ratings(ratings_node),
    )


def _read_bands(node: Node) -> tuple[Band, ...]:
    bands = []
    elements = node.elements()
    for element in elements:
        element.check_fields(required=("code", "min", "max"))
        band = Band(
            code=element.field("code").text(),
            minimum=element.field("min").percent(),
            maximum=element.field("max").percent(),
        )
        if band.minimum > band.maximum:
            element.fail(f"min {band.minimum} is above max {band.maximum}")
        bands.append(band)
    unique_codes(((n.field("code"), b.code) for n, b in zip(elements, bands, strict=True)), "band")
    # Bands are compared on totals rounded to 2 decimals, so they must tile 0-100 in 0.01 steps.
    if bands[0].maximum != 100:
        elements[0].field("max").fail(
            f"the first (highest) band must end at 100, not {bands[0].maximum}"
        )
    for i in range(1, len(bands)):
        if bands[i].maximum != bands[i - 1].minimum - _STEP:
            elements[i].field("max").fail(
                f"must be {bands[i - 1].minimum - _STEP} (0.01 below the min of "
                f"band {bands[i - 1].code}) so that bands leave no gap and do not overlap"
            )
    if bands[-1].minimum != 0:
        elements[-1].field("min").fail(
            f"the last (lowest) band must start at 0, not {bands[-1].minimum}"
        )
    return tuple(bands)


def _read_pass(node: Node) -> PassRule:
    node.check_fields(
        required=("threshold", "label_th", "label_en", "fail_label_th", "fail_label_en")
    )
    return PassRule(
        threshold=node.field("threshold").percent(),
        label_th=node.field("label_th").text(),
        label_en=node.field("label_en").text(),
        fail_label_th=node.field("fail_label_th").text(),
        fail_label_en=node.field("fail_label_en").text(),
    )


def _read_ratings(node: Node) -> tuple[RatingLevel, ...]:
    levels = []
    elements = node.elements()
    for element in elements:
        element.check_fields(
            required=("code", "label_th", "label_en", "min_total"), optional=("min_each_tool",)
        )
        each = element.optional("min_each_tool")
        levels.append(
            RatingLevel(
                code=element.field("code").text(),
                label_th=element.field("label_th").text(),
                label_en=element.field("label_en").text(),
                min_total=element.field("min_total").percent(),
                min_each_tool=None if each is None else each.percent(),
            )
        )
    unique_codes(
        ((n.field("code"), r.code) for n, r in zip(elements, levels, strict=True)), "rating"
    )
    for i in range(1, len(levels)):
        if levels[i].min_total > levels[i - 1].min_total:
            elements[i].field("min_total").fail(
                f"ratings are tried in order, highest first: {levels[i].min_total} is above "
                f"the min_total of {levels[i - 1].code} ({levels[i - 1].min_total})"
            )
    last = levels[-1]
    if last.min_total != 0 or last.min_each_tool is not None:
        elements[-1].fail(
            "the last rating must match every result: min_total 0 and no min_each_tool"
        )
    return tuple(levels)
