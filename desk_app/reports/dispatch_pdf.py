"""月度调度表 (open entries with 本月进展) and 重点任务分工台账 (seed 003's key-task ledger)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from desk_app.domain import DONE_STATUSES, EntryKind
from desk_app.services import settings
from desk_app.services.ledger_query import LedgerFilter, latest_progress

from .layout import Document
from .ledger_pdf import PrintColumn, ledger_column, serial_column, table_document
from .measure_table import nesting_for, schedule_column, with_plans
from .options import (
    PrintOptions,
    Progress,
    campaign_name,
    cn_month,
    count,
    filter_subtitle,
    iter_entries,
    this_month,
    with_campaign,
)

NOT_REPORTED = "（本月未报）"


_col = ledger_column


def _with_progress(f: LedgerFilter, sort: str, month: str, store: dict[int, str]) -> Iterator[list]:
    """Batches of entries, loading each batch's 本月进展 into `store` before it is drawn."""
    for batch in iter_entries(f, sort):
        store.clear()
        store.update(latest_progress([e.id for e in batch], month))
        yield batch


def _progress_column(store: dict[int, str], label: str = "本月进展", weight: float = 24) -> PrintColumn:
    def value(e, n):  # a finished task owes no monthly report
        return store.get(e.id) or ("—" if e.status in DONE_STATUSES else NOT_REPORTED)

    return PrintColumn(label, weight, value)


def _report_day_note(month: str) -> str:
    try:
        day = settings.preferences().report_day
    except Exception:  # noqa: BLE001 - no database: leave the note out
        return ""
    return f"报送截止：{cn_month(month)}{day}日"


def _by_department_unless_chosen(sort: str) -> str:
    """调度表 go round the departments: the list's default orders (编号, 类型) print by department."""
    return "department" if sort in ("code", "kind") else sort


def build_dispatch(options: PrintOptions, progress: Progress | None = None) -> Document:
    month = options.month or this_month()
    f = replace(with_campaign(options.filter), open_only=True)
    total = count(f)
    store: dict[int, str] = {}
    columns = [serial_column(), _col("code"), _col("description", weight=20), _col("measures", weight=18),
               _col("department"), _col("responsible"), _col("deadline"), _col("status"),
               _progress_column(store)]
    title = options.title or f"{campaign_name(f)}整改台账月度调度表"
    return table_document(title=title, subtitle=filter_subtitle(f, cn_month(month), open_only=False),
                          columns=columns,
                          batches=_with_progress(f, _by_department_unless_chosen(options.sort), month, store),
                          total=total, options=options, progress=progress,
                          header_extra=f"未完成 {total} 条　{_report_day_note(month)}".rstrip())


def build_key_tasks(options: PrintOptions, progress: Progress | None = None) -> Document:
    month = options.month or this_month()
    f = replace(with_campaign(options.filter), kinds=[EntryKind.KEY_TASK])
    total = count(f)
    store: dict[int, str] = {}
    plans: dict = {}  # 月度序时进度 as of the month: planned, reported and 滞后 (services/progress_plan)
    columns = [serial_column(), _col("description", "重点任务", 16), _col("target", "工作目标", 14),
               _col("measures", "具体措施", 18), _col("leader", "责任局领导", 7),
               _col("department", "牵头处室"), _col("co_departments", "配合处室", align="c"),
               _col("responsible"), _col("deadline", "完成时限"), schedule_column(plans),
               _progress_column(store, weight=16), _col("status")]
    title = options.title or f"{campaign_name(f)}重点任务分工台账"
    labels = {"measures": "具体措施", "responsible": "责任人", "deadline": "完成时限", "status": "状态"}
    return table_document(title=title, subtitle=filter_subtitle(f, cn_month(month), kinds=[]), columns=columns,
                          batches=with_plans(_with_progress(f, _by_department_unless_chosen(options.sort), month, store),
                                             month, plans),
                          total=total, options=options, progress=progress, header_extra=f"共 {total} 项",
                          nesting=nesting_for(labels, month, progress_label="本月进展"))
