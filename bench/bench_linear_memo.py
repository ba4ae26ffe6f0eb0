"""Benchmark: does the memo renderer stay linear in its input?

    .venv/bin/python bench/bench_linear_memo.py [--repeat 3]

Each case is timed at a size of 1x and of 8x; the median of the runs is printed side by
side with the ratio 8x / 1x. Linear work gives about 8, quadratic about 64.

Cases:
- the memo model's text passes (digit localisation, which keeps links, e-mail addresses
  and OIT codes in Arabic digits) and the word breaker of the PDF, on hostile runs: letters,
  digits and dots without an "@" (a 40,000-character run took 10 s with the old pattern),
  a run of digits (newmm took minutes on 100,000), and on ordinary Thai prose;
- a whole memo built from the database and rendered as PDF and as DOCX, for an agency-year
  of 12 measures against one of 96 measures (each at the text limits' ordinary sizes).

The memo cases need a database: a temporary SQLite file with the demo loaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PROSE = (
    "เทศบาลตำบลจัดกิจกรรมส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงาน "
    "เผยแพร่ข้อมูลผ่านเว็บไซต์ www.example.go.th/ita และสื่อสังคมออนไลน์ ตามข้อ O31 "
    "จำนวน 12 ครั้ง ผู้เข้าร่วม 150 คน ติดต่อ ita@example.go.th "
)


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches (dictionaries, fonts, the Typst compiler)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def row(name: str, small: float, large: float, note: str = "") -> None:
    ratio = large / small if small else float("inf")
    print(f"{name:<44}{small:>10.1f}{large:>10.1f}{ratio:>8.1f}  {note}")


def text_cases(repeat: int) -> None:
    from prongsai.memos import wordbreak
    from prongsai.memos.model import localize_digits

    def text_tokens(text: str) -> object:
        # The renderer caches the tokens of each line it has seen; measure the work itself.
        wordbreak._line_tokens.cache_clear()
        return wordbreak.text_tokens(text)

    base = 5_000
    cases: list[tuple[str, Callable[[int], str], Callable[[str], object]]] = [
        ("localize: letters, digits, dots, no @", lambda n: "a1." * (n // 3), localize_digits),
        ("localize: Thai prose with links", lambda n: (PROSE * n)[:n], localize_digits),
        ("word breaks: a run of digits", lambda n: "1" * n, text_tokens),
        ("word breaks: Thai prose with links", lambda n: (PROSE * n)[:n], text_tokens),
    ]
    for name, make, work in cases:
        small_text, large_text = make(base), make(8 * base)
        small = timed(lambda t=small_text, w=work: w(t), repeat)
        large = timed(lambda t=large_text, w=work: w(t), repeat)
        row(name, small, large, f"({base:,} vs {8 * base:,} characters)")


def memo_cases(repeat: int) -> None:
    from _setup import django_with_demo

    django_with_demo()
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Agency
    from prongsai.measures.services import create_measure, report_status
    from prongsai.memos.service import render_memo

    agency = Agency.objects.get(slug="ummao")
    actor = get_user_model().objects.get(username="ummao-coordinator")
    divisions = list(agency.divisions.all())
    as_of = dt.date(2023, 3, 31)

    def fill(year: int, count: int) -> None:
        for number in range(1, count + 1):
            measure = create_measure(
                actor=actor,
                agency=agency,
                fiscal_year=year,
                title=f"มาตรการที่ {number} " + PROSE[:300],
                steps=[PROSE[:400], PROSE[:250], PROSE[:180]],
                divisions=divisions[: 1 + number % len(divisions)],
                monitoring="รายงานความก้าวหน้า ณ ๓๑ มีนาคม",
                number=number,
            )
            report_status(
                actor=actor,
                measure=measure,
                status=("not_started", "in_progress", "done")[number % 3],
                note=PROSE[:500],
                reported_on=dt.date(2023, 1, 15),
                links=["https://www.example.go.th/ita/o31"],
            )

    fill(2566, 12)
    fill(2567, 96)
    for fmt in ("pdf", "docx"):
        for kind in ("implementation", "measures"):
            small = timed(
                lambda f=fmt, k=kind: render_memo(agency, 2566, k, f, as_of=as_of), repeat
            )
            large = timed(
                lambda f=fmt, k=kind: render_memo(agency, 2567, k, f, as_of=as_of), repeat
            )
            row(f"memo {kind} {fmt.upper()}", small, large, "(12 vs 96 measures)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'case':<44}{'1x ms':>10}{'8x ms':>10}{'ratio':>8}")
    text_cases(args.repeat)
    memo_cases(args.repeat)


if __name__ == "__main__":
    main()
