"""重点任务 figures for `stats --json` and the statistics print: tasks, their measures, 序时进度 lag."""

from __future__ import annotations

from desk_app.db.models import LedgerEntry, Measure, ProgressPlan
from desk_app.domain import EntryKind

from . import context
from .ledger_filter import LedgerFilter, where_clause
from .measures import DONE_MEASURE_STATUSES, measure_light


def key_task_figures(campaign_id: int) -> dict:
    """{tasks, with_measures, measures, measures_done, measures_overdue, planned, lagging} of the
    campaign's live 重点任务 (measures counted apart: a task is one entry however many it has)."""
    tasks = LedgerFilter(campaign_id=campaign_id, kinds=[EntryKind.KEY_TASK])
    ids = LedgerEntry.select(LedgerEntry.id).where(where_clause(tasks))
    rows = (Measure.select(Measure.entry, Measure.status, Measure.deadline_type, Measure.deadline)
            .where(Measure.entry.in_(ids), Measure.deleted_at.is_null()).tuples())
    today = context.today()
    with_measures, total, done, overdue = set(), 0, 0, 0
    for entry_id, status, deadline_type, deadline in rows:
        with_measures.add(entry_id)
        total += 1
        done += status in DONE_MEASURE_STATUSES
        overdue += measure_light(status, deadline_type, deadline, today=today) == "red"
    planned = (ProgressPlan.select(ProgressPlan.entry).where(ProgressPlan.entry.in_(ids),
                                                            ProgressPlan.planned.is_null(False))
               .distinct().count())
    from .ledger_summary import summarize  # noqa: PLC0415

    return {"tasks": summarize(tasks).total, "with_measures": len(with_measures), "measures": total,
            "measures_done": done, "measures_overdue": overdue, "planned": planned,
            "lagging": summarize(LedgerFilter(campaign_id=campaign_id, kinds=[EntryKind.KEY_TASK],
                                              lagging=True)).total}
