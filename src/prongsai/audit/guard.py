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


def guarded_tables() -> list[str]:
    """The audit tables, and those other apps declare as `append_only_tables` on their
    AppConfig (found through django.apps: audit imports no app above it)."""
    from django.apps import apps

    tables = list(APPEND_ONLY_TABLES)
    for config in apps.get_app_configs():
        tables += getattr(config, "append_only_tables", ())
    return tables


def _normal(sql: str) -> str:
    return " ".join(sql.replace("IF NOT EXISTS ", "").rstrip().rstrip(";").split())


def missing_triggers(connection: Any) -> list[str]:
    """The append-only triggers that are missing, disabled or not the ones installed."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            present = {name: _normal(sql or "") for name, sql in cursor.fetchall()}
            missing = []
            for table in guarded_tables():
                for sql in sqlite_sql(table):
                    name = sql.split()[5]  # CREATE TRIGGER IF NOT EXISTS <name>
                    if present.get(name) != _normal(sql):
                        missing.append(name)
            return missing
        # PostgreSQL: an enabled BEFORE UPDATE OR DELETE row trigger calling the function,
        # and the function still raising.
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal "
            "AND t.tgenabled <> 'D' AND p.proname = 'prongsai_append_only' "
            "AND (t.tgtype & 27) = 27 AND p.prosrc LIKE %s",
            ["%RAISE EXCEPTION%"],
        )
        guarded = {row[0] for row in cursor.fetchall()}
        return [f"{t}_append_only" for t in guarded_tables() if t not in guarded]
