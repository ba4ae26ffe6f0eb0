"""Cleaning of text typed or imported by people."""

import re

# Characters that XML 1.0 (and so DOCX) cannot hold: C0 controls except tab, LF and CR.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def strip_control(text: str) -> str:
    """Drop control characters a document cannot hold (a vertical tab, NUL, …)."""
    return _XML_ILLEGAL.sub("", text)
