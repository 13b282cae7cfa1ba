"""The ledger table's column header, as in Excel: a ▾ on every column that can filter (blue while its filter is
on) opens that column's filter; a click elsewhere sorts; Shift+click adds the column as the next sort level,
and the levels show their number beside the arrow (1▲ 2▼)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPolygon
from PySide6.QtWidgets import QHeaderView

GLYPH = 14  # width of the ▾ area at a section's right edge
ACTIVE = QColor("#1565c0")
IDLE = QColor("#90a4ae")


class LedgerHeader(QHeaderView):
    filter_clicked = Signal(int, QPoint)  # logical section, where to open the popup (global)
    sort_level_added = Signal(int)  # logical section, Shift+click

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.filterable = lambda logical: False  # set by the page
        self.is_filtered = lambda logical: False
        self.sort_levels: dict[int, tuple[int, bool]] = {}  # logical -> (level number from 1, descending)
        self._pressed_glyph = -1

    def glyph_rect(self, logical: int) -> QRect:
        x = self.sectionViewportPosition(logical)
        return QRect(x + self.sectionSize(logical) - GLYPH - 2, 0, GLYPH, self.height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802 - Qt override
        painter.save()
        super().paintSection(painter, rect, logical)
        painter.restore()
        filterable = self.filterable(logical)  # asked once: each answer reads the page's filter
        if filterable:
            filtered = self.is_filtered(logical)
            color = ACTIVE if filtered else IDLE
            cx, cy = rect.right() - GLYPH // 2 - 2, rect.center().y()
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            if filtered:  # a funnel: the filter is on
                painter.drawPolygon(QPolygon([QPoint(cx - 5, cy - 4), QPoint(cx + 5, cy - 4), QPoint(cx + 1, cy + 1),
                                              QPoint(cx + 1, cy + 5), QPoint(cx - 1, cy + 5), QPoint(cx - 1, cy + 1)]))
            else:
                painter.drawPolygon(QPolygon([QPoint(cx - 4, cy - 2), QPoint(cx + 4, cy - 2), QPoint(cx, cy + 3)]))
            painter.restore()
        level = self.sort_levels.get(logical)
        if level is not None and len(self.sort_levels) > 1:
            painter.save()
            painter.setPen(ACTIVE)
            font = painter.font()
            font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
            painter.setFont(font)
            arrow = "▼" if level[1] else "▲"
            right = rect.right() - (GLYPH + 4 if filterable else 4)
            painter.drawText(QRect(right - 26, rect.top(), 26, rect.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{level[0]}{arrow}")
            painter.restore()

    def mousePressEvent(self, event):  # noqa: N802 - Qt override
        pos = event.position().toPoint()
        logical = self.logicalIndexAt(pos)
        if event.button() == Qt.MouseButton.LeftButton and logical >= 0:
            if self.filterable(logical) and self.glyph_rect(logical).contains(pos):
                self._pressed_glyph = logical
                event.accept()
                return
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self.sectionsClickable():
                self._pressed_glyph = -2  # a Shift+click: no plain sort on release
                self.sort_level_added.emit(logical)
                event.accept()
                return
        self._pressed_glyph = -1
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt override
        if self._pressed_glyph != -1:
            logical = self._pressed_glyph
            self._pressed_glyph = -1
            if logical >= 0:
                rect = self.glyph_rect(logical)
                self.filter_clicked.emit(logical, self.viewport().mapToGlobal(QPoint(rect.left() - 200, self.height())))
            event.accept()
            return
        super().mouseReleaseEvent(event)
