"""The models' database proxy: one database for the process, which a thread may swap for its own."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from peewee import DatabaseProxy


class SwappableProxy(DatabaseProxy):
    """The models' database; a thread may read and write another one for a while (use_in_this_thread):
    a frozen month's in-memory view, or the target of a copy. Every other thread keeps the shared one."""

    __slots__ = ("obj", "_callbacks", "_Model", "_local")

    def __init__(self):
        self._local = threading.local()
        super().__init__()

    def __getattr__(self, attr):
        db = getattr(self._local, "db", None) or self.obj
        if db is None:
            raise AttributeError("Cannot use uninitialized Proxy.")
        return getattr(db, attr)

    @property
    def current(self):
        """The database this thread uses (its own for a while, else the shared one)."""
        return getattr(self._local, "db", None) or self.obj

    @contextmanager
    def use_in_this_thread(self, db):
        previous = getattr(self._local, "db", None)
        self._local.db = db
        try:
            yield db
        finally:
            self._local.db = previous
