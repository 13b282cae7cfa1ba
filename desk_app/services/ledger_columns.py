"""The ledger's columns: one definition shared by the table, the printed ledger and the Excel export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desk_app.domain import DeadlineType

from .entry_input import EntryRecord
from .ledger_query import is_overdue


def cn_date(value: date | None) -> str:
    """Dates as offices write them: 2022年6月30日."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def deadline_text(e: EntryRecord) -> str:
    if e.deadline_type == DeadlineType.DATE:
        return cn_date(e.deadline)
    if e.deadline:
        return f"{e.deadline_type}（{cn_date(e.deadline)}）"
    return e.deadline_type


def status_text(e: EntryRecord) -> str:
    return f"{e.status}（逾期）" if is_overdue(e.status, e.deadline_type, e.deadline) else e.status


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float  # relative width; print and Excel scale it to the page
    value: Callable[[EntryRecord], str]
    default: bool = True  # shown unless the user switches it off
    sort_key: str | None = None  # ledger_query.SORT_KEYS name, if sortable in the database


COLUMNS: list[Column] = [
    Column("code", "问题编号", 9, lambda e: e.code, sort_key="code"),
    Column("kind", "类型", 6, lambda e: e.kind, default=False, sort_key="kind"),
    Column("layer", "层级", 7, lambda e: e.layer, sort_key="layer"),
    Column("owner", "所属人员", 6, lambda e: e.owner_name, sort_key="owner"),
    Column("category", "问题类别", 7, lambda e: e.category, sort_key="category"),
    Column("source", "问题来源", 7, lambda e: e.source, default=False, sort_key="source"),
    Column("description", "问题表现", 24, lambda e: e.description, sort_key="description"),
    Column("cause", "原因剖析", 16, lambda e: e.cause, default=False),
    Column("target", "整改目标", 14, lambda e: e.target),
    Column("measures", "整改措施", 22, lambda e: e.measures),
    Column("standard", "整改标准", 12, lambda e: e.standard, default=False),
    Column("leader", "责任领导", 6, lambda e: e.leader_name),
    Column("department", "责任单位", 8, lambda e: e.department_name, sort_key="department"),
    Column("co_departments", "配合处室", 8, lambda e: e.co_departments, default=False),
    Column("responsible", "责任人", 6, lambda e: e.responsible_name, sort_key="responsible"),
    Column("task_force", "所属专班", 10, lambda e: e.task_force_name, default=False),
    Column("found_date", "发现日期", 8, lambda e: cn_date(e.found_date), default=False, sort_key="found_date"),
    Column("deadline", "整改时限", 9, deadline_text, sort_key="deadline"),
    Column("rectify_mode", "整改方式", 7, lambda e: e.rectify_mode, default=False),
    Column("schedule", "月度序时进度", 12, lambda e: e.schedule, default=False),
    Column("status", "状态", 6, status_text, sort_key="status"),
    Column("completed_date", "完成日期", 8, lambda e: cn_date(e.completed_date), default=False),
    Column("closed_date", "销号日期", 8, lambda e: cn_date(e.closed_date), default=False),
    Column("reviewer", "销号审核人", 6, lambda e: e.reviewer_name, default=False),
    Column("latest_progress", "最新进展", 18, lambda e: e.latest_progress, default=False),
    Column("extensions", "延期次数", 5, lambda e: str(e.extension_count) if e.extension_count else "",
           default=False),
    Column("note", "备注", 8, lambda e: e.note, default=False),
    # Where a 督办/交办 matter comes from (issue 15).
    Column("task_source", "任务来源", 8, lambda e: e.task_source, default=False),
    Column("doc_number", "发文字号", 10, lambda e: e.doc_number, default=False),
    Column("instructing_leader", "批示领导", 6, lambda e: e.instructing_leader, default=False),
    Column("assigned_date", "交办日期", 8, lambda e: cn_date(e.assigned_date), default=False),
]

COLUMNS_BY_KEY = {c.key: c for c in COLUMNS}


def default_column_keys() -> list[str]:
    return [c.key for c in COLUMNS if c.default]


def columns_for(keys: list[str] | None) -> list[Column]:
    """The columns for a list of keys (unknown keys are skipped), or the defaults."""
    if not keys:
        return [c for c in COLUMNS if c.default]
    return [COLUMNS_BY_KEY[k] for k in keys if k in COLUMNS_BY_KEY]
