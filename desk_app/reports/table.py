"""Ruled tables drawn straight onto the page: header row repeated on every page, text wrapped in its
cell, and a row taller than the space left split line by line into continuation rows.

reportlab's own Table splits rows badly (splitInRow) and is slow for thousands of Paragraph cells, so
each row is measured with the cached character widths and emitted as drawing operations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .fonts import FontMetrics
from .layout import BLACK, FILL_COLOR, GREY_FILL, LINES, RECT, TEXT, Document
from .linebreak import break_text

CONTINUED = "（续）"


@dataclass(frozen=True)
class TableColumn:
    label: str
    weight: float  # relative width; scaled to the frame
    align: str = "l"  # l / c


class Table:
    def __init__(self, doc: Document, columns: list[TableColumn], *, size: float = 9.0,
                 header_size: float | None = None, padding: float = 4.0, leading: float | None = None,
                 width: float | None = None, min_header_lines: int = 1,
                 widths: list[float] | None = None, header: bool = True):
        self.doc = doc
        self.columns = columns
        self.size = size
        self.header_size = header_size or size
        self.padding = padding
        self.leading = leading or round(size * 1.4, 2)
        self.font: FontMetrics = doc.fonts.body
        self.header_font: FontMetrics = doc.fonts.heading
        total = sum(c.weight for c in columns) or 1.0
        frame = width or doc.width
        self.widths = widths or [frame * c.weight / total for c in columns]
        self.header = header
        self.xs = [doc.x0]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.header_lines = [break_text(c.label, self.header_font, self.header_size, w - 2 * padding)
                             for c, w in zip(columns, self.widths, strict=True)]
        n = max(min_header_lines, max(len(lines) for lines in self.header_lines))
        self.header_height = n * self.header_size * 1.3 + 2 * padding + 2
        self.rows_drawn = 0

    # --- header ---------------------------------------------------------------------------------
    def _draw_header(self) -> None:
        doc = self.doc
        top = doc.y()
        h = self.header_height
        doc.op(RECT, self.xs[0], top - h, self.xs[-1] - self.xs[0], h, 0, 1, GREY_FILL)
        self._cell_texts(self.header_lines, top, h, self.header_font, self.header_size,
                         self.header_size * 1.3, center_all=True)
        segments = [(self.xs[0], top, self.xs[-1], top), (self.xs[0], top - h, self.xs[-1], top - h)]
        segments += [(x, top, x, top - h) for x in self.xs]
        doc.op(LINES, segments, 0.8)
        doc.advance(h)

    def begin(self, first_row_height: float = 0.0) -> None:
        """Draw the header (on a new page if it would be left alone at the bottom)."""
        if not self.header:
            self.doc.ensure(max(first_row_height, self.leading * 2 + 2 * self.padding))
            top = self.doc.y()
            self.doc.op(LINES, [(self.xs[0], top, self.xs[-1], top)], 0.8)
            self.header_height = 0.0
            return
        self.doc.ensure(self.header_height + max(first_row_height, self.leading * 2 + 2 * self.padding))
        self._draw_header()
        self.doc.repeat_header = self._draw_header

    def end(self) -> None:
        self.doc.repeat_header = None

    # --- rows -----------------------------------------------------------------------------------
    def _cell_texts(self, cells: list[list[str]], top: float, height: float, font: FontMetrics,
                    size: float, leading: float, center_all: bool = False, colors: list | None = None) -> None:
        op = self.doc.op
        name = font.name
        pad = self.padding
        # Baseline offset inside a line box: centre the glyphs' em box in the leading.
        base = (leading - size) / 2 + size * 0.88
        for col, lines in enumerate(cells):
            if not lines or (len(lines) == 1 and not lines[0]):
                continue
            block = len(lines) * leading
            y = top - (height - block) / 2 - base  # vertically centred in the row
            align = "c" if center_all else self.columns[col].align
            x_left = self.xs[col] + pad
            if align == "c" and len(lines) == 1:
                w = font.width(lines[0], size)
                cell_w = self.widths[col] - 2 * pad
                x_left = self.xs[col] + pad + max(0.0, (cell_w - w) / 2)
            color = colors[col] if colors else None
            if color:
                op(FILL_COLOR, color)
            for line in lines:
                if line:
                    op(TEXT, name, size, x_left, y, line)
                y -= leading
            if color:
                op(FILL_COLOR, BLACK)

    def _emit(self, cells: list[list[str]], n_lines: int, colors: list | None = None) -> None:
        doc = self.doc
        h = n_lines * self.leading + 2 * self.padding
        top = doc.y()
        self._cell_texts(cells, top, h, self.font, self.size, self.leading, colors=colors)
        bottom = top - h
        segments = [(self.xs[0], bottom, self.xs[-1], bottom)]
        segments += [(x, top, x, bottom) for x in self.xs]
        doc.op(LINES, segments, 0.5)
        doc.advance(h)

    def measure(self, values: list[str]) -> list[list[str]]:
        pad2 = 2 * self.padding
        return [break_text(v or "", self.font, self.size, w - pad2) for v, w in zip(values, self.widths, strict=True)]

    def add_row(self, values: list[str], colors: list | None = None, keep_after: float = 0.0) -> None:
        """One row; `colors` gives a text colour per cell (None = black); `keep_after` is the height of
        what must stay on the same page as this row (the signature foot after the last row)."""
        cells = self.measure(values)
        n = max(len(c) for c in cells)
        doc = self.doc
        lead = self.leading
        pad2 = 2 * self.padding
        height = n * lead + pad2
        page_room = doc.setup.frame_height - self.header_height
        if height + keep_after <= doc.space_left() + 0.01 or (
                height <= doc.space_left() + 0.01 and height + keep_after > page_room):
            self._emit(cells, n, colors)
            return
        if height <= page_room * 0.5 or doc.space_left() < 3 * lead + pad2:
            doc.new_page()  # the header comes back through repeat_header
        # Split the row line by line into continuation rows while it does not fit.
        first = True
        while True:
            fit = int((doc.space_left() - pad2 + 0.01) // lead)
            if n <= fit:
                self._emit(cells, n, colors)
                return
            if fit < 1:
                doc.new_page()
                continue
            self._emit([c[:fit] for c in cells], fit, colors)
            cells = [c[fit:] for c in cells]
            if not cells[0] and first:
                cells[0] = [CONTINUED]
            first = False
            n = max(len(c) for c in cells)
            doc.new_page()

    def add_rows(self, rows: Iterable[list[str]], total: int = 0, label: str = "") -> None:
        for i, values in enumerate(rows, start=1):
            self.add_row(values)
            self.rows_drawn += 1
            if i % 25 == 0:
                self.doc.check(i, total, label)


def fit_widths(columns: list[TableColumn], sample: list[list[str]], font: FontMetrics, size: float,
               frame: float, padding: float = 4.0, cap_chars: float = 9.5) -> list[float]:
    """Column widths from the weights, widened so narrow centred columns (编号, 日期, 姓名) keep their
    values on one line when the sample shows they are short; the room comes from the wide text columns."""
    total = sum(c.weight for c in columns) or 1.0
    widths = [frame * c.weight / total for c in columns]
    cap = cap_chars * size + 2 * padding
    wanted = list(widths)
    for i, col in enumerate(columns):
        if col.align != "c":
            continue
        lengths = sorted(font.width(row[i], size) for row in sample if row[i])
        if not lengths:
            continue
        natural = lengths[int(len(lengths) * 0.9)] + 2 * padding + 1  # let the odd long value wrap
        if natural <= cap:
            wanted[i] = max(widths[i], natural)
    wide = [i for i, c in enumerate(columns) if c.align != "c"]
    _balance_wide_columns(widths, wide, sample, font, size)
    wanted = [max(w, wanted[i]) if columns[i].align == "c" else w for i, w in enumerate(widths)]
    extra = sum(wanted) - sum(widths)
    spare = sum(widths[i] * 0.2 for i in wide)
    if extra <= 0 or spare <= 0:
        return widths
    scale = min(1.0, spare / extra)
    result = [widths[i] + (wanted[i] - widths[i]) * scale for i in range(len(columns))]
    taken = extra * scale
    for i in wide:
        result[i] -= taken * (widths[i] * 0.2) / spare
    return result


def _balance_wide_columns(widths: list[float], wide: list[int], sample: list[list[str]], font: FontMetrics,
                          size: float) -> None:
    """Share the wide columns' room half by their weights and half by how much text they hold, so one
    narrow column full of text does not make every row tall."""
    if not sample or len(wide) < 2:
        return
    room = sum(widths[i] for i in wide)
    text = {i: sum(font.width(row[i], size) for row in sample) + 1.0 for i in wide}
    total_text = sum(text.values())
    for i in wide:
        widths[i] = 0.5 * widths[i] + 0.5 * room * text[i] / total_text
