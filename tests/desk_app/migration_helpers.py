"""Fixture databases of older schema versions, for the migration tests."""

from __future__ import annotations

from peewee import SqliteDatabase

from desk_app.db.migrations import MIGRATIONS


def database_before(migration, path) -> SqliteDatabase:
    """A database file at the schema version just before `migration` (whatever precedes it), open to add
    rows as a clerk of that version would have left them; close it before opening it with the program."""
    before = MIGRATIONS.index(migration)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = SqliteDatabase(str(path))
    for step in MIGRATIONS[:before]:
        step.upgrade(old)
    old.execute_sql(f"PRAGMA user_version = {before}")
    return old
