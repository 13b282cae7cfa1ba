"""整改台账: the ledger for any filter, with the columns the user chose (the same definitions the table
and the Excel export use), A4 landscape or A3."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import chain

from desk_app.domain import EntryKind
from desk_app.services.ledger_columns import COLUMNS_BY_KEY, columns_for
from desk_app.services.ledger_query import LedgerFilter, is_overdue

from . import blocks
from .layout import RED, Document, ledger_page
from .options import PrintOptions, Progress, campaign_name, count, describe_filter, iter_entries, with_campaign
from .table import Table, TableColumn, fit_widths

CENTER_BELOW_WEIGHT = 12  # narrow columns (编号, 姓名, 日期, 状态) print centred


@dataclass(frozen=True)
class PrintColumn:
    label: str
    weight: float
    value: Callable  # (record, row_number) -> str
    align: str = "l"
    color: Callable | None = None  # (record) -> (r, g, b) or None, e.g. 逾期 in red


def serial_column() -> PrintColumn:
    return PrintColumn("序号", 4, lambda e, n: str(n), "c")


def overdue_red(e) -> tuple | None:
    return RED if is_overdue(e.status, e.deadline_type, e.deadline) else None


def ledger_column(key: str, label: str = "", weight: float | None = None, align: str | None = None) -> PrintColumn:
    """One shared ledger column (ledger_columns), optionally relabelled or resized for a document."""
    c = COLUMNS_BY_KEY[key]
    return PrintColumn(label or c.label, weight or c.width, lambda e, n, c=c: c.value(e),
                       align or ("c" if c.width < CENTER_BELOW_WEIGHT else "l"),
                       overdue_red if key in ("status", "deadline") else None)


def from_ledger_columns(keys: list[str] | None) -> list[PrintColumn]:
    return [PrintColumn(c.label, c.width, (lambda e, n, c=c: c.value(e)),
                        "c" if c.width < CENTER_BELOW_WEIGHT else "l",
                        overdue_red if c.key in ("status", "deadline") else None) for c in columns_for(keys)]


def draw_table(doc: Document, columns: list[PrintColumn], batches: Iterable[list], total: int, *,
               size: float, label: str, empty_text: str = "（无符合条件的记录）",
               leading: float | None = None, keep_with_last: float = 0.0,
               widths: list[float] | None = None) -> int:
    """The ruled table of records, column widths fitted to the first batch unless given; returns the
    row count."""
    table_columns = [TableColumn(c.label, c.weight, c.align) for c in columns]
    batches = iter(batches)
    first = next(batches, [])
    if widths is None:
        sample = [[c.value(r, n) for c in columns] for n, r in enumerate(first[:200], start=1)]
        widths = fit_widths(table_columns, sample, doc.fonts.body, size, doc.width)
    table = Table(doc, table_columns, size=size, header_size=size + 0.5, widths=widths, leading=leading)
    table.begin()
    number = 0
    colored = [c for c in columns if c.color]
    for batch in chain([first], batches):
        for record in batch:
            number += 1
            colors = [c.color(record) if c.color else None for c in columns] if colored else None
            table.add_row([c.value(record, number) for c in columns], colors,
                          keep_after=keep_with_last if number == total else 0.0)
            if number % 25 == 0:
                doc.check(number, total, label)
    if number == 0:
        table.add_row([empty_text] + [""] * (len(columns) - 1))
    table.end()
    return number


def table_size(options: PrintOptions, n_columns: int) -> float:
    return 10.5 if options.a3 else (8.0 if n_columns > 12 else 9.0)


def table_document(*, title: str, subtitle: str, columns: list[PrintColumn],
                   batches: Iterable[list], total: int, options: PrintOptions, progress: Progress | None,
                   header_extra: str = "", foot: Callable[[Document], None] | None = None,
                   size: float | None = None) -> Document:
    """A titled, ruled ledger table with the header block on top and the signature foot below."""
    doc = Document(title, ledger_page(options.a3), progress=progress, author=blocks.report_header().unit)
    size = size or table_size(options, len(columns))
    blocks.title(doc, title, size=22 if options.a3 else 18, subtitle=subtitle)
    blocks.header_block(doc, extra=header_extra)
    draw_table(doc, columns, batches, total, size=size, label=f"正在排版：{title}",
               keep_with_last=blocks.SIGNATURE_FOOT_HEIGHT)
    (foot or blocks.signature_foot)(doc)
    return doc


LEDGER_TITLES = {EntryKind.RECTIFICATION: "问题整改台账", EntryKind.KEY_TASK: "重点任务分工台账",
                 EntryKind.SUPERVISION: "督办事项台账", EntryKind.DECISION: "议定事项台账"}


def ledger_title(f: LedgerFilter) -> str:
    """The ledger's name from what it holds: the filter's kinds, else the kinds its entries have;
    "台账" when they are mixed (问题整改 with 督办事项 is not a 问题整改台账)."""
    from desk_app.services.stats import breakdown  # noqa: PLC0415

    kinds = set(f.kinds) or {g.key for g in breakdown(f, "kind")}
    if len(kinds) == 1:
        return LEDGER_TITLES.get(next(iter(kinds)), "台账")
    return LEDGER_TITLES[EntryKind.RECTIFICATION] if not kinds else "台账"


def build(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = with_campaign(options.filter)
    total = count(f)
    title = options.title or f"{campaign_name(f)}{ledger_title(f)}"
    described = describe_filter(replace(f, campaign_id=None))
    subtitle = f"（{described}）" if described else ""
    columns = [serial_column(), *from_ledger_columns(options.columns)]
    return table_document(title=title, subtitle=subtitle, columns=columns,
                          batches=iter_entries(f, options.sort, descending=options.descending), total=total, options=options,
                          progress=progress, header_extra=f"共 {total} 条")
