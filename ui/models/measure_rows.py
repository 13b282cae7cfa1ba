"""Measures shown nested under their task in the ledger's table model.

The ledger pages over SQL by keyset (ledger_table_model); measures are read only for what is on screen:
one query per loaded page gives each parent its measure count and worst light (services/measures.lights),
and a parent's measures themselves are read when the clerk expands it. Expanded parents insert their
measure rows right below them, so a view row maps to (entry row, measure index) here.
"""

from __future__ import annotations

from bisect import insort

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desk_app.services import ledger_columns, measures

MEASURE_BACKGROUND = QColor("#f3f7fb")
EXPANDED, COLLAPSED, LEAF = "▾ ", "▸ ", ""


class NestedRows:
    """Which entry rows are expanded, with their measures (a handful at a time)."""

    def __init__(self):
        self._open: dict[int, list] = {}  # entry row -> its MeasureRecords
        self._rows: list[int] = []  # the expanded entry rows, sorted

    def clear(self) -> None:
        self._open.clear()
        self._rows.clear()

    def total(self) -> int:
        return sum(len(m) for m in self._open.values())

    def is_open(self, entry_row: int) -> bool:
        return entry_row in self._open

    def records(self, entry_row: int) -> list:
        return self._open.get(entry_row, [])

    def open(self, entry_row: int, records: list) -> None:
        if entry_row not in self._open:
            insort(self._rows, entry_row)
        self._open[entry_row] = records

    def close(self, entry_row: int) -> None:
        if self._open.pop(entry_row, None) is not None:
            self._rows.remove(entry_row)

    def expanded_rows(self) -> list[int]:
        return list(self._rows)

    def locate(self, view_row: int) -> tuple[int, int | None]:
        """(entry row, measure index) of a view row; the index is None on an entry's own row."""
        before = 0  # measure rows above
        for entry_row in self._rows:
            parent = entry_row + before
            if view_row <= parent:
                break
            count = len(self._open[entry_row])
            if view_row <= parent + count:
                return entry_row, view_row - parent - 1
            before += count
        return view_row - before, None

    def view_row(self, entry_row: int) -> int:
        return entry_row + sum(len(self._open[r]) for r in self._rows if r < entry_row)


def measure_text(column_key: str, m, number: int) -> str:
    """What a measure row shows in one of the ledger's columns (the task's own columns stay empty)."""
    if column_key == "code":
        label = QCoreApplication.translate("MeasureRows", "Measure %1").replace("%1", str(number))
        return "\u3000└ " + label
    if column_key in ("description", "measures"):
        return m.content.replace("\n", " ") if column_key == "description" else ""
    if column_key == "department":
        return m.department_name
    if column_key == "responsible":
        return m.responsible_name
    if column_key == "deadline":
        return ledger_columns.deadline_text(m)
    if column_key == "status":
        return f"{m.status}（逾期）" if m.is_overdue else m.status
    if column_key == "completed_date":
        return ledger_columns.cn_date(m.completed_date)
    if column_key == "note":
        return m.note
    return ""


def load(entry_id: int) -> list:
    return measures.measures_of(entry_id)
