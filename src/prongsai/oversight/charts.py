"""SVG charts of the oversight pages (no scripts, no styles; every text escaped), drawn into
the page: the distribution of ITA totals per province or district, and the measures done by
month of the fiscal year."""

from collections.abc import Sequence
from html import escape

from prongsai.oversight.selectors import BIN_EDGES, MonthProgress, Row
from prongsai.thai.dates import THAI_MONTHS_ABBR

WIDTH = 360
LABEL_WIDTH = 110
FONT = "Sarabun, 'Noto Sans Thai', Tahoma, sans-serif"
INK, MUTED = "#1d2733", "#5b6776"
# One fill per bin, lowest first: below the pass mark warm, from it on green.
BELOW = ("#7f2704", "#a63603", "#d94801", "#f16913", "#fd8d3c", "#fdae6b", "#fdd0a2", "#fee6ce")
PASSING = ("#a1d99b", "#41ab5d", "#006d2c")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _svg(height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{_e(title)}" font-family="{_e(FONT)}" class="chart">'
        f"<title>{_e(title)}</title>{''.join(body)}</svg>"
    )


def bin_labels() -> list[str]:
    edges = (0, *BIN_EDGES, 100)
    return [f"{edges[i]}–{edges[i + 1]}" for i in range(len(edges) - 1)]


def _fills(threshold: float | None) -> list[str]:
    lows = [e for e in (0, *BIN_EDGES) if threshold is None or e < threshold]
    below = list(BELOW[-len(lows) :]) if lows else []
    return (below + list(PASSING))[: len(BIN_EDGES) + 1]


def distribution_chart(
    rows: Sequence[Row], *, title: str, threshold: float | None, empty_text: str
) -> str:
    """A bar per row, as long as the whole width, split by how many of its ITA totals fall in
    each bin (0-50, 50-55, … 95-100); the count of results at its end."""
    shown = [r for r in rows if r.ita_entered]
    if not shown:
        return _svg(
            40, title, [f'<text x="0" y="24" font-size="14" fill="{MUTED}">{_e(empty_text)}</text>']
        )
    fills = _fills(threshold)
    bar, gap = 16, 6
    body: list[str] = []
    y = 4
    for row in shown:
        body.append(
            f'<text x="0" y="{y + 12}" font-size="12" fill="{INK}">{_e(row.name[:18])}</text>'
        )
        x = float(LABEL_WIDTH)
        span = WIDTH - LABEL_WIDTH - 30
        for count, fill in zip(row.bins, fills, strict=False):
            if count:
                w = round(span * count / row.ita_entered, 1)
                body.append(f'<rect x="{x}" y="{y}" width="{w}" height="{bar}" fill="{fill}"/>')
                x += w
        body.append(
            f'<text x="{WIDTH - 26}" y="{y + 12}" font-size="12" fill="{MUTED}">'
            f"{row.ita_entered}</text>"
        )
        y += bar + gap
    legend_y = y + 10
    for i, (label, fill) in enumerate(zip(bin_labels(), fills, strict=False)):
        lx, ly = (i % 4) * 90, legend_y + (i // 4) * 18
        body.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{fill}"/>')
        body.append(
            f'<text x="{lx + 16}" y="{ly + 11}" font-size="11" fill="{INK}">{_e(label)}</text>'
        )
    height = legend_y + ((len(fills) + 3) // 4) * 18 + 4
    return _svg(height, title, body)


def month_chart(progress: Sequence[MonthProgress], *, title: str, empty_text: str) -> str:
    """A column per month: the share of the year's measures done by its end."""
    total = progress[0].total if progress else 0
    if not total:
        return _svg(
            40, title, [f'<text x="0" y="24" font-size="14" fill="{MUTED}">{_e(empty_text)}</text>']
        )
    top, plot = 16, 140
    step = WIDTH / len(progress)
    body = [f'<line x1="0" y1="{top + plot}" x2="{WIDTH}" y2="{top + plot}" stroke="{MUTED}"/>']
    for i, month in enumerate(progress):
        share = month.done / total
        h = round(plot * share, 1)
        x = round(i * step + 3, 1)
        body.append(
            f'<rect x="{x}" y="{top + plot - h}" width="{round(step - 6, 1)}" height="{h}" '
            f'fill="#3182bd"><title>{_e(month.done)}/{_e(total)}</title></rect>'
        )
        body.append(
            f'<text x="{x}" y="{top + plot - h - 3}" font-size="10" fill="{INK}">'
            f"{round(share * 100)}%</text>"
        )
        body.append(
            f'<text x="{x}" y="{top + plot + 14}" font-size="10" fill="{MUTED}">'
            f"{_e(THAI_MONTHS_ABBR[month.month.month - 1])}</text>"
        )
    return _svg(top + plot + 22, title, body)
