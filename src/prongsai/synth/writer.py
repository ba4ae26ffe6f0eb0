"""Writing many rows fast: PostgreSQL's COPY, else INSERT in batches (executemany).

Values go through each field's own conversion for the database (`get_db_prep_save`), so
what is written is what the ORM would write; `auto_now` stamps are not applied (the rows
carry their own dates, so the same seed gives the same rows).
"""

from typing import Any

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models

BATCH = 2000


def uses_copy(method: str) -> bool:
    """COPY when asked ("copy") or by default ("auto") on PostgreSQL."""
    if method == "insert":
        return False
    return connection.vendor == "postgresql"


def first_free_ids(model_list: list[type[models.Model]]) -> dict[type[models.Model], int]:
    found = {}
    for model in model_list:
        largest = model._base_manager.aggregate(top=models.Max("pk"))["top"]
        found[model] = (largest or 0) + 1
    return found


def _prepared(
    model: type[models.Model], rows: list[dict[str, Any]]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    names = list(rows[0])
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in names]
    columns = [str(f.column) for f in fields]
    # The real connection, not the thread-local proxy: it is asked once per value.
    real = connections[DEFAULT_DB_ALIAS]
    if real.vendor == "postgresql":
        # psycopg adapts dates, aware datetimes, numbers and text itself; only JSON needs
        # Django's wrapper (half the load's time went into converting values that need none).
        converted = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    else:
        converted = list(range(len(fields)))
    values = []
    for row in rows:
        value = [row[name] for name in names]
        for i in converted:
            value[i] = fields[i].get_db_prep_save(value[i], real)
        values.append(tuple(value))
    return columns, values


def write(model: type[models.Model], rows: list[dict[str, Any]], *, copy: bool) -> None:
    if not rows:
        return
    columns, values = _prepared(model, rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column_list = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if copy:
            raw = cursor.cursor  # psycopg 3's own cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({column_list}) FROM STDIN") as stream:
                for row in values:
                    stream.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        # Table and columns come from the model's metadata, quoted; values are parameters.
        sql = f"INSERT INTO {table} ({column_list}) VALUES ({marks})"  # noqa: S608
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, values[start : start + BATCH])


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """Move the key sequences past the keys written here (PostgreSQL; SQLite needs none)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def lock_out_writers(model_list: list[type[models.Model]]) -> None:
    """Keys are handed out from the tables' largest keys, so nobody else may insert until the
    load commits (PostgreSQL: readers go on; SQLite's write transaction already excludes)."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    tables = ", ".join(quote(m._meta.db_table) for m in model_list)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
