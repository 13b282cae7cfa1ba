"""Ledger entries: create, edit, delete to the recycle bin, restore. Every change is logged."""

from __future__ import annotations

from dataclasses import fields, replace

from desk_app.db.models import Department, LedgerEntry, Person, TaskForce, database
from desk_app.domain import DeadlineType, Status
from desk_app.errors import NotFoundError, WorkflowError

from . import assists, changelog, concurrency_conflicts, context
from .entry_codes import CodeAllocator, code_key
from .entry_input import (  # noqa: F401 - re-exported: ledger is where callers find an entry's parts
    EDITABLE_FIELDS,
    FIELD_LABELS,
    MAX_TEXT,
    TEXT_FIELDS,
    EntryInput,
    EntryRecord,
    missing_essentials,
    normalise,
    validate,
)
from .ledger_create import NewEntry, create_entries  # noqa: F401 - the one write path for new entries


def _model_values(data: EntryInput) -> dict:
    values = {f.name: getattr(data, f.name) for f in fields(EntryInput)}
    if values["deadline_type"] == DeadlineType.LONG_TERM:
        values["deadline"] = values["deadline"]  # a long-term item may still carry a review date
    return values


@context.writes
def create_entry(campaign_id: int, data: EntryInput, *, status: str = Status.NOT_STARTED,
                 meeting_id: int | None = None, decision_no: int | None = None) -> EntryRecord:
    """One new entry: the single-item case of create_entries (same checks, numbering, log, index).
    A clerk's new entry without 发现日期 was found today (imports leave an unknown date empty)."""
    if data.found_date is None:
        data = replace(data, found_date=context.today())
    item = NewEntry(data, status=status, meeting_id=meeting_id, decision_no=decision_no)
    return get_entry(create_entries(campaign_id, [item])[0])


@context.writes
def update_entry(entry_id: int, data: EntryInput, *, base_version: int | None = None,
                 base: EntryInput | None = None) -> EntryRecord:
    """Save an edit. An editor passes the version it showed (and the values it showed, `base`): when the
    entry has been changed since, nothing is written and StaleVersionError gives both sides per field."""
    entry = get_entry_model(entry_id)
    if base_version is not None and entry.version != base_version:
        raise concurrency_conflicts.entry_stale(get_entry(entry_id), normalise(data), base_version,
                                                normalise(base) if base is not None else None)
    data = normalise(data)
    validate(data)
    data = assists.absorb(entry, data)  # 配合处室: references kept to match, the text made canonical
    new_values = _model_values(data)
    changes = {}
    for name, new in new_values.items():
        old = getattr(entry, name)
        if old != new:
            changes[name] = (old, new)
            setattr(entry, name, new)
    if changes:
        if "kind" in changes:
            entry.code = CodeAllocator(entry.campaign, entry.source_unit).next_code(entry.kind)
            entry.code_key = code_key(entry.code)
            changes["code"] = (None, entry.code)
        entry.updated_at = context.now()
        if database.engine_name == "postgresql":  # the write, its log rows and the record read back: one statement
            from . import entry_records_pg  # noqa: PLC0415 - PostgreSQL only

            return entry_records_pg.save_entry(entry, entry_named(changes))
        entry.save()
        changelog.record_changes("ledger_entry", entry.id, entry_named(changes))
    return get_entry(entry.id)


@context.writes
def edit_entry(entry_id: int, data: EntryInput, *, base_version: int | None = None,
               base: EntryInput | None = None) -> EntryRecord:
    """The clerk's edit in the editor: as update_entry (a changed-since entry raises StaleVersionError
    first), but a set 整改时限 moves only by 延期 (ledger_extend), which asks for a reason and counts; a
    first deadline may be set here."""
    from .ledger_extend import check_deadline_edit  # noqa: PLC0415 - ledger_extend imports models only

    entry = get_entry_model(entry_id)
    if base_version is None or entry.version == base_version:
        wanted = normalise(data)
        check_deadline_edit(entry, wanted.deadline_type, wanted.deadline)
    return update_entry.__wrapped__(entry_id, data, base_version=base_version, base=base)


@context.writes
def replace_entry(entry_id: int, data: EntryInput, *, expected: EntryInput) -> EntryRecord:
    """Undo or redo of an edit: the entry becomes `data`, but only while it is still `expected` (as the
    edit left it) and not in the recycle bin; otherwise WorkflowError says what changed since."""
    current = get_entry(entry_id)
    if current.deleted_at is not None:
        raise WorkflowError(f"事项 {current.code} 已移入回收站，不能撤销或重做对它的修改")
    now, wanted = current.as_input(), normalise(expected)
    differing = [FIELD_LABELS.get(n, n) for n in EDITABLE_FIELDS if getattr(now, n) != getattr(wanted, n)]
    if differing:
        raise WorkflowError(f"事项 {current.code} 在此之后又被修改过（{'、'.join(differing[:4])}），"
                            "不能撤销或重做这一步；请直接修改它")
    return update_entry.__wrapped__(entry_id, data)


def entry_named(changes: dict) -> dict:
    """Log people and departments by name, not by id, so the history reads well."""
    named = {}
    for name, (old, new) in changes.items():
        if name in ("owner_id", "leader_id", "responsible_id", "reviewer_id"):
            old, new = _person_name(old), _person_name(new)
        elif name == "department_id":
            old, new = _dept_name(old), _dept_name(new)
        elif name == "task_force_id":
            old, new = _tf_name(old), _tf_name(new)
        named[name] = (old, new)
    return named


def _person_name(pid):
    p = Person.get_or_none(Person.id == pid) if pid else None
    return p.name if p else pid


def _dept_name(did):
    d = Department.get_or_none(Department.id == did) if did else None
    return d.name if d else did


def _tf_name(tid):
    t = TaskForce.get_or_none(TaskForce.id == tid) if tid else None
    return t.name if t else tid


def get_entry_model(entry_id: int) -> LedgerEntry:
    # Every write of an entry starts here: a plain statement, since building peewee's 40-column select
    # took five times as long as running it (save_ms of bench/shared.py).
    sql = database.for_update('SELECT * FROM "ledger_entry" WHERE "id" = ?')  # PostgreSQL: locked till commit
    entry = next(iter(LedgerEntry.raw(sql, entry_id)), None)
    if entry is None:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    return entry


def get_entry(entry_id: int) -> EntryRecord:
    from .entry_records import load_records  # noqa: PLC0415 - avoids an import cycle

    records = load_records([entry_id])
    if not records:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    return records[0]


def _require_bin_state(entries: list[LedgerEntry], in_bin: bool) -> None:
    wrong = [e.code for e in entries if (e.deleted_at is not None) != in_bin]
    if wrong:
        shown = "、".join(wrong[:5]) + (f" 等 {len(wrong)} 条" if len(wrong) > 5 else "")
        where = "已不在回收站中" if in_bin else "已在回收站中"
        raise WorkflowError(f"{shown} {where}，不能撤销或重做这一步")


@context.writes
def delete_entries(entry_ids: list[int], *, strict: bool = False) -> int:
    """Move entries to the recycle bin. strict (undo/redo): refuse unless none is there already."""
    now = context.now()
    entries = [get_entry_model(entry_id) for entry_id in entry_ids]
    if strict:
        _require_bin_state(entries, in_bin=False)
    count = 0
    for entry in entries:
        if entry.deleted_at is None:
            entry.deleted_at = now
            entry.save()
            changelog.record("ledger_entry", entry.id, "delete", "deleted_at", None, now)
            count += 1
    return count


@context.writes
def restore_entries(entry_ids: list[int], *, strict: bool = False) -> int:
    """Take entries out of the recycle bin. strict (undo/redo): refuse unless all are still there."""
    entries = [get_entry_model(entry_id) for entry_id in entry_ids]
    if strict:
        _require_bin_state(entries, in_bin=True)
    count = 0
    for entry in entries:
        if entry.deleted_at is not None:
            changelog.record("ledger_entry", entry.id, "restore", "deleted_at", entry.deleted_at, None)
            entry.deleted_at = None
            entry.save()
            count += 1
    return count
