"""desk-app db: the database itself (issue 16).

  desk-app db init [URL]                     create the schema on an empty PostgreSQL database
  desk-app db copy --from SRC --to DST       every table from one database into another, either engine,
                                             checked by counts and a digest printed at the end
  desk-app db info                           which database is in use, its version and size
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("db", help="数据库：初始化办公室共用的 PostgreSQL 数据库、在本机文件与服务器之间复制数据",
                       description="办公室共用一个 PostgreSQL 数据库时：先由管理员建库（见 README“共用数据库”），"
                                   "再用 db init 建立数据表，用 db copy 把本机数据搬上去（或搬回本机）。")
    actions = p.add_subparsers(dest="db_action", metavar="操作", required=True)
    init = actions.add_parser("init", help="在空的 PostgreSQL 数据库中建立本程序的数据表")
    init.add_argument("url", nargs="?", default=None, metavar="URL",
                      help="postgresql://用户名@服务器[:端口]/数据库名（默认为 --database 或已设置的数据库）")
    init.set_defaults(func=run_init)
    copy = actions.add_parser("copy", help="把一个数据库的全部数据复制到另一个（本机文件 ↔ 服务器），并校验",
                              description="复制全部数据表（按编号保留每条记录），最后比较两边的行数和摘要。"
                                          "目标已有数据时不复制，除非加 --replace。")
    copy.add_argument("--from", dest="source", required=True, metavar="SRC",
                      help="源：sqlite（本数据文件夹）、sqlite:文件路径 或 postgresql://…")
    copy.add_argument("--to", dest="target", required=True, metavar="DST",
                      help="目标：sqlite:文件路径（不存在时新建）或已初始化的 postgresql://…")
    copy.add_argument("--replace", action="store_true", help="目标已有数据时，用源数据整个替换它")
    copy.add_argument("--quiet", action="store_true", help="不显示进度")
    copy.set_defaults(func=run_copy)
    info = actions.add_parser("info", help="显示正在使用的数据库、数据版本和各表行数")
    info.set_defaults(func=run_info)


def run_init(args) -> int:
    from desk_app.db import connection, open_postgres  # noqa: PLC0415
    from desk_app.db.engine import parse_url  # noqa: PLC0415
    from desk_app.db.migrations import LATEST_VERSION  # noqa: PLC0415
    from desk_app.db.models import database  # noqa: PLC0415
    from desk_app.errors import DatabaseError  # noqa: PLC0415

    target = parse_url(args.url) if args.url else connection.configured_target()
    if not target.is_postgresql:
        raise DatabaseError("db init 只用于 PostgreSQL 数据库（本机的 SQLite 数据文件在第一次打开时自动建立）。"
                            "请写出地址：desk-app db init postgresql://用户名@服务器/数据库名")
    db = open_postgres.initialise(target)
    try:
        with database.use_in_this_thread(db):
            from desk_app.services import choices  # noqa: PLC0415

            choices.ensure_defaults()
    finally:
        db.close()
    print(f"已初始化 {target.describe()}（数据版本 {LATEST_VERSION}）。"
          f"现在可以用 desk-app --database {target.display_url()} … 使用它，"
          f"或用 desk-app db copy --from sqlite --to {target.display_url()} 把本机数据复制上去。")
    return 0


def _open_sqlite(path: Path, *, for_writing: bool):
    from desk_app.db.engine_sqlite import SqliteEngine  # noqa: PLC0415
    from desk_app.db.table_copy import new_sqlite_file  # noqa: PLC0415
    from desk_app.errors import DatabaseError  # noqa: PLC0415

    if not path.exists():
        if not for_writing:
            raise DatabaseError(f"找不到数据文件 {path}，没有复制任何内容。")
        path.parent.mkdir(parents=True, exist_ok=True)
        return new_sqlite_file(path)
    if path.is_file() and path.stat().st_size == 0:
        raise DatabaseError(f"数据文件 {path} 是空的（0 字节），没有复制任何内容。")
    uri = f"file:{path}" if for_writing else f"file:{path}?mode=ro"
    db = SqliteEngine(uri, uri=True, pragmas={"foreign_keys": 1, "busy_timeout": 5000})
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:
        db.close()
        raise DatabaseError(f"无法打开数据文件 {path}（{exc}）：它可能已损坏或不是本程序的数据文件。没有复制任何内容。") from exc
    return db


def _open_side(url: str, *, for_writing: bool):
    """A connected database for one side of a copy, at this program's data version."""
    from desk_app import paths  # noqa: PLC0415
    from desk_app.db import open_postgres  # noqa: PLC0415
    from desk_app.db.engine import parse_url  # noqa: PLC0415
    from desk_app.db.migrations import LATEST_VERSION  # noqa: PLC0415
    from desk_app.errors import DatabaseError  # noqa: PLC0415

    target = parse_url(url)
    if target.is_postgresql:
        db = open_postgres.connect(target, read_only=not for_writing)
        if not db.is_initialised():
            db.close()
            raise DatabaseError(open_postgres.not_initialised_message(target))
    else:
        db = _open_sqlite(target.path or paths.database_path(), for_writing=for_writing)
    version = db.schema_version()
    if version != LATEST_VERSION:
        where = db.location()
        db.close()
        raise DatabaseError(f"{where} 的数据版本是 {version}，本程序是 {LATEST_VERSION}。请先用本程序以 --database "
                            "打开它一次（较旧的会自动升级，较新的请先升级本程序），再复制。没有复制任何内容。")
    return db


@contextmanager
def _both(args):
    from desk_app.errors import DatabaseError  # noqa: PLC0415

    source = _open_side(args.source, for_writing=False)
    try:
        target = _open_side(args.target, for_writing=True)
    except BaseException:
        source.close()
        raise
    try:
        if source.location() == target.location() and source.engine_name == target.engine_name:
            raise DatabaseError("源和目标是同一个数据库，没有复制任何内容。")
        yield source, target
    finally:
        source.close()
        target.close()


def _progress(quiet: bool):
    def show(done, total, text=""):
        if not quiet and sys.stderr.isatty():
            sys.stderr.write(f"\r{text}　{done}/{total}\033[K" if total else f"\r{text}\033[K")
            sys.stderr.flush()
    return show


def run_copy(args) -> int:
    from desk_app.db import table_copy  # noqa: PLC0415
    from desk_app.db.models import database  # noqa: PLC0415

    with _both(args) as (source, target):
        result = table_copy.copy_tables(source, target, _progress(args.quiet), replace=args.replace)
        with database.use_in_this_thread(target):
            from desk_app.services import search  # noqa: PLC0415

            search.sync(_progress(args.quiet))  # the target answers searches from its index at once
        if not args.quiet and sys.stderr.isatty():
            sys.stderr.write("\n")
        print(f"已复制：{source.location()} → {target.location()}")
        for table, count in result.counts.items():
            if count:
                print(f"  {table}: {count}")
        print(f"共 {sum(result.counts.values())} 行，{len(result.counts)} 个表。")
        print(f"源摘要   {result.source_digest}")
        print(f"目标摘要 {result.target_digest}")
        print("校验一致。" if result.equal else "校验不一致！")
    return 0 if result.equal else 2


def run_info(args) -> int:
    from desk_app.db import connection, table_copy  # noqa: PLC0415
    from desk_app.db.models import database  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    open_data(read_only=True, create=False)
    db = database.current
    counts, digest = table_copy.digest(db)
    print(f"数据库：{connection.configured_target().describe()}（来自{connection.source()}）")
    print(f"位置：{db.location()}")
    print(f"数据版本：{db.schema_version()}")
    print(f"台账 {counts.get('ledger_entry', 0)} 条，人员 {counts.get('person', 0)} 人，"
          f"会议 {counts.get('meeting', 0)} 次，共 {sum(counts.values())} 行")
    print(f"摘要：{digest}")
    return 0
