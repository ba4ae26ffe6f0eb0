"""Fonts of the PDF memo: "Laksaman Compat", built once from Debian's Laksaman.

Laksaman (package fonts-tlwg-laksaman-ttf, GPL-2+ with the font exception) is Debian's
TH Sarabun New clone, drawn 1.503 times larger per em. Changing only head.unitsPerEm from
1000 to 1503 makes a metric clone that works at the regulation's literal sizes (16 pt body,
20 pt labels, 29 pt heading); the copy gets its own family name so that it never shadows
the system font.

The built files live in a cache directory keyed by the hash of the source file, so they
are computed once per machine and rebuilt when Debian updates the font. Nothing here
reads Django settings.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

FAMILY = "Laksaman Compat"
UNITS_PER_EM = 1503

LAKSAMAN_DIR = Path(os.environ.get("PRONGSAI_LAKSAMAN_DIR", "/usr/share/fonts/truetype/tlwg"))
# DejaVu Sans: the ✓ of the status table (missing from Laksaman); memo.typ names it.
DEJAVU_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
# source file name → (style name, file name of the compat copy)
STYLES = {
    "Laksaman.ttf": ("Regular", "LaksamanCompat-Regular.ttf"),
    "Laksaman-Bold.ttf": ("Bold", "LaksamanCompat-Bold.ttf"),
}


class FontMissingError(RuntimeError):
    """The Debian font package the PDF needs is not installed."""


def _cache_root() -> Path:
    """A writable cache directory: $XDG_CACHE_HOME or ~/.cache, else the temp dir."""
    candidates = []
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        candidates.append(Path(xdg) / "prongsai")
    candidates.append(Path.home() / ".cache" / "prongsai")
    candidates.append(Path(tempfile.gettempdir()) / f"prongsai-{os.getuid()}")
    for candidate in candidates:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            return candidate
    raise RuntimeError("no writable cache directory for the PDF fonts")


def _sources() -> dict[str, Path]:
    found = {name: LAKSAMAN_DIR / name for name in STYLES}
    missing = [str(p) for p in found.values() if not p.is_file()]
    if missing:
        raise FontMissingError(
            f"the Laksaman font is missing ({', '.join(missing)}): "
            "run `apt-get install fonts-tlwg-laksaman-ttf` (ไม่พบฟอนต์ Laksaman สำหรับสร้าง PDF)"
        )
    return found


def _build_one(source: Path, style: str, target: Path) -> None:
    from fontTools.ttLib import TTFont  # imported only when a font must be built

    font = TTFont(source)
    font["head"].unitsPerEm = UNITS_PER_EM
    names = {
        1: FAMILY,
        2: style,
        3: f"{FAMILY} {style}; scaled copy of {source.name}",
        4: f"{FAMILY} {style}" if style != "Regular" else FAMILY,
        6: f"LaksamanCompat-{style}",
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.setName(
                names[record.nameID],
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
    # Write next to the target and rename, so a concurrent reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        font.save(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; other users may share the cache
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@functools.cache
def font_dir() -> Path:
    """The directory holding Laksaman Compat (regular, bold) and the symbol font.

    Built on first use (about 0.3 s) and reused by every later process.
    """
    sources = _sources()
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(name.encode())
        digest.update(sources[name].read_bytes())
    digest.update(str(UNITS_PER_EM).encode())
    directory = _cache_root() / "fonts" / digest.hexdigest()[:16]
    directory.mkdir(parents=True, exist_ok=True)
    for name, (style, target_name) in STYLES.items():
        target = directory / target_name
        if not target.is_file():
            _build_one(sources[name], style, target)
    symbol = directory / "DejaVuSans.ttf"
    if not symbol.exists():
        dejavu = next((p for p in DEJAVU_PATHS if p.is_file()), None)
        if dejavu is not None:
            try:
                symbol.symlink_to(dejavu)
            except FileExistsError:
                pass
    return directory
