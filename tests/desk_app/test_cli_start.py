"""The command line builds only the parser of the command it names (cli.COMMANDS), and parses alike."""

import argparse
import subprocess
import sys

import pytest

from desk_app import cli


def _commands(parser) -> dict:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_every_command_is_mapped_to_the_module_that_registers_it():
    assert list(_commands(cli.build_parser())) == list(cli.COMMANDS)
    for command, module in cli.COMMANDS.items():
        assert command in _commands(cli.build_parser(argv=[command]))
        assert module in cli.COMMAND_MODULES


@pytest.mark.parametrize("argv, command", [
    (["import", "package", "a.zip", "--yes"], "import"),
    (["--data-dir", "print", "stats"], "stats"),  # "print" is --data-dir's value here
    (["--data-dir=D", "--today", "2026-01-02", "export", "xlsx"], "export"),
    (["--data", "D", "backup"], "backup"),  # an abbreviation takes its value as argparse reads it
    (["--version"], None), (["-h"], None), ([], None), (["--", "import"], None),
])
def test_the_command_word_is_found_past_the_global_options(argv, command):
    assert cli.command_named(argv) == command


@pytest.mark.parametrize("argv", [
    ["--data-dir", "D", "import", "package", "a.zip", "--yes", "--take-conflicts"],
    ["--today", "2026-03-01", "print", "ledger", "--out", "x.pdf", "--a3"],
    ["backup", "--out", "b.zip"], ["campaign", "new", "活动", "--year", "2026"], ["stats"],
])
def test_the_named_command_alone_parses_as_the_whole_command_line(argv):
    whole, alone = cli.build_parser().parse_args(argv), cli.build_parser(argv=argv).parse_args(argv)
    assert {k: v for k, v in vars(whole).items() if k != "func"} == {k: v for k, v in vars(alone).items() if k != "func"}
    assert whole.func.__qualname__ == alone.func.__qualname__


def test_importing_a_package_does_not_load_the_print_kinds(tmp_path):
    code = ("import sys; from desk_app.cli import main\n"
            "try:\n    main(['--data-dir', sys.argv[1], 'import', 'package', sys.argv[2], '--dry-run'])\n"
            "except SystemExit:\n    pass\n"
            "print('desk_app.reports.registry' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data"), str(tmp_path / "missing.zip")],
                          capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
