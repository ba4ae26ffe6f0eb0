"""English for the tests: the English catalogue, plus any messages waiting to be added.

While a change is in progress, new msgids may wait in i18n-pending/*.tsv (msgid, tab,
English) until the catalogue is regenerated (`makemessages`, then the English filled in);
`in_english()` adds them for the duration. With the catalogue complete there are none.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from django.utils import translation
from django.utils.translation import trans_real

PENDING = Path(__file__).resolve().parent.parent / "i18n-pending"


def pending_messages() -> dict[str, str]:
    messages: dict[str, str] = {}
    for tsv in sorted(PENDING.glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            msgid, _tab, english = line.partition("\t")
            if msgid and english:
                messages.setdefault(msgid, english)
    return messages


@contextmanager
def in_english() -> Iterator[None]:
    pending = pending_messages()
    catalog = trans_real.translation("en")._catalog
    added = [msgid for msgid in pending if msgid not in catalog]
    top = catalog._catalogs[0]
    for msgid in added:
        top[msgid] = pending[msgid]
    try:
        with translation.override("en"):
            yield
    finally:
        for msgid in added:
            top.pop(msgid, None)


class Refusal(NamedTuple):
    th: str  # the message with Thai (the default language) active
    en: str  # the message of the same refusal with English active


def refusal(error: type[Exception], call: Callable[[], object]) -> Refusal:
    """The message of the `error` that `call()` raises, once in Thai and once in English:
    one language each, never both glued together."""
    with pytest.raises(error) as thai:
        call()
    with in_english(), pytest.raises(error) as english:
        call()
    found = Refusal(str(thai.value), str(english.value))
    assert found.th != found.en and " / " not in found.th
    return found
