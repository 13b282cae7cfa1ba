"""Horizontal bars drawn with QPainter: 完成率 per 科室 or 专班, or a count (逾期 per 层级).

A bar is a way into the ledger: clicking it, or Enter on the bar chosen with ↑/↓, emits `activated`
with its position. QPainter instead of a plotting library: nothing to add to the bundle, and a bar
chart is a few rectangles (QtCharts is not in PySide6-Essentials).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

ROW_HEIGHT = 22
GREEN, AMBER, RED, BLUE = QColor("#2e7d32"), QColor("#ef8f00"), QColor("#c62828"), QColor("#1565c0")
TRACK = QColor("#eceff1")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # a rate (0…1) or a count
    text: str  # what is written at the end of the bar: "12/30 40.0%", "7"
    tooltip: str = ""


def rate_color(rate: float) -> QColor:
    """Green from 80 %, amber from 50 %, red below: the colours of the ledger's lights."""
    return GREEN if rate >= 0.8 else AMBER if rate >= 0.5 else RED


class BarChart(QWidget):
    activated = Signal(int)  # the bar's position

    def __init__(self, *, rates: bool = True, color: QColor | None = None, parent=None):
        super().__init__(parent)
        self.rates = rates  # bars of 0…100 % on a grey track; else counts scaled to the largest
        self.color = color
        self.bars: list[Bar] = []
        self.current = -1
        self.hovered = -1
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar], empty_text: str = "") -> None:
        self.bars = list(bars)
        self.empty_text = empty_text
        self.current = min(self.current, len(self.bars) - 1)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, max(1, len(self.bars)) * ROW_HEIGHT + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, self.sizeHint().height())

    # -- geometry -------------------------------------------------------------------------------
    def _columns(self) -> tuple[float, float, float]:
        """x where the bar starts, its full width, and the width kept for the text after it."""
        metrics = QFontMetrics(self.font())
        label_width = min(max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0) + 8,
                          self.width() * 0.45)
        text_width = max((metrics.horizontalAdvance(b.text) for b in self.bars), default=0) + 10
        return label_width, max(20.0, self.width() - label_width - text_width - 4), text_width

    def bar_rect(self, index: int) -> QRectF:
        left, width, _ = self._columns()
        return QRectF(left, index * ROW_HEIGHT + 4, width, ROW_HEIGHT - 8)

    def row_at(self, y: float) -> int:
        row = int(y // ROW_HEIGHT)
        return row if 0 <= row < len(self.bars) else -1

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, _event):  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.bars:
            painter.setPen(QColor("#78909c"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        left, width, _ = self._columns()
        largest = max((b.value for b in self.bars), default=0) or 1
        metrics = QFontMetrics(self.font())
        for i, bar in enumerate(self.bars):
            row = QRectF(0, i * ROW_HEIGHT, self.width(), ROW_HEIGHT)
            if i in (self.hovered, self.current if self.hasFocus() else -1):
                painter.fillRect(row, QColor("#e3f2fd"))
            painter.setPen(text_color)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, int(left - 8))
            painter.drawText(QRectF(0, row.y(), left - 6, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            track = self.bar_rect(i)
            share = max(0.0, min(1.0, bar.value if self.rates else bar.value / largest))
            if self.rates:
                painter.fillRect(track, TRACK)
            color = self.color or (rate_color(bar.value) if self.rates else BLUE)
            filled = QRectF(track.x(), track.y(), track.width() * share, track.height())
            painter.fillRect(filled, color)
            end = track.right() if self.rates else filled.right()
            painter.setPen(text_color)
            painter.drawText(QRectF(end + 6, row.y(), self.width() - end - 6, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.text)

    # -- mouse and keys -------------------------------------------------------------------------
    def mouseMoveEvent(self, event):  # noqa: N802 - Qt override
        row = self.row_at(event.position().y())
        if row != self.hovered:
            self.hovered = row
            self.update()
        if row >= 0:
            bar = self.bars[row]
            QToolTip.showText(event.globalPosition().toPoint(), bar.tooltip or f"{bar.label}：{bar.text}", self)

    def leaveEvent(self, _event):  # noqa: N802 - Qt override
        self.hovered = -1
        self.update()

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt override
        row = self.row_at(event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and row >= 0:
            self.current = row
            self.update()
            self.activated.emit(row)

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.bars:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.current = max(0, min(len(self.bars) - 1, self.current + step))
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self.current < len(self.bars):
            self.activated.emit(self.current)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event):  # noqa: N802 - Qt override
        if self.current < 0 and self.bars:
            self.current = 0
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event):  # noqa: N802 - Qt override
        self.update()
        super().focusOutEvent(event)
