"""The version of each province's and each district's agency data (see core.versions).

Every write to an agency's data records an audit event (prongsai.audit.services), and that
gives the agency's province and district new tokens in the same transaction; bulk writers
that record no event (the synthetic loader, rebuilding roll-ups) give new tokens to the
places they touched. Pages and figures that add up a place's agencies (oversight) may be
kept under its token.
"""

from collections.abc import Iterable

from prongsai.core import versions

PREFIX = "province:"
DISTRICT_PREFIX = "district:"


def province_key(province_code: str) -> str:
    return PREFIX + (province_code or "-")  # "-": agencies not yet placed


def district_key(district_code: str) -> str:
    return DISTRICT_PREFIX + (district_code or "-")


def changed(places: Iterable[tuple[str, str]]) -> None:
    """New tokens for these (province code, district code) places, inside the writing
    transaction."""
    keys: set[str] = set()
    for province_code, district_code in places:
        keys |= {province_key(province_code), district_key(district_code)}
    versions.bump_many(keys)


def province_token(province_code: str) -> str:
    return versions.token(province_key(province_code))


def district_token(district_code: str) -> str:
    return versions.token(district_key(district_code))


def all_tokens() -> dict[str, str]:
    """{province key: token} of every province that has one (one query)."""
    return versions.tokens(PREFIX)


def tokens_under(prefix: str) -> dict[str, str]:
    """{key: token} of the keys starting with `prefix` (one query)."""
    return versions.tokens(prefix)
