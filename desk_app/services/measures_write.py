"""The one write path of 措施 (measures): validation, the diff between an entry's live measures and the
list wanted, and the parent's status derived from them. Every public writer in services/measures (the
editor, undo and redo, Excel and package imports, the demo) ends here, inside its own transaction."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from desk_app.db.models import Department, LedgerEntry, Measure, Person, new_uuid
from desk_app.domain import DeadlineType, Status
from desk_app.errors import ValidationError, ValidationErrors

from . import changelog, context

NOT_STARTED, IN_PROGRESS, DONE, ONGOING = "未启动", "推进中", "已完成", "长期坚持"
MEASURE_STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, ONGOING)
DONE_MEASURE_STATUSES = (DONE, ONGOING)
MAX_CONTENT = 4000
_DEADLINE_TYPES = frozenset(t.value for t in DeadlineType)


@dataclass(frozen=True)
class MeasureInput:
    """One 措施 as a form, an import or the demo hands it over; uuid None for a new one."""

    content: str
    department_id: int | None = None
    responsible_id: int | None = None
    deadline_type: str = DeadlineType.DATE.value
    deadline: date | None = None
    status: str = NOT_STARTED
    completed_date: date | None = None
    note: str = ""
    uuid: str | None = None


STATE_FIELDS = tuple(f.name for f in fields(MeasureInput))


def state_of(row: Measure) -> MeasureInput:
    return MeasureInput(content=row.content, department_id=row.department_id, responsible_id=row.responsible_id,
                        deadline_type=row.deadline_type, deadline=row.deadline, status=row.status,
                        completed_date=row.completed_date, note=row.note, uuid=row.uuid)


def normalise(m: MeasureInput) -> MeasureInput:
    from dataclasses import replace  # noqa: PLC0415

    content = (m.content or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    status = m.status or NOT_STARTED
    completed = m.completed_date
    if status == DONE and completed is None:
        completed = context.today()
    if status not in DONE_MEASURE_STATUSES:
        completed = None
    return replace(m, content=content, status=status, completed_date=completed, note=(m.note or "").strip(),
                   deadline_type=m.deadline_type or DeadlineType.DATE.value)


def check(items: list[MeasureInput], found_date: date | None = None, label: str = "") -> None:
    """Every problem of a list of measures at once (措施 numbers in front)."""
    errors: list[ValidationError] = []
    people = {m.responsible_id for m in items if m.responsible_id is not None}
    depts = {m.department_id for m in items if m.department_id is not None}
    known_people = {r[0] for r in Person.select(Person.id).where(Person.id.in_(sorted(people))).tuples()} if people else set()
    known_depts = {r[0] for r in Department.select(Department.id).where(Department.id.in_(sorted(depts))).tuples()} \
        if depts else set()
    for n, m in enumerate(items, start=1):
        at = f"{label}措施 {n}："
        if not m.content:
            errors.append(ValidationError(f"{at}措施内容不能为空", "content"))
        elif len(m.content) > MAX_CONTENT:
            errors.append(ValidationError(f"{at}措施内容超过 {MAX_CONTENT} 字，请精简", "content"))
        if m.status not in MEASURE_STATUSES:
            errors.append(ValidationError(f"{at}状态“{m.status}”不正确，应为：{'、'.join(MEASURE_STATUSES)}", "status"))
        if m.deadline_type not in _DEADLINE_TYPES:
            errors.append(ValidationError(f"{at}时限类型“{m.deadline_type}”不正确", "deadline_type"))
        if m.department_id is not None and m.department_id not in known_depts:
            errors.append(ValidationError(f"{at}所选责任单位不存在", "department_id"))
        if m.responsible_id is not None and m.responsible_id not in known_people:
            errors.append(ValidationError(f"{at}所选责任人不存在", "responsible_id"))
        if m.deadline and found_date and m.deadline < found_date:
            errors.append(ValidationError(f"{at}时限不能早于事项的发现日期", "deadline"))
        if m.completed_date and m.completed_date > context.today():
            errors.append(ValidationError(f"{at}完成日期不能晚于今天", "completed_date"))
    if errors:
        raise ValidationErrors(errors)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def apply(entry: LedgerEntry, wanted: list[MeasureInput], *, log: bool = True) -> tuple[tuple, tuple]:
    """Make the entry's live measures exactly `wanted` (in order): rows matched by uuid are updated, a
    soft-deleted row whose uuid comes back is restored (its monthly progress kept), rows not wanted are
    soft-deleted, inputs without a uuid are created. Then the parent's status is derived. Returns the
    live states (before, after). Runs in the caller's transaction."""
    wanted = [normalise(m) for m in wanted]
    check(wanted, entry.found_date)
    rows = {r.uuid: r for r in Measure.select().where(Measure.entry == entry.id)}
    before = tuple(state_of(r) for r in sorted((r for r in rows.values() if r.deleted_at is None),
                                               key=lambda r: (r.seq, r.id)))
    now = context.now()
    given = [m.uuid for m in wanted if m.uuid and m.uuid not in rows]
    # A uuid another entry's measure holds (a package of another unit, a copied workbook) gets a new one.
    taken = {r[0] for r in Measure.select(Measure.uuid).where(Measure.uuid.in_(given)).tuples()} if given else set()
    kept: set[str] = set()
    for seq, m in enumerate(wanted, start=1):
        row = rows.get(m.uuid) if m.uuid else None
        if row is not None and row.entry_id != entry.id:
            row = None
        if row is None:
            row = Measure.create(uuid=m.uuid if m.uuid and m.uuid not in taken else new_uuid(),
                                 entry=entry.id, seq=seq,
                                 created_at=now, updated_at=now,
                                 **{name: getattr(m, name) for name in STATE_FIELDS if name != "uuid"})
            if log:
                changelog.record("ledger_entry", entry.id, "update", "measure", None, f"新增措施 {seq}：{_short(m.content)}")
        else:
            changes = {name: (getattr(row, name), getattr(m, name)) for name in STATE_FIELDS
                       if name != "uuid" and getattr(row, name) != getattr(m, name)}
            restored = row.deleted_at is not None
            if changes or restored or row.seq != seq:
                for name, (_, new) in changes.items():
                    setattr(row, name, new)
                row.seq, row.deleted_at, row.updated_at = seq, None, now
                row.save()
                if log and (changes or restored):
                    what = "恢复措施" if restored else "修改措施"
                    changelog.record("ledger_entry", entry.id, "update", "measure", None,
                                     f"{what} {seq}：{_short(m.content)}")
        kept.add(row.uuid)
    for row in rows.values():
        if row.deleted_at is None and row.uuid not in kept:
            row.deleted_at, row.updated_at = now, now
            row.save()
            if log:
                changelog.record("ledger_entry", entry.id, "update", "measure", _short(row.content), "删除措施")
    after = tuple(state_of(r) for r in Measure.select().where(Measure.entry == entry.id, Measure.deleted_at.is_null())
                  .order_by(Measure.seq, Measure.id))
    derive(entry, after)
    return before, after


def derived_status(current: str, statuses: list[str]) -> str:
    """The parent's status from its measures: 已销号 when every one is 已完成 (长期坚持 when some are
    长期坚持 and the rest done); 推进中 once any has started; else the parent's own open status."""
    if all(s in DONE_MEASURE_STATUSES for s in statuses):
        return Status.ONGOING.value if ONGOING in statuses else Status.CLOSED.value
    if any(s != NOT_STARTED for s in statuses):
        return Status.IN_PROGRESS.value
    return current if current in (Status.NOT_STARTED, Status.IN_PROGRESS) else Status.IN_PROGRESS.value


def derive(entry: LedgerEntry, live: tuple[MeasureInput, ...]) -> None:
    """Write the parent's derived status (and its completion dates when closed) if it differs."""
    if not live:
        return
    status = derived_status(entry.status, [m.status for m in live])
    changes: dict[str, tuple] = {}
    if status != entry.status:
        changes["status"] = (entry.status, status)
    if status == Status.CLOSED and entry.status != Status.CLOSED:  # closed now: when its last measure was
        done = max((m.completed_date for m in live if m.completed_date), default=context.today())
        for name in ("completed_date", "closed_date"):
            if getattr(entry, name) != done:
                changes[name] = (getattr(entry, name), done)
        if not entry.completion_summary:
            changes["completion_summary"] = ("", f"{len(live)} 项措施均已完成")
    elif entry.status in (Status.CLOSED, Status.PENDING_CLOSE) or entry.closed_date:
        for name in ("completed_date", "closed_date"):
            if getattr(entry, name) is not None:
                changes[name] = (getattr(entry, name), None)
    if not changes:
        return
    for name, (_, new) in changes.items():
        setattr(entry, name, new)
    entry.updated_at = context.now()
    entry.save()
    changelog.record_changes("ledger_entry", entry.id, {k: (o, f"{n}（由措施得出）" if k == "status" else n)
                                                        for k, (o, n) in changes.items()})
