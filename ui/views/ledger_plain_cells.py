"""The ledger's plain text cells drawn from text layouts kept between paints.

Qt's own delegate asks the model for the cell's roles (a call into Python per cell), then lays out and shapes the
cell's text three or four times on every paint (its size, its elided form, the line drawn), for every cell of
every paint: after a filter change the new rows are painted and painted again, each time from scratch. Here a
cell's text is read from the model in Python, laid out and elided once as Qt's style does it (the same line at
the same place: tests/ui/test_ledger_plain_cells.py compares the pixels), and drawn from the kept layout on
every later paint. Only what Qt's Fusion style draws this way is drawn here (a plain, unselected, unwrapped text
cell of an entry); any other cell, and other styles, are left to Qt.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

NARROW_CHARACTERS = " !\"'()*,-./:;I[]ijl|`1"  # the narrowest a character of a cell's text can be is among these
KEPT = 2000  # laid-out cell texts kept (a few screens of cells of both views)
_UNSEEN = object()


class PlainCells:
    def __init__(self):
        self._kept: OrderedDict[tuple, tuple] = OrderedDict()  # (text, font, size, …) -> (layout, dx, dy)
        self._style, self._is_fusion = None, False  # the last style seen, and whether it is Fusion (drawn this way)
        self._states = None
        self._font, self._font_key = None, ""
        self._contexts: dict[tuple, tuple] = {}  # per cell size and font: see _context

    def paint(self, painter, option, index, model) -> bool:
        """Draw the cell if it is a plain one; False leaves it to Qt. (Flags are tested as plain numbers: each
        operation on a PySide6 flag builds a Python enum member, which costs more than drawing the text.)"""
        if self._states is None:
            self._states = _states()
        skip, enabled, active, wrap, groups, text_role = self._states
        state = option.state.value
        if state & skip or option.features.value & wrap:
            return False
        widget = option.widget
        if widget is None or not self._fusion(widget.style()):
            return False
        cell = model.plain_cell(index.row(), index.column())
        if cell is None:
            return False
        text, brush = cell
        if not text:  # Qt would draw nothing here (no text, icon, background or focus): nor is it asked to
            return True
        rect = option.rect
        font = option.font
        if font != self._font:  # QFont.key() spells the font out on each call: asked only of a new font
            self._font, self._font_key = QFont(font), font.key()  # a copy: the option's goes with the paint
        # The view's elide mode, alignment and direction belong to the context of the widget (_context).
        key = (text, self._font_key, rect.width(), rect.height(), id(widget))
        found = self._kept.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._kept[key] = self._lay_out(text, option, widget)
            if len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        if found is None:  # more than one line: Qt's own way
            return False
        layout, dx, dy = found
        if brush is not None:  # the model's foreground (red when overdue, grey when done) is the text's colour
            color = brush.color()
        else:  # the palette's text colour of the cell's colour group, as Qt's style picks it
            color = option.palette.color(groups[(state & enabled and 1) + (state & enabled and state & active and 1)],
                                         text_role)
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(color)
        layout.draw(painter, QPointF(rect.x() + dx, rect.y() + dy))
        painter.restore()
        return True

    def clear(self) -> None:
        self._kept.clear()
        self._contexts.clear()

    def _fusion(self, style) -> bool:
        if style is not self._style:  # the views share the application's style: asked again only of another one
            self._style, self._is_fusion = style, style.name().lower() == "fusion"
        return self._is_fusion

    def _lay_out(self, text: str, option, widget) -> tuple | None:
        """The cell's text laid out as QCommonStyle lays out an item view's text (in its text rectangle less the focus
        margin, one line elided to that width, centred in the height), and where it is drawn relative to the
        cell's top left corner. The text is shaped twice (elided, then laid out) where Qt shapes it three or four
        times on each paint; a long text is elided at its right end from as much of its start as the width can
        show (each character at least the narrowest one wide)."""
        if "\u2028" in text or "\n" in text:  # more than one line: Qt elides line by line
            return None
        from PySide6.QtGui import QTextLayout  # noqa: PLC0415 - see ledger_cells.warm_up
        from PySide6.QtWidgets import QStyle  # noqa: PLC0415

        rect = option.rect
        key = (self._font_key, rect.width(), rect.height(), id(widget))
        context = self._contexts.get(key)
        if context is None:
            context = self._contexts[key] = _context(option, widget)
        text_rect, text_option, metrics, right_fit, elide, direction, alignment = context
        width = text_rect.width()
        shown = None
        if right_fit and len(text) > right_fit:  # more than fits: its start decides where … goes
            shown = metrics.elidedText(text[:right_fit], elide, width)
            if shown == text[:right_fit]:  # zero-width characters: the start alone fits after all
                shown = None
        if shown is None:
            shown = metrics.elidedText(text, elide, width)
        layout = QTextLayout(shown, option.font)
        layout.setTextOption(text_option)
        lay_out_lines(layout, width)
        size = layout.boundingRect().size().toSize()
        top = QStyle.alignedRect(direction, alignment, size, text_rect).top()
        return layout, text_rect.x(), top


def _context(option, widget) -> tuple:
    """What every cell of one size and font shares: its text rectangle (relative to the cell), the text option, the
    font's metrics, and for … at the right end how many characters surely fill the width (0 otherwise)."""
    from PySide6.QtCore import Qt  # noqa: PLC0415
    from PySide6.QtGui import QTextOption  # noqa: PLC0415 - see ledger_cells.warm_up
    from PySide6.QtWidgets import QStyle  # noqa: PLC0415

    style = widget.style()
    opt = QStyleOptionViewItem(option)
    opt.rect = QRect(0, 0, option.rect.width(), option.rect.height())
    opt.text = "x"
    opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(margin, 0, -margin, 0)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.ManualWrap)
    text_option.setTextDirection(option.direction)
    text_option.setAlignment(QStyle.visualAlignment(option.direction, option.displayAlignment))
    metrics = QFontMetrics(option.font)
    right_fit = 0
    if option.textElideMode == Qt.TextElideMode.ElideRight:
        narrowest = max(1, min(metrics.horizontalAdvance(c) for c in NARROW_CHARACTERS))
        right_fit = text_rect.width() // narrowest + 2
    return (text_rect, text_option, metrics, right_fit, option.textElideMode, option.direction,
            option.displayAlignment)


def _states() -> tuple:
    """What paint() tests and picks by (looked up once: an import or an enum's lookup in each paint costs more than
    the drawing)."""
    from PySide6.QtGui import QPalette  # noqa: PLC0415 - loaded by ledger_cells.warm_up before any use
    from PySide6.QtWidgets import QStyle  # noqa: PLC0415

    state, group = QStyle.StateFlag, QPalette.ColorGroup
    return ((state.State_Selected | state.State_HasFocus | state.State_Editing).value, state.State_Enabled.value,
            state.State_Active.value, QStyleOptionViewItem.ViewItemFeature.WrapText.value,
            (group.Disabled, group.Inactive, group.Normal), QPalette.ColorRole.Text)


def lay_out_lines(layout, width: float, max_height: float | None = None) -> float:
    """A text layout's lines of this width from the top, until its text ends (or they pass max_height), kept whole
    to be drawn again and again without shaping the text each time; returns their height."""
    layout.setCacheEnabled(True)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
        if max_height is not None and height > max_height:
            break
    layout.endLayout()
    return height
