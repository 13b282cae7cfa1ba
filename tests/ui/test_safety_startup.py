"""The daily backup of a window left open for days: made on the first check of a new day, once."""

from datetime import date, timedelta

from desk_app.services import backups


def _window(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from ui.app import create_application

    create_application()
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def test_a_window_open_past_midnight_makes_the_new_days_backup_once(qtbot, db):
    from ui.views.safety_startup import DailyBackupTimer

    window = _window(qtbot)
    timer = DailyBackupTimer(window)
    assert timer.timer.isActive()
    assert timer.check() is False and backups.list_backups() == []  # the start-up check made today's
    tomorrow = date.today() + timedelta(days=1)
    assert timer.check(tomorrow) is True
    qtbot.waitUntil(lambda: timer.task is None, timeout=15000)
    made = backups.list_backups()
    assert [b.reason for b in made] == ["daily"] and "自动备份" in window.statusBar().currentMessage()
    assert timer.check(tomorrow) is False and len(backups.list_backups()) == 1


def test_a_failed_daily_backup_is_said(qtbot, db, monkeypatch):
    from desk_app.errors import DatabaseError
    from ui.views import safety_startup

    told = []
    monkeypatch.setattr(safety_startup.StartupDialogs, "backup_failed", lambda self, message: told.append(message))

    def disk_full(progress=None):
        raise DatabaseError("备份失败：磁盘空间不足。")

    monkeypatch.setattr(safety_startup, "_daily_backup", lambda progress: disk_full(progress))
    timer = safety_startup.DailyBackupTimer(_window(qtbot))
    assert timer.check(date.today() + timedelta(days=1))
    qtbot.waitUntil(lambda: bool(told), timeout=15000)
    assert "磁盘空间不足" in told[0] and timer.task is None


def test_a_read_only_window_leaves_the_backup_to_the_writer(qtbot, db, monkeypatch):
    from desk_app.services import session
    from ui.views.safety_startup import DailyBackupTimer

    monkeypatch.setattr(session, "read_only", lambda: True)
    timer = DailyBackupTimer(_window(qtbot))
    assert timer.check(date.today() + timedelta(days=1)) is False
