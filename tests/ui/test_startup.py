"""Start-up order: the window paints first, its first page follows, the quick check and the daily backup
run on a worker after that (ui/app.py, ui/main_window.py, ui/views/safety_startup.py)."""

import sys
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desk_app"))
from safety_helpers import corrupt_middle_pages  # noqa: E402

from desk_app import paths  # noqa: E402
from desk_app.services import backups, integrity, session  # noqa: E402


def _window(qtbot, page="ledger"):
    from ui.app import create_application
    from ui.main_window import MainWindow

    create_application()
    QSettings().setValue("main_window/page", page)
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_the_window_paints_before_its_first_page_is_built(qtbot, demo):
    from ui.views.ledger_page import LedgerPage

    window = _window(qtbot)
    assert not dict.__contains__(window.pages, "ledger")  # nothing built before the window is up
    loading = window.stack.currentWidget().findChild(type(window.campaign_label), "page_loading")
    assert loading is not None and "整改台账" in loading.text()
    with qtbot.waitSignal(window.first_page_ready, timeout=10000):
        window.show()
    page = window.stack.currentWidget()
    assert isinstance(page, LedgerPage) and page is window.pages["ledger"]
    assert page.model.rowCount() > 0
    assert window.nav.currentRow() == 3


def test_a_page_asked_for_before_the_first_paint_is_built_once(qtbot, demo):
    window = _window(qtbot)
    ready = []
    window.first_page_ready.connect(lambda: ready.append(True))
    page = window.show_page("ledger")  # e.g. a shortcut before the window painted
    assert window.stack.currentWidget() is page and ready == [True]
    window.show()
    qtbot.wait(50)
    assert window.pages["ledger"] is page and ready == [True]


def test_choosing_another_page_before_the_first_one_opened_still_reports_ready(qtbot, demo):
    window = _window(qtbot)
    with qtbot.waitSignal(window.first_page_ready, timeout=10000):
        window.nav.setCurrentRow(4)  # 统计, clicked while 整改台账 was still being opened
    assert window.stack.currentWidget() is window.pages["stats"]
    assert not dict.__contains__(window.pages, "ledger")


def test_the_check_after_the_window_makes_the_daily_backup_and_asks_nothing(qtbot, demo, monkeypatch):
    from ui.views import safety_startup

    window = _window(qtbot, "home")
    window.show()
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()))
    assert not any(b.reason == "daily" for b in backups.list_backups())
    safety_startup.check_after_window(window)
    assert "正在检查数据" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=30000)  # the worker's result is in
    assert any(b.reason == "daily" for b in backups.list_backups())
    assert asked == []


def test_damage_found_after_the_window_showed_offers_the_backup_and_reloads(qtbot, demo, monkeypatch):
    from ui.views import safety_startup

    window = _window(qtbot, "home")
    with qtbot.waitSignal(window.first_page_ready, timeout=10000):
        window.show()
    good = backups.create_backup("daily")
    session.close_data()
    corrupt_middle_pages(paths.database_path())
    session.open_data()  # as the window found the file: the damage is not in what the first page read
    shown, reloaded = [], []

    def answer_yes(box):
        shown.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer_yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    window.state.campaign_changed.connect(lambda *_: reloaded.append(True))
    safety_startup.check_after_window(window)
    qtbot.waitUntil(lambda: len(shown) >= 2, timeout=30000)
    assert "数据文件已损坏" in shown[0] and "最近的完好备份" in shown[0]
    assert "已从" in shown[-1] or good.name in "".join(shown)
    assert integrity.check().ok  # the restored file, open again
    assert reloaded and window.state.campaign_id is not None
    assert window.pages["home"].cards["total"].text().startswith(str(demo.entries))


@pytest.mark.skipif(tuple(map(int, PySide6.__version__.split(".")[:2])) < (6, 9),
                    reason="PySide6 6.8 lets the page's exception out of qtbot's wait and then crashes in the test")
def test_a_first_page_that_fails_on_damaged_data_still_lets_the_check_follow(qtbot, demo, monkeypatch):
    from desk_app.errors import DatabaseCorruptError
    from ui.views.home_page import HomePage

    def damaged(self):
        raise DatabaseCorruptError("数据文件已损坏")

    monkeypatch.setattr(HomePage, "refresh", damaged)
    window = _window(qtbot, "home")
    with qtbot.captureExceptions() as errors, qtbot.waitSignal(window.first_page_ready, timeout=10000):
        window.show()
    assert [type(e[1]) for e in errors] == [DatabaseCorruptError]  # shown by the crash handler in the app


def test_the_window_start_skips_building_the_command_line(tmp_path):
    import subprocess

    code = ("import sys, ui.app; ui.app.run = lambda **_: 0; import ui.launcher as l;"
            "rc = l.main(['--data-dir', sys.argv[1]]);"
            "assert 'desk_app.reports.registry' not in sys.modules, 'every print kind imported for the window';"
            "raise SystemExit(rc)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    bad = subprocess.run([sys.executable, "-m", "ui.launcher", "--data-dir", str(tmp_path / "d"), "--today", "x"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "“x”不是能识别的日期" in bad.stderr


def test_the_leftovers_sweep_waits_for_the_first_page_and_then_runs_on_the_worker(qtbot, demo):
    """Listing the temporary folder for old viewer copies takes a tenth of a second where it is crowded: the
    window's start leaves the sweep to the check after the first page (it still runs, as the writer)."""
    from desk_app.services import instance_lock
    from ui.views import safety_startup

    session.close_data()
    instance_lock.release()
    left = paths.data_dir() / "desk.sqlite3.restoring"  # what a restore killed in the middle leaves behind
    left.write_bytes(b"half a database")
    assert safety_startup.open_data_safely(checks=False) == safety_startup.OK
    assert left.exists()  # not before the window
    window = _window(qtbot)
    task = safety_startup.check_after_window(window)
    qtbot.waitUntil(lambda: not left.exists(), timeout=30000)
    qtbot.waitUntil(lambda: not window.statusBar().currentMessage(), timeout=30000)
    assert task is window.startup_task
    session.close_data()
    instance_lock.release()
    left.write_bytes(b"half a database")
    assert safety_startup.open_data_safely() == safety_startup.OK  # with the checks: swept at once, as before
    assert not left.exists()


def test_the_change_poller_starts_once_the_first_page_is_there(qtbot, demo):
    """Its first round (a connection of its own, the change log and the editing leases read) would compete
    with the first page for the interpreter: it waits for first_page_ready."""
    window = _window(qtbot)
    with qtbot.waitSignal(window.first_page_ready, timeout=10000):
        window.show()
        assert not window.poller.started
    assert window.poller.started
    window.hide()
    window.show()  # showing again later starts nothing twice
    assert window.poller.started
    window.poller.stop()
