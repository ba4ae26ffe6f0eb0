"""XML from uploads, read by expat hardened the way defusedxml hardens it.

A document type declaration (DTD), an entity or notation declaration and an external
entity reference each stop the parse: Office files never need them, and they are how entity
expansion ("billion laughs") and external fetches get in. Character references (&#69;) are
resolved as any XML reader resolves them, so a value is compared after parsing, never as
bytes.

No namespace processing: a prefix (`r:Relationship`) is kept in the name and callers
compare local names, so any prefix bound to any namespace is seen.

The parser is fed in chunks that double in size. The expat bundled with Python 3.11 parses
a token that spans several feeds again from its start on every feed (no reparse deferral),
so a huge tag fed in fixed small chunks costs the square of its size; with doubling chunks
the total work stays proportional to the size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.parsers import expat

StartHandler = Callable[[str, dict[str, str]], None]

_FIRST_FEED = 256 * 1024


class XmlRefused(Exception):
    """`kind` is "dtd" (declarations or external entities) or "syntax" (not well-formed)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        super().__init__(f"{kind}: {detail}" if detail else kind)


def _refuse_dtd(*_args: object) -> Any:
    """Every declaration handler: a DTD, entity or notation stops the parse."""
    raise XmlRefused("dtd")


def local_name(name: str) -> str:
    """`r:Relationship` -> `Relationship`."""
    return name.rpartition(":")[2]


class HardenedXml:
    """One XML document, fed in chunks; `on_start(name, attributes)` sees each element."""

    def __init__(self, on_start: StartHandler | None = None) -> None:
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        parser.UnparsedEntityDeclHandler = _refuse_dtd
        parser.NotationDeclHandler = _refuse_dtd
        parser.ExternalEntityRefHandler = _refuse_dtd
        if on_start is not None:
            parser.StartElementHandler = on_start
        self._parser = parser
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._fed = 0

    def feed(self, chunk: bytes) -> None:
        self._pending.append(chunk)
        self._pending_size += len(chunk)
        if self._pending_size >= max(_FIRST_FEED, self._fed):
            self._parse(final=False)

    def close(self) -> None:
        self._parse(final=True)

    def _parse(self, *, final: bool) -> None:
        data = b"".join(self._pending)
        self._pending, self._pending_size = [], 0
        self._fed += len(data)
        try:
            self._parser.Parse(data, final)
        except expat.ExpatError as exc:
            raise XmlRefused("syntax", expat.ErrorString(exc.code)) from None


def parse_bytes(data: bytes, on_start: StartHandler | None = None) -> None:
    """Parse a whole (small) document; XmlRefused when it is refused."""
    xml = HardenedXml(on_start)
    xml.feed(data)
    xml.close()
