"""Benchmark: import and lint of a 20-page DOCX memo (tests/data/long-20pages.docx).

    .venv/bin/python bench/bench_import.py [--repeat 20] [--cold 5]

Prints the median time of parse → recover (import, writing nothing) → lint:

* warm: in one process, after a warm-up (what the web server and a batch of files see);
* cold: a new Python process per run, imports and PyThaiNLP's dictionary included (what one
  `prongsai lint FILE` sees), measured inside the process from before the first prongsai
  import, and as the whole process's wall time;

and the ratios to the one-second budget and of cold to warm; the seed text (3 pages, with
misspellings, so PyThaiNLP's dictionary is loaded) for comparison. The 20 pages are
those of prongsai's own PDF renderer (metric-compatible TH Sarabun); LibreOffice with
Laksaman, 1.5 times wider, makes 24. No database is needed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LONG = DATA / "long-20pages.docx"
SEED = DATA / "seed-ummao-2565.txt"
BUDGET_MS = 1000.0

_ONE_RUN = """
import time
start = time.perf_counter()
from prongsai.imports.mapping import recover
from prongsai.imports.lint import lint_memo
from prongsai.imports.parse import parse_file
memo = parse_file({path!r})
result = recover(memo)
findings = lint_memo(memo)
print((time.perf_counter() - start) * 1000, len(result.measures), len(findings))
"""


def one(path: Path) -> tuple[int, int]:
    from prongsai.imports.lint import lint_memo
    from prongsai.imports.mapping import recover
    from prongsai.imports.parse import parse_file

    memo = parse_file(path)
    return len(recover(memo).measures), len(lint_memo(memo))


def warm_ms(path: Path, repeat: int) -> float:
    for _ in range(3):
        one(path)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        one(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_ms(path: Path, runs: int) -> tuple[float, float]:
    """(median in-process ms, median whole-process ms) over `runs` fresh interpreters."""
    inside, whole = [], []
    code = _ONE_RUN.format(path=str(path))
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout
        whole.append((time.perf_counter() - start) * 1000)
        inside.append(float(out.split()[0]))
    return statistics.median(inside), statistics.median(whole)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))

    measures, findings = one(LONG)
    print(f"{LONG.name}: {LONG.stat().st_size:,} bytes, {measures} measures, {findings} findings")
    long_warm = warm_ms(LONG, args.repeat)
    seed_warm = warm_ms(SEED, args.repeat)
    long_cold, long_process = cold_ms(LONG, args.cold)
    seed_cold, _ = cold_ms(SEED, args.cold)
    print(f"warm  parse+import+lint, median of {args.repeat}: {long_warm:8.1f} ms")
    print(f"cold  same, in a new process, median of {args.cold}:   {long_cold:8.1f} ms")
    print(f"cold  whole process (python start-up included):     {long_process:8.1f} ms")
    print(f"seed  text, 3 pages, warm:                           {seed_warm:8.1f} ms")
    print(f"seed  text, cold (misspellings load PyThaiNLP):      {seed_cold:8.1f} ms")
    print(f"ratio warm / budget {BUDGET_MS:.0f} ms:  {long_warm / BUDGET_MS:.3f}")
    print(f"ratio cold / budget {BUDGET_MS:.0f} ms:  {long_cold / BUDGET_MS:.3f}")
    print(f"ratio cold / warm (20-page DOCX):  {long_cold / long_warm:.0f}")


if __name__ == "__main__":
    main()
