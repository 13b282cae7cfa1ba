"""Search over the ledger that finds any substring, Chinese words of one or two characters included.

The FTS5 table ``ledger_search`` holds, per entry, the overlapping character bigrams of what a clerk
searches (编号, 问题表现, 整改目标, 整改措施, the progress texts and the people's names) (plus the last character of each run of letters), so:
  * a query of two or more characters is a phrase of its bigrams ("整改台账" → "整改 改台 台账");
  * a one-character query is a prefix query ("台"* matches "台账", "台" …).
SQL triggers (migration 2) queue changed entries in ``search_dirty``; ``sync()`` indexes the queue
and runs before every search, so the index is never stale whoever wrote the data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from peewee import SQL

from desk_app.db.database import is_read_only
from desk_app.db.models import LedgerEntry, Person, ProgressUpdate, database

SYNC_BATCH = 2000

_ENTRY_TEXT_SQL = """
SELECT e.id, e.code, e.description, e.target, e.measures, COALESCE(o.name, ''), COALESCE(l.name, ''),
       COALESCE(r.name, '')
FROM ledger_entry e
LEFT JOIN person o ON o.id = e.owner_id
LEFT JOIN person l ON l.id = e.leader_id
LEFT JOIN person r ON r.id = e.responsible_id
WHERE e.id IN ({marks})
"""


def _is_word_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LN" or category == "Co"


def runs(text: str) -> list[str]:
    """Lower-cased runs of letters and digits; punctuation and spaces separate them."""
    result, current = [], []
    for ch in (text or "").lower():
        if _is_word_char(ch):
            current.append(ch)
        elif current:
            result.append("".join(current))
            current = []
    if current:
        result.append("".join(current))
    return result


def index_tokens(text: str) -> str:
    """What the index stores for a text: bigrams of each run and the run's last character."""
    tokens: list[str] = []
    for run in runs(text):
        tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)


def match_expression(text: str) -> str | None:
    """The FTS5 MATCH expression for a query, or None when it holds nothing searchable."""
    parts = []
    for run in runs(text):
        if len(run) == 1:
            parts.append(f'"{run}"*')
        else:
            parts.append('"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"')
    return " AND ".join(parts) if parts else None


def _documents(entry_ids: list[int]) -> dict[int, str]:
    marks = ",".join("?" * len(entry_ids))
    docs = {row[0]: list(row[1:]) for row in
            database.execute_sql(_ENTRY_TEXT_SQL.format(marks=marks), entry_ids).fetchall()}
    progress = database.execute_sql(
        f"SELECT entry_id, text FROM progress_update WHERE entry_id IN ({marks})", entry_ids).fetchall()
    for entry_id, text in progress:
        if entry_id in docs:
            docs[entry_id].append(text)
    # A separator between fields keeps a bigram from spanning two of them.
    return {entry_id: index_tokens(" | ".join(str(v) for v in values)) for entry_id, values in docs.items()}


def pending() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM search_dirty").fetchone()[0]


def sync(progress: Callable[[int, int], bool | None] | None = None) -> int:
    """Index the queued entries; returns how many were (re)indexed. Safe to call any time."""
    if is_read_only() or not database.execute_sql("SELECT 1 FROM search_dirty LIMIT 1").fetchone():
        return 0
    total = pending()
    done = 0
    while True:
        with database.atomic():
            ids = [r[0] for r in database.execute_sql(
                "SELECT entry_id FROM search_dirty LIMIT ?", (SYNC_BATCH,)).fetchall()]
            if not ids:
                return done
            marks = ",".join("?" * len(ids))
            docs = _documents(ids)
            database.execute_sql(f"DELETE FROM ledger_search WHERE rowid IN ({marks})", ids)
            database.connection().executemany(
                "INSERT INTO ledger_search (rowid, body) VALUES (?, ?)", list(docs.items()))
            database.execute_sql(f"DELETE FROM search_dirty WHERE entry_id IN ({marks})", ids)
        done += len(ids)
        if progress is not None and progress(done, max(total, done)) is False:
            return done


def rebuild() -> int:
    """Re-index every entry (after a tokenizer change, or to repair)."""
    with database.atomic():
        database.execute_sql("DELETE FROM ledger_search")
        database.execute_sql("INSERT OR IGNORE INTO search_dirty (entry_id) SELECT id FROM ledger_entry")
    return sync()


def matching_ids(text: str) -> list[int]:
    expression = match_expression(text)
    if expression is None:
        return []
    sync()
    return [r[0] for r in database.execute_sql(
        "SELECT rowid FROM ledger_search WHERE ledger_search MATCH ?", (expression,)).fetchall()]


def _like_condition(text: str):
    """Plain substring scan, used only for entries not yet indexed in read-only mode."""
    people = Person.select(Person.id).where(Person.name.contains(text))
    progress = ProgressUpdate.select(ProgressUpdate.entry).where(ProgressUpdate.text.contains(text))
    return (LedgerEntry.description.contains(text) | LedgerEntry.measures.contains(text)
            | LedgerEntry.target.contains(text) | LedgerEntry.code.contains(text)
            | LedgerEntry.responsible.in_(people) | LedgerEntry.owner.in_(people)
            | LedgerEntry.leader.in_(people) | LedgerEntry.id.in_(progress))


def condition(text: str):
    """A peewee condition on LedgerEntry for 'contains this text somewhere'."""
    expression = match_expression(text)
    if expression is None:
        return LedgerEntry.id.is_null(False)
    sync()
    indexed = LedgerEntry.id.in_(SQL("(SELECT rowid FROM ledger_search WHERE ledger_search MATCH ?)",
                                     [expression]))
    if is_read_only() and pending():
        stale = LedgerEntry.id.in_(SQL("(SELECT entry_id FROM search_dirty)"))
        return (indexed & ~stale) | (stale & _like_condition(text.strip()))
    return indexed
