"""The database choice of 设置 › 数据库 (issue 16), for the window: what is in use and why, trying an
address, and saving it for the data folder (desk_app/db/connection does the work)."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.db import connection
from desk_app.errors import DeskAppError


@dataclass(frozen=True)
class DatabaseChoice:
    in_use: str  # described in Chinese
    set_by: str  # where that came from: the default, the saved choice, $DESK_APP_DATABASE, --database
    saved_url: str  # what 设置 holds ('' for this PC's data file)

    @property
    def saved_is_shared(self) -> bool:
        return self.saved_url.lower().startswith(("postgresql:", "postgres:"))


def current() -> DatabaseChoice:
    try:
        described = connection.configured_target().describe()
    except DeskAppError as exc:
        described = exc.message
    return DatabaseChoice(described, connection.source(), connection.saved_url())


def try_url(url: str) -> str:
    """What is at this address, in Chinese; DatabaseError naming what is wrong. Nothing is written."""
    return connection.probe(url)


def save(url: str) -> None:
    """Use this database from the next start ('sqlite' for this PC's data file); a bad address raises."""
    connection.save_url(url)
