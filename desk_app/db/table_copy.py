"""Every table of one database into another, either engine to either engine, checked by counts and a
digest: ``desk-app db copy`` (an office moves onto the server and back), PostgreSQL's backups (a new
SQLite file in the backup format) and restoring a backup into PostgreSQL.

What is copied: every model table, rows by primary key, ids kept. What is not: what the target derives
from them itself (ledger_tally, kept by its triggers as the rows arrive; the search queue, filled the
same way; the search index, rebuilt from the queue by services/search). The digest is a SHA-256 over
each table's name and rows in id order, every value written the same way whichever engine it came from
(dates and timestamps in ISO form, booleans 0/1, floats by repr, blobs in hex), so equal digests mean
equal data.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import BlobField, BooleanField, DateField, DateTimeField, FloatField, sort_models

from desk_app.errors import DatabaseError

from .engine import POSTGRESQL

log = logging.getLogger(__name__)

BATCH = 2000
# Derived tables the target rebuilds or refills itself; emptied before a copy replaces its data.
DERIVED_TABLES = ("ledger_tally", "search_dirty", "ledger_search")
# Tables whose rows mean the database holds an office's data (a copy will not overwrite them unasked).
DATA_TABLES = ("campaign", "person", "department", "ledger_entry", "meeting")


@dataclass(frozen=True)
class CopyResult:
    counts: dict[str, int]
    source_digest: str
    target_digest: str

    @property
    def equal(self) -> bool:
        return self.source_digest == self.target_digest


def models():
    from .models import ALL_MODELS  # noqa: PLC0415

    return sort_models(ALL_MODELS)


def present(db, model) -> list:
    """The model's fields whose columns the database has (a database of an earlier version lacks the
    newer ones, or the whole table: then [])."""
    have = {c.name for c in db.get_columns(model._meta.table_name)}
    return [f for f in model._meta.sorted_fields if f.column_name in have]


def _select_sql(model, fields) -> str:
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    key = model._meta.primary_key.column_name
    return f'SELECT {names} FROM "{model._meta.table_name}" ORDER BY "{key}"'


def _rows(db, model, fields):
    cursor = db.execute_sql(_select_sql(model, fields))
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def _canonical(field):
    """A function writing one stored value the same way from either engine, or None when the value
    already is (text, integers, NULL)."""
    if isinstance(field, BooleanField):
        return lambda v: None if v is None else int(bool(v))
    if isinstance(field, DateTimeField | DateField):
        length = 19 if isinstance(field, DateTimeField) else 10

        def iso(value):
            if value is None or (isinstance(value, str) and len(value) == length):
                return value  # 'YYYY-MM-DD[ HH:MM:SS]' as both engines give it back: the fast path
            parsed = field.python_value(value)
            if isinstance(field, DateTimeField) and hasattr(parsed, "hour"):
                return parsed.isoformat(sep=" ")
            return parsed.isoformat() if hasattr(parsed, "isoformat") else parsed
        return iso
    if isinstance(field, FloatField):
        return lambda v: None if v is None else repr(float(v))
    if isinstance(field, BlobField):
        return lambda v: None if v is None else bytes(v).hex()
    return None


def digest(db, progress: Callable | None = None) -> tuple[dict[str, int], str]:
    """(rows per table, SHA-256 of every table's rows) of a database."""
    total = hashlib.sha256()
    counts = {}
    for model in models():
        fields = present(db, model)
        if not fields:
            continue
        fixes = [(i, fix) for i, fix in enumerate(map(_canonical, fields)) if fix is not None]
        table = model._meta.table_name
        total.update(table.encode())
        n = 0
        for row in _rows(db, model, fields):
            if fixes:
                row = list(row)
                for i, fix in fixes:
                    row[i] = fix(row[i])
            total.update(repr(tuple(row)).encode())
            n += 1
        counts[table] = n
        if progress is not None:
            progress(0, 0, f"正在校验 {table}")
    return counts, total.hexdigest()


def holds_data(db) -> bool:
    return any(db.execute_sql(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in DATA_TABLES)


def _for_target(field, target):
    if isinstance(field, BlobField):
        return lambda v: None if v is None else bytes(v)
    return None


def _insert(target, model, fields, rows: list[tuple]) -> None:
    names = [f.column_name for f in fields]
    table = model._meta.table_name
    if target.engine_name == POSTGRESQL:
        with target.cursor().copy(f'COPY "{table}" ({", ".join(chr(34) + n + chr(34) for n in names)}) '
                                  'FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
    else:
        target.cursor().executemany(
            f'INSERT INTO "{table}" ({", ".join(chr(34) + n + chr(34) for n in names)}) '
            f'VALUES ({", ".join("?" * len(names))})', rows)


def _reset_sequences(target) -> None:
    if target.engine_name != POSTGRESQL:
        return
    for model in models():
        key = model._meta.primary_key
        if key.field_type != "AUTO" or not present(target, model):
            continue
        table = model._meta.table_name
        target.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{key.column_name}'), "
                           f'(SELECT COALESCE(MAX("{key.column_name}"), 0) + 1 FROM "{table}"), false)')


def _empty(target) -> None:
    for table in DERIVED_TABLES:
        target.execute_sql(f'DELETE FROM "{table}"')
    for model in reversed(models()):
        if present(target, model):
            target.execute_sql(f'DELETE FROM "{model._meta.table_name}"')


def snapshot(db):
    """A transaction in which every read sees the same moment (other clerks may be saving meanwhile)."""
    if db.engine_name == POSTGRESQL:
        return db.atomic(isolation_level="REPEATABLE READ")
    return db.atomic()


def copy_tables(source, target, progress: Callable | None = None, *, replace: bool = False) -> CopyResult:
    """Copy every table of source into target (both open, same schema version) in one transaction of the
    target, reading the source at one moment; the target's own rows go first. Refuses a target holding an
    office's data unless replace. The digests of both sides are in the result (compare them)."""
    if source.schema_version() != target.schema_version():
        raise DatabaseError(f"两个数据库的数据版本不同（{source.schema_version()} 与 {target.schema_version()}），"
                            "请先用本程序分别打开它们（会自动升级）后再复制。没有写入任何内容。")
    with snapshot(source), target.atomic():
        if holds_data(target) and not replace:
            raise DatabaseError(f"目标数据库 {target.location()} 中已有数据（活动、人员或台账），没有写入任何内容。"
                                "如确要用源数据替换它，请加 --replace（替换前请先备份目标）。")
        _empty(target)
        _copy_rows(source, target, progress)
        _reset_sequences(target)
        if target.engine_name == POSTGRESQL:
            target.execute_sql("ANALYZE")  # the planner's statistics for what just arrived
        counts, target_digest = digest(target, progress)
        _, source_digest = digest(source)
        if source_digest != target_digest:  # never expected: then nothing is kept
            raise DatabaseError(f"复制后校验不一致（源 {source_digest[:16]}…，目标 {target_digest[:16]}…），"
                                "整个复制已撤销，目标数据库没有改动。请把这条消息交给管理员。")
    if target.engine_name == POSTGRESQL:
        # After the commit (VACUUM runs outside a transaction): the visibility map lets the list's counts
        # and pages read their indexes alone (index-only scans) from the first client on, instead of
        # visiting every row until autovacuum comes by.
        target.execute_sql("VACUUM")
    return CopyResult(counts, source_digest, target_digest)


def _copy_rows(source, target, progress) -> None:
    from desk_app.progress import report  # noqa: PLC0415

    order = models()
    for index, model in enumerate(order, 1):
        table = model._meta.table_name
        report(progress, index - 1, len(order), f"正在复制 {table}")
        in_target = {f.column_name for f in present(target, model)}
        fields = [f for f in present(source, model) if f.column_name in in_target]
        if not fields:
            continue
        fixes = [_for_target(f, target) for f in fields]
        batch = []
        try:
            for row in _rows(source, model, fields):
                batch.append(tuple(v if fix is None else fix(v) for fix, v in zip(fixes, row, strict=True)))
                if len(batch) >= BATCH:
                    _insert(target, model, fields, batch)
                    batch = []
            if batch:
                _insert(target, model, fields, batch)
        except DatabaseError:
            raise
        except Exception as exc:
            raise DatabaseError(f"复制表 {table} 时出错：{str(exc).strip().splitlines()[0]}。"
                                "目标数据库没有改动（整个复制已撤销）。") from exc
    report(progress, len(order), len(order), "正在校验")


def new_sqlite_file(path: Path, version: int | None = None):
    """A new SQLite database at path, built by the migrations up to version (default: this program's)."""
    from .engine_sqlite import SqliteEngine  # noqa: PLC0415
    from .migrations import LATEST_VERSION, MIGRATIONS  # noqa: PLC0415

    version = LATEST_VERSION if version is None else version
    path.unlink(missing_ok=True)
    db = SqliteEngine(str(path), pragmas={"foreign_keys": 1, "journal_mode": "delete", "synchronous": "off"})
    db.connect()
    with db.atomic():
        for migration in MIGRATIONS[:version]:
            migration.upgrade(db)
        db.set_schema_version(version)
    return db


def open_sqlite_file(path: Path, *, upgrade: bool = False):
    """A SQLite file of this program (a backup, another office's data) opened for a copy; upgrade=True
    runs the migrations it lacks (on that file: callers pass a temporary copy)."""
    from .engine_sqlite import SqliteEngine  # noqa: PLC0415
    from .migrations import LATEST_VERSION, MIGRATIONS  # noqa: PLC0415

    db = SqliteEngine(str(path), pragmas={"foreign_keys": 1, "busy_timeout": 5000})
    db.connect()
    try:
        version = db.schema_version()
        if version > LATEST_VERSION:
            raise DatabaseError(f"{path} 由更新版本的程序创建（数据版本 {version}），本程序只支持到 {LATEST_VERSION}。"
                                "请先升级本程序。没有写入任何内容。")
        if upgrade:
            for number in range(version + 1, LATEST_VERSION + 1):
                with db.atomic():
                    MIGRATIONS[number - 1].upgrade(db)
                    db.set_schema_version(number)
    except BaseException:
        db.close()
        raise
    return db


def copy_into_new_sqlite(source, destination: Path, progress: Callable | None = None) -> Path:
    """A new SQLite file at destination holding every table of source (PostgreSQL's backup), at the
    source's version (the backup before an upgrade is of the version being upgraded)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    part = destination.with_name(destination.name + ".part")
    target = new_sqlite_file(part, source.schema_version())
    try:
        result = copy_tables(source, target, progress, replace=True)
        target.execute_sql("PRAGMA synchronous = full")
    except BaseException:
        target.close()
        part.unlink(missing_ok=True)
        raise
    target.close()
    log.info("copied %s rows into %s (digest %s)", sum(result.counts.values()), destination.name,
             result.target_digest[:16])
    os.replace(part, destination)
    return destination
