"""What the ledger's pickers and filters offer: task forces of a campaign and the people in them."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.db.models import TaskForce
from desk_app.domain import EntryKind

from .ledger_filter import LedgerFilter


@dataclass(frozen=True)
class TaskForceChoice:
    id: int
    name: str


def task_forces(campaign_id: int | None) -> list[TaskForceChoice]:
    if campaign_id is None:
        return []
    query = (TaskForce.select(TaskForce.id, TaskForce.name)
             .where(TaskForce.campaign == campaign_id, TaskForce.deleted_at.is_null())
             .order_by(TaskForce.sort_order, TaskForce.id))
    return [TaskForceChoice(t.id, t.name) for t in query]


def owner_counts(campaign_id: int | None) -> dict[int, int]:
    """How many 问题整改 entries each person's own list holds (the "at least 6" rule); from the tally."""
    if campaign_id is None:
        return {}
    from .ledger_summary import counts_by  # noqa: PLC0415

    counts = counts_by(LedgerFilter(campaign_id=campaign_id, kinds=[EntryKind.RECTIFICATION]), "owner_id")
    return {owner: n for owner, n in counts.items() if owner}
