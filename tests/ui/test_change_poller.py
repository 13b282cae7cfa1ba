"""The change poller reports other clerks' changes, never this program's own writes (review 2 #8)."""

from desk_app.db.models import ChangeLog
from desk_app.services import change_feed, context, org


def test_own_writes_are_not_announced_but_others_are(qtbot, db):
    from ui.change_poller import ChangePoller

    poller = ChangePoller(source=change_feed.PollingSource(interval=0.05))
    seen = []
    poller.changed.connect(seen.append)
    poller.start()
    try:
        qtbot.wait(200)  # the worker has its cursor
        # A write no page follows with data_changed (like the 议定事项 dialog's): still this program's own.
        org.create_department("国库科")
        qtbot.wait(400)
        assert seen == []
        # Another clerk's write reaches the change log without passing through this program's services.
        ChangeLog.create(actor="李四", entity="department", entity_id=99, action="create")
        qtbot.waitUntil(lambda: bool(seen), timeout=3000)
        assert seen[-1].actors == ("李四",)
    finally:
        poller.stop()
        context.forget_own_write_listener(poller.note_own_change)


def test_a_read_only_window_reads_a_data_file_another_program_restored(qtbot, db, tmp_path):
    """Another program (the writer) restores a backup: the file is swapped (os.replace). The read-only
    window's connection would keep reading the old file; it reopens the new one and says so."""
    import os
    import shutil

    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from desk_app import paths
    from desk_app.db import backup_database
    from desk_app.db.models import database
    from desk_app.services import session
    from ui.app import create_application
    from ui.change_poller import ChangePoller
    from ui.state import AppState

    backup_database(database.obj, tmp_path / "before.sqlite3")
    org.create_department("国库科")
    backup_database(database.obj, tmp_path / "restored.sqlite3")  # what the writer's restore puts in place
    session.close_data()
    live = paths.database_path()
    for suffix in ("-wal", "-shm"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "before.sqlite3", live)
    session.open_data(read_only=True, create=False, sweep=False)
    create_application()
    window = QMainWindow()
    qtbot.addWidget(window)
    window.state = AppState(window)
    refreshed = []
    window.state.data_changed.connect(lambda: refreshed.append(True))
    poller = ChangePoller(window, source=change_feed.PollingSource(interval=0.05))
    poller.start()
    try:
        assert "国库科" not in [d.name for d in org.list_departments()]
        qtbot.wait(200)
        shutil.copyfile(tmp_path / "restored.sqlite3", tmp_path / "staged")
        os.replace(tmp_path / "staged", live)  # backup_restore._swap_in, seen from the other process
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "data_replaced_notice") is not None, timeout=5000)
        assert session.read_only() and refreshed
        assert "国库科" in [d.name for d in org.list_departments()]  # the window's own reads see the new file
        assert "另一个窗口" in window.statusBar().currentMessage()
        qtbot.wait(300)
        assert len(window.findChildren(QMessageBox)) == 1  # said once, not every poll
    finally:
        poller.stop()
        context.forget_own_write_listener(poller.note_own_change)
