"""Work that waits until a widget has first painted: the clerk sees it before that work runs.

A fixed delay from when a page is built is not the same thing: on a slow or busy machine the paint itself comes
later than the delay, and the work then lands before the page shows (the cycle collector's first pass after the
start, the search-marking types: tens of milliseconds each)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer


class _FirstPaint(QObject):
    def __init__(self, widget, delay_ms: int, callback, context):
        super().__init__(context if context is not None else widget)  # gone with the context: no call, no filter
        self._delay_ms, self._callback, self._context = delay_ms, callback, context
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self._context is None:  # it must run even if the widget is gone by then
                QTimer.singleShot(self._delay_ms, self._callback)
            else:
                QTimer.singleShot(self._delay_ms, self._context, self._callback)
            self.deleteLater()
        return False


def after_first_paint(widget, delay_ms: int, callback, context=None) -> None:
    """Call `callback` `delay_ms` after `widget`'s next paint (with `context` as the timer's context object: the
    call is dropped if that object is gone by then)."""
    _FirstPaint(widget, delay_ms, callback, context)
