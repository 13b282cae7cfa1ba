"""The 调度 list's 序时进度 column: a 重点任务's plan and reported % as of the month being reported, red
when it lags; typing a number there reports the month's actual % (services/progress_plan)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desk_app.domain import EntryKind
from desk_app.services import measures, progress_plan

SCHEDULE_COLUMN = 7
LAG_COLOR = QColor("#c62828")


def shown(f) -> bool:
    """The column is shown when 调度 goes round 重点任务 only (or the 滞后 ones): other lists need the room
    for typing 本月进展."""
    return list(f.kinds) == [EntryKind.KEY_TASK.value] or f.lagging


def header() -> str:
    return QCoreApplication.translate("DispatchSchedule", "Schedule (actual %)")


def page_states(records, month: str) -> dict:
    """Per record of a page: (PlanState or None, measures' done share)."""
    plans = progress_plan.states([r for r in records if r.kind == EntryKind.KEY_TASK], month)
    shares = measures.measures_of_entries([r.id for r in records])
    return {r.id: (plans.get(r.id), measures.done_share(shares.get(r.id, []))) for r in records}


def text(states: dict, entry_id: int) -> str:
    plan, share = states.get(entry_id, (None, ""))
    parts = [p for p in ((plan.text() if plan else ""), share) if p]
    return "；".join(parts)


def lagging(states: dict, entry_id: int) -> bool:
    plan = states.get(entry_id, (None, ""))[0]
    return bool(plan and plan.lagging)


def actual(states: dict, entry_id: int) -> str:
    plan = states.get(entry_id, (None, ""))[0]
    return "" if plan is None or plan.actual is None else f"{plan.actual:g}"


def editable(record) -> bool:
    """Only a 重点任务 reports a % against a monthly plan."""
    return record is not None and record.kind == EntryKind.KEY_TASK


def save_actual(entry_id: int, month: str, value) -> progress_plan.PlanChange:
    typed = str(value or "").strip().rstrip("%％") or None
    return progress_plan.set_month(entry_id, month, actual=typed)
