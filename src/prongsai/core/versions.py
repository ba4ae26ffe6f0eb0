"""Version tokens of parts of the data, shared by every server process.

A part's token is replaced by a new random one in the writing transaction (one
INSERT … ON CONFLICT DO UPDATE statement, so concurrent writers in any process queue on the
row and each leaves its own token). The token and its data become visible together when the writer commits. Readers read the
token *before* the data: the data read after it is then at least as new as the token, never
older, so a result computed from it may be kept under the token.

Tokens are random rather than counted so a restored backup (which brings back the tokens of
its own moment, with that moment's data) or a reset table never gives an old token to new
data. A part without a token has no version: callers must not keep anything under it.
"""

import secrets
from collections.abc import Iterable

from django.db import connection

from prongsai.core.models import DataVersion

_TABLE = DataVersion._meta.db_table

_BUMP = (
    f'INSERT INTO {_TABLE} ("key", "token") VALUES (%s, %s) '  # noqa: S608 - constant table
    f'ON CONFLICT ("key") DO UPDATE SET "token" = excluded."token"'
)


def bump(key: str) -> None:
    """Give `key` a new token (call inside the transaction that changes its data)."""
    with connection.cursor() as cursor:
        cursor.execute(_BUMP, [key, secrets.token_hex(16)])


def bump_many(keys: Iterable[str]) -> None:
    for key in sorted(set(keys)):  # one order for every writer: no deadlock between them
        bump(key)


def token(key: str) -> str:
    """The token of `key` ("" when it has none)."""
    return DataVersion.objects.filter(key=key).values_list("token", flat=True).first() or ""


def tokens(prefix: str) -> dict[str, str]:
    """{key: token} of every key starting with `prefix` (one query)."""
    return dict(DataVersion.objects.filter(key__startswith=prefix).values_list("key", "token"))
