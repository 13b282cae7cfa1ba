"""Faults named for what they are (issue 12's error classes; issue 13, items 4, 5, 10, 11, 12 and 13).

Each test states the outcome the clerk sees: exit status, message, data unchanged, nothing written."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from safety_helpers import corrupt_middle_pages, dump_database, tiny_filesystem

from desk_app import paths
from desk_app.cli import main
from desk_app.db import close_database
from desk_app.db.migrations import LATEST_VERSION
from desk_app.services import instance_lock

RUNTIME = {"logs", "desk_app.lock", "desk.sqlite3-wal", "desk.sqlite3-shm"}


def files_in(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if not RUNTIME & set(p.relative_to(folder).parts)}


@pytest.fixture
def package(demo, tmp_path):
    """A sub-unit's package (with one evidence file) that our demo data would take in."""
    from desk_app.db.models import LedgerEntry
    from desk_app.exchange.package import write_package
    from desk_app.services import attachments, settings

    evidence = tmp_path / "整改报告.txt"
    evidence.write_text("新的佐证", encoding="utf-8")
    entry = LedgerEntry.select().first()
    attachments.add_attachment(entry.id, evidence)
    settings.save_report_header(settings.ReportHeader(unit="市财政局"))
    out = tmp_path / "sub.zip"
    write_package(out, unit="区财政局", period="2026-11")
    LedgerEntry.update(uuid=LedgerEntry.uuid + "-ours").execute()
    for file in paths.attachments_dir().rglob("*"):  # the evidence comes only with the package
        if file.is_file():
            file.unlink()
    close_database()
    return out


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- the error classes --------------------------------------------------------------------------

def test_full_disk_is_called_a_full_disk_and_check_agrees_the_data_is_sound(package, tmp_path, capsys):
    """Item 4, on a real full disk (a tmpfs just big enough for the data and the pre-import backup).
    SQLite rolls the transaction back by itself on SQLITE_FULL; the old code then sent a second
    ROLLBACK, got "cannot rollback - no transaction is active" and called the data damaged."""
    import shutil

    small = tmp_path / "small"
    size = paths.database_path().stat().st_size * 2 + 384 * 1024
    with tiny_filesystem(small, f"{size // 1024}k") as mounted:
        if not mounted:
            pytest.skip("mounting a tmpfs needs root (CI runs as root)")
        shutil.copyfile(paths.database_path(), small / "desk.sqlite3")
        paths.set_data_dir(small)
        rows = dump_database()
        code, _, err = run(capsys, "import", "package", str(package), "--yes")
        assert code == 2 and "磁盘空间已满" in err and "损坏" not in err, err
        assert dump_database() == rows
        code, out, _ = run(capsys, "check", "--quick")
        assert "数据库结构完整性：正常" in out and "数据已损坏" not in out, out
        close_database()


def test_a_database_locked_by_another_program_is_called_locked(package, capsys, monkeypatch):
    from desk_app.db import database

    monkeypatch.setitem(database.PRAGMAS, "busy_timeout", 50)
    other = sqlite3.connect(paths.database_path())
    other.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "import", "package", str(package), "--yes")
    finally:
        other.rollback()
        other.close()
    assert code == 2 and "另一个程序锁定" in err and "损坏" not in err, err


def test_a_read_only_database_file_is_called_read_only(package, capsys, monkeypatch):
    from desk_app.db import database

    rows = dump_database()
    # What SQLite says when the file cannot be written (a real read-only mount is tested in test_instance_lock).
    real = database.GuardedSqliteDatabase.execute_sql

    def readonly(self, sql, params=None):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            from peewee import OperationalError

            from desk_app.db.storage_errors import translate
            exc = OperationalError("attempt to write a readonly database")
            raise translate(exc) from exc
        return real(self, sql, params)

    monkeypatch.setattr(database.GuardedSqliteDatabase, "execute_sql", readonly)
    code, _, err = run(capsys, "import", "package", str(package), "--yes")
    assert code == 2 and "只读" in err and "损坏" not in err, err
    assert dump_database() == rows


def test_a_program_bug_is_an_internal_error_with_the_log_path(demo, capsys, monkeypatch):
    """Issue 12: an IntegrityError (e.g. a duplicate 问题编号) used to be reported as damaged data."""
    from peewee import IntegrityError

    from desk_app.cli import stats

    def broken(args):
        raise IntegrityError("UNIQUE constraint failed: ledger_entry.code")

    monkeypatch.setattr(stats, "run", broken)
    parser_func = {}
    monkeypatch.setattr("desk_app.cli.stats.register", _register_with(broken, parser_func))
    code, _, err = run(capsys, "stats")
    assert code == 1 and "程序内部错误" in err and "损坏" not in err, err
    log = paths.log_dir() / "desk_app.log"
    assert str(log) in err and "UNIQUE constraint failed" in log.read_text(encoding="utf-8")
    assert "Traceback" not in err


def _register_with(func, _):
    def register(sub):
        sub.add_parser("stats").set_defaults(func=func)
    return register


def test_damaged_data_is_called_damaged(demo, capsys):
    close_database()
    corrupt_middle_pages(paths.database_path())
    code, _, err = run(capsys, "export", "csv", "--out", str(paths.data_dir().parent / "out.csv"))
    assert code == 2 and "数据文件已损坏" in err


# --- item 5: a damaged database found by the pre-import backup ---------------------------------

def test_import_into_damaged_data_is_refused_after_the_backup_finds_it(package, capsys, monkeypatch):
    from desk_app.services import backups

    monkeypatch.setattr(backups, "damage_found", lambda conn: ["*** in database main *** Page 42: btree"])
    rows, files = dump_database(), files_in(paths.data_dir())
    code, _, err = run(capsys, "import", "package", str(package), "--yes")
    assert code == 2 and "已损坏" in err and "没有导入任何内容" in err, err
    assert dump_database() == rows
    assert files_in(paths.data_dir()) == files  # no backup left, no evidence copied


# --- item 10: another program holds the data folder --------------------------------------------

HOLD = """
import sys, time
from pathlib import Path
from desk_app.services import instance_lock
print("held" if instance_lock.acquire(Path(sys.argv[1])).acquired else "refused", flush=True)
time.sleep(60)
"""


def test_import_while_another_program_holds_the_data_copies_and_backs_up_nothing(package, capsys):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(paths.data_dir())], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        rows, files = dump_database(), files_in(paths.data_dir())
        code, _, err = run(capsys, "import", "package", str(package), "--yes")
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        instance_lock.release()
    assert code == 2 and "已经由" in err and "没有写入任何内容" in err, err
    assert dump_database() == rows
    assert files_in(paths.data_dir()) == files


# --- item 11: leftovers of killed runs -------------------------------------------------------------

KILLED_RESTORE = """
import sys, time
from desk_app import paths
paths.set_data_dir(sys.argv[1])
from desk_app.services import backup_restore, session
real = backup_restore._swap_in
def slow_swap(db_file):
    print("swapping", flush=True)
    time.sleep(60)
backup_restore._swap_in = slow_swap
session.open_data()
backup_restore.restore_backup(sys.argv[2])
"""


def test_a_killed_restore_leaves_nothing_that_the_next_run_keeps(demo, tmp_path, capsys):
    from desk_app.services import backups

    archive = backups.create_backup("manual", tmp_path / "b.zip")
    close_database()
    instance_lock.release()
    data = paths.data_dir()
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RESTORE, str(data), str(archive)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "swapping"
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    left = [p.name for p in data.iterdir() if p.name.startswith(".restore-")]
    assert left  # the killed run's unpacked database copy
    (data / "backups" / ".partial-20261101-080000-000000-import").mkdir(parents=True)
    (data / "attachments").mkdir(exist_ok=True)
    (data / "attachments" / ".incoming-abc123").write_bytes(b"half a file")
    (data / "desk.sqlite3.restoring").write_bytes(b"half a database")
    code, _, err = run(capsys, "backup")
    assert code == 0, err
    assert not [p for p in data.rglob("*") if p.name.startswith((".restore-", ".partial-", ".incoming-"))
                or p.name.endswith(".restoring")]


def test_the_sweep_keeps_the_temporary_of_a_live_reader(demo):
    from desk_app.services import leftovers

    data = paths.data_dir()
    mine = data / f".restore-p{os.getpid()}-x"
    mine.mkdir()
    leftovers.sweep_leftovers(data)
    assert mine.exists()


# --- item 12: empty file, newer version, WAL ----------------------------------------------------

def test_a_zero_length_database_is_not_started_over(user_folders, capsys):
    user_folders.mkdir(parents=True)
    paths.database_path().write_bytes(b"")
    for argv in (["stats"], ["demo", "--entries", "20"], ["export", "csv", "--out", str(user_folders / "x.csv")]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "0 字节" in err, (argv, err)
        assert paths.database_path().stat().st_size == 0
    code, out, _ = run(capsys, "check")
    assert code == 1 and "空文件" in out


def test_a_new_database_never_appears_empty(user_folders):
    from desk_app.db import open_database

    open_database()
    assert paths.database_path().stat().st_size > 0
    assert not Path(f"{paths.database_path()}.new").exists()


def test_check_refuses_a_newer_data_version_like_every_other_command(demo, capsys):
    close_database()
    conn = sqlite3.connect(paths.database_path())
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    for argv in (["check"], ["stats"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and "更新版本" in err and "数据完好" not in out, (argv, out, err)


def test_an_import_lives_in_the_database_file_not_only_in_the_wal(package, tmp_path):
    """Deleting the WAL after an import (while the program runs, or after it is killed) lost it."""
    from desk_app.db import open_database
    from desk_app.db.models import LedgerEntry
    from desk_app.exchange.package_apply import apply_package
    from desk_app.exchange.package_import import preview_package

    open_database()
    result = apply_package(preview_package(package))
    assert result.new > 0
    expected = LedgerEntry.select().count()
    copy = tmp_path / "without-wal.sqlite3"
    copy.write_bytes(paths.database_path().read_bytes())  # the main file alone, as if the WAL were gone
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM ledger_entry").fetchone()[0] == expected
    conn.close()


def test_closing_folds_the_wal_into_the_file_even_with_a_reader_open(demo):
    """SQLite checkpoints at close only when it is the last connection; a reader elsewhere (a worker
    thread, a second window) kept the change in the WAL alone."""
    from desk_app.db.models import LedgerEntry

    reader = sqlite3.connect(paths.database_path())
    reader.execute("SELECT count(*) FROM ledger_entry").fetchone()
    try:
        LedgerEntry.update(note="收尾").where(LedgerEntry.id == 1).execute()
        close_database()
        wal = Path(f"{paths.database_path()}-wal")
        assert not wal.exists() or wal.stat().st_size == 0
    finally:
        reader.close()


# --- item 13: messages ----------------------------------------------------------------------------

def test_a_permission_denied_package_is_not_called_damaged(db, tmp_path, capsys, monkeypatch):
    package = tmp_path / "locked.zip"
    package.write_bytes(b"PK\x03\x04")
    real_open = open

    def denied(file, *args, **kwargs):
        if Path(str(file)) == package:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    code, _, err = run(capsys, "import", "package", str(package), "--dry-run")
    assert code == 2 and "没有权限读取" in err and "损坏" not in err, err


def test_a_password_protected_xlsx_is_called_password_protected(db, capsys):
    fixture = Path(__file__).parent / "exchange" / "fixtures" / "password-123.xlsx"
    code, _, err = run(capsys, "import", "xlsx", str(fixture), "--dry-run")
    assert code == 2 and "密码" in err and "损坏" not in err, err


def test_skip_invalid_with_every_row_invalid_says_so(demo, tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["问题编号", "问题表现", "整改时限"])
    sheet.append(["ZG-1", "", "明年"])
    sheet.append(["ZG-2", "", "后年"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    code, _, err = run(capsys, "import", "xlsx", str(path), "--skip-invalid", "--yes")
    assert code == 2 and "全部 2 行都有问题" in err, err


def test_no_english_on_stderr_when_a_stale_lock_is_cleared(demo):
    """The lock module logs (in English) that it took over a dead process's lock; without a log handler
    Python printed that on the terminal. A separate process, as pytest captures logging itself."""
    close_database()
    instance_lock.release()
    lock = instance_lock.lock_path(paths.data_dir())
    lock.write_text(json.dumps({"pid": 2 ** 22 + 12345, "host": instance_lock._host(), "started_at": "x"}))
    result = subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(paths.data_dir()),
                             "import", "package", "/nonexistent.zip", "--dry-run"], capture_output=True, text=True)
    assert result.returncode == 2
    english = [line for line in result.stderr.splitlines() if line.isascii() and line.strip()]
    assert not english, result.stderr
    assert "stale lock" in (paths.log_dir() / "desk_app.log").read_text(encoding="utf-8")
