"""An entry's progress as read (the preview under the ledger, the editor's 进展 tab).

Apart from workflow, which writes progress and moves entries through 销号: reading needs none of the write
path (numbering, checks, logging), which the ledger's first page would otherwise load for its preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.db.models import ProgressUpdate


@dataclass(frozen=True)
class ProgressRecord:
    id: int
    entry_id: int
    date: date
    month: str
    text: str
    author: str


def progress_of(entry_id: int) -> list[ProgressRecord]:
    query = ProgressUpdate.select().where(ProgressUpdate.entry == entry_id).order_by(
        ProgressUpdate.date, ProgressUpdate.id)
    return [ProgressRecord(p.id, entry_id, p.date, p.month, p.text, p.author) for p in query]
