"""The QR code of a memo's verification address (segno: pure Python, no image library)."""

from __future__ import annotations

import functools
import io

#: The quiet zone a scanner needs around the symbol, in modules.
BORDER = 4


@functools.lru_cache(maxsize=64)
def qr_png(url: str, scale: int = 1) -> bytes:
    """A black-and-white PNG of `url`'s QR code, `scale` pixels a module, quiet zone included.

    Error correction level M (15 %) survives a smudge or a staple on a printed page.
    """
    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=scale, border=BORDER)
    return out.getvalue()


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules of `url`'s QR code (True: dark), without the quiet zone."""
    import segno

    return [[bool(v) for v in row] for row in segno.make(url, error="m", micro=False).matrix]
