"""Ruled tables drawn straight onto the page: header row repeated on every page, text wrapped in its
cell, and a row taller than the space left split line by line into continuation rows.

reportlab's own Table splits rows badly (splitInRow) and is slow for thousands of Paragraph cells, so
each row is measured with the cached character widths and emitted as drawing operations.

The rules every table keeps (issue 14): a split row never leaves one line alone on either page and
repeats its identity (序号 with （续）, 问题编号) on every fragment; a continued page repeats the
table's heading (the group or the person) before the header row; the last row is pulled onto the
page of whatever must follow it (the signature foot); a message row spans the whole table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .fonts import FontMetrics
from .layout import BLACK, FILL_COLOR, GREY_FILL, LINES, RECT, TEXT, Document
from .linebreak import break_text, longest_run

CONTINUED = "（续）"
MIN_FRAGMENT_LINES = 2  # widow/orphan control for split rows


@dataclass(frozen=True)
class TableColumn:
    label: str
    weight: float  # relative width; scaled to the frame
    align: str = "l"  # l / c
    whole: bool = False  # values stay on one line when at all possible (编号, 姓名, 日期)
    min_text: str = ""  # the widest value the column must hold on one line (a full date, the row count)
    repeat: bool = False  # repeated on every fragment of a split row (序号, 编号)
    cap: float = 12.0  # a `whole` column grows to hold values up to this many characters on one line


def label_segments(label: str) -> list[str]:
    """The pieces of a header label no line may break inside: the label itself, or its parts at a
    typed newline and before an opening bracket (所属人员 stays whole, 办理结果（责任单位填写） may wrap)."""
    parts: list[str] = []
    for line in label.split("\n"):
        start = 0
        for i, ch in enumerate(line):
            if ch in "（(" and i > start:
                parts.append(line[start:i])
                start = i
        parts.append(line[start:])
    return [p for p in parts if p]


def short_phrases(text: str) -> list[str]:
    """The short pieces of a value between its punctuation, brackets kept with what they hold
    ("未启动（逾期）" → "未启动", "（逾期）"): a word of up to four characters, a bracket of up to six."""
    return [p for p in _PHRASE.findall(text) if len(p) <= (6 if p[0] in "（(" else 4)]


_PHRASE = re.compile(r"[（(][^（）()]*[）)][，、；。]?|[^（）()，、；。\s]+[，、；。]?")


@dataclass(frozen=True)
class ContinuedHeading:
    """What a continued page draws above the header row: the group's or person's heading, with （续）."""

    text: str
    font: FontMetrics
    size: float
    leading: float

    def height(self, doc: Document) -> float:
        _size, lines = doc.fitted_lines(f"{self.text}{CONTINUED}", self.font, self.size, doc.width)
        return len(lines) * self.leading

    def draw(self, doc: Document) -> None:
        doc.line_of_text(f"{self.text}{CONTINUED}", self.font, self.size, leading=self.leading)


class Table:
    def __init__(self, doc: Document, columns: list[TableColumn], *, size: float = 9.0,
                 header_size: float | None = None, padding: float = 4.0, leading: float | None = None,
                 width: float | None = None, min_header_lines: int = 1,
                 widths: list[float] | None = None, header: bool = True,
                 continued_heading: ContinuedHeading | None = None):
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
        self.continued_heading = continued_heading
        self.xs = [doc.x0]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.header_lines = [self._label_lines(c.label, w - 2 * padding) for c, w in zip(columns, self.widths, strict=True)]
        n = max(min_header_lines, max(len(lines) for lines in self.header_lines))
        self.header_height = n * self.header_size * 1.3 + 2 * padding + 2
        self.repeat_columns = [i for i, c in enumerate(columns) if c.repeat]
        self.rows_drawn = 0

    def _label_lines(self, label: str, width: float) -> list[str]:
        """Header text broken only between its segments while a segment fits the column."""
        font, size = self.header_font, self.header_size
        lines: list[str] = []
        for segment in label_segments(label):
            if lines and font.width(lines[-1] + segment, size) <= width and "\n" not in label:
                lines[-1] += segment
            elif font.width(segment, size) <= width:
                lines.append(segment)
            else:
                lines.extend(break_text(segment, font, size, width))
        return lines or [""]

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

    def _draw_continued(self) -> None:
        """A new page inside the table: the heading (续), then the header row or a top rule."""
        if self.continued_heading is not None:
            self.continued_heading.draw(self.doc)
        if self.header:
            self._draw_header()
        else:
            top = self.doc.y()
            self.doc.op(LINES, [(self.xs[0], top, self.xs[-1], top)], 0.8)

    def begin(self, first_row_height: float = 0.0) -> None:
        """Draw the header (on a new page if it would be left alone at the bottom)."""
        first = max(first_row_height, self.leading * MIN_FRAGMENT_LINES + 2 * self.padding)
        if not self.header:
            self.doc.ensure(first)
            top = self.doc.y()
            self.doc.op(LINES, [(self.xs[0], top, self.xs[-1], top)], 0.8)
            self.header_height = 0.0
        else:
            self.doc.ensure(self.header_height + first)
            self._draw_header()
        self.doc.repeat_header = self._draw_continued

    def end(self) -> None:
        self.doc.repeat_header = None

    @property
    def continued_height(self) -> float:
        """What a continued page spends before the first row (heading and header row)."""
        extra = self.continued_heading.height(self.doc) if self.continued_heading is not None else 0.0
        return self.header_height + extra

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
            cell_w = self.widths[col] - 2 * pad
            color = colors[col] if colors else None
            if color:
                op(FILL_COLOR, color)
            for line in lines:
                if line:
                    x_left = self.xs[col] + pad
                    if align == "c":
                        x_left += max(0.0, (cell_w - font.width(line, size)) / 2)
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

    def _fits(self, n_lines: int, keep_after: float = 0.0) -> bool:
        return n_lines * self.leading + 2 * self.padding + keep_after <= self.doc.space_left() + 0.01

    def _lines_that_fit(self, keep_after: float = 0.0) -> int:
        return int((self.doc.space_left() - keep_after - 2 * self.padding + 0.01) // self.leading)

    def add_row(self, values: list[str], colors: list | None = None, keep_after: float = 0.0) -> None:
        """One row; `colors` gives a text colour per cell (None = black); `keep_after` is the height of
        what must stay on the same page as this row (the signature foot after the last row): when it
        does not fit, the row (or the last lines of a long row) goes to the next page with it."""
        cells = self.measure(values)
        n = max(len(c) for c in cells)
        if self._fits(n, keep_after):
            self._emit(cells, n, colors)
            return
        page_room = self.doc.setup.frame_height - self.continued_height
        row_height = n * self.leading + 2 * self.padding
        if row_height + keep_after <= page_room and (row_height <= page_room * 0.5
                                                      or self._lines_that_fit() < MIN_FRAGMENT_LINES):
            self.doc.new_page()  # the heading and the header row come back through repeat_header
            self._emit(cells, n, colors)
            return
        self._split(cells, colors, keep_after)

    def _split(self, cells: list[list[str]], colors: list | None, keep_after: float) -> None:
        """Emit a tall row as fragments, one a page: at least two lines on each, the repeated columns
        (序号, 编号) on every fragment with （续） under the first, the last fragment with room for
        what must follow."""
        doc = self.doc
        repeat = {i: list(cells[i]) for i in self.repeat_columns}
        own = max([MIN_FRAGMENT_LINES, *(len(lines) + 1 for lines in repeat.values())])
        first = True
        while True:
            n = max(len(c) for c in cells)
            if self._fits(n, keep_after):
                self._emit(cells, n, colors)
                return
            fit = self._lines_that_fit()
            if n <= fit or n - fit < MIN_FRAGMENT_LINES:  # leave lines for the next page and what follows
                fit = n - MIN_FRAGMENT_LINES
            if fit < own:
                if doc.cursor > self.continued_height + 0.01:
                    doc.new_page()
                    continue
                fit = max(1, min(fit, self._lines_that_fit()))  # a fresh page: take what fits
            self._emit([c[:fit] for c in cells], fit, colors)
            rest = [c[fit:] for c in cells]
            for index, lines in repeat.items():
                rest[index] = lines + ([CONTINUED] if index == self.repeat_columns[0] else [])
            if not repeat and first and not rest[0]:
                rest[0] = [CONTINUED]
            cells = rest
            first = False
            doc.new_page()

    def add_note(self, text: str) -> None:
        """A message across the whole table (（无符合条件的记录）), centred, never squeezed into one column."""
        doc = self.doc
        width = self.xs[-1] - self.xs[0] - 2 * self.padding
        lines = break_text(text, self.font, self.size, width)
        h = len(lines) * self.leading + 2 * self.padding
        doc.ensure(h)
        top = doc.y()
        base = (self.leading - self.size) / 2 + self.size * 0.88
        y = top - self.padding - base
        for line in lines:
            x = self.xs[0] + self.padding + max(0.0, (width - self.font.width(line, self.size)) / 2)
            doc.op(TEXT, self.font.name, self.size, x, y, line)
            y -= self.leading
        bottom = top - h
        doc.op(LINES, [(self.xs[0], bottom, self.xs[-1], bottom), (self.xs[0], top, self.xs[0], bottom),
                       (self.xs[-1], top, self.xs[-1], bottom)], 0.5)
        doc.advance(h)

    def add_rows(self, rows: Iterable[list[str]], total: int = 0, label: str = "") -> None:
        for i, values in enumerate(rows, start=1):
            self.add_row(values)
            self.rows_drawn += 1
            if i % 25 == 0:
                self.doc.check(i, total, label)


# --- column widths -------------------------------------------------------------------------------
SHORT_CAP_CHARS = 9.5  # other centred columns, as far as the text columns can spare the room
A3_WIDTH = 1000.0  # points: a page at least this wide (landscape) is A3 (A4 landscape is 842)
TEXT_MIN_CHARS = 6  # a wrapped text column narrower than this many characters a line is hard to read
SQUEEZED_WHOLE_CHARS = 4  # values of `whole` columns up to this wide (names) stay whole even then
SQUEEZED_HEADER_CHARS = 2  # when the columns do not fit, a header label may wrap every two characters
TEXT_FLOOR = 0.8  # wrapped text columns keep this share of their weighted width before others grow


def fit_widths(columns: list[TableColumn], rows: list[list[str]], font: FontMetrics, size: float,
               frame: float, padding: float = 4.0, header_font: FontMetrics | None = None,
               header_size: float | None = None) -> list[float]:
    """Column widths from every row, filled in order of need: first what no column may go below
    (header labels never break inside: 序号, 所属人员, 逾期天数; `whole` columns hold their widest value
    — every 编号, the row count, a full date — on one line), then most of the wrapped text columns'
    weighted width, then the other centred columns' weight and their longest values, and whatever is
    left to the text columns, shared mostly by how much text they hold."""
    header_font = header_font or font
    header_size = header_size or size
    pad = 2 * padding + 1.0
    total = sum(c.weight for c in columns) or 1.0
    base = [frame * c.weight / total for c in columns]
    text = [i for i, c in enumerate(columns) if c.align != "c" and not c.whole]
    hard = [max(header_font.width(s, header_size) for s in label_segments(c.label) or [""]) + pad
            for c in columns]
    natural = list(hard)
    for i, c in enumerate(columns):
        if i in text:
            continue
        values = {line for row in rows for line in row[i].split("\n")} if rows else set()
        values.discard("")
        widest = max((font.width(v, size) for v in values), default=0.0)
        least = font.width(c.min_text, size) + pad if c.min_text else 0.0
        natural[i] = max(hard[i], least, widest + pad)
        # A short bracketed or listed phrase (（逾期）, 推进中) is not split in a narrow column either.
        hard[i] = max(hard[i], max((font.width(p, size) for v in values for p in short_phrases(v)),
                                   default=0.0) + pad)
        if c.whole:  # every value on one line; one too long for the cap wraps only where it may
            cap = c.cap * size + pad
            runs = max((longest_run(v, font, size, strong_only=True) for v in values), default=0.0)
            hard[i] = max(hard[i], least, natural[i] if natural[i] <= cap else runs + pad)
        else:
            natural[i] = min(natural[i], max(SHORT_CAP_CHARS * size + pad, hard[i]))
    short = [i for i in range(len(columns)) if i not in text]
    shares = _text_shares(base, text, rows, font, size) if text else {}
    text_room = sum(base[i] for i in text) * TEXT_FLOOR
    levels = [
        {i: max(hard[i], text_room * shares[i]) for i in text},
        {i: max(hard[i], base[i]) for i in short},
        {i: max(hard[i], base[i], natural[i]) for i in short},
    ]
    widths = list(hard)
    left = frame - sum(widths)
    if left < 0:  # not even the minimums fit (many columns): the short columns give way first
        tight = (columns, rows, font, size, frame, pad, text, shares, natural, header_font, header_size)
        widths = _squeezed(*tight, names_whole=True)
        floor = TEXT_MIN_CHARS * size + pad - 0.5
        if text and min(widths[i] for i in text) < floor:  # names may wrap before the texts go under their floor
            other = _squeezed(*tight, names_whole=False)
            if min(other[i] for i in text) > min(widths[i] for i in text):
                return other
        return widths
    left = _fill(widths, levels, left)
    if left <= 0.01:
        return widths
    if not text:
        return [w + left * b / frame for w, b in zip(widths, base, strict=True)]
    for i in text:
        widths[i] += left * shares[i]
    return widths


def _fill(widths: list[float], levels: list[dict[int, float]], left: float) -> float:
    """Grow the columns level by level towards each level's targets (all alike when the room runs short);
    returns the room left."""
    for level in levels:
        need = {i: t - widths[i] for i, t in level.items() if t > widths[i]}
        wanted = sum(need.values())
        if wanted <= 0:
            continue
        share = min(1.0, left / wanted)
        for i, n in need.items():
            widths[i] += n * share
        left -= wanted * share
        if left <= 0.01:
            break
    return left


def _squeezed(columns: list[TableColumn], rows: list[list[str]], font: FontMetrics, size: float, frame: float,
              pad: float, text: list[int], shares: dict[int, float], natural: list[float],
              header_font: FontMetrics, header_size: float, *, names_whole: bool) -> list[float]:
    """Widths when the columns' one-line minimums do not fit the page. Every column first gets its narrowest
    readable width (the header in lines of two characters, a date broken after 年 and 月, a code or a name
    at its longest unbreakable piece); then the text columns up to TEXT_MIN_CHARS, so 问题表现 and 整改措施
    are not starved to two characters a line while dates keep theirs; then the short columns up to their
    one-line width; whatever is left goes to the text columns by their shares."""
    least = []
    for i, c in enumerate(columns):
        label = c.label.replace("\n", "")
        header = max((header_font.width(label[j:j + SQUEEZED_HEADER_CHARS], header_size)
                      for j in range(0, len(label), SQUEEZED_HEADER_CHARS)), default=0.0) + pad
        values = {line for row in rows for line in row[i].split("\n")} - {""} if rows and i not in text else set()
        runs = max((longest_run(v, font, size, strong_only=True) for v in values), default=0.0)
        if names_whole and c.whole and natural[i] <= SQUEEZED_WHOLE_CHARS * size + pad:  # a name, 已销号: still on one line
            runs = natural[i] - pad
        least.append(max(header, runs + pad))
    widths = list(least)
    left = frame - sum(widths)
    if left < 0:  # not even that: shrink everything alike rather than overflow
        return [w * frame / sum(widths) for w in widths]
    levels = [{i: TEXT_MIN_CHARS * size + pad for i in text},
              {i: natural[i] for i in range(len(columns)) if i not in text}]
    left = _fill(widths, levels, left)
    if left <= 0.01:
        return widths
    spread = text or list(range(len(columns)))
    for i in spread:
        widths[i] += left * (shares[i] if text else 1 / len(spread))
    return widths


def narrow_text_columns(columns: list[TableColumn], widths: list[float], size: float, rows: list[list[str]],
                        padding: float = 4.0) -> list[str]:
    """The wrapped text columns narrower than TEXT_MIN_CHARS characters a line (too many columns for the
    paper). A column left blank in every row (备注 nobody filled in) has nothing to read: it is not one."""
    pad = 2 * padding + 1.0
    return [c.label for i, (c, w) in enumerate(zip(columns, widths, strict=True))
            if c.align != "c" and not c.whole and w - pad < TEXT_MIN_CHARS * size - 0.5
            and any(row[i].strip() for row in rows)]


def advise_on_widths(doc: Document, columns: list[TableColumn], widths: list[float], size: float,
                     rows: list[list[str]]) -> None:
    """Tell the clerk when the paper is too narrow for the columns chosen (the document is still made)."""
    narrow = narrow_text_columns(columns, widths, size, rows)
    if narrow:
        a4 = doc.setup.width < A3_WIDTH
        advice = (
            f"所选的 {len(columns)} 列在{'A4' if a4 else 'A3'}纸上放不下：{'、'.join(narrow[:4])}"
            f"{'等' if len(narrow) > 4 else ''}每行不足 {TEXT_MIN_CHARS} 个字，很难阅读。"
            + ("建议改用 A3 纸打印，或减少打印的列。" if a4 else "建议减少打印的列（如分两张表打印）。"))
        if advice not in doc.advice:  # a document of several tables (one a 专班) says it once
            doc.advice.append(advice)


def _text_shares(base: list[float], text: list[int], rows: list[list[str]], font: FontMetrics,
                 size: float) -> dict[int, float]:
    """Each text column's share of the room: partly by weight, mostly by how much text it holds (a sample
    of rows is enough for that), so one narrow column full of text does not make every row tall."""
    weight = sum(base[i] for i in text) or 1.0
    shares = {i: base[i] / weight for i in text}
    sample = rows[:600]
    if not sample or len(text) < 2:
        return shares
    amount = {i: sum(font.width(row[i], size) for row in sample) + 1.0 for i in text}
    total_amount = sum(amount.values())
    return {i: 0.3 * shares[i] + 0.7 * amount[i] / total_amount for i in text}
