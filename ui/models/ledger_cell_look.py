"""How a ledger row's cells look beyond their text: the 红黄绿 light as an icon, long text as a tooltip of
readable width. Shared by the ledger's and 本月调度's table models."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

LIGHT_COLORS = {"red": "#d32f2f", "yellow": "#f9a825", "green": "#43a047", "grey": "#9e9e9e"}


def solid_brush(color: QColor) -> QBrush:
    """QBrush(color), built without QBrush(QColor): choosing among QBrush's constructors loads QGradient's and
    QImage's types, and PySide6 builds their eight enums (a few ms) before the ledger's first rows could show."""
    brush = QBrush()
    brush.setColor(color)
    brush.setStyle(Qt.BrushStyle.SolidPattern)
    return brush


def light_icon(light: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(LIGHT_COLORS[light]))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def wrapped_tooltip(text: str, width_chars: int = 40) -> str:
    """Long Chinese text as a tooltip of readable width (Qt wraps rich text only)."""
    if not text:
        return ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    return f"<div style='width: {width_chars}em; white-space: pre-wrap;'>{escaped}</div>"
