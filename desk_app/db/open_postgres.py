"""Opening a PostgreSQL database (the engine of engine_postgres), and creating its schema (db init)."""

from __future__ import annotations

import logging
from datetime import datetime

from peewee import IntegrityError

from desk_app import paths
from desk_app.errors import DatabaseError, DatabaseTooNewError

from .engine import Target
from .engine_postgres import PostgresEngine
from .migrations import LATEST_VERSION, MIGRATIONS
from .models import database

log = logging.getLogger(__name__)

# Held while one client upgrades or creates the schema, so two clerks starting a new version at once
# do not both run the migrations (a transaction-scoped advisory lock: released at commit or rollback).
SCHEMA_LOCK = 7_716_001


def connect(target: Target, *, read_only: bool = False) -> PostgresEngine:
    """A connected PostgresEngine; DatabaseError naming why not (bad address, password, no server)."""
    db = PostgresEngine(target, read_only=read_only)
    try:
        db.connect()
    except Exception as exc:  # peewee wraps what the driver raised while connecting
        from .storage_errors import connect_failure_message  # noqa: PLC0415

        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        raise DatabaseError(connect_failure_message(cause, target)) from exc
    return db


def not_initialised_message(target: Target) -> str:
    return (f"数据库 {target.display} 还没有初始化（其中没有本程序的数据表），没有读写任何数据。"
            f"请先运行 desk-app db init {target.display_url()}，"
            "或用 desk-app db copy 把本机数据复制上去（README：共用数据库）。")


def _check_version(db: PostgresEngine) -> int:
    version = db.schema_version()
    if version > LATEST_VERSION:
        raise DatabaseTooNewError(
            f"服务器上的数据库 {db.location()} 已由更新版本的程序升级（数据版本 {version}，本程序只支持到 "
            f"{LATEST_VERSION}）。请安装最新版本的程序后再连接；为保护数据，本程序不会改动它。")
    return version


def _migrate(db: PostgresEngine) -> None:
    with db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
        version = db.schema_version()  # again, under the lock: another client may have upgraded meanwhile
        if version >= LATEST_VERSION:
            return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    db.backup_to_file(paths.backups_dir() / f"pre-migrate-v{version}-{stamp}.sqlite3")
    with db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
        for number in range(db.schema_version() + 1, LATEST_VERSION + 1):
            MIGRATIONS[number - 1].upgrade(db)
            db.set_schema_version(number)


def _ensure_live_indexes(db: PostgresEngine) -> None:
    """PostgreSQL's partial indexes, counters and change stamps for the live list (pg_schema, pg_stamps), on a
    database an older program created."""
    from . import pg_schema, pg_stamps  # noqa: PLC0415

    if pg_schema.live_objects_complete(db):
        return
    with db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
        created = pg_schema.ensure_live_indexes(db) + pg_schema.ensure_live_counters(db) + pg_stamps.ensure(db)
    if created:
        log.info("created the live-list indexes and counters %s", ", ".join(created))


def open_postgres(target: Target, *, read_only: bool = False) -> PostgresEngine:
    """Connect, check (initialised, not too new), upgrade, and bind the models to the database."""
    db = connect(target, read_only=read_only)
    try:
        if not db.is_initialised():
            raise DatabaseError(not_initialised_message(target))
        version = _check_version(db)
        if version < LATEST_VERSION:
            if read_only:
                raise DatabaseTooNewError(f"只读模式下无法打开数据版本为 {version} 的数据库（需要先升级）。")
            _migrate(db)
        if not read_only:
            _ensure_live_indexes(db)
    except Exception:
        db.close()
        raise
    database.initialize(db)
    if not read_only:
        from desk_app.services import choices  # noqa: PLC0415 - seeding needs the bound models

        try:
            choices.ensure_defaults()
        except IntegrityError:  # another clerk's program seeded them at the same moment
            log.info("default choices were seeded by another client")
    return db


def initialise(target: Target) -> PostgresEngine:
    """Create the schema on an empty database (desk-app db init); the connected engine, not bound.
    DatabaseError when the database already holds tables, of this program or another."""
    from . import pg_schema  # noqa: PLC0415

    db = connect(target)
    try:
        if db.is_initialised():
            raise DatabaseError(f"数据库 {target.display} 已经初始化过（数据版本 {db.schema_version()}），"
                                "没有改动它。可以直接用 --database 连接。")
        tables = db.get_tables()
        if tables:
            raise DatabaseError(f"数据库 {target.display} 不是空的（已有数据表：{'、'.join(tables[:5])}），"
                                "没有改动它。请让管理员新建一个空数据库（createdb）给本程序使用。")
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
            pg_schema.create(db)
    except Exception:
        db.close()
        raise
    return db
