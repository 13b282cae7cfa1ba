"""The monthly trend drawn with QPainter: 累计完成率 as a line (0–100 %), with each month's new and
closed entries as thin bars under it. Hovering a month tells its figures."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .chart_bars import BLUE, GREEN

LINE = QColor("#1565c0")
GRID = QColor("#cfd8dc")
NEW_BAR, CLOSED_BAR = QColor(BLUE.red(), BLUE.green(), BLUE.blue(), 70), QColor(GREEN.red(), GREEN.green(),
                                                                                GREEN.blue(), 110)


@dataclass(frozen=True)
class MonthFigure:
    label: str  # "11月", or "2026年1月" where the year changes
    rate: float  # cumulative completion rate, 0…1
    new: int
    closed: int
    tooltip: str


class LineChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.months: list[MonthFigure] = []
        self.legend = ("", "", "")  # rate, new, closed
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_months(self, months: list[MonthFigure], legend: tuple[str, str, str], empty_text: str = "") -> None:
        self.months, self.legend, self.empty_text = list(months), legend, empty_text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, 180)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(220, 140)

    def plot_area(self) -> QRectF:
        metrics = QFontMetrics(self.font())
        left = metrics.horizontalAdvance("100%") + 8
        top = metrics.height() + 8  # the legend
        bottom = metrics.height() + 6  # the month labels
        return QRectF(left, top, max(10, self.width() - left - 10), max(10, self.height() - top - bottom))

    def x_of(self, index: int) -> float:
        area = self.plot_area()
        step = area.width() / max(1, len(self.months))
        return area.left() + step * (index + 0.5)

    def paintEvent(self, _event):  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.months:
            painter.setPen(QColor("#78909c"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        area = self.plot_area()
        metrics = QFontMetrics(self.font())
        painter.setPen(QPen(GRID, 1))
        for share in (0, 0.5, 1):  # 0 %, 50 %, 100 %
            y = area.bottom() - area.height() * share
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text_color)
            painter.drawText(QRectF(0, y - metrics.height() / 2, area.left() - 4, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{share:.0%}")
            painter.setPen(QPen(GRID, 1))
        step = area.width() / len(self.months)
        busiest = max(max(m.new, m.closed) for m in self.months) or 1
        for i, m in enumerate(self.months):  # new and closed, side by side, on their own scale
            x = self.x_of(i)
            width = max(2.0, step * 0.28)
            for offset, count, color in ((-width, m.new, NEW_BAR), (0, m.closed, CLOSED_BAR)):
                height = area.height() * 0.6 * count / busiest
                painter.fillRect(QRectF(x + offset, area.bottom() - height, width, height), color)
        path = QPainterPath()
        for i, m in enumerate(self.months):
            point = QPointF(self.x_of(i), area.bottom() - area.height() * max(0.0, min(1.0, m.rate)))
            path.moveTo(point) if i == 0 else path.lineTo(point)
        painter.setPen(QPen(LINE, 2))
        painter.drawPath(path)
        painter.setBrush(LINE)
        for i, m in enumerate(self.months):
            painter.drawEllipse(QPointF(self.x_of(i), area.bottom() - area.height() * max(0.0, min(1.0, m.rate))),
                                2.5, 2.5)
        painter.setPen(text_color)
        every = max(1, int(metrics.horizontalAdvance("2026年12月") / step) + 1)  # labels that do not overlap
        last = len(self.months) - 1
        for i, m in enumerate(self.months):
            if (i % every == 0 and last - i >= every) or i == last:  # the last month always, never crowded
                width = metrics.horizontalAdvance(m.label)
                # Not left of the plot: the axis' "0%" sits there at the same height.
                x = max(area.left(), min(self.x_of(i) - width / 2, self.width() - width - 2))
                painter.drawText(QPointF(x, area.bottom() + 2 + metrics.ascent()), m.label)
        self._legend(painter, metrics, text_color)

    def _legend(self, painter: QPainter, metrics: QFontMetrics, text_color: QColor) -> None:
        x = self.plot_area().left()
        for text, color in zip(self.legend, (LINE, NEW_BAR, CLOSED_BAR), strict=True):
            painter.fillRect(QRectF(x, 4 + metrics.height() / 2 - 4, 12, 8), color)
            painter.setPen(text_color)
            painter.drawText(QPointF(x + 16, 4 + metrics.ascent()), text)
            x += 16 + metrics.horizontalAdvance(text) + 14

    def month_at(self, x: float) -> int:
        area = self.plot_area()
        if not self.months or not area.left() <= x <= area.right():
            return -1
        return min(len(self.months) - 1, int((x - area.left()) / (area.width() / len(self.months))))

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt override
        index = self.month_at(event.position().x())
        if index >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.months[index].tooltip, self)
        else:
            QToolTip.hideText()
