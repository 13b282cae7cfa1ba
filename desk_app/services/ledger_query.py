"""Filtering, sorting and counting ledger entries in the database, for lists, prints and exports.

The parts live in ledger_filter (the filter and its SQL), ledger_paging (sorted pages, keyset paging)
and ledger_summary (counts and the 共/逾期/完成率 line); this module is where callers find them.
"""

from __future__ import annotations

from desk_app.db.models import ProgressUpdate

from .entry_records import load_records  # noqa: F401 - re-exported: EntryRecords for ids
from .ledger_filter import (  # noqa: F401 - re-exported
    LedgerFilter,
    is_overdue,
    light,
    overdue_condition,
    text_condition,
    where_clause,
)
from .ledger_paging import (  # noqa: F401 - re-exported
    SORT_KEYS,
    Page,
    entry_ids,
    fetch_entries,
    fetch_page,
    iter_entries,
    page,
    position,
)
from .ledger_summary import LedgerSummary, count_entries, first_summary, summarize  # noqa: F401 - re-exported


def latest_progress(ids: list[int], month: str | None = None) -> dict[int, str]:
    """The newest progress text per entry (of one month if given), for lists and prints."""
    if not ids:
        return {}
    query = ProgressUpdate.select(ProgressUpdate.entry, ProgressUpdate.text).where(ProgressUpdate.entry.in_(ids))
    if month:
        query = query.where(ProgressUpdate.month == month)
    result: dict[int, str] = {}
    for entry_id, text in query.order_by(ProgressUpdate.date, ProgressUpdate.id).tuples():
        result[entry_id] = text
    return result
