"""desk-app backup / check / restore: the data-safety commands."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份数据（含附件）到备份文件夹，或用 --out 保存为一个 zip 文件")
    p.add_argument("--out", metavar="FILE", help="保存为指定的 zip 文件（例如 U 盘上的文件）；"
                   "给的是文件夹（如 U 盘 E:\\）时，在其中保存为按日期命名的 zip 文件")
    p.add_argument("--list", action="store_true", help="列出备份文件夹中已有的备份")
    p.set_defaults(func=run_backup)

    p = sub.add_parser("check", help="检查数据是否完好（数据库、关联、附件文件）")
    p.add_argument("--quick", action="store_true", help="快速检查（不核对附件内容）")
    p.set_defaults(func=run_check)

    p = sub.add_parser("restore", help="用备份替换当前数据（当前数据会先备份）")
    p.add_argument("file", metavar="FILE", help="备份文件夹、.zip 备份包或 .sqlite3 数据文件")
    p.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    p.set_defaults(func=run_restore)


def _setup() -> None:
    from desk_app.logs import setup_logging  # noqa: PLC0415

    setup_logging()


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def run_backup(args) -> int:
    from desk_app.services import backups, session  # noqa: PLC0415

    session.require_data_folder(create=False)  # before the log file: a wrong folder stays uncreated
    _setup()
    if args.list:
        found = backups.list_backups()
        if not found:
            print("备份文件夹中还没有备份。")
        for b in found:
            state = b.status_label or "完好"
            print(f"{b.created_at:%Y-%m-%d %H:%M}  {state:<3}  {b.reason_label:<8}  {_size(b.size):>9}  "
                  f"{b.summary()}  {b.path.name}")
        return 0
    session.open_data(create=False)
    out = None
    if args.out:
        out = backups.zip_destination(Path(args.out), datetime.now())
        if out.exists():  # an older backup on the stick is not written over
            from desk_app.errors import InputFileError  # noqa: PLC0415

            raise InputFileError(f"“{out}”已存在，没有覆盖它，也没有备份。请换一个文件名，或只写 U 盘或文件夹"
                                 "（备份会按日期命名）。")
    target = backups.create_backup("cli", out)
    info = backups.describe(target)
    if info and info.damaged:
        print(f"已备份到：{target}（{backups.DAMAGED_LABEL}）")
        sys.stderr.write(DAMAGED_WARNING)
        return 1
    print(f"已备份到：{target}")
    if info:
        print(f"内容：{info.summary()}，大小 {_size(info.size)}")
    return 0


DAMAGED_WARNING = ("警告：当前数据已损坏，这份备份是损坏数据的副本，已标记为“已损坏”，不能用它恢复。\n"
                   "请不要继续录入；运行 desk-app check 查看详情，并用最近的完好备份恢复"
                   "（desk-app backup --list 中未标“已损坏”的备份）。\n")


def run_check(args) -> int:
    from desk_app.services import backup_restore, integrity, session  # noqa: PLC0415

    session.require_data_folder(create=False)
    _setup()
    if session.shared_database():  # the server's database is checked through a connection, not a file
        session.open_data(read_only=True, create=False)
    report = integrity.check(quick=args.quick)
    if report.too_new:  # refused like every other command does, with the same exit status
        from desk_app.errors import DatabaseTooNewError  # noqa: PLC0415

        raise DatabaseTooNewError(report.lines[-1].text + "。请安装最新版本的程序后再检查；数据没有改动。")
    print(report.text(technical=False))
    if report.damaged:
        good = backup_restore.newest_good_backup()
        if good:
            print(f"最近的完好备份：{good.created_at:%Y-%m-%d %H:%M}（{good.reason_label}），{good.summary()}")
            print(f"恢复命令：desk-app restore \"{good.path}\"")
        else:
            print("备份文件夹中没有可用的完好备份，请联系管理员。")
    if report.technical_text():
        print("\n" + report.technical_text())
    return 0 if report.ok else 1


def _ask(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():  # refused like an import without --yes: exit 2
        from desk_app.errors import InputFileError  # noqa: PLC0415

        raise InputFileError("需要确认才能恢复：请在终端中运行，或加上 --yes。没有恢复任何内容，现有数据没有改动。")
    try:
        return input(question).strip().lower() in ("y", "yes", "是", "确认")
    except EOFError:
        return False


def run_restore(args) -> int:
    from desk_app.errors import DeskAppError  # noqa: PLC0415
    from desk_app.services import backup_restore, session  # noqa: PLC0415

    session.require_data_folder()  # restoring may create the folder, but not over a file
    _setup()
    check = backup_restore.inspect_backup(Path(args.file))
    try:
        print("这个备份包含：")
        print(check.description())
    finally:
        check.cleanup()
    if not check.ok:
        sys.stderr.write("错误：这个备份未通过检查，不能用它恢复。\n")
        return 2
    if not args.yes and not _ask("恢复后当前数据将被替换（当前数据会先自动备份）。确认恢复？[y/N] "):
        print("已取消，数据没有改动。")
        return 1
    try:
        session.open_data()
    except DeskAppError as exc:  # a damaged database is exactly when people restore
        print(f"当前数据无法打开（{exc.message}），将原样留存后再恢复。")
    if session.read_only() and session.read_only_reason():
        raise DeskAppError(session.read_only_reason() + "请先关闭其他窗口再恢复。")
    result = backup_restore.restore_backup(Path(args.file))
    session.open_data()
    if result.safety_backup:
        print(f"恢复前的数据已保存到：{result.safety_backup}")
    print(f"已恢复：{result.restored_from}")
    if result.missing_attachments:
        print(f"注意：有 {result.missing_attachments} 个附件文件不在备份中。")
    return 0
