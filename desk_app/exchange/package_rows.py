"""A package's records as SQL rows: JSON values to what peewee itself would store, a column at a time.

peewee stores ISO dates, 'YYYY-MM-DD HH:MM:SS' times and ints for booleans. Converting 37,500 progress
notes and 20,000 change records cell by cell (a dict per row, a function call per value) cost about half a
CPU second of an import; here each field of all rows is converted by one pass that runs in C (map over the
column), and the rows are the columns zipped.
"""

from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter

from desk_app.db.bulk_insert import insert_many
from desk_app.db.versioned import VERSION, bump_sql

from .package_format import ENTRY_DATE_FIELDS, ENTRY_DATETIME_FIELDS

DATE_FIELDS = {"date", "old_deadline", "new_deadline", *ENTRY_DATE_FIELDS}
DATETIME_FIELDS = {"created_at", "at", "added_at", *ENTRY_DATETIME_FIELDS}


def sql_value(value):
    """What peewee itself would store: ISO dates, 'YYYY-MM-DD HH:MM:SS' times, ints for booleans."""
    if value is None or type(value) is str:  # most values, called for every field of 20,000 entries
        return value
    if isinstance(value, datetime):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _stored_days(values: list) -> list:
    if None in values:
        return [None if v is None else date.fromisoformat(v).isoformat() for v in values]
    return list(map(date.isoformat, map(date.fromisoformat, values)))


def _stored_times(values: list) -> list:
    if None in values:
        return [None if v is None else str(datetime.fromisoformat(v)) for v in values]
    return list(map(str, map(datetime.fromisoformat, values)))


def stored_column(name: str, values: list) -> list:
    """One field's JSON values of many rows as the database stores them (checked values: package_read)."""
    if name in DATE_FIELDS:
        return _stored_days(values)
    if name in DATETIME_FIELDS:
        return _stored_times(values)
    if bool in set(map(type, values)):  # true/false where the format has a text: stored as 1/0, as peewee does
        return list(map(sql_value, values))
    return values


def stored_columns(rows: list[dict], names: tuple[str, ...] | list[str]) -> dict[str, list]:
    """The rows' `names` fields, each as stored_column gives it."""
    return {name: stored_column(name, list(map(itemgetter(name), rows))) for name in names}


def insert_columns(model, by_column: dict[str, list]) -> None:
    """INSERT the rows whose fields (peewee field names) are given column by column, by executemany on the
    open transaction (db/bulk_insert: without per-row triggers for a big batch)."""
    names = list(by_column)
    if not names or not by_column[names[0]]:
        return
    fields_by_name = model._meta.fields
    columns = ", ".join(f'"{fields_by_name[n].column_name}"' for n in names)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join("?" for _ in names)})'
    insert_many(model._meta.database, model._meta.table_name, sql, list(zip(*by_column.values(), strict=True)))


def bulk_update(model, rows: list[tuple[int, dict]]) -> None:
    """UPDATE … WHERE id = ? for many rows at once (rows: id, values; every row names the same fields)."""
    if not rows:
        return
    names = list(rows[0][1])
    fields_by_name = model._meta.fields
    assignments = ", ".join(f'"{fields_by_name[n].column_name}" = ?' for n in names)
    if VERSION in fields_by_name:  # a versioned row (db/versioned): editors open on it must see it changed
        assignments += ", " + bump_sql()
    sql = f'UPDATE "{model._meta.table_name}" SET {assignments} WHERE "id" = ?'
    model._meta.database.cursor().executemany(
        sql, [[*(sql_value(values[n]) for n in names), row_id] for row_id, values in rows])
