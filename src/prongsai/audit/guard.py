"""Database triggers that make history tables append-only.

SQLite: BEFORE UPDATE/DELETE triggers raise unless prongsai_maintenance() returns 1; that
SQL function exists only inside prongsai's own connections and returns 1 only inside
`maintenance()` (test-database flushes, restore). Anyone editing the file by hand with
another tool gets an error until they drop the trigger. PostgreSQL: row triggers that
always raise; Django's flush uses TRUNCATE, which row triggers do not see.
"""

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

APPEND_ONLY_TABLES = ("audit_auditevent", "measures_statusupdate", "measures_evidence")

_state = threading.local()


@contextlib.contextmanager
def maintenance() -> Iterator[None]:
    _state.on = True
    try:
        yield
    finally:
        _state.on = False


def _maintenance_flag() -> int:
    return 1 if getattr(_state, "on", False) else 0


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("prongsai_maintenance", 0, _maintenance_flag)


def sqlite_sql(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"WHEN prongsai_maintenance() = 0 "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
        for op in ("UPDATE", "DELETE")
    ]


def postgres_sql(table: str) -> list[str]:
    return [
        "CREATE OR REPLACE FUNCTION prongsai_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql;",
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION prongsai_append_only();",
    ]


def install(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for table in APPEND_ONLY_TABLES:
        statements = sqlite_sql(table) if vendor == "sqlite" else postgres_sql(table)
        for sql in statements:
            schema_editor.execute(sql, params=None)


def uninstall(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for table in APPEND_ONLY_TABLES:
        if vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op};")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
