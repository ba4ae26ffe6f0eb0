"""Benchmark: do the upload check and the memo parsers stay linear on hostile input?

    .venv/bin/python bench/bench_linear_uploads.py [--repeat 3]

Each case is timed at a size of 1x and of 8x; the median of the runs is printed side by
side with the ratio 8x / 1x. Linear work gives about 8, quadratic about 64, cubic about 512.
Normal inputs are there for comparison: what a real file costs at the same sizes.

Cases: the upload check (prongsai.core.uploads.check_upload) on a DOCX with a large
document and on a stored relationship part full of `<Relationship ` without `>` (the
regular expression of the old check took 41 s for 112 KB); imports.parse.parse_file on a
DOCX (a 20-page memo repeated, and thousands of continued tables) and on text (the seed
memo repeated, a signature line of spaces, thousands of cell lines, continued tables).
No database is needed.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LONG = DATA / "long-20pages.docx"
SEED = DATA / "seed-ummao-2565.txt"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LIMIT = 64 * 1024 * 1024  # the parsers' size limit, raised so that 8x inputs are read


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("PRONGSAI_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("HTTPS", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _long_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(LONG) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def docx_repeated(times: int) -> bytes:
    """The 20-page memo with its body repeated `times` times."""
    from lxml import etree

    parts = _long_parts()
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{{{W_NS}}}body")
    blocks = [child for child in body if child.tag != f"{{{W_NS}}}sectPr"]
    section = body.find(f"{{{W_NS}}}sectPr")
    for _ in range(times - 1):
        for block in blocks:
            if section is not None:
                section.addprevious(etree.fromstring(etree.tostring(block)))
            else:
                body.append(etree.fromstring(etree.tostring(block)))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return _zip(parts)


def docx_tables(count: int) -> bytes:
    """A DOCX whose body is `count` one-row tables, each continuing the one before."""
    rng = random.Random(count)
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    tables = "".join(
        f"<w:tbl><w:tr>{cell.format(i)}{cell.format(rng.random())}</w:tr></w:tbl>"
        for i in range(count)
    )
    head = "<w:p><w:r><w:t>ส่วนราชการ สำนักปลัด</w:t></w:r></w:p>"
    parts = _long_parts()
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"{head}{tables}</w:body></w:document>"
    ).encode()
    return _zip(parts)


def docx_rels(part: bytes) -> bytes:
    """The 20-page memo with `part` as its settings relationships, stored uncompressed (so
    that the ratio checks let it through to the XML parser)."""
    parts = _long_parts()
    parts["word/_rels/settings.xml.rels"] = part
    return _zip(parts, zipfile.ZIP_STORED)


def many_hyperlinks(size: int) -> bytes:
    one = (
        '<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/hyperlink" Target="https://example.org/{}" TargetMode="External"/>'
    )
    rels = "".join(one.format(i, i) for i in range(size // 200))
    return (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships">{rels}</Relationships>'
    ).encode()


def one_huge_attribute(size: int) -> bytes:
    """A single token (one start tag) as long as the part: fed in chunks, the expat of
    Python 3.11 parses such a token again from its start on every feed."""
    return b'<Relationships a="' + b"x" * size + b'"/>'


def docx_unclosed_rels(size: int) -> bytes:
    """A stored (uncompressed) relationship part of `<Relationship ` without `>`."""
    parts = _long_parts()
    parts["word/_rels/settings.xml.rels"] = b"<Relationship " * (size // 14)
    return _zip(parts, zipfile.ZIP_STORED)


HEAD = "บันทึกข้อความ\nส่วนราชการ สำนักปลัด\nที่ กส ๑/๒ วันที่ ๑ มกราคม ๒๕๖๖\nเรื่อง รายงาน\nเรียน นายก\n"


def text_cases(scale: int) -> dict[str, bytes]:
    seed = SEED.read_text(encoding="utf-8")
    return {
        "text: seed memo repeated (normal)": (seed * scale).encode(),
        "text: signature line of spaces": (HEAD + "(" + " " * 25_000 * scale + "x\n").encode(),
        "text: cell lines of long cells": (
            HEAD + ("\t" + "ก" * 41 + "\n") * 5_000 * scale
        ).encode(),
        "text: continued tables": (
            HEAD + "\tมาตรการ\tผู้รับผิดชอบ\n\tก\tข\n-๒-\n" * 1_000 * scale
        ).encode(),
    }


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def check(data: bytes) -> Callable[[], object]:
    from prongsai.core.errors import UploadRejected
    from prongsai.core.uploads import check_upload

    def run() -> object:
        try:
            return check_upload(io.BytesIO(data), max_bytes=LIMIT)
        except UploadRejected as exc:
            return exc

    return run


def parse(data: bytes, name: str) -> Callable[[], object]:
    from prongsai.imports.parse import ParseError, parse_file

    def run() -> object:
        try:
            return parse_file(data, name, max_bytes=LIMIT)
        except ParseError as exc:
            return exc

    return run


def cases(scale: int) -> dict[str, Callable[[], object]]:
    out = {
        "check: 20-page DOCX repeated (normal)": check(docx_repeated(scale)),
        "check: stored rels of unclosed tags": check(docx_unclosed_rels(128 * 1024 * scale)),
        "check: stored rels of many hyperlinks": check(docx_rels(many_hyperlinks(200_000 * scale))),
        "check: stored rels of one huge tag": check(docx_rels(one_huge_attribute(200_000 * scale))),
        "parse: 20-page DOCX repeated (normal)": parse(docx_repeated(scale), "memo.docx"),
        "parse: DOCX of continued tables": parse(docx_tables(2_000 * scale), "memo.docx"),
    }
    for name, data in text_cases(scale).items():
        out[name] = parse(data, "memo.txt")
    return out


def outcome(result: object) -> str:
    if isinstance(result, Exception):
        return f"refused: {result.th[:50]}"  # type: ignore[attr-defined]
    return "read"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    _setup()
    small, large = cases(1), cases(8)
    print(f"{'case':45} {'1x ms':>10} {'8x ms':>10} {'ratio':>7}  outcome at 8x")
    for name, run in small.items():
        run()  # warm-up: imports, PyThaiNLP's dictionary
        one = median_ms(run, args.repeat)
        eight = median_ms(large[name], args.repeat)
        print(f"{name:45} {one:10.1f} {eight:10.1f} {eight / one:7.1f}  {outcome(large[name]())}")
    print("linear => about 8; quadratic => about 64")


if __name__ == "__main__":
    main()
