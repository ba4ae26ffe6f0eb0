"""Benchmark: rendering the demo agency's implementation memo (PDF and DOCX).

    .venv/bin/python bench/bench_render.py [--repeat 30] [--lo-repeat 5]

Sets up a throw-away SQLite database with the demo agency, then prints the median
in-process time of render_pdf (two Typst passes incl. the catchword pass) and render_docx,
with and without building the memo from the database, and — where LibreOffice is
installed — the median time of `soffice --headless --convert-to pdf` on the same DOCX
and the ratio LibreOffice / Typst. Last, the line ends of the demo memos that split a
phrase (prongsai.memos.linecheck), counted with the phrase rules off (before) and on.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(var_dir: Path) -> None:
    # The environment must be set before django.setup() reads the settings.
    os.environ["PRONGSAI_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))
    os.environ["DJANGO_SETTINGS_MODULE"] = "prongsai.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())


def timed(
    fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times), times


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def fontconfig_file(work: Path) -> Path:
    """A fontconfig file that maps "TH Sarabun*" to Laksaman Compat for LibreOffice.

    Without it LibreOffice lays Debian's Laksaman out 1.5x too large (the font is drawn 1.5
    times larger per em), which would make it convert a different, longer document.
    """
    from prongsai.memos.fonts import FAMILY, font_dir

    conf = work / "fonts.conf"
    conf.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{font_dir()}</dir>
  <cachedir>{work / "fc-cache"}</cachedir>
  <match target="pattern">
    <test name="family" compare="contains"><string>TH Sarabun</string></test>
    <edit name="family" mode="assign" binding="strong"><string>{FAMILY}</string></edit>
  </match>
</fontconfig>
""",
        "utf-8",
    )
    return conf


def bench_libreoffice(docx: bytes, work: Path, repeat: int) -> tuple[float, int] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    source = work / "implementation.docx"
    source.write_bytes(docx)
    out = work / "lo-out"
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(work)))
    command = [
        soffice,
        f"-env:UserInstallation=file://{work / 'lo-profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]

    def convert() -> None:
        subprocess.run(command, check=True, capture_output=True, env=env, timeout=300)

    convert()  # creates the profile: not counted, as in a long-running deployment
    median, _ = timed(convert, repeat)
    return median, pdf_pages((out / "implementation.pdf").read_bytes())


def weak_breaks(agency: object, year: int, as_of: object) -> None:
    """Line ends that split a phrase in the demo memos, before and after the phrase rules."""
    from prongsai.memos import linecheck, wordbreak
    from prongsai.memos.render_pdf import render_pdf
    from prongsai.memos.service import build_memo

    memos = {
        kind: build_memo(agency, year, kind, as_of=as_of) for kind in ("implementation", "measures")
    }  # type: ignore[arg-type]
    counts: dict[bool, list[str]] = {}
    for rules in (False, True):
        wordbreak.PHRASE_RULES = rules
        for kind, memo in memos.items():
            pdf = render_pdf(memo)
            weak = len(linecheck.weak_breaks(pdf))
            wraps = sum(1 for _ in linecheck.wraps(pdf))
            counts.setdefault(rules, []).append(f"{kind} {weak}/{wraps} ({pdf_pages(pdf)} pages)")
    wordbreak.PHRASE_RULES = True
    print("line ends splitting a phrase / all line wraps:")
    print(f"  before (words only)  : {', '.join(counts[False])}")
    print(f"  after (phrase rules) : {', '.join(counts[True])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="in-process repetitions")
    parser.add_argument("--lo-repeat", type=int, default=5, help="LibreOffice conversions")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as tmp:
        work = Path(tmp)
        setup_django(work / "var")

        from prongsai.agencies.models import Agency
        from prongsai.demo.agency import AS_OF, SLUG, YEAR
        from prongsai.memos.builders import implementation as build_implementation
        from prongsai.memos.render_docx import render_docx
        from prongsai.memos.render_pdf import render_pdf

        agency = Agency.objects.get(slug=SLUG)

        def build():  # type: ignore[no-untyped-def]
            return build_implementation.build(agency, YEAR, as_of=AS_OF)

        memo = build()
        start = time.perf_counter()
        pdf = render_pdf(memo)
        cold_pdf = time.perf_counter() - start
        start = time.perf_counter()
        docx = render_docx(memo)
        cold_docx = time.perf_counter() - start

        from prongsai.memos import wordbreak

        pdf_median, pdf_times = timed(lambda: render_pdf(memo), args.repeat)
        # CPU time of this process: what a render costs when the machine is shared (wall
        # time then includes waiting for a core).
        pdf_cpu, cpu_times = timed(lambda: render_pdf(memo), args.repeat, time.process_time)

        def uncached() -> None:  # every text segmented again, as for a memo never seen
            wordbreak._line_tokens.cache_clear()
            render_pdf(memo)

        pdf_uncached, uncached_times = timed(uncached, args.repeat)
        docx_median, docx_times = timed(lambda: render_docx(memo), args.repeat)
        pdf_full, pdf_full_times = timed(lambda: render_pdf(build()), args.repeat)
        docx_full, docx_full_times = timed(lambda: render_docx(build()), args.repeat)

        def ms(median: float, times: list[float]) -> str:
            return f"{median * 1000:7.1f} ms   (min {min(times) * 1000:5.1f} ms)"

        print(
            f"demo implementation memo ({SLUG}, FY{YEAR}, as of {AS_OF}), python {sys.version.split()[0]}"
        )
        print(f"  PDF  : {pdf_pages(pdf)} pages, {len(pdf):,} bytes")
        print(f"  DOCX : {len(docx):,} bytes")
        print(
            f"first render in this process (fonts, dictionary): PDF {cold_pdf * 1000:.0f} ms, DOCX {cold_docx * 1000:.0f} ms"
        )
        print(f"median of {args.repeat}, in-process:")
        print(f"  render_pdf  (2 Typst passes + catchwords) {ms(pdf_median, pdf_times)}")
        print(f"  render_pdf, CPU time of the process       {ms(pdf_cpu, cpu_times)}")
        print(f"  render_pdf, word-segmentation cache empty {ms(pdf_uncached, uncached_times)}")
        print(f"  render_docx                               {ms(docx_median, docx_times)}")
        print(f"  build + render_pdf                        {ms(pdf_full, pdf_full_times)}")
        print(f"  build + render_docx                       {ms(docx_full, docx_full_times)}")
        target = "OK" if pdf_median <= 0.050 else "ABOVE TARGET"
        print(f"  target: PDF median <= 50 ms: {target}")
        weak_breaks(agency, YEAR, AS_OF)

        lo = bench_libreoffice(docx, work, args.lo_repeat)
        if lo is None:
            print("LibreOffice not installed, skipped")
            return
        lo_median, lo_pages = lo
        ratio = lo_median / pdf_median
        print(f"median of {args.lo_repeat}, soffice --headless --convert-to pdf (same DOCX):")
        print(f"  LibreOffice {lo_median * 1000:7.1f} ms ({lo_pages} pages)")
        print(
            f"  ratio LibreOffice / render_pdf: {ratio:.1f}x ({'OK' if ratio >= 10 else 'BELOW 10x'})"
        )


if __name__ == "__main__":
    main()
