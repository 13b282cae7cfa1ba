"""What a ledger export contains: options, the rows as text, titles and the header block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from desk_app.domain import Layer
from desk_app.services import campaigns, context, settings
from desk_app.services.ledger import EntryRecord
from desk_app.services.ledger_columns import Column, cn_date, columns_for
from desk_app.services.ledger_query import LedgerFilter

from .cells import one_line, strip_controls

SERIAL_LABEL = "序号"
OTHER_LAYER = "其他事项"


@dataclass
class LedgerExportOptions:
    """Everything the export dialog and `desk-app export` let the clerk choose."""

    filter: LedgerFilter = field(default_factory=LedgerFilter)
    column_keys: list[str] | None = None  # None: the ledger's default columns
    sort: str = "code"
    title: str = ""  # '' builds one from the campaign and the layer
    one_sheet_per_layer: bool = False
    summary_sheet: bool = True
    # Upward templates: no line breaks typed inside cells, "0" instead of blank cells.
    template_mode: bool = False

    @property
    def columns(self) -> list[Column]:
        return columns_for(self.column_keys)


@dataclass(frozen=True)
class SheetData:
    name: str
    title: str
    rows: list[list[str]]  # text of each cell, serial number first
    entry_ids: list[int] = field(default_factory=list)  # the entry of each row (its measures follow it)


def header_block_text() -> str:
    h = settings.report_header()
    gap = "\u3000\u3000"
    return gap.join([f"填报单位：{h.unit}", f"填报人：{h.filled_by}", f"审核人：{h.reviewed_by}",
                     f"联系电话：{h.phone}", f"填报日期：{cn_date(context.today())}"])


def filter_text(options: LedgerExportOptions) -> str:
    """What a filtered export holds, under its title (责任单位：办公室，状态：推进中); "" for everything."""
    from desk_app.reports.options import describe_filter  # noqa: PLC0415

    return describe_filter(replace(options.filter, campaign_id=None))


def base_title(options: LedgerExportOptions) -> str:
    if options.title.strip():
        return options.title.strip()
    campaign_id = options.filter.campaign_id
    name = ""
    if campaign_id is not None:
        name = campaigns.get_campaign(campaign_id).name
    return f"{name}问题清单（整改台账）" if name else "问题清单（整改台账）"


_NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b-\x1f\r]")


def cell_text(value: str, template_mode: bool) -> str:
    text = value or ""
    if _NEEDS_CLEANING.search(text):  # most cells have nothing to strip: skip the per-character pass
        text = strip_controls(text)
    if template_mode:
        text = one_line(text)
        return text if text else "0"
    return text


def entry_row(serial: int, entry: EntryRecord, columns: list[Column], template_mode: bool) -> list[str]:
    return [str(serial)] + [cell_text(c.value(entry), template_mode) for c in columns]


def fetch_all(options: LedgerExportOptions) -> list[EntryRecord]:
    """Every entry of the filter in the chosen order, read as plain database rows: building peewee
    model objects first took half the time of a 10,000-entry export."""
    from desk_app.db.models import LedgerEntry, database  # noqa: PLC0415
    from desk_app.services.entry_records import joined_select  # noqa: PLC0415
    from desk_app.services.ledger_query import SORT_KEYS, where_clause  # noqa: PLC0415

    # joined_select joins Department already, so every SORT_KEYS order (the 责任单位 one too) works.
    order = [c.asc() for c in SORT_KEYS.get(options.sort, SORT_KEYS["code"])] + [LedgerEntry.id.asc()]
    cursor = database.execute(joined_select().where(where_clause(options.filter)).order_by(*order))
    columns = [d[0] for d in cursor.description]
    wanted = [(columns.index(name), name, _CONVERT.get(name)) for name in _RECORD_FIELDS]
    blank = {index for index, name, _ in wanted if name.endswith("_name")}  # a missing person: ""
    records = []
    for row in cursor:
        values = {}
        for index, name, convert in wanted:
            value = row[index]
            if value is None and index in blank:
                value = ""
            values[name] = convert(value) if convert is not None and value is not None else value
        records.append(EntryRecord(**values))
    return records


def _date(value):
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _datetime(value):
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


_RECORD_FIELDS = [f.name for f in fields(EntryRecord) if f.name not in ("extension_count", "missing")]
_CONVERT = {**dict.fromkeys(("found_date", "deadline", "completed_date", "closed_date", "assigned_date"), _date),
            **dict.fromkeys(("created_at", "updated_at", "deleted_at"), _datetime)}


def split_sheets(options: LedgerExportOptions, entries: list[EntryRecord]) -> list[SheetData]:
    """One sheet, or one per layer in the fixed layer order (entries without a layer last)."""
    columns = options.columns
    title = base_title(options)
    if not options.one_sheet_per_layer:
        rows = [entry_row(i, e, columns, options.template_mode) for i, e in enumerate(entries, start=1)]
        return [SheetData("台账", title, rows, [e.id for e in entries])]
    groups: dict[str, list[EntryRecord]] = {layer.value: [] for layer in Layer}
    groups[OTHER_LAYER] = []
    for e in entries:
        groups[e.layer if e.layer in groups else OTHER_LAYER].append(e)
    sheets = []
    for layer, items in groups.items():
        if not items:
            continue
        rows = [entry_row(i, e, columns, options.template_mode) for i, e in enumerate(items, start=1)]
        sheets.append(SheetData(sheet_name(layer), f"{title}（{layer}）", rows, [e.id for e in items]))
    return sheets or [SheetData("台账", title, [])]


def sheet_name(text: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and anything over 31 characters."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in text)
    return cleaned[:31] or "Sheet"


def header_labels(columns: list[Column]) -> list[str]:
    return [SERIAL_LABEL] + [c.label for c in columns]
