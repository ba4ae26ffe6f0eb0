"""The version of each province's agency data (see prongsai.core.versions).

Every write to an agency's data records an audit event (prongsai.audit.services), and that
gives the agency's province a new token in the same transaction; bulk writers that record
no event (the synthetic loader, rebuilding roll-ups) give new tokens to the provinces they
touched. Pages that add up a province's agencies (oversight) may be kept under its token.
"""

from collections.abc import Iterable

from prongsai.core import versions

PREFIX = "province:"


def province_key(province_code: str) -> str:
    return PREFIX + (province_code or "-")  # "-": agencies not yet placed


def changed(province_codes: Iterable[str]) -> None:
    """New tokens for these provinces (inside the writing transaction)."""
    versions.bump_many(province_key(code) for code in province_codes)


def province_token(province_code: str) -> str:
    return versions.token(province_key(province_code))


def all_tokens() -> dict[str, str]:
    """{province key: token} of every province that has one (one query)."""
    return versions.tokens(PREFIX)
