"""The `desk-app` entry point: a command runs the CLI; no command opens the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desk_app import cli  # noqa: PLC0415 - keep start-up lean

    if not {"-h", "--help", "--version"} & set(argv):
        args, rest = cli.build_parser(commands=False).parse_known_args(argv)
        if not rest:  # global options only: the window, without building every command's options first
            return _window(cli, args)
    args = cli.build_parser().parse_args(argv)
    if args.command:
        return cli.main(argv)
    return _window(cli, args)


def _window(cli, args) -> int:
    cli.apply_globals(args)
    # The core modules opening the data needs, before Qt: PySide6's import hook reads the source of every
    # module imported after it, which costs the first paint a few hundredths of a second (bench/startup.py).
    from desk_app.logs import setup_logging  # noqa: F401, PLC0415
    from desk_app.services import attachments, campaigns, choices, search, session, settings  # noqa: F401, PLC0415
    from ui.app import run  # noqa: PLC0415 - Qt only when the window is wanted

    return run()


if __name__ == "__main__":
    raise SystemExit(main())
