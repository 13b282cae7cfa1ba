import json
import os
import subprocess
import sys

import pytest

from desk_app import paths
from desk_app.errors import ReadOnlyError
from desk_app.services import backup_restore, backup_rotation, backups, instance_lock, session

HOLD = """
import sys, time
from pathlib import Path
from desk_app.services import instance_lock
result = instance_lock.acquire(Path(sys.argv[1]))
print("held" if result.acquired else "refused", flush=True)
time.sleep(60)
"""


@pytest.fixture
def other_process(user_folders):
    """Another desk_app process holding the data folder."""
    user_folders.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(user_folders)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


@pytest.fixture(autouse=True)
def _release_after():
    yield
    instance_lock.release()


def test_first_acquire_writes_pid_host_and_time(user_folders):
    result = instance_lock.acquire(user_folders)
    assert result.acquired and result.stale_cleared is None
    owner = instance_lock.read_owner(user_folders)
    assert owner.pid == os.getpid() and owner.host and owner.started_at
    assert instance_lock.holder(user_folders) is None  # it is us
    assert instance_lock.acquire(user_folders).acquired  # idempotent


def test_a_second_process_is_refused_and_told_who_holds_it(other_process, user_folders):
    result = instance_lock.acquire(user_folders)
    assert not result.acquired
    assert result.owner.pid == other_process.pid
    message = instance_lock.locked_message(result.owner)
    assert str(other_process.pid) in message and "只能有一个窗口" in message
    assert instance_lock.holder(user_folders).pid == other_process.pid


def test_session_opens_read_only_while_another_process_writes(other_process, user_folders):
    session.close_data()
    from desk_app.db import close_database, open_database

    open_database()  # the other process 'created' the data
    close_database()
    session.open_data()
    assert session.read_only()
    assert str(other_process.pid) in session.read_only_reason()
    assert "窗口为只读" not in session.read_only_reason()  # the command line has no window
    from desk_app.services import campaigns

    with pytest.raises(ReadOnlyError):
        campaigns.create_campaign("只读测试", 2026)


def test_a_stale_lock_from_a_killed_process_is_detected_and_cleared(user_folders):
    user_folders.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(user_folders)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    proc.kill()
    proc.wait()
    proc.stdout.close()
    left = instance_lock.read_owner(user_folders)
    assert left.pid == proc.pid and instance_lock.is_stale(left)
    result = instance_lock.acquire(user_folders)
    assert result.acquired
    assert result.stale_cleared.pid == proc.pid
    assert instance_lock.read_owner(user_folders).pid == os.getpid()


def test_a_lock_file_naming_a_dead_pid_counts_as_stale(user_folders):
    user_folders.mkdir(parents=True, exist_ok=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    owner = {"pid": int(dead.stdout), "host": instance_lock._host(), "started_at": "2026-11-01 08:00:00"}
    instance_lock.lock_path(user_folders).write_text(json.dumps(owner), encoding="utf-8")
    assert instance_lock.holder(user_folders) is None
    assert instance_lock.acquire(user_folders).stale_cleared.pid == owner["pid"]


def test_restore_is_refused_while_another_process_holds_the_data(demo, other_process, tmp_path):
    instance_lock.release()
    archive = backups.create_backup("manual", tmp_path / "copy.zip")  # a copy elsewhere is only a read
    with pytest.raises(ReadOnlyError) as exc:
        backup_restore.restore_backup(archive)
    assert "请先关闭另一个窗口" in exc.value.message


def test_a_backup_is_a_read_made_while_another_process_holds_the_data(demo, other_process, monkeypatch, capsys):
    """Review item 12: `desk-app backup` was refused while the window was open, though it changes nothing."""
    from desk_app.cli import main

    instance_lock.release()
    rotated = []
    monkeypatch.setattr(backup_rotation, "rotate", lambda: rotated.append(True))
    made = backups.create_backup("manual")
    info = backups.describe(made)
    assert made.parent == paths.backups_dir() and info is not None and not info.damaged
    assert not rotated  # the old backups are the holder's to rotate
    session.close_data()
    assert main(["backup"]) == 0
    assert "已备份到" in capsys.readouterr().out
    assert len(backups.list_backups()) == 2 and not rotated


def test_raise_request_is_a_file_taken_once(user_folders):
    user_folders.mkdir(parents=True, exist_ok=True)
    assert not instance_lock.take_raise_request(user_folders)
    assert instance_lock.request_raise(user_folders)
    assert instance_lock.take_raise_request(user_folders)
    assert not instance_lock.take_raise_request(user_folders)


def test_a_second_writer_process_is_refused_with_a_chinese_message(other_process, user_folders):
    """While one process holds the folder, a CLI write from another process changes nothing."""
    result = subprocess.run([sys.executable, "-m", "desk_app", "demo", "--entries", "20"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "错误" in result.stderr
    assert "另一个" in result.stderr or "只读" in result.stderr
    if paths.database_path().exists():
        import sqlite3

        conn = sqlite3.connect(paths.database_path())
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        count = conn.execute("SELECT count(*) FROM ledger_entry").fetchone()[0] if "ledger_entry" in tables else 0
        conn.close()
        assert count == 0


def test_read_only_data_folder_gives_a_message_and_opens_read_only(demo, tmp_path):
    from safety_helpers import read_only_mount

    from desk_app.db import close_database

    close_database()
    instance_lock.release()
    folder = paths.data_dir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        ctx = None
    else:
        ctx = read_only_mount(folder)
        if not ctx.__enter__():
            pytest.skip("running as root and cannot mount read-only here")
    try:
        session.open_data()
        assert session.read_only()
        assert "只读" in session.read_only_reason()
        from desk_app.services import campaigns

        assert campaigns.current_campaign() is not None  # the data is all there, readable
        with pytest.raises(ReadOnlyError):
            campaigns.create_campaign("不能写", 2026)
    finally:
        close_database()
        if ctx is not None:
            ctx.__exit__(None, None, None)
        else:
            folder.chmod(0o755)
