"""bench/ledger.py --breakdown N: where the time of the slowest search keystrokes and filter changes goes.

Each timed change is split into its steps as the bench runs them (the change itself: the filter emitted, the
model reset and its first figures; then the event loop; the forced repaint; the event loop again), and
inside them, inclusively: every SQL statement (by its first words, execution and fetching together), the
model's reload (count and figures, reset of the views), its first_summary, the pages of rows read, the
Python answering the views' cell questions (multiData) and the delegate's painting of cells. The figures
are CPU milliseconds of the GUI thread (steadier than the wall clock on a shared machine; other threads such as
the change poller are left out); the instrumentation adds a little to each.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from contextlib import contextmanager

_SHAPE = re.compile(r"\s+")


def _statement(sql: str) -> str:
    """A statement's shape: its first words and the index it names, without the ids of an IN (…) list."""
    text = _SHAPE.sub(" ", sql)
    text = re.sub(r"\((\?, ?)+\?\)|\((\?,)+\?\)", "(?…)", text)
    index = re.search(r'INDEXED BY "(\w+)"', text)
    head = text[:70]
    if "MATCH" in text:
        head += " …MATCH"
    return head + (f" [{index.group(1)}]" if index and index.group(1) not in head else "")


class _TimedCursor:
    """A cursor whose rows were fetched at once, so that fetching is timed with the statement."""

    def __init__(self, cursor, rows):
        self._cursor, self._rows, self._at = cursor, rows, 0

    def fetchone(self):
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self):
        rest, self._at = self._rows[self._at:], len(self._rows)
        return rest

    def fetchmany(self, size=1):
        part = self._rows[self._at:self._at + size]
        self._at += len(part)
        return part

    def __iter__(self):
        while (row := self.fetchone()) is not None:
            yield row

    def __getattr__(self, name):
        return getattr(self._cursor, name)


class Breakdown:
    def __init__(self):
        self.changes: list[dict] = []
        self._current: dict | None = None
        self._gui = threading.get_ident()

    # -- recording -------------------------------------------------------------------------------
    def _add(self, name: str, seconds: float) -> None:
        if self._current is not None:
            self._current["parts"][name] += seconds * 1000

    def _sql(self, name: str, seconds: float) -> None:
        if self._current is not None and threading.get_ident() == self._gui:
            self._current["sql"][name] += seconds * 1000
            self._current["sql_n"][name] += 1

    @contextmanager
    def step(self, name: str):
        started = time.thread_time()
        try:
            yield
        finally:
            self._add(name, time.thread_time() - started)

    def begin(self, kind: str, label: str) -> None:
        self._current = {"kind": kind, "label": label, "parts": Counter(), "sql": Counter(), "sql_n": Counter(),
                         "wall": 0.0, "cpu": 0.0}

    def end(self, wall_ms: float, cpu_ms: float) -> None:
        if self._current is not None:
            self._current["wall"], self._current["cpu"] = wall_ms, cpu_ms
            self.changes.append(self._current)
        self._current = None

    # -- instrumentation -------------------------------------------------------------------------
    def _wrap(self, owner, name: str, part: str) -> None:
        original = getattr(owner, name)
        recorder = self

        def timed(*args, **kwargs):
            started = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                recorder._add(part, time.thread_time() - started)

        setattr(owner, name, timed)

    def install(self) -> None:
        from desk_app.db.engine_sqlite import SqliteEngine
        from desk_app.services import ledger_query
        from ui.models.ledger_table_model import LedgerTableModel
        from ui.views.ledger_cells import HighlightDelegate
        from ui.views.ledger_plain_cells import PlainCells

        original = SqliteEngine.execute_sql
        recorder = self

        def execute_sql(engine, sql, params=None):
            started = time.thread_time()
            cursor = original(engine, sql, params)
            if cursor is not None and sql.lstrip()[:6].upper() in ("SELECT", "PRAGMA", "WITH R", "WITH "):
                cursor = _TimedCursor(cursor, cursor.fetchall())
            recorder._sql(_statement(sql), time.thread_time() - started)
            return cursor

        SqliteEngine.execute_sql = execute_sql
        self._wrap(ledger_query, "first_summary", "first_summary")
        self._wrap(ledger_query, "summarize", "summarize")
        self._wrap(LedgerTableModel, "reload", "model.reload")
        self._wrap(LedgerTableModel, "_load_page", "model._load_page")
        self._wrap(ledger_query, "load_records", "load_records")
        if hasattr(LedgerTableModel, "multiData"):
            self._wrap(LedgerTableModel, "multiData", "cell data (multiData)")
        self._wrap(LedgerTableModel, "data", "cell data (data)")
        self._wrap(HighlightDelegate, "paint", "delegate.paint")
        self._wrap(PlainCells, "_lay_out", "new cell texts laid out")

    # -- report ----------------------------------------------------------------------------------
    def report(self, count: int) -> list[str]:
        lines = [f"the {count} slowest changes (wall ms and process CPU ms; then the GUI thread's CPU ms by step, "
                 "and by part, inclusive):"]
        for change in sorted(self.changes, key=lambda c: -c["wall"])[:count]:
            parts = change["parts"]
            steps = ("change", "events", "repaint", "events after")
            lines.append(f"  {change['kind']} {change['label']!r}: {change['wall']:.0f} ms (cpu {change['cpu']:.0f}); "
                         + ", ".join(f"{s} {parts[s]:.0f}" for s in steps))
            inner = [(k, v) for k, v in parts.items() if k not in steps]
            sql_total = sum(change["sql"].values())
            inner.append(("SQL", sql_total))
            lines.append("    " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(inner, key=lambda kv: -kv[1])))
            for statement, ms in change["sql"].most_common(4):
                lines.append(f"      {ms:6.1f} ms ×{change['sql_n'][statement]} {statement}")
        return lines

    def summary(self) -> list[str]:
        """Mean of each part over every change of a kind: what a typical change spends where."""
        lines = []
        for kind in sorted({c["kind"] for c in self.changes}):
            of_kind = [c for c in self.changes if c["kind"] == kind]
            total: Counter = Counter()
            for change in of_kind:
                total.update(change["parts"])
                total["SQL"] += sum(change["sql"].values())
                total["wall"] += change["wall"]
                total["cpu"] += change["cpu"]
            n = len(of_kind)
            lines.append(f"mean of {n} {kind} changes: " + ", ".join(
                f"{k} {v / n:.1f}" for k, v in sorted(total.items(), key=lambda kv: -kv[1])))
        return lines
