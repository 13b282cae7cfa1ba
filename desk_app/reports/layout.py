"""The page engine every printed document uses.

Content is laid out first into per-page lists of drawing operations, so the page count is known
before anything is drawn: "第 X 页 共 Y 页" needs no second pass. Drawing goes straight to the
reportlab canvas (one text object per run of text) instead of platypus flowables, which is what makes
a 1,000-row ledger print in about a second.
"""

from __future__ import annotations

import io
import os
import tempfile
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from desk_app.progress import Cancelled

from .fonts import FontMetrics, FontSet, font_set, show_text
from .linebreak import break_text

MM = 72.0 / 25.4
A4 = (595.2756, 841.8898)
A3 = (841.8898, 1190.5512)
BLACK = (0, 0, 0)
RED = (0.8, 0.0, 0.0)
GREY_FILL = (0.90, 0.90, 0.90)
MIN_SHRINK = 0.82  # fit-or-shrink: a title or heading shrinks this far before it wraps


# The program's one cancel type (desk_app.progress); the old name stays for callers of this module.
RenderCancelled = Cancelled


@dataclass(frozen=True)
class PageSetup:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


def ledger_page(a3: bool = False, portrait: bool = False) -> PageSetup:
    """Ledgers: A4 (or A3) landscape with narrow margins, room for the page number below."""
    w, h = A3 if a3 else A4
    if not portrait:
        w, h = h, w
    return PageSetup(w, h, 15 * MM, 15 * MM, 15 * MM, 16 * MM)


def official_page() -> PageSetup:
    """GB/T 9704-2012 A4 portrait: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm."""
    w, h = A4
    return PageSetup(w, h, 28 * MM, w - 28 * MM - 156 * MM, 37 * MM, h - 37 * MM - 225 * MM)


# Drawing operations, kept as tuples so laying out 20,000 lines stays cheap.
TEXT, JUSTIFIED, LINES, RECT, FILL_COLOR, STROKE_COLOR, CUSTOM = range(7)


@dataclass
class Page:
    ops: list


class Document:
    """Lays content out top to bottom into pages, then writes the PDF in one go."""

    def __init__(self, title: str, setup: PageSetup, *, fonts: FontSet | None = None,
                 page_numbers: bool = True, progress: Callable[[int, int, str], bool] | None = None,
                 author: str = "", print_date: date | None = None):
        self.title = title
        self.print_date = print_date  # the PDF's creation date; None: context.today() when rendered
        self.setup = setup
        self.fonts = fonts or font_set()
        self.page_numbers = page_numbers
        self.progress = progress
        self.author = author
        self.pages: list[Page] = []
        self.section_starts = [0]  # page numbering restarts at each (one person's list each)
        self.repeat_header: Callable[[], None] | None = None  # re-draws a table header on new pages
        # Draws the page number instead of "第 X 页 共 Y 页": (document, canvas, number, total).
        self.page_number_drawer: Callable | None = None
        self.cursor = 0.0  # distance below the frame's top edge
        self.advice: list[str] = []  # what the clerk should know about the layout (too many columns …)
        self._new_page()

    # --- geometry -------------------------------------------------------------------------------
    @property
    def x0(self) -> float:
        return self.setup.left

    @property
    def width(self) -> float:
        return self.setup.frame_width

    def y(self, offset: float = 0.0) -> float:
        """PDF y coordinate of a point `offset` below the cursor."""
        return self.setup.height - self.setup.top - self.cursor - offset

    def space_left(self) -> float:
        return self.setup.frame_height - self.cursor

    @property
    def page_number(self) -> int:
        return len(self.pages)

    def _new_page(self) -> None:
        self.pages.append(Page([]))
        self.cursor = 0.0

    def new_page(self) -> None:
        self._new_page()
        if self.repeat_header is not None:
            self.repeat_header()

    def new_section(self) -> None:
        """Start a part with its own page numbers (第 1 页 共 N 页 again), on a new page."""
        if self.cursor > 0 or self.pages[-1].ops:
            self._new_page()
        self.section_starts.append(len(self.pages) - 1)

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` still fits on this one."""
        if height > self.space_left() + 0.01 and self.cursor > 0:
            self.new_page()

    def advance(self, height: float) -> None:
        self.cursor += height

    def op(self, *operation) -> None:
        self.pages[-1].ops.append(operation)

    def check(self, done: int, total: int, text: str = "") -> None:
        if self.progress is not None and self.progress(done, total, text) is False:
            raise Cancelled()

    # --- text -----------------------------------------------------------------------------------
    def text_at(self, text: str, font: FontMetrics, size: float, x: float, baseline: float,
                align: str = "l") -> None:
        if not text:
            return
        if align != "l":
            w = font.width(text, size)
            x = x - w / 2 if align == "c" else x - w
        self.op(TEXT, font.name, size, x, baseline, text)

    @staticmethod
    def fitted_lines(text: str, font: FontMetrics, size: float, width: float,
                     min_scale: float = MIN_SHRINK) -> tuple[float, list[str]]:
        """Fit-or-shrink: the text on one line at `size` if it fits, else at a size down to
        `min_scale` × size, else wrapped at `size` into lines of about equal length. Never clipped."""
        natural = font.width(text, size)
        if natural <= width + 0.01 or not text:
            return size, [text]
        smaller = size * width / natural
        if smaller >= size * min_scale:
            return smaller - 0.01, [text]
        count = int(natural // width) + 1
        while True:  # balanced lines: a two-line title does not end in a word or two
            lines = break_text(text, font, size, min(width, natural / count * 1.08))
            if len(lines) <= count or natural / count * 1.08 >= width:
                return size, lines
            count += 1

    def line_of_text(self, text: str, font: FontMetrics, size: float, *, align: str = "l",
                     leading: float | None = None, indent: float = 0.0, color=None) -> None:
        """One line kept on one page; a text wider than the frame shrinks a little, then wraps
        (titles from --title, long campaign names): nothing is ever cut at the paper edge."""
        leading = leading or size * 1.5
        size, lines = self.fitted_lines(text, font, size, self.width - indent)
        self.ensure(leading * len(lines))
        if color:
            self.op(FILL_COLOR, color)
        x = {"l": self.x0 + indent, "c": self.x0 + self.width / 2, "r": self.x0 + self.width}[align]
        for line in lines:
            baseline = self.y(leading - (leading - size) / 2 - size * 0.12)
            self.text_at(line, font, size, x, baseline, align)
            self.advance(leading)
        if color:
            self.op(FILL_COLOR, BLACK)

    def paragraph(self, text: str, font: FontMetrics, size: float, *, leading: float | None = None,
                  first_indent: float = 0.0, hanging: float = 0.0, align: str = "l",
                  space_after: float = 0.0, prefix: str = "", prefix_font: FontMetrics | None = None,
                  prefix_indent: float = 0.0, keep_lines: int = 2) -> int:
        """A wrapped paragraph that may continue on the next page. Returns its line count.

        `prefix` (e.g. "出席：") is printed before the first line and wrapped lines align under the
        text after it; `first_indent` indents the first line (two characters for body text).
        `keep_lines` is the widow/orphan rule: a page break leaves at least that many lines of the
        paragraph on each side (1 turns it off).
        """
        leading = leading or size * 1.5
        prefix_font = prefix_font or font
        prefix_w = prefix_indent + prefix_font.width(prefix, size) if prefix else 0.0
        indent = prefix_w or hanging
        first_width = self.width - (prefix_w or first_indent)
        rest_width = self.width - indent
        lines: list[str] = []
        for i, para in enumerate(text.replace("\r\n", "\n").split("\n")):
            if i == 0:
                head = break_text(para, font, size, first_width)
                lines.extend(head[:1])
                rest = para[len(head[0]):].lstrip(" ") if head else ""
                if rest:
                    lines.extend(break_text(rest, font, size, rest_width))
            else:
                lines.extend(break_text(para, font, size, rest_width))
        breaks = self._paragraph_breaks(len(lines), leading, keep_lines)
        for i, line in enumerate(lines):
            if i in breaks:
                self.new_page()
            baseline = self.y(leading - (leading - size) / 2 - size * 0.12)
            x = self.x0 + ((prefix_w or first_indent) if i == 0 else indent)
            if i == 0 and prefix:
                self.text_at(prefix, prefix_font, size, self.x0 + prefix_indent, baseline)
            avail = self.width - (x - self.x0)
            if align == "justify" and i < len(lines) - 1 and len(line) > 1:
                spare = avail - font.width(line, size)
                if 0 < spare < size * 3:
                    self.op(JUSTIFIED, font.name, size, x, baseline, line, spare / (len(line) - 1))
                else:
                    self.text_at(line, font, size, x, baseline)
            elif align == "c":
                self.text_at(line, font, size, self.x0 + self.width / 2, baseline, "c")
            else:
                self.text_at(line, font, size, x, baseline)
            self.advance(leading)
        self.advance(space_after)
        return len(lines)

    def _paragraph_breaks(self, count: int, leading: float, keep: int) -> set[int]:
        """Indexes of the lines that start a new page, keeping `keep` lines together at either end."""
        breaks: set[int] = set()
        room = int((self.space_left() + 0.01) // leading)
        fresh = self.cursor <= 0.01
        full = int((self.setup.frame_height + 0.01) // leading)  # a new page holds this many (no header)
        i = 0
        while count - i > room:
            take = room
            if count - i - take < keep:  # the last lines would be alone on the next page
                take = count - i - keep
            if (i == 0 and take < keep or take < 1) and not fresh:  # a lone first line: start over there
                take = 0
            take = max(take, 0 if not fresh else 1)
            i += take
            breaks.add(i)
            room, fresh = full, True
        return breaks

    @staticmethod
    def paragraph_lines(text: str, font: FontMetrics, size: float, first_width: float,
                        rest_width: float) -> list[str]:
        """Lines of one paragraph whose first line is narrower (after a label) than the rest."""
        head = break_text(text, font, size, first_width)
        if len(head) <= 1:
            return head
        rest = text[len(head[0]):].lstrip(" ")
        return head[:1] + break_text(rest, font, size, rest_width)

    def rule(self, color=BLACK, width: float = 1.0, space_after: float = 0.0) -> None:
        self.op(STROKE_COLOR, color)
        self.op(LINES, [(self.x0, self.y(), self.x0 + self.width, self.y())], width)
        self.op(STROKE_COLOR, BLACK)
        self.advance(space_after)

    def custom(self, height: float, draw: Callable, *, keep: bool = True, keep_after: float = 0.0) -> None:
        """A drawing (chart) of fixed height; `draw(canvas, x, y_bottom)`. `keep_after`: the height of
        what must follow on the same page (a signature foot), when the two fit on one page."""
        if keep:
            together = height + keep_after
            self.ensure(together if together <= self.setup.frame_height else height)
        self.op(CUSTOM, draw, self.x0, self.y(height))
        self.advance(height)

    # --- output ---------------------------------------------------------------------------------
    def _draw_page_number(self, canvas, number: int, total: int) -> None:
        text = f"第 {number} 页 共 {total} 页"
        font = self.fonts.body
        size = 9
        w = font.width(text, size)
        canvas.setFillColorRGB(*BLACK)
        canvas.setFont(font.name, size)
        canvas.drawString(self.setup.width / 2 - w / 2, self.setup.bottom / 2 - 3, text)

    def _draw_ops(self, canvas, ops: list) -> None:
        text_obj = None
        current_font = None
        for op in ops:
            kind = op[0]
            if kind in (TEXT, JUSTIFIED):
                if text_obj is None:
                    text_obj = canvas.beginText()
                    current_font = None
                if current_font != (op[1], op[2]):
                    text_obj.setFont(op[1], op[2])
                    current_font = (op[1], op[2])
                text_obj.setTextOrigin(op[3], op[4])
                if kind == JUSTIFIED:
                    text_obj.setCharSpace(op[6])
                    show_text(text_obj, op[1], op[2], op[5])
                    text_obj.setCharSpace(0)
                else:
                    show_text(text_obj, op[1], op[2], op[5])
                continue
            if text_obj is not None:
                canvas.drawText(text_obj)
                text_obj = None
            if kind == LINES:
                canvas.setLineWidth(op[2])
                canvas.lines(op[1])
            elif kind == RECT:
                _, x, y, w, h, stroke, fill, rgb = op
                if fill:
                    canvas.setFillColorRGB(*rgb)
                canvas.rect(x, y, w, h, stroke=stroke, fill=fill)
                if fill:
                    canvas.setFillColorRGB(*BLACK)
            elif kind == FILL_COLOR:
                canvas.setFillColorRGB(*op[1])
            elif kind == STROKE_COLOR:
                canvas.setStrokeColorRGB(*op[1])
            elif kind == CUSTOM:
                canvas.saveState()
                op[1](canvas, op[2], op[3])
                canvas.restoreState()
        if text_obj is not None:
            canvas.drawText(text_obj)

    def _drop_trailing_blank_page(self) -> None:
        while len(self.pages) > 1 and not self.pages[-1].ops:
            self.pages.pop()

    def render(self) -> bytes:
        from reportlab.pdfgen.canvas import Canvas  # noqa: PLC0415

        self._drop_trailing_blank_page()
        buffer = io.BytesIO()
        # invariant=1 fixes the document id: same data, same bytes. The dates are the print date
        # (context.today(), which --today pins), midnight local time, not reportlab's 2000-01-01.
        canvas = Canvas(buffer, pagesize=(self.setup.width, self.setup.height), invariant=1,
                        pageCompression=1, initialFontName=self.fonts.body.name)
        stamp = pdf_date(self.print_date or _today())
        canvas.setDateFormatter(lambda *_parts: stamp)
        canvas.setTitle(self.title)
        canvas.setAuthor(self.author)
        canvas.setCreator("desk_app")
        canvas.setSubject(self.title)
        total = len(self.pages)
        starts = sorted(set(self.section_starts)) + [total]
        for number, page in enumerate(self.pages, start=1):
            canvas.setLineWidth(0.5)
            self._draw_ops(canvas, page.ops)
            if self.page_numbers:
                section = bisect_right(starts, number - 1) - 1
                first, after = starts[section], starts[section + 1]
                (self.page_number_drawer or Document._draw_page_number)(self, canvas, number - first,
                                                                       after - first)
            canvas.showPage()
            if number % 20 == 0:
                self.check(number, total, f"正在生成第 {number} 页，共 {total} 页")
        canvas.save()
        return buffer.getvalue()

    def write(self, path: str | os.PathLike[str]) -> int:
        """Write the PDF atomically (a temporary file renamed into place); returns the page count."""
        data = self.render()
        write_atomically(Path(path), data)
        return len(self.pages)


def _today() -> date:
    from desk_app.services import context  # noqa: PLC0415

    return context.today()


def pdf_date(day: date) -> str:
    """A PDF date string for local midnight of `day`, with this computer's UTC offset that day."""
    offset = datetime.combine(day, time()).astimezone().utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"D:{day:%Y%m%d}000000{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def write_atomically(path: Path, data: bytes) -> None:
    from desk_app.exchange.out_path import publish  # noqa: PLC0415

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".print-", suffix=".pdf", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        publish(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
