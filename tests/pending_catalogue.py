"""English for the tests, from the English catalogue (every msgid has its translation)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

import pytest
from django.utils import translation


@contextmanager
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


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
