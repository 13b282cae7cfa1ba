"""Windows that fit the clerk's screen: the smallest in use is a 1366×768 laptop with a taskbar."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_WIDTH = 16  # the window frame on both sides
TITLE_BAR = 40  # the title bar and the bottom frame


def available(window: QWidget):
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen else None


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at the size a window wants, but never larger than the screen it opens on, frame included;
    and wholly on that screen."""
    area = available(window)
    if area is None:
        window.resize(width, height)
        return
    width = min(width, area.width() - FRAME_WIDTH)
    height = min(height, area.height() - TITLE_BAR)
    window.resize(width, height)
    x = min(max(window.x(), area.left()), area.right() - width - FRAME_WIDTH)
    y = min(max(window.y(), area.top()), area.bottom() - height - TITLE_BAR)
    window.move(max(area.left(), x), max(area.top(), y))


def keep_on_screen(window: QWidget) -> None:
    """After restoring a size saved on a larger screen (a docking station): shrink and move it back."""
    fit_to_screen(window, window.width(), window.height())
