"""Benchmark: does the DOCX keep prongsai's layout in LibreOffice without TH SarabunPSK?

    .venv/bin/python bench/bench_docx_layout.py

Renders the demo agency's memos (implementation report, measures memo) as PDF (Typst) and
DOCX, converts the DOCX with `soffice --headless --convert-to pdf` using the machine's own
fonts (no fontconfig help: this is a Linux desktop without the Thai government fonts), and
prints per memo the pages of both PDFs, the ticks (✓) the text layer holds and the fonts
LibreOffice used. The DOCX passes when LibreOffice's page count is prongsai's ±1 and every
tick shows. For comparison, the same DOCX without the embedded font is converted too.
Exit status 1 when a memo fails; 2 when LibreOffice is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TICK = "✓"


def pdf_facts(data: bytes) -> tuple[int, int]:
    """(pages, ticks in the text layer)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        text = "".join(page.get_textpage().get_text_range() for page in doc)
        return len(doc), text.count(TICK)
    finally:
        doc.close()


def pdf_fonts(path: Path) -> str:
    """The font names in a PDF (pdffonts, when poppler-utils is installed)."""
    if shutil.which("pdffonts") is None:
        return "?"
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    names = {line.split()[0].partition("+")[2] for line in out.splitlines()[2:] if line}
    return ", ".join(sorted(names))


def libreoffice_pdf(soffice: str, docx: bytes, work: Path, name: str) -> Path:
    source = work / f"{name}.docx"
    source.write_bytes(docx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return work / "out" / f"{name}.pdf"


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) not installed: nothing to compare")
        return 2
    from _setup import django_with_demo

    django_with_demo()
    from prongsai.agencies.models import Agency
    from prongsai.demo.agency import AS_OF, SLUG, YEAR
    from prongsai.memos import docx_package
    from prongsai.memos.kinds import MemoKind
    from prongsai.memos.render_docx import render_docx
    from prongsai.memos.render_pdf import render_pdf
    from prongsai.memos.service import build_memo

    agency = Agency.objects.get(slug=SLUG)
    failed = False
    with tempfile.TemporaryDirectory(prefix="prongsai-docx-layout-") as tmp:
        work = Path(tmp)
        print(f"{SLUG} FY{YEAR} as of {AS_OF}; {Path(soffice).name} with the system fonts")
        for kind in (MemoKind.IMPLEMENTATION, MemoKind.MEASURES):
            memo = build_memo(agency, YEAR, kind, as_of=AS_OF)
            own_pages, own_ticks = pdf_facts(render_pdf(memo))
            docx = render_docx(memo)
            lo_path = libreoffice_pdf(soffice, docx, work, kind)
            lo_pages, lo_ticks = pdf_facts(lo_path.read_bytes())
            ok = abs(lo_pages - own_pages) <= 1 and lo_ticks == own_ticks
            failed |= not ok
            print(
                f"  {kind:<15} prongsai PDF {own_pages} pages, {own_ticks} ticks | "
                f"DOCX in LibreOffice {lo_pages} pages, {lo_ticks} ticks "
                f"({len(docx):,} bytes) {'OK' if ok else 'FAIL'}"
            )
            print(f"  {'':<15} LibreOffice fonts: {pdf_fonts(lo_path)}")
            # The same DOCX without the embedded metric clone, to show what it holds.
            faces = docx_package._embedded_faces
            docx_package._embedded_faces = lambda: {}  # type: ignore[assignment]
            try:
                bare = render_docx(memo)
            finally:
                docx_package._embedded_faces = faces  # type: ignore[assignment]
            bare_path = libreoffice_pdf(soffice, bare, work, f"{kind}-bare")
            bare_pages, _ = pdf_facts(bare_path.read_bytes())
            print(
                f"  {'':<15} without the embedded font: {bare_pages} pages "
                f"({len(bare):,} bytes; fonts: {pdf_fonts(bare_path)})"
            )
    print("FAIL" if failed else "OK: every memo within ±1 page with every tick shown")
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.exit(main())
