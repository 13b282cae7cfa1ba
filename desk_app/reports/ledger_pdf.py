"""整改台账: the ledger for any filter, with the columns the user chose (the same definitions the table
and the Excel export use), A4 landscape or A3."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desk_app.domain import EntryKind
from desk_app.services.ledger_columns import COLUMNS_BY_KEY, columns_for
from desk_app.services.ledger_query import LedgerFilter, is_overdue

from . import blocks
from .layout import RED, Document, ledger_page
from .options import PrintOptions, Progress, campaign_name, count, filter_subtitle, iter_entries, with_campaign
from .table import CONTINUED, ContinuedHeading, Table, TableColumn, advise_on_widths, fit_widths

CENTER_BELOW_WEIGHT = 12  # narrow columns (编号, 姓名, 日期, 状态) print centred
FULL_DATE = "2026年12月31日"  # the widest date a column may have to hold
# Columns whose values never wrap when the page can hold them (codes, names, dates).
WHOLE_KEYS = {"code", "kind", "owner", "leader", "responsible", "reviewer", "found_date", "deadline",
              "completed_date", "closed_date"}
DATE_KEYS = {"found_date", "deadline", "completed_date", "closed_date"}
REPEAT_KEYS = {"code"}  # printed again on every fragment of a row split across pages
NAME_KEYS = {"owner", "leader", "responsible", "reviewer"}
NAME_CAP = 5.0  # names up to five characters stay whole; a longer one wraps rather than squeeze the texts


@dataclass(frozen=True)
class PrintColumn:
    label: str
    weight: float
    value: Callable  # (record, row_number) -> str
    align: str = "l"
    color: Callable | None = None  # (record) -> (r, g, b) or None, e.g. 逾期 in red
    whole: bool = False  # keep values on one line (see table.TableColumn)
    min_text: str = ""
    repeat: bool = False
    cap: float = 12.0


SERIAL = "序号"


def serial_column() -> PrintColumn:
    return PrintColumn(SERIAL, 4, lambda e, n: str(n), "c", whole=True, repeat=True)


def overdue_red(e) -> tuple | None:
    return RED if is_overdue(e.status, e.deadline_type, e.deadline) else None


def ledger_column(key: str, label: str = "", weight: float | None = None, align: str | None = None) -> PrintColumn:
    """One shared ledger column (ledger_columns), optionally relabelled or resized for a document."""
    c = COLUMNS_BY_KEY[key]
    return PrintColumn(label or c.label, weight or c.width, lambda e, n, c=c: c.value(e),
                       align or ("c" if c.width < CENTER_BELOW_WEIGHT else "l"),
                       overdue_red if key in ("status", "deadline") else None,
                       whole=key in WHOLE_KEYS, min_text=FULL_DATE if key in DATE_KEYS else "",
                       repeat=key in REPEAT_KEYS, cap=NAME_CAP if key in NAME_KEYS else 12.0)


def from_ledger_columns(keys: list[str] | None) -> list[PrintColumn]:
    return [ledger_column(c.key) for c in columns_for(keys)]


def draw_table(doc: Document, columns: list[PrintColumn], batches: Iterable[list], total: int, *,
               size: float, label: str, empty_text: str = "（无符合条件的记录）",
               leading: float | None = None, keep_with_last: float = 0.0,
               widths: list[float] | None = None, heading: ContinuedHeading | None = None) -> int:
    """The ruled table of records; returns the row count. The rows' texts are read first, so the
    column widths come from every row (and 序号 from the row count); `keep_with_last` is the height
    of what must share the last row's page; `heading` is repeated, with （续）, on continued pages."""
    rows: list[list[str]] = []
    colors: list[list | None] = []
    colored = any(c.color for c in columns)
    number = 0
    for batch in batches:
        for record in batch:
            number += 1
            rows.append([c.value(record, number) for c in columns])
            colors.append([c.color(record) if c.color else None for c in columns] if colored else None)
        doc.check(0, total, label)
    table_columns = [TableColumn(c.label, c.weight, c.align, c.whole,
                                 CONTINUED if c.label == SERIAL and c.repeat else c.min_text,
                                 c.repeat, c.cap) for c in columns]
    if widths is None:
        widths = fit_widths(table_columns, rows, doc.fonts.body, size, doc.width,
                            header_font=doc.fonts.heading, header_size=size + 0.5)
        advise_on_widths(doc, table_columns, widths, size, rows)
    table = Table(doc, table_columns, size=size, header_size=size + 0.5, widths=widths, leading=leading,
                  continued_heading=heading)
    table.begin()
    for i, (values, row_colors) in enumerate(zip(rows, colors, strict=True), start=1):
        table.add_row(values, row_colors, keep_after=keep_with_last if i == number else 0.0)
        if i % 25 == 0:
            doc.check(i, total, label)
    if number == 0:
        table.add_note(empty_text)
    table.end()
    return number


def table_size(options: PrintOptions, n_columns: int) -> float:
    """The table's type size: smaller with many columns (never below 8 pt, the smallest a printed ledger is
    read at), so an A3 sheet of 20 columns still gives its texts room."""
    if options.a3:
        return 10.5 if n_columns <= 16 else 9.0
    return 8.0 if n_columns > 12 else 9.0


def table_document(*, title: str, subtitle: str, columns: list[PrintColumn],
                   batches: Iterable[list], total: int, options: PrintOptions, progress: Progress | None,
                   header_extra: str = "", foot: Callable[[Document], None] | None = None,
                   size: float | None = None, nesting=None) -> Document:
    """A titled, ruled ledger table with the header block on top and the signature foot below; with
    `nesting` (reports/measure_table), each task's measures are printed under it."""
    doc = Document(title, ledger_page(options.a3), progress=progress, author=blocks.report_header().unit)
    size = size or table_size(options, len(columns))
    blocks.title(doc, title, size=22 if options.a3 else 18, subtitle=subtitle)
    blocks.header_block(doc, extra=header_extra)
    if nesting is not None and nesting.by_label:
        from .measure_table import draw_nested_table  # noqa: PLC0415

        draw_nested_table(doc, columns, batches, total, nesting, size=size, label=f"正在排版：{title}",
                          keep_with_last=blocks.SIGNATURE_FOOT_HEIGHT)
    else:
        draw_table(doc, columns, batches, total, size=size, label=f"正在排版：{title}",
                   keep_with_last=blocks.SIGNATURE_FOOT_HEIGHT)
    (foot or blocks.signature_foot)(doc)
    return doc


LEDGER_TITLES = {EntryKind.RECTIFICATION: "问题整改台账", EntryKind.KEY_TASK: "重点任务分工台账",
                 EntryKind.SUPERVISION: "督办事项台账", EntryKind.DECISION: "议定事项台账"}


def ledger_title(f: LedgerFilter) -> str:
    """The ledger's name from the kinds the filter asks for (层级 belong to 问题整改 only), never from
    the entries it happens to match: the same filter prints the same title on any day. Mixed or no
    kinds: 台账."""
    kinds = set(f.kinds) or ({EntryKind.RECTIFICATION.value} if f.layers else set())
    if len(kinds) == 1:
        return LEDGER_TITLES.get(next(iter(kinds)), "台账")
    return "台账"


def build(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = with_campaign(options.filter)
    total = count(f)
    title = options.title or f"{campaign_name(f)}{ledger_title(f)}"
    subtitle = filter_subtitle(f)
    columns = [serial_column(), *from_ledger_columns(options.columns)]
    from .measure_table import nesting_for  # noqa: PLC0415 - a task's measures under it (整改措施 shown)

    chosen = {c.key: c.label for c in columns_for(options.columns)}
    return table_document(title=title, subtitle=subtitle, columns=columns,
                          batches=iter_entries(f, options.sort, descending=options.descending), total=total, options=options,
                          progress=progress, header_extra=f"共 {total} 条",
                          nesting=nesting_for(chosen) if "measures" in chosen else None)
