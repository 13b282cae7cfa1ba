import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desk_app import paths
from desk_app.services import instance_lock, session

HOLD = """
import sys, time
from pathlib import Path
from desk_app.services import instance_lock
print("held" if instance_lock.acquire(Path(sys.argv[1])).acquired else "refused", flush=True)
time.sleep(60)
"""


@pytest.fixture
def first_instance(demo, user_folders):
    """Another process holds the data folder, as a first window would."""
    session.close_data()
    instance_lock.release()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(user_folders)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


@pytest.fixture
def app(qtbot):
    from ui.app import create_application

    return create_application()


def test_second_instance_is_told_in_chinese_and_can_bring_the_first_forward(app, first_instance, monkeypatch):
    from ui.views import safety_startup

    seen = []

    def fake_exec(box):
        seen.append(box.text())
        switch = [b for b in box.buttons() if b.text() == "切换到已打开的窗口"][0]
        monkeypatch.setattr(box, "clickedButton", lambda: switch)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert safety_startup.open_data_safely() == safety_startup.EXIT
    assert str(first_instance.pid) in seen[0] and "只能有一个窗口" in seen[0]
    assert (paths.data_dir() / instance_lock.RAISE_REQUEST_NAME).exists()


def test_second_instance_can_open_read_only(app, first_instance, monkeypatch):
    from ui.views import safety_startup

    def fake_exec(box):
        choice = [b for b in box.buttons() if b.text() == "以只读方式打开"][0]
        monkeypatch.setattr(box, "clickedButton", lambda: choice)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert safety_startup.open_data_safely() == safety_startup.OK
    assert session.read_only()
    from desk_app.errors import ReadOnlyError
    from desk_app.services import campaigns

    assert campaigns.current_campaign() is not None
    with pytest.raises(ReadOnlyError):
        campaigns.create_campaign("第二个窗口", 2026)
    assert not list(paths.backups_dir().glob("*daily*")) if paths.backups_dir().exists() else True


def test_first_window_comes_forward_when_asked(app, qtbot, demo):
    from ui.views.safety_startup import RaiseWatcher

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    watcher = RaiseWatcher(window, interval_ms=50)
    assert not watcher.check()
    instance_lock.request_raise(paths.data_dir())
    qtbot.waitUntil(lambda: not (paths.data_dir() / instance_lock.RAISE_REQUEST_NAME).exists(), timeout=3000)
    assert not window.isMinimized()


def test_first_start_takes_the_lock_and_makes_the_daily_backup(app, demo):
    from ui.views import safety_startup

    session.close_data()
    assert safety_startup.open_data_safely() == safety_startup.OK
    assert not session.read_only()
    assert instance_lock.read_owner(paths.data_dir()).pid > 0
    assert [b.reason for b in __import__("desk_app.services.backups", fromlist=["x"]).list_backups()] == ["daily"]


def test_crash_dialog_says_where_the_log_is(app, tmp_path, monkeypatch):
    from ui import crash

    log_file = tmp_path / "logs" / "desk_app.log"
    handler = crash.CrashHandler(log_file)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())) or 0)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        handler.handle(*sys.exc_info())
    assert str(log_file) in shown[0][0] and "意外错误" in shown[0][0]
    assert "RuntimeError: boom" in shown[0][1]


def test_a_full_disk_during_a_write_is_a_message_not_a_crash(app, monkeypatch):
    from desk_app.db.storage_errors import DISK_FULL_MESSAGE, DiskFullError
    from ui import crash

    handler = crash.CrashHandler(None)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    try:
        raise DiskFullError(DISK_FULL_MESSAGE)
    except DiskFullError:
        handler.handle(*sys.exc_info())
    assert shown == [DISK_FULL_MESSAGE] and "磁盘空间已满" in shown[0]


def test_a_file_given_as_the_data_folder_is_one_clear_message(app, user_folders, monkeypatch):
    from ui.views import safety_startup

    user_folders.parent.mkdir(parents=True, exist_ok=True)
    user_folders.write_text("not a folder", encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    assert safety_startup.open_data_safely() == safety_startup.FAILED
    assert len(shown) == 1 and "是一个文件，不是文件夹" in shown[0] and "锁文件" not in shown[0]
    assert user_folders.read_text(encoding="utf-8") == "not a folder"
