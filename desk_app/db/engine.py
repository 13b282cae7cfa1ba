"""The two database engines behind one interface: SQLite (one PC, the default) and PostgreSQL (one
office's shared server).

There is one set of models and one set of services. What differs between the engines lives in the two
peewee Database classes, ``engine_sqlite.SqliteEngine`` and ``engine_postgres.PostgresEngine``; both
implement ``Engine`` below, and the rest of the program reaches it through the models' proxy
(``from desk_app.db.models import database``; ``database.engine_name``, ``database.index_hint(...)``).

Which database a process uses: ``--database URL`` (CLI), else ``$DESK_APP_DATABASE``, else the data
folder's saved setting (设置 › 数据库), else ``sqlite`` (see connection.py). A URL is

  * ``sqlite``                         the data folder's desk.sqlite3 (as before);
  * ``sqlite:PATH``                    that SQLite file;
  * ``postgresql://user[:password]@host[:port]/db``  a PostgreSQL database (also ``?host=/socket/dir``
    for a unix socket, and any libpq parameter; a password is better kept in the user's pgpass file).

The interface (every name is on both Database classes):

  engine_name                 'sqlite' or 'postgresql'
  location()                  the file, or user@host:port/db without the password: for messages
  schema_version()            SQLite: PRAGMA user_version; PostgreSQL: the one row of table schema_version
  set_schema_version(n)
  index_hint(sql, index)      SQLite: read ledger_entry through that index (INDEXED BY); PostgreSQL: sql as is
  unordered(expr)             an ORDER BY term that matches no index (SQLite's "+x"); PostgreSQL: expr
  for_update(sql)             a SELECT that locks the rows it reads until the transaction ends (PostgreSQL:
                              FOR UPDATE; SQLite: as is, its write transaction already holds the lock)
  live_counts(campaign, live, today)  a whole campaign's entries per 状态 and its 逾期 from counters the
                              engine keeps ((counts, overdue)), or None: count them as usual (SQLite)
  month_text(expr)            'YYYY-MM' of a date or timestamp expression (strftime / to_char)
  days_between(later, earlier)   whole days between two date expressions, as a number
  backup_to_file(path)        a SQLite file holding every table: the backup format of both engines
                              (SQLite: the online backup API; PostgreSQL: table_copy into a new file)
  search_write(ids, docs)     the ledger search index (services/search computes the tokens): ids are
  search_clear()                (re)indexed as docs = {entry_id: (bigram tokens, tags)}, the others among
                                them dropped; runs are the lower-cased runs of a
  search_take(limit)            query; search_take hands out queued entry ids (PostgreSQL: rows other
  search_count(runs, tags)      clients are indexing are skipped); search_condition is a peewee condition
  search_condition(runs, per_row)   on ledger_entry "t1" (SQLite FTS5; PostgreSQL tsvector + GIN)
  close_connection()          close this thread's connection (SQLite also folds its WAL into the file)

Bulk writes: ``database.cursor().executemany(sql, rows)`` on both; on PostgreSQL a plain
``INSERT … VALUES (?, …) [ON CONFLICT …]`` goes as multi-row INSERTs of 500 rows, and the triggers on
ledger_entry's inserts and deletes run once per statement, so 100,000 new entries in one transaction
take tens of seconds, not minutes (the rows of one executemany must not upsert the same key twice).

Conventions that keep raw SQL portable: placeholders are ``?`` (PostgresEngine's cursor turns them into
its own); values read back the way SQLite's module returns them (dates and timestamps as ISO text,
booleans as 0/1, AVG as float), so services see the same Python values from both engines; text columns
on PostgreSQL are COLLATE "C" (code-point order, as SQLite's BINARY; people sort by their pinyin column,
never by a server's locale); REAL is DOUBLE PRECISION. SQL that only one engine understands (PRAGMA,
INSERT OR …, FTS MATCH, strftime, julianday, INDEXED BY) belongs in the engine classes, not in services.

Transactions: ``database.atomic()`` on both (PostgreSQL: READ COMMITTED unless a caller asks
``atomic(isolation_level="REPEATABLE READ")``, as table_copy.snapshot does). On PostgreSQL a serialization
failure, a deadlock or a lock timeout (SQLSTATE 40001, 40P01, 55P03) reaches the caller as
storage_errors.DatabaseLockedError; a lost server as a DatabaseError naming it, and the next statement
outside a transaction reconnects by itself. Each thread has its own connection (peewee), closed by
close_database() / session.release_thread_connection(); ``database.use_in_this_thread(db)`` lets one
thread work on another database for a while (a frozen month's view, a copy's target).

Schema: SQLite is built and upgraded by the numbered migrations (PRAGMA user_version). PostgreSQL is
created whole at the current version by ``desk-app db init URL`` (pg_schema: tables from the models,
indexes translated from the migrated SQLite schema so both engines carry the same ones, triggers and the
search index written for PostgreSQL); a later migration runs on both engines, so it uses portable SQL or
asks ``db.engine_name``. There is no file lock on PostgreSQL: concurrency is the server's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import DatabaseError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


@dataclass(frozen=True)
class Target:
    """A parsed database URL."""

    engine: str
    path: Path | None = None  # sqlite: None means the data folder's file
    conninfo: str = ""  # postgresql: the URL as libpq takes it
    display: str = ""  # postgresql: without the password

    @property
    def is_postgresql(self) -> bool:
        return self.engine == POSTGRESQL

    def display_url(self) -> str:
        return hide_password(self.conninfo) if self.is_postgresql else f"sqlite:{self.path}" if self.path else SQLITE

    def describe(self) -> str:
        if self.is_postgresql:
            return f"PostgreSQL 数据库 {self.display}"
        return f"SQLite 数据文件 {self.path}" if self.path else "本机数据文件夹中的 SQLite 数据文件"


_PASSWORD = re.compile(r"^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@")


def bad_url_message(url: str, why: str) -> str:
    return (f"数据库地址“{hide_password(url)}”不正确：{why}。地址应写成 sqlite、sqlite:文件路径，"
            "或 postgresql://用户名@服务器[:端口]/数据库名（本机套接字：postgresql://用户名@/数据库名?host=/套接字目录）。")


def hide_password(url: str) -> str:
    return _PASSWORD.sub(r"\1:***@", url.strip())


def parse_url(url: str) -> Target:
    """A Target for a database URL; DatabaseError with a Chinese message naming what is wrong."""
    text = (url or "").strip()
    if text.lower() in ("", SQLITE, "sqlite:"):
        return Target(SQLITE)
    if text.lower().startswith("sqlite:"):
        path = text[len("sqlite:"):]
        if path.startswith("///"):  # sqlite:///relative and sqlite:////absolute, as other programs write them
            path = path[3:]
        return Target(SQLITE, path=Path(path).expanduser())
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme not in ("postgresql", "postgres"):
        raise DatabaseError(bad_url_message(text, f"不认识的类型“{scheme or text}”"))
    try:
        from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415
    except ImportError:
        raise DatabaseError("本程序缺少 PostgreSQL 驱动（psycopg），无法连接数据库服务器。请重新安装本程序。") from None
    try:
        params = conninfo_to_dict(text)
    except Exception as exc:  # noqa: BLE001 - psycopg.ProgrammingError names the fault in English
        raise DatabaseError(bad_url_message(text, f"无法解析（{exc}）")) from None
    if not params.get("dbname"):
        raise DatabaseError(bad_url_message(text, "缺少数据库名（地址最后的 /数据库名）"))
    if params.get("port") and not re.fullmatch(r"\d{1,5}(,\d{1,5})*", str(params["port"])):
        raise DatabaseError(bad_url_message(text, f"无法解析端口“{params['port']}”"))
    host = params.get("host") or "本机"
    port = f":{params['port']}" if params.get("port") else ""
    user = f"{params['user']}@" if params.get("user") else ""
    return Target(POSTGRESQL, conninfo=text, display=f"{user}{host}{port}/{params['dbname']}")


class Engine:
    """What both engines' Database classes provide (see the module docstring). Defaults are SQLite's
    no-ops; each class overrides what it does differently."""

    engine_name = ""

    def location(self) -> str:
        raise NotImplementedError

    def schema_version(self) -> int:
        raise NotImplementedError

    def set_schema_version(self, version: int) -> None:
        raise NotImplementedError

    def index_hint(self, sql: str, index: str | None) -> str:
        return sql

    def unordered(self, expr):
        return expr

    def for_update(self, sql: str) -> str:
        return sql

    def live_counts(self, campaign_id: int, live: bool, today) -> tuple[dict[str, int], int] | None:
        return None

    def month_text(self, expr):
        raise NotImplementedError

    def days_between(self, later, earlier):
        raise NotImplementedError

    def backup_to_file(self, destination: Path) -> Path:
        raise NotImplementedError

    def search_write(self, entry_ids: list[int], docs: dict[int, tuple[str, str]]) -> None:
        raise NotImplementedError

    def search_clear(self) -> None:
        raise NotImplementedError

    def search_take(self, limit: int) -> list[int]:
        raise NotImplementedError

    def search_count(self, runs: list[str], tags: list[str]) -> int:
        raise NotImplementedError

    def search_condition(self, runs: list[str], per_row: bool):
        raise NotImplementedError

    def close_connection(self) -> None:
        self.close()
