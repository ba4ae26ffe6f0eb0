"""The parsers' one error, apart from the dispatcher so that the parsers need not import it."""

from __future__ import annotations

from prongsai.core.errors import ProngsaiError


class ParseError(ProngsaiError):
    """A file that cannot be read into a memo; nothing was written."""
