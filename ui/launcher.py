"""The `desk-app` entry point: a command runs the CLI; no command opens the window.

`--open FILE` (what Windows passes when the clerk opens a data package with 专班·例会·整改台账, see the
file association in build/windows/desk_app.iss) opens the window and then that file's import preview."""

from __future__ import annotations

import sys

OPEN_OPTION = "--open"


def split_open(argv: list[str]) -> tuple[list[str], str | None]:
    """argv without `--open FILE` (or `--open=FILE`), and FILE."""
    rest, opened = [], None
    items = iter(argv)
    for item in items:
        if item == OPEN_OPTION:
            opened = next(items, None)
        elif item.startswith(OPEN_OPTION + "="):
            opened = item.split("=", 1)[1]
        else:
            rest.append(item)
    return rest, opened or None


def main(argv: list[str] | None = None) -> int:
    argv, opened = split_open(list(sys.argv[1:] if argv is None else argv))
    from desk_app import cli  # noqa: PLC0415 - keep start-up lean

    if not {"-h", "--help", "--version"} & set(argv):
        args, rest = cli.build_parser(commands=False).parse_known_args(argv)
        if not rest:  # global options only: the window, without building every command's options first
            return _window(cli, args, opened)
    args = cli.build_parser().parse_args(argv)
    if args.command:
        return cli.main(argv)
    return _window(cli, args, opened)


def _window(cli, args, opened: str | None) -> int:
    from desk_app.errors import DeskAppError  # noqa: PLC0415

    try:
        cli.apply_globals(args)  # a bad --database address is named here, before any window opens
    except DeskAppError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 2
    from ui import startup_gc  # noqa: PLC0415

    startup_gc.pause()  # through the imports below too; ui.app.open_window resumes it after the first page
    # The core modules opening the data needs, before Qt: PySide6's import hook looks into every module named
    # by an import after it (ui/pyside_feature_scan.py keeps that look cheap).
    from desk_app.logs import setup_logging  # noqa: F401, PLC0415
    from desk_app.services import attachments, campaigns, choices, search, session, settings  # noqa: F401, PLC0415
    from ui.app import run  # noqa: PLC0415 - Qt only when the window is wanted

    return run(open_file=opened)


if __name__ == "__main__":
    raise SystemExit(main())
