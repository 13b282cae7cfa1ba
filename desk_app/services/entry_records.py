"""Loading EntryRecords in bulk with the names they point at (one query, no per-row lookups)."""

from __future__ import annotations

from peewee import JOIN, fn

from desk_app.db.models import Department, EntryEvent, LedgerEntry, Person, TaskForce
from desk_app.domain import EventKind

Owner = Person.alias("owner_p")
Leader = Person.alias("leader_p")
Responsible = Person.alias("resp_p")
Reviewer = Person.alias("reviewer_p")


def joined_select(*extra):
    """LedgerEntry joined to every name an EntryRecord shows."""
    return (LedgerEntry
            .select(LedgerEntry, Owner.name.alias("owner_name"), Leader.name.alias("leader_name"),
                    Responsible.name.alias("responsible_name"), Reviewer.name.alias("reviewer_name"),
                    Department.name.alias("department_name"), TaskForce.name.alias("task_force_name"),
                    *extra)
            .join_from(LedgerEntry, Owner, JOIN.LEFT_OUTER, on=(LedgerEntry.owner == Owner.id))
            .join_from(LedgerEntry, Leader, JOIN.LEFT_OUTER, on=(LedgerEntry.leader == Leader.id))
            .join_from(LedgerEntry, Responsible, JOIN.LEFT_OUTER,
                       on=(LedgerEntry.responsible == Responsible.id))
            .join_from(LedgerEntry, Reviewer, JOIN.LEFT_OUTER, on=(LedgerEntry.reviewer == Reviewer.id))
            .join_from(LedgerEntry, Department, JOIN.LEFT_OUTER,
                       on=(LedgerEntry.department == Department.id))
            .join_from(LedgerEntry, TaskForce, JOIN.LEFT_OUTER, on=(LedgerEntry.task_force == TaskForce.id)))


def extension_counts(entry_ids: list[int]) -> dict[int, int]:
    if not entry_ids:
        return {}
    rows = (EntryEvent.select(EntryEvent.entry, fn.COUNT(EntryEvent.id))
            .where(EntryEvent.entry.in_(entry_ids), EntryEvent.kind == EventKind.EXTEND)
            .group_by(EntryEvent.entry).tuples())
    return dict(rows)


def to_record(row, extensions: int = 0):
    from .ledger import EntryRecord, missing_essentials  # noqa: PLC0415 - cycle

    rec = EntryRecord(
        id=row.id, uuid=row.uuid, code=row.code, campaign_id=row.campaign_id, kind=row.kind,
        layer=row.layer, owner_id=row.owner_id, owner_name=row.owner_name or "", category=row.category,
        source=row.source, description=row.description, cause=row.cause, target=row.target,
        measures=row.measures, standard=row.standard, leader_id=row.leader_id,
        leader_name=row.leader_name or "", department_id=row.department_id,
        department_name=row.department_name or "", co_departments=row.co_departments,
        responsible_id=row.responsible_id, responsible_name=row.responsible_name or "",
        task_force_id=row.task_force_id, task_force_name=row.task_force_name or "",
        meeting_id=row.meeting_id, decision_no=row.decision_no, found_date=row.found_date,
        deadline_type=row.deadline_type, deadline=row.deadline, rectify_mode=row.rectify_mode,
        schedule=row.schedule, status=row.status, completed_date=row.completed_date,
        completion_summary=row.completion_summary, closed_date=row.closed_date,
        reviewer_id=row.reviewer_id, reviewer_name=row.reviewer_name or "", note=row.note,
        source_unit=row.source_unit, created_at=row.created_at, updated_at=row.updated_at,
        deleted_at=row.deleted_at, extension_count=extensions)
    from dataclasses import replace  # noqa: PLC0415

    return replace(rec, missing=missing_essentials(rec))


def load_records(entry_ids: list[int]):
    if not entry_ids:
        return []
    rows = joined_select().where(LedgerEntry.id.in_(entry_ids)).objects()
    by_id = {row.id: row for row in rows}
    ext = extension_counts(list(by_id))
    return [to_record(by_id[i], ext.get(i, 0)) for i in entry_ids if i in by_id]
