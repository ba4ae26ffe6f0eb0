"""Server-rendered SVG charts of ITA scores (pure Python, no scripts, no styles).

Drawn for a phone first: the viewBox is 360 units wide, about the width the image gets on a
390 px phone (and in the side column of a wide screen), so a font size of 14 here shows at
about 14 px there; each label has its own lines above its bars, wrapped at spaces, so the
Thai names are never squeezed; the image scales to its container. Only SVG
presentation attributes are used (no <style>, no style=""), which the CSP allows, and every
text put in the document is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from unicodedata import category

__all__ = ["Bar", "bar_chart", "indicators_chart", "tools_chart"]

WIDTH = 360
PAD = 10
VALUE_COLUMN = 80  # room on the right for the value text ("2566 91.00")
BAR_LEFT = PAD
BAR_RIGHT = WIDTH - PAD - VALUE_COLUMN
FONT = "Sarabun, 'Noto Sans Thai', Tahoma, sans-serif"
INK, MUTED, GRID, LINE = "#1d2733", "#5b6776", "#e3e8ee", "#b00020"
PASS_FILL, BELOW_FILL = "#1e7b3a", "#b26a00"
# Oldest year lightest, newest darkest (colour-blind safe blues).
YEAR_FILLS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _x(value: float) -> float:
    return round(BAR_LEFT + (BAR_RIGHT - BAR_LEFT) * max(0.0, min(value, 100.0)) / 100, 1)


@dataclass(frozen=True)
class Bar:
    label: str  # shown above its bar(s)
    values: Sequence[tuple[str, float | None, str]]  # (series label, value, fill)


def text_width(text: str, size: float) -> float:
    """About how wide `text` is drawn at `size` (Thai vowel and tone marks take no room)."""
    units = sum(0 if category(c) == "Mn" else 0.3 if c == " " else 0.56 for c in text)
    return units * size


def wrap(text: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width`, broken at spaces (a longer word keeps its line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _text(x: float, y: float, text: str, *, size: int = 15, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{_e(v)}"' for k, v in attrs.items())
    return f'<text x="{x}" y="{y}" font-size="{size}"{extra}>{_e(text)}</text>'


def bar_chart(
    *,
    title: str,
    bars: Sequence[Bar],
    threshold: float = 85,
    legend: Sequence[tuple[str, str]] = (),
    empty_text: str = "ยังไม่มีผลการประเมินที่บันทึกไว้",
    note: str = "",
) -> str:
    """Horizontal bars on a 0-100 scale with the pass line at ``threshold``."""
    bar_height, bar_gap, label_height, group_gap = 16, 4, 20, 12
    parts: list[str] = []
    labels: list[str] = []  # drawn over the pass line, with a white halo to stay legible
    y = PAD - 4
    for line in wrap(title, 18, WIDTH - 2 * PAD):
        y += 22
        parts.append(_text(PAD, y, line, size=18, font_weight="bold", fill=INK))
    y += 10
    if legend:
        y += 18
        x = PAD
        for label, fill in legend:
            step = 18 + round(text_width(label, 14)) + 16
            if x > PAD and x + step > WIDTH - PAD:  # wrap to the next line
                x, y = PAD, y + 20
            parts.append(f'<rect x="{x}" y="{y - 12}" width="14" height="14" fill="{_e(fill)}"/>')
            parts.append(_text(x + 18, y, label, size=14, fill=INK))
            x += step
    y += 14
    top = y
    has_value = any(v is not None for bar in bars for _, v, _ in bar.values)
    if not bars or not has_value:
        y += 26
        parts.append(_text(PAD, y, empty_text, fill=MUTED))
        y += 12
    else:
        for bar in bars:
            for line in wrap(bar.label, 15, WIDTH - 2 * PAD):
                y += label_height
                labels.append(
                    _text(
                        PAD,
                        y - 6,
                        line,
                        fill=INK,
                        stroke="#ffffff",
                        stroke_width="4",
                        stroke_linejoin="round",
                        paint_order="stroke",
                    )
                )
            for series, value, fill in bar.values:
                if value is None:
                    parts.append(
                        _text(BAR_LEFT, y + bar_height - 3, "ไม่มีข้อมูล", size=13, fill=MUTED)
                    )
                else:
                    parts.append(
                        f'<rect x="{BAR_LEFT}" y="{y}" width="{round(_x(value) - BAR_LEFT, 1)}" '
                        f'height="{bar_height}" fill="{_e(fill)}"><title>{_e(series)}: '
                        f"{value:.2f}</title></rect>"
                    )
                    shown = f"{value:.2f}" if not series else f"{series} {value:.2f}"
                    parts.append(
                        _text(
                            WIDTH - PAD,
                            y + bar_height - 3,
                            shown,
                            size=13,
                            text_anchor="end",
                            fill=INK,
                        )
                    )
                y += bar_height + bar_gap
            y += group_gap
    bottom = y
    grid = [
        f'<line x1="{_x(v)}" y1="{top}" x2="{_x(v)}" y2="{bottom}" stroke="{GRID}" stroke-width="1"/>'
        for v in (0, 25, 50, 75, 100)
    ]
    ticks = [
        _text(_x(v), bottom + 16, f"{v}", size=13, text_anchor="middle", fill=MUTED)
        for v in (0, 25, 50, 75, 100)
    ]
    line_x = _x(threshold)
    pass_line = [
        f'<line id="threshold-line" data-threshold="{threshold:g}" x1="{line_x}" y1="{top - 4}" '
        f'x2="{line_x}" y2="{bottom}" stroke="{LINE}" stroke-width="2" stroke-dasharray="6 4"/>',
        _text(
            line_x,
            top - 6,
            f"{threshold:g}",
            size=13,
            text_anchor="middle",
            fill=LINE,
            font_weight="bold",
        ),
    ]
    height = bottom + 28
    for line in wrap(note, 13, WIDTH - 2 * PAD) if note else []:
        height += 18
        ticks.append(_text(PAD, height - 8, line, size=13, fill=MUTED))
    body = "".join(grid + parts + pass_line + labels + ticks)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="chart-title" font-family="{_e(FONT)}">'
        f'<title id="chart-title">{_e(title)}</title>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f"{body}</svg>\n"
    )


def tools_chart(
    *, year: int, tools: Mapping[str, float], total: float | None, threshold: float = 85
) -> str:
    """IIT, EIT and OIT scores (and the total) of one year against the pass line."""
    names = {
        "IIT": "IIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
        "EIT": "EIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        "OIT": "OIT การเปิดเผยข้อมูลสาธารณะ",
    }

    def fill(value: float | None) -> str:
        return PASS_FILL if value is not None and round(value, 2) >= threshold else BELOW_FILL

    bars = [
        Bar(names.get(code, code), [("", tools.get(code), fill(tools.get(code)))]) for code in names
    ]
    if total is not None:
        bars.append(Bar("คะแนนรวม", [("", total, fill(total))]))
    return bar_chart(
        title=f"คะแนนรายเครื่องมือ ITA {year}",
        bars=bars if tools or total is not None else [],
        threshold=threshold,
        empty_text=f"ยังไม่มีคะแนนรายเครื่องมือของปี {year}",
        note=f"เส้นประสีแดง = เกณฑ์ผ่าน {threshold:g} คะแนน",
    )


def indicators_chart(
    *,
    indicators: Sequence[tuple[str, str]],
    scores: Mapping[int, Mapping[str, float]],
    threshold: float = 85,
) -> str:
    """The ten indicator scores across the years in ``scores`` (oldest first)."""
    years = sorted(scores)[-len(YEAR_FILLS) :]  # the latest six at most
    fills = YEAR_FILLS[-len(years) :] if years else ()
    bars = [
        Bar(
            f"{code} {name}",
            [(f"{year}", scores[year].get(code), fill) for year, fill in zip(years, fills)],
        )
        for code, name in indicators
    ]
    return bar_chart(
        title="คะแนนรายตัวชี้วัดในแต่ละปี",
        bars=bars if years else [],
        threshold=threshold,
        legend=[(f"ITA {year}", fill) for year, fill in zip(years, fills)],
        note=f"เส้นประสีแดง = เกณฑ์ผ่าน {threshold:g} คะแนน",
    )
