"""Text search over the ledger. A plain LIKE scan for now; the ledger issue brings an index."""

from __future__ import annotations

from desk_app.db.models import LedgerEntry, Person, ProgressUpdate


def condition(text: str):
    people = Person.select(Person.id).where(Person.name.contains(text))
    progress = ProgressUpdate.select(ProgressUpdate.entry).where(ProgressUpdate.text.contains(text))
    return (LedgerEntry.description.contains(text) | LedgerEntry.measures.contains(text)
            | LedgerEntry.target.contains(text) | LedgerEntry.code.contains(text)
            | LedgerEntry.responsible.in_(people) | LedgerEntry.owner.in_(people)
            | LedgerEntry.id.in_(progress))
