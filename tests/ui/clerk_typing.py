"""Typing into widgets as a clerk does: ASCII as key presses, Chinese as the input method commits it
(QTest.keyClicks aborts on characters that have no key)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest


def type_text(widget, text: str) -> None:
    run = ""
    for char in text:
        if char.isascii():
            run += char
            continue
        if run:
            QTest.keyClicks(widget, run)
            run = ""
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QCoreApplication.sendEvent(widget, event)
    if run:
        QTest.keyClicks(widget, run)
