"""The desk-app command line. Each command lives in its own module with a register() function.

`desk-app` with no command starts the GUI; that dispatch lives in ui.launcher so this core package
never imports Qt.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from datetime import date

from desk_app import __version__, paths
from desk_app.errors import DeskAppError

# Command modules in the order `desk-app --help` lists them.
COMMAND_MODULES = ["demo", "stats", "print_cmd", "backup_cmd", "export_cmd", "import_cmd", "campaign_cmd"]


# argparse's own messages, in the words the rest of the program uses.
_ARGPARSE_WORDS = [
    ("unrecognized arguments:", "无法识别的参数："),
    ("the following arguments are required:", "缺少必需的参数："),
    ("invalid choice:", "无效的选择："),
    ("choose from", "可选"),
    ("expected one argument", "需要一个值"),
    ("invalid int value:", "不是整数："),
    ("argument ", "参数 "),
]


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese, like the rest of the program."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_usage(self):
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self):
        return super().format_help().replace("usage:", "用法：", 1)

    def error(self, message):  # exit 2 with a Chinese hint instead of a bare usage dump
        for english, chinese in _ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n运行 desk-app --help 查看用法。\n")
        raise SystemExit(2)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，例如 2022-06-30，而不是“{text}”") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="desk-app", description="专班·例会·整改台账（不带命令时打开图形界面）")
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}", help="显示版本号并退出")
    parser.add_argument("--data-dir", metavar="DIR", help="数据文件夹（默认为用户数据目录，或环境变量 DESK_APP_DATA_DIR）")
    parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="按指定日期计算逾期和红黄灯（状态、销号仍以当前记录为准）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"desk_app.cli.{name}").register(sub)
    return parser


def apply_globals(args) -> None:
    from desk_app.services import context  # noqa: PLC0415

    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    if args.today:
        context.set_today(args.today)


def storage_failure_message(exc: BaseException) -> str | None:
    """A Chinese message for a damaged database or a failing disk that reached the top of a command
    (a read deep in a query loop is not wrapped by the database layer); None for anything else."""
    import sqlite3  # noqa: PLC0415

    import peewee  # noqa: PLC0415

    from desk_app.db.storage_errors import CORRUPT_MESSAGE, translate  # noqa: PLC0415

    if isinstance(exc, sqlite3.DatabaseError | peewee.DatabaseError):
        translated = translate(exc)
        return translated.message if translated is not None else f"{CORRUPT_MESSAGE}（{exc}）"
    if isinstance(exc, OSError):
        where = f"（{exc.filename}）" if exc.filename else ""
        if exc.errno in (errno.ENOSPC, errno.EFBIG):
            return f"磁盘空间已满，文件没有写完{where}。请清理磁盘或换一个文件夹后重试。"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"没有权限读写文件{where}。请检查文件夹权限或 U 盘写保护，或换一个文件夹后重试。"
        return f"读写文件时出错：{exc.strerror or exc}{where}。请检查磁盘或 U 盘后重试。"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    apply_globals(args)
    try:
        return args.func(args) or 0
    except DeskAppError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("已取消。\n")
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the interpreter flushes it at exit
        return 1
    except Exception as exc:  # noqa: BLE001 - only storage failures are turned into messages
        message = storage_failure_message(exc)
        if message is None:
            raise
        sys.stderr.write(f"错误：{message}\n")
        return 2
    finally:
        from desk_app.db import close_database  # noqa: PLC0415

        close_database()


if __name__ == "__main__":
    raise SystemExit(main())
