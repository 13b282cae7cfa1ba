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
def opens_on(fresh_qsettings):
    """opens_on("meetings") before main_window is made: the window opens on that page, where the clerk left
    it, instead of building and reading 首页 only to leave it at once (a page module's autouse fixture)."""
    from PySide6.QtCore import QSettings

    from desk_app import APP_NAME

    def remember(key: str) -> None:
        QSettings(APP_NAME, APP_NAME).setValue("main_window/page", key)  # the names create_application sets

    return remember


@pytest.fixture
def opens_on_ledger(opens_on):
    """Asked for before main_window: the window opens on the ledger (a ledger page fixture's first argument)."""
    opens_on("ledger")


@pytest.fixture
def start_page():
    """The page main_window opens on, as where the clerk left off; None: 首页, as the first time (or what
    opens_on_ledger chose). A page's test module overrides this fixture to open on its page (the window
    then builds and reads 首页 only when a test asks for it)."""
    return None


@pytest.fixture
def main_window(qtbot, demo, start_page, opens_on):
    from ui.app import create_application
    from ui.main_window import MainWindow

    if start_page:
        opens_on(start_page)
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
