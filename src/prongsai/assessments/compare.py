"""Published figures against what the year's rules compute (pure Python, no Django).

An agency often has only what NACC published: a total and a band (to 2565) or a verdict
(ผ่าน/ไม่ผ่าน from 2566, a five-level rating from 2567). When it also enters indicator scores
or OIT items, the total computed from them may differ from the published one (rounding,
indicator weights NACC has not published, a typo). We never pick one silently: both are kept
and every disagreement is listed, in Thai and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from prongsai.ita.framework import Framework, ResultRules
from prongsai.ita.scoring import ScoreResult, classify, round2

__all__ = ["Discrepancy", "check_published", "rating_candidates", "verdict_labels"]


@dataclass(frozen=True)
class Discrepancy:
    field: str  # "total", "band" or "rating"
    entered: str
    computed: str
    th: str
    en: str


def verdict_labels(rules: ResultRules) -> tuple[str, ...]:
    """Labels a published verdict may take under the year's rules, best first."""
    labels: list[str] = [r.label_th for r in rules.ratings]
    if rules.pass_rule is not None:
        labels += [rules.pass_rule.label_th, rules.pass_rule.fail_label_th]
    return tuple(dict.fromkeys(labels))


def _verdict(rules: ResultRules, result: ScoreResult) -> str:
    """The verdict the rules give: the five-level rating when the year has one, else pass."""
    if result.rating is not None:
        return result.rating.label_th
    rule = rules.pass_rule
    if rule is None or result.passed is None:
        return ""
    return rule.label_th if result.passed else rule.fail_label_th


def rating_candidates(rules: ResultRules, total: Decimal) -> tuple[str, ...]:
    """Verdicts possible for ``total`` when the tool scores are not known.

    From the best level the total allows (if every tool met its minimum) down to the first
    level without a tool condition (whatever the tools were). Without ratings: pass or fail.
    """
    if rules.ratings:
        shown = round2(total)
        reachable = [r for r in rules.ratings if shown >= r.min_total]
        out = []
        for level in reachable:
            out.append(level.label_th)
            if level.min_each_tool is None:
                break
        return tuple(out)
    rule = rules.pass_rule
    if rule is None:
        return ()
    return (rule.label_th if round2(total) >= rule.threshold else rule.fail_label_th,)


def check_published(
    framework: Framework | None,
    result: ScoreResult | None,
    *,
    total: Decimal | None,
    band: str = "",
    rating: str = "",
) -> list[Discrepancy]:
    """Every way the published figures disagree with the rules of the year.

    With a computed ``result``: the published total, band and verdict against it. With
    published figures only: the band and verdict against what the published total implies.
    """
    if framework is None:
        return []
    year = framework.year
    rules = framework.rules
    out: list[Discrepancy] = []
    if result is not None:
        computed_total = round2(result.total)
        if total is not None and round2(total) != computed_total:
            out.append(
                Discrepancy(
                    "total",
                    f"{total:.2f}",
                    f"{computed_total:.2f}",
                    f"คะแนนรวมที่กรอก {total:.2f} ไม่ตรงกับคะแนนรวมที่คำนวณตามเกณฑ์ปี {year} "
                    f"({computed_total:.2f})",
                    f"the entered total {total:.2f} differs from {computed_total:.2f} computed "
                    f"under the {year} rules",
                )
            )
        computed_band = "" if result.band is None else result.band.code
        computed_verdict = _verdict(rules, result)
        basis_th, basis_en = f"คะแนนที่คำนวณได้ {computed_total:.2f}", f"computed {computed_total:.2f}"
        allowed_verdicts: tuple[str, ...] = (computed_verdict,) if computed_verdict else ()
    elif total is not None:
        shown = round2(total)
        classification = classify(rules, Fraction(shown), {})
        computed_band = "" if classification.band is None else classification.band.code
        allowed_verdicts = rating_candidates(rules, shown)
        computed_verdict = " / ".join(allowed_verdicts)
        basis_th, basis_en = f"คะแนนรวมที่กรอก {shown:.2f}", f"the entered total {shown:.2f}"
    else:
        return out
    if band and computed_band and band != computed_band:
        out.append(
            Discrepancy(
                "band",
                band,
                computed_band,
                f"ระดับที่กรอก {band} ไม่ตรงกับเกณฑ์ปี {year}: {basis_th} อยู่ในระดับ {computed_band}",
                f"the entered band {band} disagrees with the {year} rules: {basis_en} is band "
                f"{computed_band}",
            )
        )
    if rating and allowed_verdicts and rating not in allowed_verdicts:
        out.append(
            Discrepancy(
                "rating",
                rating,
                computed_verdict,
                f"ผลที่กรอก “{rating}” ไม่ตรงกับเกณฑ์ปี {year}: {basis_th} ได้ผล “{computed_verdict}”",
                f"the entered verdict “{rating}” disagrees with the {year} rules: {basis_en} "
                f"gives “{computed_verdict}”",
            )
        )
    return out
