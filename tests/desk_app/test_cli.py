import json
import subprocess
import sys

from desk_app.cli import main


def test_demo_then_stats_json_prints_real_figures(tmp_path, capsys):
    folder = tmp_path / "x"
    assert main(["--data-dir", str(folder), "--today", "2026-11-23", "demo", "--entries", "200"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "--today", "2026-11-23", "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ledger = data["ledger"]
    assert ledger["total"] == 200
    assert ledger["done"] + ledger["open"] == 200
    assert ledger["overdue"] > 0
    assert {g["key"] for g in ledger["by_task_force"]} >= {"优化营商环境提升专班"}
    assert data["meetings"]["by_type"]["专班推进会"]["held"] == 12
    assert {w["kind"] for w in data["warnings"]} >= {"no_action_plan", "no_monthly_report"}
    assert all(w["message"] for w in data["warnings"])


def test_stats_on_an_empty_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "empty"), "stats"]) == 2
    err = capsys.readouterr().err
    assert "中没有数据" in err and "Traceback" not in err
    assert not (tmp_path / "empty").exists()


def test_bad_arguments_exit_2_with_a_chinese_hint(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["--today", "2022/6/31", "stats"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "YYYY-MM-DD" in err and "6月31日不存在" in err


def test_dates_take_the_forms_clerks_type(tmp_path):
    from datetime import date

    from desk_app.cli import date_argument

    assert date_argument("2022/6/30") == date_argument("20220630") == date_argument("2022.6.30") == date(2022, 6, 30)


def test_demo_twice_refuses_and_keeps_data(tmp_path, capsys):
    folder = str(tmp_path / "d")
    assert main(["--data-dir", folder, "demo", "--entries", "50"]) == 0
    assert main(["--data-dir", folder, "demo"]) == 2
    assert "已经有数据" in capsys.readouterr().err


def test_console_entry_point_runs_the_cli_without_qt(tmp_path):
    code = ("import sys, ui.launcher as l; rc = l.main(['--data-dir', sys.argv[1], 'demo', '--entries', '30']);"
            "assert 'PySide6' not in sys.modules, 'CLI pulled in Qt'; raise SystemExit(rc)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "e")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "30 条台账" in result.stdout


def test_a_commands_option_is_not_taken_for_a_global_option_it_begins(tmp_path, capsys):
    """`desk-app db copy --from … --to …` through the console entry point: its quick look for the window's
    global options once read --to as an abbreviated --today and refused the command. (In this process: the
    test above starts the entry point in a Python of its own.)"""
    from ui import launcher

    folder, copy = str(tmp_path / "e"), tmp_path / "copy.sqlite3"
    assert launcher.main(["--data-dir", folder, "demo", "--entries", "30"]) == 0
    assert launcher.main(["--data-dir", folder, "db", "copy", "--from", "sqlite", "--to", f"sqlite:{copy}"]) == 0
    assert "--today" not in capsys.readouterr().err and copy.exists()
