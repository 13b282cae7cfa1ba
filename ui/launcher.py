"""The `desk-app` entry point: a command runs the CLI; no command opens the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desk_app import cli  # noqa: PLC0415 - keep start-up lean

    args = cli.build_parser().parse_args(argv)
    if args.command:
        return cli.main(argv)
    cli.apply_globals(args)
    from ui.app import run  # noqa: PLC0415 - Qt only when the window is wanted

    return run()


if __name__ == "__main__":
    raise SystemExit(main())
