"""Opening and closing the data folder's database: the entry point for the GUI and the CLI."""

from __future__ import annotations

from pathlib import Path

from desk_app import paths
from desk_app.db import close_database, is_read_only, open_database


def open_data(*, read_only: bool = False) -> Path:
    """Open (creating and upgrading as needed) the database of the current data folder."""
    open_database(read_only=read_only)
    from . import context, settings  # noqa: PLC0415 - needs the bound database

    clerk = settings.preferences().clerk_name
    if clerk:
        context.set_actor(clerk)
    return paths.data_dir()


def close_data() -> None:
    close_database()


def read_only() -> bool:
    return is_read_only()
