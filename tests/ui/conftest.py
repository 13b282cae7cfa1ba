import pytest


@pytest.fixture(autouse=True)
def fresh_qsettings(tmp_path):
    """Qt fixes the settings path once per process: point it at this test's folder instead, so
    remembered columns, pages and geometry never leak from one test into the next."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "qsettings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield
    QSettings().sync()


@pytest.fixture
def opens_on_ledger(fresh_qsettings):
    """Asked for before main_window: the window opens on the ledger, where the clerk left it, instead of
    building and reading 首页 only to leave it for the ledger at once (a ledger page fixture's first argument)."""
    from PySide6.QtCore import QSettings

    from desk_app import APP_NAME

    QSettings(APP_NAME, APP_NAME).setValue("main_window/page", "ledger")  # the names create_application sets


@pytest.fixture
def main_window(qtbot, demo):
    from ui.app import create_application
    from ui.main_window import MainWindow

    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_page_ready, timeout=10000):  # as at start-up: its page after the paint
        window.show()
    yield window
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10000)  # background readings (首页's charts) end before the data goes


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """An entry editor a test left changed is closed without its 放弃修改？ question before pytest-qt closes the
    test's widgets (that close would wait on the modal question for ever). Tests of the question close their
    editors themselves."""
    from PySide6.QtWidgets import QApplication, QDialog

    app = QApplication.instance()
    if app is not None:
        from ui.views.entry_editor_guard import UnsavedChangesGuard

        for widget in app.topLevelWidgets():
            if isinstance(widget, UnsavedChangesGuard) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
    yield
