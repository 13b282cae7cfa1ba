"""How the ledger's cells are drawn: where the search text occurs, it is marked (yellow, as a browser's find
does); other cells are drawn by Qt as usual."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desk_app.services.search import runs

HIT = QColor("#ffeb3b")
HIT_TEXT = QColor("#000000")


def warm_up() -> None:
    """Load the Qt types that mark search hits (PySide6 builds each type's enums on first use: ~20 ms for
    QStyle and the text layout ones), after the ledger's first paint rather than before it."""
    from PySide6.QtGui import QTextCharFormat, QTextLayout, QTextOption  # noqa: F401, PLC0415
    from PySide6.QtWidgets import QStyle  # noqa: F401, PLC0415


def hit_ranges(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """(start, length) of every occurrence of each term, case-insensitively, overlapping ones merged."""
    lowered = text.lower()
    spans = []
    for term in terms:
        start = lowered.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b - a) for a, b in merged]


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.terms: list[str] = []
        self.covering = None  # a view laid over the left edge of the parent view (ledger_table.FrozenColumns)

    def set_search(self, text: str) -> None:
        self.terms = runs(text)

    def paint(self, painter, option, index):
        covering = self.covering
        if (covering is not None and option.widget is not covering and option.rect.right() < covering.width()
                and covering.isVisible()):
            return  # hidden under the frozen columns (ledger_table.FrozenColumns): drawing it costs time for nothing
        text = index.data(Qt.ItemDataRole.DisplayRole) if self.terms else None
        spans = hit_ranges(text, self.terms) if isinstance(text, str) and text else []
        if not spans:
            super().paint(painter, option, index)
            return
        from PySide6.QtGui import QTextCharFormat, QTextLayout, QTextOption  # noqa: PLC0415 - see warm_up()
        from PySide6.QtWidgets import QStyle  # noqa: PLC0415

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(3, 0, -3, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        color = opt.palette.color(QPalette.ColorRole.HighlightedText) if selected else (
            foreground.color() if foreground is not None else opt.palette.color(QPalette.ColorRole.Text))
        layout = QTextLayout(text, opt.font)
        option_ = QTextOption()
        wrap = bool(opt.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
        option_.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap else QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option_)
        formats = []
        for start, length in spans:
            fmt = QTextLayout.FormatRange()
            fmt.start, fmt.length = start, length
            char = QTextCharFormat()
            char.setBackground(HIT)
            char.setForeground(HIT_TEXT)
            fmt.format = char
            formats.append(fmt)
        layout.setFormats(formats)
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width() if wrap else 1e6)
            line.setPosition(QPointF(0, height))
            height += line.height()
            if height > rect.height() and wrap:
                break
        layout.endLayout()
        top = rect.top() + (max(0.0, (rect.height() - height) / 2) if not wrap else 0.0)
        painter.save()
        painter.setClipRect(QRectF(rect))
        painter.setPen(color)
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()
