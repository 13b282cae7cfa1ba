"""The cycle collector waits while the window opens and runs again once its first page is there
(ui/startup_gc.py, ui/app.open_window)."""

import gc

import pytest
from PySide6.QtCore import QSettings

from desk_app.services import instance_lock, session
from ui import startup_gc


@pytest.fixture
def collector():
    was = gc.isenabled()
    gc.enable()
    yield
    startup_gc.resume()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_pause_and_resume_leave_the_collector_as_they_found_it(collector):
    startup_gc.pause()
    startup_gc.pause()  # a second pause (the launcher, then open_window) is the same pause
    assert not gc.isenabled() and startup_gc.paused()
    startup_gc.resume()
    assert gc.isenabled() and not startup_gc.paused()
    gc.disable()  # someone else's pause (an Excel sheet's bulk step) is not ended by ours
    startup_gc.pause()
    startup_gc.resume()
    assert not gc.isenabled()


def test_the_window_opens_without_the_collector_and_restores_it_after_its_first_page(qtbot, demo, collector,
                                                                                     monkeypatch):
    from ui.app import create_application, open_window

    monkeypatch.setattr(startup_gc, "RESUME_AFTER_MS", 0)
    session.close_data()  # open_window takes the folder's lock and opens the data itself
    instance_lock.release()
    create_application()
    QSettings().setValue("main_window/page", "ledger")
    window = open_window(checks=False)
    qtbot.addWidget(window)
    assert not gc.isenabled()  # the frame is up, its page follows
    with qtbot.waitSignal(window.first_page_ready, timeout=10000):
        pass
    assert window.pages["ledger"].model.rowCount() == demo.entries
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    window.poller.stop()


def test_a_window_that_cannot_open_gives_the_collector_back_at_once(demo, collector, monkeypatch):
    from ui.app import create_application, open_window
    from ui.views import safety_startup

    create_application()
    monkeypatch.setattr(safety_startup, "open_data_safely", lambda **_: safety_startup.FAILED)
    assert open_window(checks=False) == 2
    assert gc.isenabled()
    monkeypatch.setattr(safety_startup, "open_data_safely", lambda **_: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        open_window(checks=False)
    assert gc.isenabled()
