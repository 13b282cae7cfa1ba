"""Windows: an open file cannot be replaced, renamed or deleted. Simulated on Linux (windows_sim.py):
restore, backups, atomic writes, attachments and packages close every connection and file before they
rename anything, and a file another program holds open (a viewer, Excel/WPS, an antivirus scanner) is
named in a clear message with nothing lost and no temporary file left behind."""

from __future__ import annotations

import os
import sqlite3

import pytest
from windows_sim import hold, leftovers, windows_handles

from desk_app import paths
from desk_app.cli import main
from desk_app.errors import DeskAppError


# --- the simulation itself refuses what Windows refuses ----------------------------------------------
def test_an_open_file_cannot_be_replaced_renamed_or_deleted(tmp_path, monkeypatch):
    target, other = tmp_path / "a.txt", tmp_path / "b.txt"
    target.write_text("old")
    other.write_text("new")
    with windows_handles(monkeypatch) as registry:
        handle = open(target)  # noqa: SIM115 - kept open on purpose
        for attempt in (lambda: os.replace(other, target), lambda: os.unlink(target),
                        lambda: target.rename(tmp_path / "c.txt"), lambda: os.rename(tmp_path, tmp_path.with_name("x"))):
            with pytest.raises(PermissionError, match="WinError 32"):
                attempt()
        handle.close()
        os.replace(other, target)  # closed: allowed again
        assert target.read_text() == "new" and len(registry.blocked) == 4


def test_sqlite_connections_and_descriptors_are_tracked_until_closed(tmp_path, monkeypatch):
    db = tmp_path / "x.sqlite3"
    with windows_handles(monkeypatch):
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA journal_mode = wal").fetchall()
        conn.execute("CREATE TABLE t (x)")
        with pytest.raises(PermissionError):
            os.unlink(db)
        with pytest.raises(PermissionError):
            os.unlink(f"{db}-wal")
        conn.close()
        fd = os.open(tmp_path / "y", os.O_CREAT | os.O_WRONLY)
        with pytest.raises(PermissionError):
            os.unlink(tmp_path / "y")
        with os.fdopen(fd, "w") as handle:
            handle.write("y")
        os.unlink(tmp_path / "y")
        os.unlink(db)


# --- the program under Windows semantics ---------------------------------------------------------------
def test_folder_and_zip_backups_rename_only_closed_files(demo, tmp_path, monkeypatch):
    from desk_app.services import backups

    with windows_handles(monkeypatch) as registry:
        folder = backups.create_backup("manual")
        archive = backups.create_backup("manual", tmp_path / "out" / "备份.zip")
    assert folder.is_dir() and archive.is_file() and not registry.blocked
    assert not leftovers(paths.backups_dir()) and not leftovers(tmp_path / "out")


def test_a_restore_closes_every_connection_before_the_swap(demo, monkeypatch):
    from desk_app.db import open_database
    from desk_app.db.models import LedgerEntry
    from desk_app.services import backup_restore, backups

    original = LedgerEntry.get_by_id(1).description
    folder = backups.create_backup("manual")
    LedgerEntry.update(description="恢复前的修改").where(LedgerEntry.id == 1).execute()
    with windows_handles(monkeypatch) as registry:
        backup_restore.restore_backup(folder)
        open_database()
        assert LedgerEntry.get_by_id(1).description == original
    assert not registry.blocked and not leftovers(paths.data_dir())


def test_a_restore_while_another_program_holds_the_database_changes_nothing(demo, monkeypatch):
    from desk_app.db import open_database
    from desk_app.db.models import LedgerEntry
    from desk_app.services import backup_restore, backups

    folder = backups.create_backup("manual")
    LedgerEntry.update(description="恢复前的修改").where(LedgerEntry.id == 1).execute()
    with windows_handles(monkeypatch) as registry, hold(registry, paths.database_path()), \
            pytest.raises(DeskAppError) as exc:
        backup_restore.restore_backup(folder)
    assert "正被其他程序占用" in exc.value.message
    open_database()
    assert LedgerEntry.get_by_id(1).description == "恢复前的修改"
    assert not leftovers(paths.data_dir())


def test_attachments_are_stored_under_windows_semantics(demo, tmp_path, monkeypatch):
    from desk_app.services import attachments

    source = tmp_path / "整改报告.docx"
    source.write_bytes(b"report " * 1000)
    with windows_handles(monkeypatch) as registry:
        record = attachments.add_attachment(1, source)
        copy = attachments.open_copy(record.id)
    assert copy.read_bytes() == source.read_bytes() and not registry.blocked


def test_a_package_round_trip_under_windows_semantics(demo, tmp_path, monkeypatch, capsys):
    with windows_handles(monkeypatch) as registry:
        assert main(["export", "package", "--out", str(tmp_path / "上报.zip")]) == 0
        assert main(["--data-dir", str(tmp_path / "office"), "import", "package", str(tmp_path / "上报.zip"),
                     "--yes"]) == 0
    assert not registry.blocked


@pytest.mark.parametrize(("args", "name"), [
    (["print", "ledger"], "台账.pdf"),
    (["export", "xlsx"], "台账.xlsx"),
    (["export", "csv"], "台账.csv"),
])
def test_writing_over_a_file_another_program_has_open_is_refused_clearly(demo, tmp_path, monkeypatch, capsys,
                                                                         args, name):
    """The clerk still has last week's file open in WPS or a PDF viewer and writes it again."""
    target = tmp_path / name
    target.write_bytes(b"last week's file")
    with windows_handles(monkeypatch) as registry:
        assert main([*args, "--out", str(target)]) == 0, capsys.readouterr().err  # closed: replaced
        target.write_bytes(b"last week's file")
        capsys.readouterr()
        with hold(registry, target):
            assert main([*args, "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert "占用" in err or "正在使用" in err or "打开" in err, err
    assert name in err or str(target) in err
    assert target.read_bytes() == b"last week's file", "the old file is intact"


def test_a_backup_never_writes_over_an_existing_file_open_or_not(demo, tmp_path, monkeypatch, capsys):
    """Unlike a print or an export, last week's backup on the stick cannot be made again: it is kept."""
    target = tmp_path / "备份.zip"
    target.write_bytes(b"last week's backup")
    with windows_handles(monkeypatch) as registry:
        assert main(["backup", "--out", str(target)]) == 2
        with hold(registry, target):
            assert main(["backup", "--out", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_bytes() == b"last week's backup"
    assert not leftovers(tmp_path)
