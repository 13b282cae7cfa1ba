"""Shared helpers for the exchange tests: a dump of the database to prove 'nothing changed'."""

import pytest


def _dump() -> str:
    from desk_app.db.models import database

    if database.engine_name == "sqlite":
        return "\n".join(database.obj.connection().iterdump())
    from desk_app.db.table_copy import digest  # PostgreSQL: every table's rows, by digest

    counts, total = digest(database.obj)
    return f"{counts}\n{total}"


@pytest.fixture
def db_dump():
    """Call to get the whole database as SQL text; equal dumps mean nothing changed."""
    return _dump
