"""What a ledger export contains: options, the rows as text, titles and the header block."""

from __future__ import annotations

import functools
import re
from collections import namedtuple
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from operator import attrgetter

from desk_app.domain import Layer
from desk_app.services import campaigns, context, settings
from desk_app.services.ledger import EntryRecord
from desk_app.services.ledger_columns import Column, cn_date, columns_for
from desk_app.services.ledger_query import LedgerFilter

from .cells import one_line, strip_controls
from .progress import Progress, report

SERIAL_LABEL = "序号"
READ_REPORT_EVERY = 5000  # entries read between two progress reports
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


def entry_rows(entries, columns: list[Column], template_mode: bool) -> list[list[str]]:
    """entry_row for many entries, numbered from 1: the same cells, built a column at a time (a field shown
    as it is read by attrgetter, in C), the control-character check made once per column rather than once
    per cell (100,000 entries × 12 columns)."""
    if template_mode:
        return [entry_row(serial, e, columns, True) for serial, e in enumerate(entries, start=1)]
    needs_cleaning = _NEEDS_CLEANING.search
    cells = [list(map(str, range(1, len(entries) + 1)))]
    for c in columns:
        field = SHOWN_AS_IS.get(c.key)
        values = list(map(attrgetter(field) if field else c.value, entries))
        if None in values:
            values = [v or "" for v in values]
        if needs_cleaning("".join(values)):
            values = [cell_text(text, False) for text in values]
        cells.append(values)
    return list(map(list, zip(*cells, strict=True)))


# What the export reads of an entry for each column: a field shown as it is, or the fields ledger_columns
# works the cell out from. A column missing from both reads every field (fetch_all).
SHOWN_AS_IS = {"code": "code", "kind": "kind", "layer": "layer", "owner": "owner_name", "category": "category",
               "source": "source", "description": "description", "cause": "cause", "target": "target",
               "measures": "measures", "standard": "standard", "leader": "leader_name",
               "department": "department_name", "co_departments": "co_departments",
               "responsible": "responsible_name", "task_force": "task_force_name", "rectify_mode": "rectify_mode",
               "schedule": "schedule", "reviewer": "reviewer_name", "latest_progress": "latest_progress",
               "note": "note", "task_source": "task_source", "doc_number": "doc_number",
               "instructing_leader": "instructing_leader"}
WORKED_OUT_FROM = {"found_date": ("found_date",), "deadline": ("deadline_type", "deadline"),
                   "status": ("status", "deadline_type", "deadline"), "completed_date": ("completed_date",),
                   "closed_date": ("closed_date",), "extensions": ("extension_count",),
                   "assigned_date": ("assigned_date",)}
ALWAYS_READ = ("id", "layer", "category")  # sheets by layer, the 问题类别 list, measures found by entry


def fields_read(columns: list[Column]) -> tuple[str, ...]:
    """The record fields the export of these columns reads, in EntryRecord's order (all of them when a
    column is not known here)."""
    wanted = set(ALWAYS_READ)
    for c in columns:
        if c.key in SHOWN_AS_IS:
            wanted.add(SHOWN_AS_IS[c.key])
        elif c.key in WORKED_OUT_FROM:
            wanted.update(WORKED_OUT_FROM[c.key])
        else:
            return tuple(RECORD_FIELDS)
    return tuple(name for name in RECORD_FIELDS if name in wanted)


def fetch_all(options: LedgerExportOptions, progress: Progress | None = None) -> list:
    """Every entry of the filter in the chosen order, as light named tuples with EntryRecord's names for the
    fields the columns read (fields_read) and only those: the statement selects just them (names as '' when
    nobody is set), so a 13-column export neither reads nor converts the other 30-odd fields (most of
    its reading time), and unused joins drop out of the plan. Building peewee models, or EntryRecords field
    by field, took most of the time of a 100,000-entry export. 延期次数 and 最新进展 are read (in one
    query each) only when the export has those columns. `progress` hears how many were read (and may
    cancel)."""
    from desk_app.db.models import LedgerEntry, database  # noqa: PLC0415
    from desk_app.services.entry_records import joined_select  # noqa: PLC0415
    from desk_app.services.ledger_query import SORT_KEYS, where_clause  # noqa: PLC0415

    names = fields_read(options.columns)
    selected = [name for name in names if name not in _NOT_SELECTED]
    # joined_select joins Department already, so every SORT_KEYS order (the 责任单位 one too) works.
    order = [c.asc() for c in SORT_KEYS.get(options.sort, SORT_KEYS["code"])] + [LedgerEntry.id.asc()]
    query = joined_select().select(*map(_selected_expression, selected))
    cursor = database.execute(query.where(where_clause(options.filter)).order_by(*order))
    converts = [(i, _CONVERT[name]) for i, name in enumerate(selected) if name in _CONVERT]
    extensions = _extension_counts() if "extension_count" in names else None
    latest = _latest_progress() if "latest_progress" in names else None
    at_id = selected.index("id")
    make = _record_type((*selected, *(name for name in _NOT_SELECTED if name in names)))._make
    records = []
    for row in cursor:
        values = list(row)
        for i, convert in converts:
            if values[i] is not None:
                values[i] = convert(values[i])
        if extensions is not None:
            values.append(extensions.get(values[at_id], 0))
        if latest is not None:
            values.append(latest.get(values[at_id], ""))
        records.append(make(values))
        if len(records) % READ_REPORT_EVERY == 0:
            report(progress, 0, 0, f"正在读取台账（已读 {len(records):,} 条）")
    return records


def _selected_expression(name: str):
    """The statement's column for a record field of joined_select (a person's or unit's name: '' for none)."""
    from peewee import fn  # noqa: PLC0415

    from desk_app.db.models import Department, LedgerEntry, TaskForce  # noqa: PLC0415
    from desk_app.services.entry_records import Leader, Owner, Responsible, Reviewer  # noqa: PLC0415

    joined = {"owner_name": Owner.name, "leader_name": Leader.name, "responsible_name": Responsible.name,
              "reviewer_name": Reviewer.name, "department_name": Department.name, "task_force_name": TaskForce.name}
    if name in joined:
        return fn.COALESCE(joined[name], "").alias(name)
    return LedgerEntry._meta.columns[name]  # noqa: SLF001 - peewee's field by its column name (owner_id …)


@functools.lru_cache(maxsize=32)
def _record_type(names: tuple[str, ...]):
    """An entry as the export reads it: a named tuple of these EntryRecord fields, made in C from the row."""
    return namedtuple("ExportRecord", names)


def _extension_counts() -> dict[int, int]:
    from desk_app.db.models import database  # noqa: PLC0415
    from desk_app.domain import EventKind  # noqa: PLC0415

    return dict(database.execute_sql("SELECT entry_id, COUNT(*) FROM entry_event WHERE kind = ? GROUP BY entry_id",
                                     (EventKind.EXTEND.value,)).fetchall())


def _latest_progress() -> dict[int, str]:
    """The newest progress text of every entry (as the ledger's 最新进展 column shows it)."""
    from desk_app.db.models import database  # noqa: PLC0415

    return dict(database.execute_sql("SELECT entry_id, text FROM progress_update ORDER BY entry_id, date, id"))


def _date(value):
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _datetime(value):
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


RECORD_FIELDS = [f.name for f in fields(EntryRecord) if f.name not in ("missing",)]  # 四定 marks left out
_NOT_SELECTED = ("extension_count", "latest_progress")  # read by a query each, not by the entries' statement
_CONVERT = {**dict.fromkeys(("found_date", "deadline", "completed_date", "closed_date", "assigned_date"), _date),
            **dict.fromkeys(("created_at", "updated_at", "deleted_at"), _datetime)}


def split_sheets(options: LedgerExportOptions, entries: list[EntryRecord]) -> list[SheetData]:
    """One sheet, or one per layer in the fixed layer order (entries without a layer last)."""
    columns = options.columns
    title = base_title(options)
    if not options.one_sheet_per_layer:
        return [SheetData("台账", title, entry_rows(entries, columns, options.template_mode), [e.id for e in entries])]
    groups: dict[str, list[EntryRecord]] = {layer.value: [] for layer in Layer}
    groups[OTHER_LAYER] = []
    for e in entries:
        groups[e.layer if e.layer in groups else OTHER_LAYER].append(e)
    sheets = []
    for layer, items in groups.items():
        if not items:
            continue
        sheets.append(SheetData(sheet_name(layer), f"{title}（{layer}）",
                                entry_rows(items, columns, options.template_mode), [e.id for e in items]))
    return sheets or [SheetData("台账", title, [])]


def sheet_name(text: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and anything over 31 characters."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in text)
    return cleaned[:31] or "Sheet"


def header_labels(columns: list[Column]) -> list[str]:
    return [SERIAL_LABEL] + [c.label for c in columns]
