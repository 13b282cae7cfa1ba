"""A 通报's content once — title, 主送, paragraphs, headings, ranked tables, 署名 and date — laid out three
ways: as a GB/T 9704 PDF here (gongwen, gongwen_table), as Word (exchange.bulletin_docx) and as Excel
(exchange.bulletin_xlsx, numbers typed). The 月度通报, the 季度办结率通报 and the 排名通报 are Notices.

Cells hold values, not text: each column says how its values read (a rate as 85.3%, a change in points
as ↑2.5), so Excel gets numbers with the same look as the paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desk_app.services.ledger_columns import cn_date

from . import gongwen_blocks
from .gongwen import Gongwen
from .gongwen_table import CONTINUED, PAD, SIZE, GwColumn, add_table, column_widths
from .layout import Document
from .options import Progress

TEXT, INT, RATE, POINTS, COUNT_CHANGE, PLACE_CHANGE, SCORE, DATE = (
    "text", "int", "rate", "points", "count_change", "place_change", "score", "date")
NONE = "—"


def cell_text(kind: str, value) -> str:
    """How a value prints in a column of `kind`."""
    if value is None or value == "":
        return NONE if kind != TEXT else ""
    if kind == RATE:
        return f"{value * 100:.1f}%"
    if kind == SCORE:
        return f"{value:.2f}"
    if kind == DATE:
        return cn_date(value)
    if kind == POINTS:
        return "持平" if abs(value) < 0.05 else (f"↑{value:.1f}" if value > 0 else f"↓{-value:.1f}")
    if kind in (COUNT_CHANGE, PLACE_CHANGE):
        return "持平" if value == 0 else (f"↑{value}" if value > 0 else f"↓{-value}")
    return str(value)


def points_words(value: float | None, unit: str = "个百分点") -> str:
    """"提高2.5个百分点" / "下降1.0个百分点" / "持平" for a paragraph ("" when there is nothing to compare)."""
    if value is None:
        return ""
    if abs(value) < 0.05:
        return "持平"
    return f"{'提高' if value > 0 else '下降'}{abs(value):.1f}{unit}"


def count_words(value: int | None, unit: str = "条") -> str:
    if value is None:
        return ""
    return "持平" if value == 0 else f"{'增加' if value > 0 else '减少'}{abs(value)}{unit}"


@dataclass(frozen=True)
class Column:
    label: str  # "\n" where a two-line header may break (按期\n办结率)
    kind: str = TEXT
    wide: bool = False  # the text column that takes the width the others leave
    identity: bool = False  # repeated on a row continued on the next page (名次, 编号)
    max_chars: int = 0  # on paper, at most this many characters wide (longer values wrap); 0: no limit


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass
class TableBlock:
    sheet: str  # the Excel sheet's name
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    empty: str = "（无）"
    heading: str = ""  # repeated with （续） on continued pages; default: the heading above the table
    on_paper: bool = True  # False: a sheet of the Excel file only (the paper says it in a sentence)


@dataclass
class Notice:
    title: str
    addressee: str
    issuer: str
    date: date
    blocks: list = field(default_factory=list)

    def para(self, text: str) -> None:
        self.blocks.append(Para(text))

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(text, level))

    def table(self, block: TableBlock) -> None:
        self.blocks.append(block)

    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]


def _widths(gw: Gongwen, block: TableBlock, columns: list[GwColumn]) -> list[float]:
    """gongwen_table's widths (narrow columns as wide as their values, the wide one the rest), with the
    columns that have max_chars held to it and what they give up going to the wide column."""
    texts = [[c.value(r, n) for c in columns] for n, r in enumerate(block.rows, start=1)]
    widths = column_widths(gw, columns, texts)
    wide = [i for i, c in enumerate(block.columns) if c.wide]
    if not wide:
        return widths
    spare = 0.0
    for i, c in enumerate(block.columns):
        cap = c.max_chars * SIZE + 2 * PAD + 1 if c.max_chars else None
        if cap is not None and widths[i] > cap:
            spare += widths[i] - cap
            widths[i] = cap
    for i in wide:
        widths[i] += spare / len(wide)
    return widths


def render_pdf(notice: Notice, progress: Progress | None = None) -> Document:
    """The Notice as a 通报 after GB/T 9704-2012 (see gongwen): 2号小标宋 title, 主送, 3号仿宋 body on the
    22 × 28 grid, 黑体/楷体 headings, ruled tables continued with （续）, 署名 and 成文日期, 版记, "— N —"."""
    gw = Gongwen(notice.title, author=notice.issuer, progress=progress)
    gw.title(notice.title)
    gw.blank()
    gw.addressee(notice.addressee)
    above = ""
    for block in notice.blocks:
        if isinstance(block, Para):
            gw.paragraph(block.text)
        elif isinstance(block, Heading):
            gw.heading(block.text, block.level)
            above = block.text
        elif not block.on_paper:
            continue
        elif not block.rows:
            gw.paragraph(block.empty)
        else:
            columns = [GwColumn(c.label, lambda r, n, i=i, k=c.kind: cell_text(k, r[i]), c.wide, c.identity)
                       for i, c in enumerate(block.columns)]
            head = block.heading or above
            add_table(gw, columns, block.rows, heading=(lambda h=head: gw.paragraph(
                h + CONTINUED, face=gw.fonts.heading, kind="heading1", attach=False, keep_together=True))
                if head else None, widths=_widths(gw, block, columns))
            gw.blank(0.5)
    day = cn_date(notice.date)
    gongwen_blocks.signature(gw, notice.issuer, day)
    cc, printer = gongwen_blocks.record_settings(notice.issuer)
    gongwen_blocks.record(gw, printer, day, cc)
    doc = gw.build()
    doc.print_date = notice.date  # the same bytes at every reprint
    return doc
