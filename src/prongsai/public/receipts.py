"""Receipt codes: 16 digits the sender keeps to follow a case without an account.

The first LOOKUP_DIGITS digits are random and stored in clear (unique) to find the case;
the other SECRET_DIGITS are random too, and the whole code is checked against a slow
password hash (Argon2 in production). A database dump therefore gives no usable code.
"""

import re
import secrets

from django.contrib.auth.hashers import check_password, make_password

from prongsai.thai.digits import to_arabic_digits

LOOKUP_DIGITS = 6
SECRET_DIGITS = 10
LENGTH = LOOKUP_DIGITS + SECRET_DIGITS

_SEPARATORS = re.compile(r"[\s\-–—.]+")


def new_receipt() -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(LENGTH))


def lookup_of(receipt: str) -> str:
    return receipt[:LOOKUP_DIGITS]


def hash_receipt(receipt: str) -> str:
    return make_password(receipt)


def normalize(text: str) -> str | None:
    """The 16 digits typed by a person (spaces, dashes, Thai digits allowed), else None."""
    digits = _SEPARATORS.sub("", to_arabic_digits(text or ""))
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def matches(receipt: str, encoded: str | None) -> bool:
    """Check the receipt; without a case, hash anyway so both answers take as long."""
    if encoded is None:
        make_password(receipt)
        return False
    return check_password(receipt, encoded)


def grouped(receipt: str) -> str:
    """ "1234567890123456" → "1234 5678 9012 3456" (easier to copy by hand)."""
    return " ".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))
