"""Shared helpers for the exchange tests: a dump of the database to prove 'nothing changed'."""

import pytest


def _dump() -> str:
    from desk_app.db.models import database

    return "\n".join(database.obj.connection().iterdump())


@pytest.fixture
def db_dump():
    """Call to get the whole database as SQL text; equal dumps mean nothing changed."""
    return _dump
