"""How many text exports of the fixture memos import exactly as their DOCX does.

    PYTHONPATH=src .venv/bin/python bench/bench_text_exports.py

For every text file under tests/data/text/ (LibreOffice's export, Word's "save as text"
shapes, the seed's tabbed shape) the import is compared with the import of the DOCX it was
made from: measure titles, steps, divisions, monitoring and statuses, and the codes of the
lint findings. Prints one line per file and the count that match.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "tests" / "data" / "text"


def setup() -> None:
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    os.environ.setdefault("PRONGSAI_VAR_DIR", tempfile.mkdtemp(prefix="prongsai-bench-"))
    import django

    django.setup()


def source_of(text: Path) -> Path:
    stem = text.name.split(".")[0]
    for folder in (TEXT, TEXT.parent):
        if (folder / f"{stem}.docx").exists():
            return folder / f"{stem}.docx"
    raise FileNotFoundError(stem)


def summary(path: Path) -> tuple[object, object]:
    from prongsai.imports.lint import lint_memo
    from prongsai.imports.mapping import recover
    from prongsai.imports.parse import parse_file

    memo = parse_file(path)
    result = recover(memo)
    measures = [
        (m.number, m.title, m.steps, m.divisions, m.monitoring, m.status) for m in result.measures
    ]
    return measures, sorted({f.code for f in lint_memo(memo)})


def main() -> int:
    setup()
    texts = sorted(TEXT.glob("*.txt"))
    same = 0
    for text in texts:
        expected = summary(source_of(text))
        try:
            got = summary(text)
        except Exception as exc:  # noqa: BLE001 - a failure is a result here
            verdict = f"fails: {exc}"
        else:
            if got == expected:
                verdict, same = "same", same + 1
            elif got[0] == expected[0]:
                verdict = f"same measures, lint {got[1]} != {expected[1]}"
            else:
                verdict = f"differs ({len(got[0])} measures read, {len(expected[0])} in the DOCX)"
        print(f"{text.name:45} {verdict}")
    print(f"{same} of {len(texts)} text exports import and lint as their DOCX does")
    flat_table_growth()
    return 0


def flat_table_growth() -> None:
    """A long untabbed table: its parse time at 20,000 rows against 2,000 (linear: ~10x)."""
    import statistics
    import time

    from prongsai.imports.parse import parse_file

    head = "บันทึกข้อความ\nเรื่อง มาตรการ\nมาตรการ\nขั้นตอนหรือวิธีการ\nผู้รับผิดชอบ\nการกำกับติดตาม\n"
    row = "(๑) เผยแพร่ข้อมูล\n- ปรับปรุงเว็บไซต์\nกองคลัง\nรายงานผลทุกไตรมาส\n"
    medians = {}
    for rows in (2_000, 20_000):
        data = (head + row * rows).encode()
        times = []
        for _ in range(3):
            started = time.perf_counter()
            parse_file(data, "memo.txt", max_bytes=20 << 20)
            times.append(time.perf_counter() - started)
        medians[rows] = statistics.median(times)
        print(f"flat table of {rows} rows: median {medians[rows] * 1000:.0f} ms over 3 runs")
    print(f"20,000 rows against 2,000: {medians[20_000] / medians[2_000]:.1f}x (linear: ~10x)")


if __name__ == "__main__":
    sys.exit(main())
