"""The PostgreSQL engine: one office's shared database on a server (see engine.py for the interface).

The driver is psycopg 3 (peewee 4 speaks it natively). Its cursors here bind client-side (values become
literals, which PostgreSQL types from their context like SQLite does, so raw SQL written for SQLite keeps
working) and take SQLite's ``?`` placeholders. Loaders return values the way Python's sqlite3 module
does: dates and timestamps as ISO text, booleans as 0/1, NUMERIC (what AVG gives) as float.

The few statements every clerk runs all the time (a page's records, a save's write, the campaign's counters)
are written for PostgreSQL alone, as ``Prepared`` SQL: bound on the server and prepared once per session
(services/entry_records_pg), in branches the services take on this engine only. A list's page reads its
records in the same statement (execute_literal), which hands them to the records' read that follows
(keep_ahead / take_ahead: only while the session runs nothing else in between).
"""

from __future__ import annotations

import contextlib
import functools
import re
from pathlib import Path

from peewee import SQL, Context, Field, Ordering, PostgresqlDatabase, SelectBase, fn
from peewee import DatabaseError as PeeweeDatabaseError
from peewee import __exception_wrapper__ as peewee_exceptions

from desk_app.errors import DatabaseError

from .engine import POSTGRESQL, Engine, Target
from .lean_peewee import attach_psycopg
from .storage_errors import translate as translate_storage_error

CONNECT_TIMEOUT_S = 10
# Where PostgreSQL clamps a position in a tsvector: a phrase further into an entry's text is found only
# as words (every bigram present), as FTS5 would find it anywhere.
MAX_POSITION = 16383

# The planner for an interactive program's short statements. join_collapse_limit=1: joins are planned in the
# order written (every query here starts from its main table and LEFT JOINs the names it shows); searching
# every order of the entry list's six LEFT JOINs cost 13 ms of planning for a 1 ms query. jit=off:
# compiling a query costs more than the few milliseconds these queries run.
SESSION_PLANNER = "-c join_collapse_limit=1 -c jit=off"
INSERT_ROWS = 500  # rows per statement when many rows are inserted at once (executemany)
_PLAIN_INSERT = re.compile(
    r'^\s*INSERT\s+INTO\s+("[^"]+"|\w+)\s*\(([^()]*)\)\s*VALUES\s*'
    r'(\(\s*\?(?:::\w+)?(?:\s*,\s*\?(?:::\w+)?)*\s*\))(\s+ON\s+CONFLICT\b[^?]*)?\s*$', re.I | re.S)
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\$(\w*)\$.*?\$\1\$|%s|%|\?", re.S)


def _convert_token(match: re.Match) -> str:
    token = match.group(0)
    if token == "?":
        return "%s"
    if token == "%s":
        return token
    return token.replace("%", "%%")  # a literal percent sign, in quotes or not


@functools.lru_cache(maxsize=4096)
def convert_placeholders(sql: str) -> str:
    """SQL with ``?`` placeholders (and peewee's ``%s``) in psycopg's form: ``?`` outside quotes becomes
    ``%s``, every other percent sign is doubled."""
    return _TOKEN.sub(_convert_token, sql)


@functools.lru_cache(maxsize=1024)
def client_template(sql: str, encoding: str) -> tuple[bytes, int]:
    """A converted statement as a bytes %-template and its number of placeholders: binding is then one
    ``template % literals``. psycopg parses a statement of more than 50 parameters anew on every call (it
    caches only short ones); the list's page of 200 ids took 1.2 ms of parsing per statement."""
    return sql.encode(encoding), sum(1 for m in _PERCENT.finditer(sql) if m.group(0) == "%s")


_PERCENT = re.compile(r"%%|%s")


class Prepared(str):
    """A hot statement the server keeps parsed and planned (the list's and a save's): execute_sql binds its
    values on the server (psycopg's own placeholders, %s; an id list is one array value, ``= ANY(%s)``, so
    pages of any length share one statement) and prepares it on its first run in a session, instead of
    parsing and planning the statement anew each time. Its rows bring dates and timestamps as date and
    datetime (psycopg's C loaders), not as the ISO text of other statements."""

    __slots__ = ()


_LIVE_COUNTS = Prepared(
    'SELECT "status", "n" FROM "ledger_status_count" WHERE "campaign_id" = %(c)s AND "live" = %(l)s AND "n" <> 0 '
    'UNION ALL SELECT NULL, COALESCE(SUM("n"), 0)::int FROM "ledger_dated_count" '
    'WHERE "campaign_id" = %(c)s AND "live" = %(l)s AND "deadline" < %(d)s')


def _psycopg():
    try:
        import psycopg  # noqa: PLC0415

        attach_psycopg()
    except ImportError:
        raise DatabaseError("本程序缺少 PostgreSQL 驱动（psycopg），无法连接数据库服务器。请重新安装本程序。") from None
    return psycopg


@functools.cache
def _classes():
    """The cursor and loader classes (built on first use: psycopg is imported only for PostgreSQL)."""
    psycopg = _psycopg()
    from psycopg.adapt import Dumper, Loader, Transformer  # noqa: PLC0415
    from psycopg.types.numeric import FloatLoader  # noqa: PLC0415
    from psycopg.types.string import TextLoader  # noqa: PLC0415

    class QmarkCursor(psycopg.ClientCursor):
        def execute(self, query, params=None, **kwargs):
            if isinstance(query, str):
                query, params = convert_placeholders(query), params or ()
                bound = self._bind(query, params) if params and isinstance(params, list | tuple) else None
                if bound is not None:
                    query, params = bound, None
            return super().execute(query, params, **kwargs)

        def _bind(self, query: str, params) -> bytes | None:
            """The statement with its values as literals, as psycopg's client-side binding writes them, from
            a cached template (a non-negative int, the usual id, written directly); None when the
            placeholders do not match the values (psycopg binds them then, and says what is wrong)."""
            template, count = client_template(query, self.connection.info.encoding)
            if count != len(params):
                return None
            literal = Transformer.from_context(self).as_literal
            return template % tuple(
                b"NULL" if p is None else str(p).encode() if type(p) is int and p >= 0 else literal(p)
                for p in params)

        def executemany(self, query, params_seq, **kwargs):
            if isinstance(query, str):
                plain = _PLAIN_INSERT.match(query)
                if plain and not kwargs.get("returning"):
                    return self._insert_rows(plain, params_seq)
                query = convert_placeholders(query)
            return super().executemany(query, params_seq, **kwargs)

        def _insert_rows(self, plain, params_seq):
            """A plain INSERT … VALUES (?, …) [ON CONFLICT …] for many rows, as multi-row INSERTs of INSERT_ROWS
            rows: one statement (and one run of the statement-level triggers) per batch instead of one per row
            (callers insert distinct keys: one statement may not upsert a row twice)."""
            head = f"INSERT INTO {plain[1]} ({plain[2]}) VALUES "
            one = convert_placeholders(plain[3])
            rows = params_seq if isinstance(params_seq, list) else list(params_seq)
            total = 0
            for start in range(0, len(rows), INSERT_ROWS):
                # Each row rendered on its own (psycopg keeps the short template parsed), the statement sent
                # as it is: parsing one long statement's placeholders costs more than the insert.
                values = ",".join(self.mogrify(one, row) for row in rows[start:start + INSERT_ROWS])
                super().execute(head + values + (plain[4] or ""), None)
                total += self.rowcount
            self._rowcount = total

    class BoolAsInt(Loader):
        def load(self, data):
            return 1 if bytes(data) == b"t" else 0

    class BoolAsIntDumper(Dumper):
        oid = psycopg.postgres.types["int4"].oid

        def dump(self, obj):
            return b"1" if obj else b"0"

        def quote(self, obj):
            return b"1" if obj else b"0"

    # Dates and timestamps as the text PostgreSQL sends (ISO, by the session's DateStyle), numeric as float:
    # psycopg's own text and float loaders, which its binary package runs in C (a page of 200 entries has
    # 1,600 such values).
    loaders = {"date": TextLoader, "timestamp": TextLoader, "bool": BoolAsInt, "numeric": FloatLoader}
    return QmarkCursor, loaders, BoolAsIntDumper


@functools.cache
def _typed_loaders():
    from psycopg.types.datetime import DateLoader, TimestampLoader  # noqa: PLC0415

    return {"date": DateLoader, "timestamp": TimestampLoader}


def _prepared_cursor(conn):
    """A server-binding cursor for Prepared statements, loading dates and timestamps as Python objects."""
    cursor = _psycopg().Cursor(conn)
    for name, loader in _typed_loaders().items():
        cursor.adapters.register_loader(name, loader)
    return cursor


def _sqlite_nulls(term, model):
    """An ORDER BY term with SQLite's place for NULLs (first when ascending, last when descending; PostgreSQL
    does the opposite) where NULLs can occur: a nullable column, or any column of a joined model (an outer
    join gives NULLs). Other terms stay as they are, so they still match PostgreSQL's indexes."""
    node, direction, collation = term, "ASC", None
    if isinstance(term, Ordering):
        if term.nulls:
            return term
        node, direction, collation = term.node, term.direction, term.collation
    if not isinstance(node, Field) or not (node.null or (model is not None and node.model is not model)):
        return term
    return Ordering(node, direction, collation, "FIRST" if direction.upper() == "ASC" else "LAST")


class SqliteOrderContext(Context):
    """peewee's SQL context for PostgreSQL, ordering NULLs where SQLite does (the same lists on both)."""

    __slots__ = ()

    def sql(self, obj):
        order = getattr(obj, "_order_by", None) if isinstance(obj, SelectBase) else None
        if order:
            fixed = [_sqlite_nulls(term, getattr(obj, "model", None)) for term in order]
            if any(a is not b for a, b in zip(fixed, order, strict=True)):
                obj = obj.clone()
                obj._order_by = fixed
        return super().sql(obj)


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_text(tokens: str) -> str:
    """The tsvector literal for services/search's tokens: each token a lexeme at its position."""
    return " ".join(f"{_lexeme(t)}:{min(i, MAX_POSITION)}" for i, t in enumerate(tokens.split(), 1))


def tsquery_text(runs: list[str]) -> str:
    """Every run must occur: a one-character run as a prefix, a longer one as the phrase of its bigrams."""
    parts = []
    for run in runs:
        if len(run) == 1:
            parts.append(f"{_lexeme(run)}:*")
        else:
            parts.append("(" + " <-> ".join(_lexeme(a + b) for a, b in zip(run, run[1:], strict=False)) + ")")
    return " & ".join(parts)


class PostgresEngine(Engine, PostgresqlDatabase):
    engine_name = POSTGRESQL
    # Booleans are stored as 0/1 INTEGER, as SQLite stores them, so raw SQL and the digest see the same values.
    field_types = {**PostgresqlDatabase.field_types, "FLOAT": "DOUBLE PRECISION", "BOOL": "INTEGER"}
    context_class = SqliteOrderContext

    def __init__(self, target: Target, *, read_only: bool = False, **kwargs):
        self.target = target
        self.read_only = read_only
        self._tables_known: dict[str, bool] = {}
        with contextlib.suppress(ImportError):  # without psycopg the first connection says what is missing
            attach_psycopg()  # before peewee picks its driver adapter (peewee was imported without it)
        super().__init__(target.conninfo, prefer_psycopg3=True, **kwargs)

    def _connect(self):
        psycopg = _psycopg()
        cursor_class, loaders, dumper = _classes()
        options = "-c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c client_min_messages=warning " + SESSION_PLANNER
        if self.read_only:
            options += " -c default_transaction_read_only=on"
        conn = psycopg.connect(self.target.conninfo, autocommit=True, cursor_factory=cursor_class,
                               connect_timeout=CONNECT_TIMEOUT_S, application_name="desk-app", options=options)
        for name, loader in loaders.items():
            conn.adapters.register_loader(name, loader)
        conn.adapters.register_dumper(bool, dumper)
        return conn

    def cursor(self, *args, **kwargs):
        self._state.ahead = None  # any statement ends what a page brought along (keep_ahead)
        return super().cursor(*args, **kwargs)

    def _fresh_session(self) -> None:
        self._state.ahead = None
        conn = self._state.conn
        if conn is not None and conn.broken and not self.in_transaction():
            self._state.reset()  # the server went away between two statements: start a new session

    def execute_sql(self, sql, params=None):
        self._fresh_session()
        try:
            if type(sql) is Prepared:
                return self._execute_prepared(sql, params)
            return super().execute_sql(sql, params)
        except PeeweeDatabaseError as exc:
            raise (translate_storage_error(exc) or exc) from exc

    def _execute_prepared(self, sql: Prepared, params):
        self._log_query(sql, params)
        with peewee_exceptions:
            cursor = _prepared_cursor(self.connection())
            cursor.execute(sql, params or (), prepare=True)
        return cursor

    def execute_literal(self, build, sql: str, params):
        """Run build(sql with its values as literals, as this engine's statements are sent) by execute_bound.
        None when the values do not fit the placeholders (the caller runs sql itself then, and hears what is
        wrong)."""
        bound = self.bind_literal(sql, params)
        return None if bound is None else self.execute_bound(build(bound))

    def bind_literal(self, sql: str, params) -> bytes | None:
        """sql with its values as literals, as this engine's statements are sent (None: they do not fit the
        placeholders). Runs nothing: what keep_ahead kept stays."""
        with peewee_exceptions:
            return self.connection().cursor()._bind(convert_placeholders(sql), params or ())

    def execute_bound(self, statement: bytes):
        """Run a statement made around bind_literal's text, by a cursor that loads dates and timestamps as
        Python objects (as Prepared statements' rows) and lets psycopg prepare a text the session repeats
        (after its fifth run: a list's first page)."""
        self._fresh_session()
        try:
            with peewee_exceptions:
                self._log_query(statement, None)
                cursor = _prepared_cursor(self.connection())
                cursor.execute(statement, None)
        except PeeweeDatabaseError as exc:
            raise (translate_storage_error(exc) or exc) from exc
        return cursor

    def keep_ahead(self, key, value) -> None:
        """Keep value for take_ahead(key) as long as this thread's session runs no other statement: what a
        statement brought along for the one its caller runs next (a page's records, entry_records_pg)."""
        self._state.ahead = (self._state.conn, key, value)

    def take_ahead(self, key):
        """What keep_ahead kept for key, once, if no statement ran since (in this session); else None."""
        ahead, self._state.ahead = getattr(self._state, "ahead", None), None
        if ahead is None or ahead[0] is not self._state.conn or ahead[1] != key:
            return None
        return ahead[2]

    def has_table(self, name: str) -> bool:
        """Whether the database has this table (asked once per engine: a table of pg_schema an older program's
        database lacks until a writing client opens it)."""
        known = self._tables_known.get(name)
        if known is None:
            known = self._tables_known[name] = self.execute_sql(
                "SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0] == 1
        return known

    def commit(self):
        try:
            return super().commit()
        except PeeweeDatabaseError as exc:
            raise (translate_storage_error(exc) or exc) from exc

    # --- the engine interface ---------------------------------------------------------------------

    def for_update(self, sql: str) -> str:
        # A save reads its row locked: a second clerk's save of the same entry waits here for the first to
        # commit and then sees the new version (a conflict for the merge view at once), instead of passing
        # the version check on the old row and having its UPDATE find nothing (a rolled-back, retried run).
        return sql if self.read_only else f"{sql} FOR UPDATE"

    def live_counts(self, campaign_id: int, live: bool, today) -> tuple[dict[str, int], int] | None:
        # pg_schema's counters, kept by the tally's trigger: a few hundred rows in one round trip.
        if not self.has_table("ledger_dated_count"):
            return None  # a database an older program initialised, opened read-only
        rows = self.execute_sql(_LIVE_COUNTS, {"c": campaign_id, "l": int(live), "d": today}).fetchall()
        return {status: n for status, n in rows if status is not None}, next(n for s, n in rows if s is None)

    def location(self) -> str:
        return self.target.display

    def is_initialised(self) -> bool:
        return self.execute_sql("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0] == 1

    def schema_version(self) -> int:
        if not self.is_initialised():
            return 0
        row = self.execute_sql('SELECT MAX("version") FROM "schema_version"').fetchone()
        return row[0] or 0

    def set_schema_version(self, version: int) -> None:
        self.execute_sql('DELETE FROM "schema_version"')
        self.execute_sql('INSERT INTO "schema_version" ("version") VALUES (?)', (int(version),))

    def month_text(self, expr):
        return fn.to_char(expr, "YYYY-MM")

    def days_between(self, later, earlier):
        return later.cast("date") - earlier.cast("date")

    def backup_to_file(self, destination: Path) -> Path:
        from .table_copy import copy_into_new_sqlite  # noqa: PLC0415

        return copy_into_new_sqlite(self, destination)

    # The search index: table ledger_search (entry_id, body tsvector, tags tsvector) with GIN indexes.

    def search_write(self, entry_ids: list[int], docs: dict[int, tuple[str, str]]) -> None:
        gone = [i for i in entry_ids if i not in docs]
        if gone:
            self.execute_sql(f'DELETE FROM "ledger_search" WHERE "entry_id" IN ({",".join("?" * len(gone))})', gone)
        if docs:
            self.cursor().executemany(
                'INSERT INTO "ledger_search" ("entry_id", "body", "tags") VALUES (?, ?::tsvector, ?::tsvector) '
                'ON CONFLICT ("entry_id") DO UPDATE SET "body" = EXCLUDED."body", "tags" = EXCLUDED."tags"',
                [(entry_id, tsvector_text(body), tsvector_text(tags)) for entry_id, (body, tags) in docs.items()])

    def search_clear(self) -> None:
        self.execute_sql('DELETE FROM "ledger_search"')

    def search_take(self, limit: int) -> list[int]:
        # Rows another client is indexing right now are left to it.
        return [r[0] for r in self.execute_sql(
            'SELECT "entry_id" FROM "search_dirty" LIMIT ? FOR UPDATE SKIP LOCKED', (limit,)).fetchall()]

    def search_count(self, runs: list[str], tags: list[str]) -> int:
        sql, params = 'SELECT COUNT(*) FROM "ledger_search" WHERE "body" @@ ?::tsquery', [tsquery_text(runs)]
        if tags:
            sql += ' AND "tags" @@ ?::tsquery'
            params.append(" | ".join(_lexeme(t) for t in tags))
        return self.execute_sql(sql, params).fetchone()[0]

    def search_condition(self, runs: list[str], per_row: bool):
        from .models import LedgerEntry  # noqa: PLC0415

        query = tsquery_text(runs)
        if per_row:
            return SQL('EXISTS (SELECT 1 FROM "ledger_search" s WHERE s."entry_id" = "t1"."id" '
                       'AND s."body" @@ ?::tsquery)', [query])
        return LedgerEntry.id.in_(SQL('(SELECT "entry_id" FROM "ledger_search" WHERE "body" @@ ?::tsquery)', [query]))
