"""ui/first_paint.py: work that waits for a widget's first paint, not for a fixed time after it was built."""

import shiboken6
from PySide6.QtWidgets import QWidget

from ui.first_paint import after_first_paint


def test_the_work_runs_once_after_the_first_paint_and_not_before(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    after_first_paint(widget, 0, lambda: calls.append(widget.isVisible()))
    qtbot.wait(50)
    assert calls == []  # built, not painted: nothing yet, however long it takes
    widget.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    widget.repaint()
    qtbot.wait(50)
    assert calls == [True]


def test_work_with_a_context_is_dropped_with_it(qtbot):
    widget, context = QWidget(), QWidget()
    qtbot.addWidget(widget)
    calls = []
    after_first_paint(widget, 100, lambda: calls.append(True), context=context)
    widget.show()
    widget.repaint()
    shiboken6.delete(context)  # the page that asked is closed before the delay is over
    qtbot.wait(300)
    assert calls == []
