# First: peewee imported without the PostgreSQL driver (lean_peewee says why).
from . import lean_peewee  # noqa: F401, I001
from .database import backup_database, close_database, is_read_only, open_database, schema_version

__all__ = ["backup_database", "close_database", "executemany", "is_read_only", "open_database", "schema_version"]


def executemany(sql: str, rows) -> None:
    """Run one statement (``?`` placeholders) for many rows on the open database, either engine."""
    from .models import database  # noqa: PLC0415

    database.cursor().executemany(sql, rows)
