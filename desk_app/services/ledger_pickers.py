"""What the ledger's pickers and filters offer: task forces of a campaign and the people in them."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from desk_app.db.models import LedgerEntry, TaskForce
from desk_app.domain import EntryKind


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
    """How many 问题整改 entries each person's own list holds (the "at least 6" rule)."""
    if campaign_id is None:
        return {}
    query = (LedgerEntry.select(LedgerEntry.owner, fn.COUNT(LedgerEntry.id))
             .where(LedgerEntry.campaign == campaign_id, LedgerEntry.kind == EntryKind.RECTIFICATION,
                    LedgerEntry.deleted_at.is_null(), LedgerEntry.owner.is_null(False))
             .group_by(LedgerEntry.owner).tuples())
    return dict(query)
