"""Search over the ledger that finds any substring, Chinese words of one or two characters included.

The index ``ledger_search`` holds, per entry, the overlapping character bigrams of what a clerk
searches (编号, 问题表现, 整改目标, 整改措施, the progress texts and the people's names) plus the last
character of each run of letters, so:
  * a query of two or more characters is a phrase of its bigrams ("整改台账" → "整改 改台 台账");
  * a one-character query is a prefix query ("台"* matches "台账", "台" …).
This module computes the tokens and tags; the engine stores and matches them (SQLite: an FTS5 table;
PostgreSQL: tsvector columns with GIN indexes, phrases as <-> and prefixes as :*; see desk_app/db/engine).

Who keeps it current: SQL triggers (migration 2) queue every changed entry in ``search_dirty``,
whoever wrote it. The writers index what they wrote themselves: ledger_create.create_entries in its
own transaction, the demo, imports and restores as their last (background) step, and the GUI at
start-up when the queue is not empty (``sync`` with progress). A search never waits for a long
queue: up to INLINE_LIMIT queued entries are indexed on the spot, beyond that the queued ones are
matched by a plain scan until the background step has caught up.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from operator import add

from peewee import SQL

from desk_app.db.database import is_read_only
from desk_app.db.models import LedgerEntry, Person, ProgressUpdate, database

from . import ledger_cache

SYNC_BATCH = 1000  # one transaction each, so a search on the GUI thread waits for one batch at most
INLINE_LIMIT = 200  # queued entries a search indexes itself before answering (a few milliseconds)
FEW_MATCHES = 2000  # summary_counts: up to this many rows matching the query, each figure is counted directly

# Runs of letters and digits (Unicode categories L* and N*, and the private-use area where offices
# keep their rare characters); punctuation, spaces and underscores separate them.
_RUN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")

_ENTRY_TEXT_SQL = """
SELECT e.id, e.campaign_id, e.deleted_at, e.status, e.deadline_type, e.deadline,
       e.code, e.description, e.target, e.measures, COALESCE(o.name, ''), COALESCE(l.name, ''),
       COALESCE(r.name, '')
FROM ledger_entry e
LEFT JOIN person o ON o.id = e.owner_id
LEFT JOIN person l ON l.id = e.leader_id
LEFT JOIN person r ON r.id = e.responsible_id
WHERE e.id IN ({marks})
"""


def runs(text: str) -> list[str]:
    """Lower-cased runs of letters and digits; punctuation and spaces separate them."""
    return _RUN.findall((text or "").lower())


def index_tokens(text: str) -> str:
    """What the index stores for a text: bigrams of each run and the run's last character."""
    parts = []
    for run in runs(text):
        if len(run) > 1:
            parts.append(" ".join(map(add, run, run[1:])))
        parts.append(run[-1])
    return " ".join(parts)


def match_expression(text: str) -> str | None:
    """SQLite's FTS5 MATCH expression for a query (on the text column), or None when it holds nothing
    searchable (what the engines match: see desk_app/db/engine_sqlite.match_expression)."""
    from desk_app.db.engine_sqlite import match_expression as fts5  # noqa: PLC0415

    return fts5(runs(text))


_DONE = frozenset(("已销号", "长期坚持"))
_OPEN = frozenset(("未启动", "推进中"))
_DATED = frozenset(("按期", "立行立改"))
FIRST_YEAR = 2000  # 逾期 counts deadlines from here on (earlier ones are typing mistakes)


def _scope(campaign_id: int, deleted: bool) -> str:
    return f"c{campaign_id}{'b' if deleted else 'l'}"


def _status_class(status: str) -> str:
    return "d" if status in _DONE else "p" if status == "申请销号" else "o" if status in _OPEN else "x"


def tags(campaign_id: int, deleted_at, status: str, deadline_type: str, deadline) -> str:
    """The second column: what the ledger's summary line counts by, so a search's 共/完成/待审核/逾期 come
    from the index alone. One word per question, each led by the campaign and bin state (c1l = campaign 1,
    not in the bin): c1l, c1lsd (done) / c1lsp (申请销号) / c1lso (open), and for an open dated entry its
    deadline as c1ly2026, c1lm202611, c1ld20261123. They never meet a clerk's query, which matches the
    text column only."""
    scope = _scope(campaign_id, deleted_at is not None)
    words = [scope, f"{scope}s{_status_class(status)}"]
    if status in _OPEN and deadline_type in _DATED and deadline:
        day = str(deadline)[:10].replace("-", "")
        words += [f"{scope}y{day[:4]}", f"{scope}m{day[:6]}", f"{scope}d{day}"]
    return " ".join(words)


def _documents(entry_ids: list[int]) -> dict[int, tuple[str, str]]:
    marks = ",".join("?" * len(entry_ids))
    rows = database.execute_sql(_ENTRY_TEXT_SQL.format(marks=marks), entry_ids).fetchall()
    docs = {row[0]: list(row[6:]) for row in rows}
    progress = database.execute_sql(
        f"SELECT entry_id, text FROM progress_update WHERE entry_id IN ({marks})", entry_ids).fetchall()
    for entry_id, text in progress:
        if entry_id in docs:
            docs[entry_id].append(text)
    # Field by field (the same as index_tokens of the fields joined by a separator, which keeps a bigram from
    # spanning two of them): names, standard phrases and template texts repeat, and are tokenised once.
    tokens = _field_tokens()
    return {row[0]: (" ".join(filter(None, map(tokens, docs[row[0]]))), tags(*row[1:6])) for row in rows}


def _field_tokens():
    """index_tokens for one call of _documents, remembering the short texts it has seen."""
    seen: dict[str, str] = {}

    def tokens(value) -> str:
        text = str(value)
        found = seen.get(text)
        if found is None:
            found = index_tokens(text)
            if len(text) < 400:
                seen[text] = found
        return found

    return tokens


def _index(ids: list[int]) -> None:
    """(Re)index these entries and take them off the queue; the caller holds the transaction."""
    marks = ",".join("?" * len(ids))
    database.search_write(ids, _documents(ids))
    database.execute_sql(f"DELETE FROM search_dirty WHERE entry_id IN ({marks})", ids)


def index_entries(entry_ids: list[int], progress: Callable[..., bool | None] | None = None) -> int:
    """Index entries a writer has just written, inside the writer's own transaction."""
    from desk_app.progress import report  # noqa: PLC0415

    total = len(entry_ids)
    for start in range(0, total, SYNC_BATCH):
        _index(entry_ids[start:start + SYNC_BATCH])
        done = min(start + SYNC_BATCH, total)
        report(progress, done, total, f"正在建立检索索引 {done}/{total}")
    return total


def is_current() -> bool:
    """Nothing waits in the queue: searches are answered by the index alone."""
    return not database.execute_sql("SELECT 1 FROM search_dirty LIMIT 1").fetchone()


def pending() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM search_dirty").fetchone()[0]


def sync(progress: Callable[..., bool | None] | None = None) -> int:
    """Index the queued entries, one transaction per batch; returns how many were (re)indexed.

    Safe to call any time and from any thread (with its own connection). progress(done, total, text)
    returning False stops after the current batch (what is indexed stays indexed).
    """
    if is_read_only() or not database.execute_sql("SELECT 1 FROM search_dirty LIMIT 1").fetchone():
        return 0
    total = pending()
    done = 0
    while True:
        with database.atomic():
            ids = database.search_take(SYNC_BATCH)
            if not ids:
                return done
            _index(ids)
        done += len(ids)
        if progress is not None and progress(done, max(total, done), f"正在建立检索索引 {done}/{total}") is False:
            return done


_background = threading.Lock()  # held while a background sync runs, until its connection is closed
_stop = threading.Event()


def sync_in_background(progress: Callable[..., bool | None] | None = None) -> int:
    """sync() for a worker thread: closes the thread's own connection at the end and stops early when
    stop_background() asks (before a restore swaps the file, or the data is closed)."""
    from . import session  # noqa: PLC0415 - session closes the data and calls stop_background()

    with _background:
        _stop.clear()

        def going_on(done, total, text=""):
            return not _stop.is_set() and (progress is None or progress(done, total, text) is not False)

        try:
            return sync(going_on)
        finally:
            session.release_thread_connection()


def stop_background() -> None:
    """Stop a background sync after its current batch and wait until its connection is closed."""
    _stop.set()
    with _background:
        pass


def rebuild() -> int:
    """Re-index every entry (after a tokenizer change, or to repair)."""
    with database.atomic():
        database.search_clear()
        database.execute_sql("DELETE FROM search_dirty")
        database.execute_sql("INSERT INTO search_dirty (entry_id) SELECT id FROM ledger_entry")
    return sync()


def _catch_up() -> bool:
    """Index a short queue on the spot; True when nothing is left queued."""
    if not database.execute_sql("SELECT 1 FROM search_dirty LIMIT 1").fetchone():
        return True
    if is_read_only():
        return False
    if database.execute_sql("SELECT COUNT(*) FROM (SELECT 1 FROM search_dirty LIMIT ?) AS queued",
                            (INLINE_LIMIT + 1,)).fetchone()[0] > INLINE_LIMIT:
        return False  # the background step is on it; queued entries are scanned meanwhile
    sync()
    return True


def index_answers() -> bool:
    """Whether the index alone answers a search now (a short queue is indexed on the spot): False while many
    entries wait for the background step, which condition() then scans as well."""
    return _catch_up()


def _count(query: list[str], tags: list[str]) -> int:
    """How many entries match the query (and any of the tags), kept while nothing changes (ledger_cache):
    the list's count and its figures, read a moment apart, share them."""
    return ledger_cache.cached(("fts", tuple(query), tuple(tags)), lambda: database.search_count(query, tags))


def _tallies(scope: str) -> tuple[dict[str, int], Counter]:
    """From ledger_tally: the entries of every other scope, and this scope's by status class."""
    scopes = ledger_cache.cached(("tally_scopes",), lambda: database.execute_sql(
        'SELECT "campaign_id", "live", SUM("n") FROM "ledger_tally" GROUP BY "campaign_id", "live"').fetchall())
    others = {_scope(c, not live): n for c, live, n in scopes if n and _scope(c, not live) != scope}
    campaign, live = int(scope[1:-1]), 1 if scope[-1] == "l" else 0
    mine: Counter = Counter()
    for status, n in ledger_cache.cached(("tally_status", campaign, live), lambda: database.execute_sql(
            'SELECT "status", SUM("n") FROM "ledger_tally" WHERE "campaign_id" = ? AND "live" = ? GROUP BY "status"',
            (campaign, live)).fetchall()):
        mine[_status_class(status)] += n or 0
    return others, mine


def _scope_total(query: list[str], scope: str, whole: int, others: dict[str, int], mine: Counter) -> int:
    """The query's entries in the scope: counted directly, or as the whole minus the other scopes' where
    those are fewer (a tag on most entries costs more to intersect than the query itself)."""
    if whole <= FEW_MATCHES:  # ANDed with a few rows, any tag is quick
        return _count(query, [scope])
    if sum(others.values()) < sum(mine.values()):
        return whole - (_count(query, list(others)) if others else 0)
    return _count(query, [scope])


def _large_counts(query: list[str], scope: str, whole: int) -> tuple[int, int, int, bool]:
    """(total, done, pending, any open entry in scope) for a query matching many entries.

    Each count reads the query's rows and a tag's; a tag on most entries (c1l: every live entry of campaign 1)
    costs more than the query. Where ledger_tally says the other side is smaller, a figure is counted as the
    whole minus that side (the tally and the index hold the same entries: the index is current here)."""
    others, mine = _tallies(scope)
    total = _scope_total(query, scope, whole, others, mine)
    if not total:
        return 0, 0, 0, False
    pending = _count(query, [f"{scope}sp"]) if mine["p"] else 0
    rest = [f"{scope}s{c}" for c in "ox" if mine[c]]  # open and other statuses
    if mine["d"] > mine["o"] + mine["x"]:
        done = total - pending - (_count(query, rest) if rest else 0)
    else:
        done = _count(query, [f"{scope}sd"]) if mine["d"] else 0
    return total, done, pending, bool(mine["o"])


def total_count(text: str, campaign_id: int, deleted: bool) -> int | None:
    """How many entries of a campaign (in the bin or not) contain the text: summary_counts' total alone, one or
    two counts of the index instead of five or six; None when summary_counts would be None."""
    query = runs(text)
    if not query or not _catch_up():
        return None
    scope = _scope(campaign_id, deleted)
    whole = _count(query, [])
    if not whole:
        return 0
    others, mine = _tallies(scope) if whole > FEW_MATCHES else ({}, Counter())
    return _scope_total(query, scope, whole, others, mine)


def summary_counts(text: str, campaign_id: int, deleted: bool, today) -> tuple[int, int, int, int] | None:
    """(total, done, pending, overdue) of the entries of a campaign (in the bin or not) that contain the
    text, from the index alone; None when the text holds nothing searchable or many entries wait in the queue.
    Kept while nothing is written (ledger_cache): a clerk who types a word, deletes it and types it again
    waits for the counting once."""
    query = runs(text)
    if not query or not _catch_up():
        return None
    return ledger_cache.cached(("search_counts", tuple(query), campaign_id, deleted, today),
                               lambda: _summary_counts(query, campaign_id, deleted, today))


def _summary_counts(query: list[str], campaign_id: int, deleted: bool, today) -> tuple[int, int, int, int]:
    scope = _scope(campaign_id, deleted)
    whole = _count(query, [])
    if not whole:
        return 0, 0, 0, 0
    if whole <= FEW_MATCHES:  # ANDed with a few rows, any tag is quick
        total = _scope_total(query, scope, whole, {}, Counter())
        if not total:
            return 0, 0, 0, 0
        done, pending = _count(query, [f"{scope}sd"]), _count(query, [f"{scope}sp"])
    else:
        total, done, pending, any_open = _large_counts(query, scope, whole)
        if not total or not any_open:
            return total, done, pending, 0
    # 逾期: open and dated with a deadline before today — earlier years, earlier months, earlier days.
    before = [f"{scope}y{y}" for y in range(FIRST_YEAR, today.year)]
    before += [f"{scope}m{today.year}{m:02d}" for m in range(1, today.month)]
    before += [f"{scope}d{today.year}{today.month:02d}{d:02d}" for d in range(1, today.day)]
    overdue = _count(query, before) if before else 0
    return total, done, pending, overdue


def matching_ids(text: str) -> list[int]:
    return [r[0] for r in LedgerEntry.select(LedgerEntry.id).where(condition(text)).tuples()]


def _like_condition(text: str):
    """Plain substring scan, for entries still waiting in the queue."""
    people = Person.select(Person.id).where(Person.name.contains(text))
    progress = ProgressUpdate.select(ProgressUpdate.entry).where(ProgressUpdate.text.contains(text))
    return (LedgerEntry.description.contains(text) | LedgerEntry.measures.contains(text)
            | LedgerEntry.target.contains(text) | LedgerEntry.code.contains(text)
            | LedgerEntry.responsible.in_(people) | LedgerEntry.owner.in_(people)
            | LedgerEntry.leader.in_(people) | LedgerEntry.id.in_(progress))


def condition(text: str, *, per_row: bool = False):
    """A peewee condition on LedgerEntry for 'contains this text somewhere'.

    per_row: ask the index about each row read instead of listing every match first; cheaper when most
    entries match and the caller stops after a page (a walk in sort order)."""
    query = runs(text)
    if not query:
        return LedgerEntry.id.is_null(False)
    indexed = database.search_condition(query, per_row)
    if _catch_up():
        return indexed
    stale = LedgerEntry.id.in_(SQL("(SELECT entry_id FROM search_dirty)"))
    return (indexed & ~stale) | (stale & _like_condition(text.strip()))
