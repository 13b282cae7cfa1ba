"""The daily backup of a window left open for days: made on the first check of a new day, once."""

from datetime import date, timedelta

from desk_app.services import backups, context


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
    tomorrow = context.today() + timedelta(days=1)
    assert timer.check(tomorrow) is True
    qtbot.waitUntil(lambda: timer.task is None, timeout=15000)
    made = backups.list_backups()
    assert [b.reason for b in made] == ["daily"] and "自动备份" in window.statusBar().currentMessage()
    assert timer.check(tomorrow) is False and len(backups.list_backups()) == 1


def test_the_timer_follows_the_apps_today_as_every_service_does(qtbot, db):
    from ui.views.safety_startup import DailyBackupTimer

    timer = DailyBackupTimer(_window(qtbot))
    assert timer.day == context.today() != date.today()  # the tests pin the app's day (conftest.TODAY)
    context.set_today(context.today() + timedelta(days=1))  # the app's day moves on (a demo's date setting)
    assert timer.check() is True
    qtbot.waitUntil(lambda: timer.task is None, timeout=15000)
    assert [b.reason for b in backups.list_backups()] == ["daily"]


def test_a_failed_daily_backup_is_said(qtbot, db, monkeypatch):
    from desk_app.errors import DatabaseError
    from ui.views import safety_startup

    told = []
    monkeypatch.setattr(safety_startup.StartupDialogs, "backup_failed", lambda self, message: told.append(message))

    def disk_full(progress=None):
        raise DatabaseError("备份失败：磁盘空间不足。")

    monkeypatch.setattr(safety_startup, "_daily_backup", lambda progress: disk_full(progress))
    timer = safety_startup.DailyBackupTimer(_window(qtbot))
    assert timer.check(context.today() + timedelta(days=1))
    qtbot.waitUntil(lambda: bool(told), timeout=15000)
    assert "磁盘空间不足" in told[0] and timer.task is None


def test_a_read_only_window_leaves_the_backup_to_the_writer(qtbot, db, monkeypatch):
    from desk_app.services import session
    from ui.views.safety_startup import DailyBackupTimer

    monkeypatch.setattr(session, "read_only", lambda: True)
    timer = DailyBackupTimer(_window(qtbot))
    assert timer.check(context.today() + timedelta(days=1)) is False


class _Dialogs:
    """StartupDialogs answering as the clerk would: `answers` to the question, and on each visit to 设置 › 数据库
    the next of `saves` (None: closed without saving)."""

    def __init__(self, answers, saves=()):
        self.answers, self.saves, self.asked, self.failed = list(answers), list(saves), [], []

    def server_unreachable(self, message):
        self.asked.append(message)
        return self.answers.pop(0)

    def edit_database(self):
        url = self.saves.pop(0)
        if url is None:
            return False
        from desk_app.services import database_choice

        database_choice.save(url)
        return True

    def cannot_open(self, message):
        self.failed.append(message)


def _unreachable_server_saved(monkeypatch):
    from desk_app.db import connection
    from desk_app.services import session

    monkeypatch.delenv("DESK_APP_DATABASE", raising=False)
    session.close_data()
    connection.save_url("postgresql://clerk@127.0.0.1:1/desk")


def test_an_unreachable_shared_database_is_not_a_dead_end(qtbot, db, monkeypatch):
    from desk_app.db import connection
    from desk_app.services import session
    from ui.views import database_startup, safety_startup

    _unreachable_server_saved(monkeypatch)
    dialogs = _Dialogs([database_startup.RETRY, database_startup.SETTINGS, database_startup.SETTINGS],
                       saves=[None, "sqlite"])  # the first visit changes nothing: asked again
    assert safety_startup.open_data_safely(dialogs, checks=False) == safety_startup.OK
    assert len(dialogs.asked) == 3 and "连接被拒绝" in dialogs.asked[0] and not dialogs.failed
    assert connection.saved_url() == "" and not session.shared_database() and session.read_only() is False


def test_quitting_at_an_unreachable_shared_database_leaves_the_choice(qtbot, db, monkeypatch):
    from desk_app.db import connection
    from ui.views import database_startup, safety_startup

    _unreachable_server_saved(monkeypatch)
    dialogs = _Dialogs([database_startup.QUIT])
    assert safety_startup.open_data_safely(dialogs, checks=False) == safety_startup.EXIT
    assert connection.saved_url().startswith("postgresql://") and not dialogs.failed


def test_the_database_dialog_at_start_says_the_choice_is_used_at_once(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import create_application
    from ui.views.database_settings import DatabaseSettings

    create_application()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    section = DatabaseSettings(None, at_start=True)
    qtbot.addWidget(section)
    section.local.setChecked(True)
    section.save()
    assert "关闭本窗口即打开" in told[0]
