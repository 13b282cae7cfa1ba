"""The desk-app command line. Each command lives in its own module with a register() function.

`desk-app` with no command starts the GUI; that dispatch lives in ui.launcher so this core package
never imports Qt.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from datetime import date

from desk_app import __version__, paths
from desk_app.errors import DeskAppError

# Command modules in the order `desk-app --help` lists them.
COMMAND_MODULES = ["demo", "stats", "print_cmd", "backup_cmd", "export_cmd", "import_cmd", "campaign_cmd"]
COMMAND_MODULES += ["freeze_cmd"]  # 封账 (issue 19)
COMMAND_MODULES += ["db_cmd"]  # the database: init a PostgreSQL one, copy between engines (issue 16)
# The module registering each command (tests/desk_app/test_cli_start checks it against the modules): a command
# line naming one needs only that module's parser. Building them all imported every print kind (reports/),
# a tenth of a second or more of each command's start that only `print` and `--help` need.
COMMANDS = {"demo": "demo", "stats": "stats", "print": "print_cmd", "backup": "backup_cmd", "check": "backup_cmd",
            "restore": "backup_cmd", "export": "export_cmd", "import": "import_cmd", "campaign": "campaign_cmd",
            "freeze": "freeze_cmd", "db": "db_cmd"}
_VALUE_OPTIONS = ("--data-dir", "--database", "--today")  # the global options that take a value


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


def date_argument(text: str) -> date:
    """A date on the command line, in every form a clerk types into a date field (2026-12-01, 20261201,
    2026.12.1, 2026/12/1; 12月1日 in this year): the GUI's date widget and this share one parser."""
    from desk_app.exchange.dates import DateParseError, parse_typed_date  # noqa: PLC0415

    try:
        value = parse_typed_date(text, date.today().year)
    except DateParseError as exc:
        raise argparse.ArgumentTypeError(f"{exc}（YYYY-MM-DD）") from None
    if value is None:
        raise argparse.ArgumentTypeError("日期不能为空，请写成 YYYY-MM-DD，例如 2026-12-01")
    return value


_date = date_argument


def command_named(argv: list[str]) -> str | None:
    """The command word of an argument list: the first that is neither a global option nor an option's value."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
        if "=" not in word and len(word) > 2 and any(option.startswith(word) for option in _VALUE_OPTIONS):
            next(words, None)  # its value (an abbreviation too, as argparse reads it)
    return None


def build_parser(*, commands: bool = True, argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; commands=False only its global options (the window's start-up: the command
    modules import every print kind, a tenth of a second the window need not wait). Given the `argv` it will
    parse, only the module of the command named there registers (all of them when it names none we know)."""
    # Without the commands no abbreviations: a command's own option would otherwise be taken for a global one
    # it begins ("db copy --to URL" read as --today).
    parser = _Parser(prog="desk-app", description="专班·例会·整改台账（不带命令时打开图形界面）", allow_abbrev=commands)
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}", help="显示版本号并退出")
    parser.add_argument("--data-dir", metavar="DIR", help="数据文件夹（默认为用户数据目录，或环境变量 DESK_APP_DATA_DIR）")
    parser.add_argument("--database", metavar="URL",
                        help="使用的数据库：sqlite（默认，数据文件夹中的文件）、sqlite:文件路径，或 "
                             "postgresql://用户名@服务器[:端口]/数据库名（办公室共用的服务器；"
                             "也可用环境变量 DESK_APP_DATABASE 或“设置 › 数据库”指定）")
    parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="按指定日期计算逾期和红黄灯（状态、销号仍以当前记录为准）")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    named = COMMANDS.get(command_named(argv)) if argv is not None else None
    for name in [named] if named else COMMAND_MODULES:
        importlib.import_module(f"desk_app.cli.{name}").register(sub)
    return parser


def apply_globals(args) -> None:
    from desk_app.services import context  # noqa: PLC0415

    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    if getattr(args, "database", None):
        from desk_app.db.connection import set_database_url  # noqa: PLC0415
        from desk_app.db.engine import parse_url  # noqa: PLC0415

        parse_url(args.database)  # a bad address stops here, before any folder or log is created
        set_database_url(args.database)
    if args.today:
        context.set_today(args.today)


def storage_failure_message(exc: BaseException) -> str | None:
    """A Chinese message for a storage failure that reached the top of a command (see
    desk_app.db.storage_errors, the one place errors are translated); None for anything else."""
    from desk_app.db.storage_errors import describe_failure  # noqa: PLC0415

    return describe_failure(exc)


def _quiet_terminal() -> None:
    """Log records and Python warnings go to the log file (once a command opens its data folder), never
    to the terminal: without a handler, logging would print English warnings on stderr."""
    import logging  # noqa: PLC0415

    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())
    logging.captureWarnings(True)


def _internal_error(exc: BaseException) -> int:
    """An error nobody foresaw: the traceback goes to the log, the clerk gets where it is."""
    import logging  # noqa: PLC0415
    import traceback  # noqa: PLC0415

    from desk_app.db.storage_errors import internal_error_message  # noqa: PLC0415
    from desk_app.logs import log_file, setup_logging  # noqa: PLC0415

    log_path = setup_logging() if paths.data_dir().is_dir() else None
    logging.getLogger("desk_app.cli").critical("unexpected error", exc_info=exc)
    sys.stderr.write(f"错误：{internal_error_message(log_path)}\n")
    if log_path is None or not log_file().exists():  # nowhere else to keep it: one technical line
        sys.stderr.write(f"技术细节：{traceback.format_exception_only(exc)[-1].strip()}\n")
    return 1


def main(argv: list[str] | None = None) -> int:
    _quiet_terminal()
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv=argv)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        apply_globals(args)
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
    except Exception as exc:  # noqa: BLE001 - named when it is the storage, else an internal error
        message = storage_failure_message(exc)
        if message is None:
            return _internal_error(exc)
        sys.stderr.write(f"错误：{message}\n")
        return 2
    finally:
        from desk_app.db import close_database  # noqa: PLC0415

        close_database()


if __name__ == "__main__":
    raise SystemExit(main())
