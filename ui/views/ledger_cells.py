"""How the ledger's cells are drawn: where the search text occurs, it is marked (yellow, as a browser's find
does); other cells are drawn by Qt as usual."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desk_app.services.search import runs

from .ledger_plain_cells import PlainCells, lay_out_lines

HIT = QColor("#ffeb3b")
HIT_TEXT = QColor("#000000")


_warm = False  # warm_up() has run: the types plain_cells draws with are loaded


def warm_up() -> None:
    """Load the Qt types that mark search hits and draw plain cells (PySide6 builds each type's enums on first use:
    ~20 ms for QStyle and the text layout ones), after the ledger's first paint rather than before it."""
    global _warm
    from PySide6.QtGui import QTextCharFormat, QTextLayout, QTextOption  # noqa: F401, PLC0415
    from PySide6.QtWidgets import QStyle  # noqa: F401, PLC0415

    _warm = True


def is_warm() -> bool:
    return _warm


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


LAYOUTS_KEPT = 600  # laid-out cells with hits kept (a few screens' worth): a repaint draws them again as they are


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.terms: list[str] = []
        self.model = None  # the LedgerTableModel: its texts are read in Python, not through a QModelIndex
        self.on_search = None  # called with True/False when marking starts or stops (the frozen view's delegate)
        self.plain = PlainCells()  # cells without hits, drawn from layouts kept between paints
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._layouts: OrderedDict[tuple, tuple] = OrderedDict()  # (QTextLayout, height) per cell text and size

    def set_search(self, text: str) -> None:
        terms = runs(text)
        if terms == self.terms:
            return
        searching = bool(terms) != bool(self.terms)
        self.terms = terms
        self._spans.clear()
        self._layouts.clear()
        if searching and self.on_search is not None:
            self.on_search(bool(terms))

    def _hits(self, text: str) -> list[tuple[int, int]]:
        spans = self._spans.get(text)
        if spans is None:
            if len(self._spans) > LAYOUTS_KEPT * 4:
                self._spans.clear()
            spans = self._spans[text] = hit_ranges(text, self.terms)
        return spans

    def paint(self, painter, option, index):
        text = None
        if self.terms:
            text = (self.model.display_text(index.row(), index.column()) if self.model is not None
                    else index.data(Qt.ItemDataRole.DisplayRole))
        spans = self._hits(text) if isinstance(text, str) and text else None
        if not spans:  # no hit to mark: drawn from a kept layout (ledger_plain_cells), or by Qt
            if not (_warm and self.model is not None and self.plain.paint(painter, option, index, self.model)):
                super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle  # noqa: PLC0415 - see warm_up()

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
        # initStyleOption put the cell's ForegroundRole (red when overdue, grey when done) into the Text colour
        color = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        wrap = bool(opt.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
        layout, height = self._layout(text, spans, opt.font, rect, wrap)
        top = rect.top() + (max(0.0, (rect.height() - height) / 2) if not wrap else 0.0)
        painter.save()
        painter.setClipRect(QRectF(rect))
        painter.setPen(color)
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()

    def _layout(self, text: str, spans, font, rect, wrap: bool) -> tuple:
        """The cell's text laid out with its hits marked, kept for the next paint of the same cell (the colour of
        the text is the painter's pen, set at each paint)."""
        key = (text, font.key(), rect.width(), rect.height() if wrap else 0, wrap)
        found = self._layouts.get(key)
        if found is not None:
            self._layouts.move_to_end(key)
            return found
        from PySide6.QtGui import QTextCharFormat, QTextLayout, QTextOption  # noqa: PLC0415 - see warm_up()

        layout = QTextLayout(text, font)
        option_ = QTextOption()
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
        height = lay_out_lines(layout, rect.width() if wrap else 1e6, rect.height() if wrap else None)
        self._layouts[key] = (layout, height)
        while len(self._layouts) > LAYOUTS_KEPT:
            self._layouts.popitem(last=False)
        return layout, height
