"""An entry's 措施 (measures, 子任务): each with its own 责任单位, 责任人, 时限, status and 本月进展.

Measures are rows of their own table, not entries: statistics, the tally and 问题编号 keep counting
tasks once. The parent's status derives from them (services/measures_write.derive: closed when all
are closed) and its light is the worst of theirs (``lights``). Every change goes through
measures_write.apply in one transaction and returns a MeasureChange; ``revert`` and ``reapply`` (undo
and redo) first check the measures are still as the change left them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from peewee import JOIN

from desk_app.db.models import Department, LedgerEntry, Measure, MeasureProgress, Person
from desk_app.domain import DONE_STATUSES, Light, Status
from desk_app.errors import NotFoundError, ValidationError, WorkflowError

from . import changelog, context
from .ledger_filter import light
from .measures_write import (  # noqa: F401 - re-exported: measures is where callers find them
    DONE,
    DONE_MEASURE_STATUSES,
    IN_PROGRESS,
    MEASURE_STATUSES,
    NOT_STARTED,
    ONGOING,
    MeasureInput,
    apply,
    derived_status,
    state_of,
)

LIGHT_ORDER = {Light.RED.value: 0, Light.YELLOW.value: 1, Light.GREEN.value: 2, Light.GREY.value: 3}
# A measure's status read as an entry's, for the deadline light: done ones are grey, open ones are timed.
_AS_ENTRY_STATUS = {NOT_STARTED: Status.NOT_STARTED.value, IN_PROGRESS: Status.IN_PROGRESS.value,
                    DONE: Status.CLOSED.value, ONGOING: Status.ONGOING.value}


@dataclass(frozen=True)
class MeasureRecord:
    id: int
    uuid: str
    entry_id: int
    seq: int
    content: str
    department_id: int | None
    department_name: str
    responsible_id: int | None
    responsible_name: str
    deadline_type: str
    deadline: date | None
    status: str
    completed_date: date | None
    note: str
    month_progress: str = ""  # the asked month's 本月进展

    def as_input(self) -> MeasureInput:
        return MeasureInput(self.content, self.department_id, self.responsible_id, self.deadline_type,
                            self.deadline, self.status, self.completed_date, self.note, self.uuid)

    def light(self, due_soon_days: int = 7, today: date | None = None) -> str:
        return measure_light(self.status, self.deadline_type, self.deadline, due_soon_days, today)

    @property
    def is_overdue(self) -> bool:
        return self.light() == Light.RED.value


def measure_light(status: str, deadline_type: str, deadline: date | None, due_soon_days: int = 7,
                  today: date | None = None) -> str:
    return light(_AS_ENTRY_STATUS.get(status, status), deadline_type, deadline, due_soon_days, today).value


def worst(lights) -> str | None:
    found = list(lights)
    return min(found, key=LIGHT_ORDER.__getitem__) if found else None


@dataclass(frozen=True)
class MeasureChange:
    """What one change did to an entry's measures: the live list before and after (for undo, redo)."""

    entry_id: int
    code: str
    before: tuple[MeasureInput, ...]
    after: tuple[MeasureInput, ...]


def _entry(entry_id: int) -> LedgerEntry:
    entry = LedgerEntry.get_or_none(LedgerEntry.id == entry_id)
    if entry is None:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    return entry


def _require_live(entry: LedgerEntry) -> None:
    if entry.deleted_at is not None:
        raise WorkflowError(f"事项 {entry.code} 在回收站中，请先恢复再修改它的措施")


def measures_of_entries(entry_ids: list[int], month: str | None = None) -> dict[int, list[MeasureRecord]]:
    """Live measures of these entries, in order, with the month's 本月进展 when a month is given."""
    out: dict[int, list[MeasureRecord]] = {}
    if not entry_ids:
        return out
    rows = []
    for start in range(0, len(entry_ids), 900):
        chunk = list(entry_ids[start:start + 900])
        rows += list(Measure.select(Measure, Department.name.alias("dept_name"), Person.name.alias("person_name"))
                     .join_from(Measure, Department, JOIN.LEFT_OUTER, on=(Measure.department == Department.id))
                     .join_from(Measure, Person, JOIN.LEFT_OUTER, on=(Measure.responsible == Person.id))
                     .where(Measure.entry.in_(chunk), Measure.deleted_at.is_null())
                     .order_by(Measure.entry, Measure.seq, Measure.id).objects())
    texts = month_progress_texts([r.id for r in rows], month) if month else {}
    for r in rows:
        out.setdefault(r.entry_id, []).append(MeasureRecord(
            r.id, r.uuid, r.entry_id, r.seq, r.content, r.department_id, r.dept_name or "", r.responsible_id,
            r.person_name or "", r.deadline_type, r.deadline, r.status, r.completed_date, r.note, texts.get(r.id, "")))
    return out


def measures_of(entry_id: int, month: str | None = None) -> list[MeasureRecord]:
    return measures_of_entries([entry_id], month).get(entry_id, [])


def lights(entry_ids: list[int], due_soon_days: int = 7, today: date | None = None) -> dict[int, tuple[int, str]]:
    """Per entry that has live measures: (how many, the worst light among them). One query a page."""
    today = today or context.today()
    out: dict[int, tuple[int, str]] = {}
    if not entry_ids:
        return out
    for start in range(0, len(entry_ids), 900):
        chunk = list(entry_ids[start:start + 900])
        query = (Measure.select(Measure.entry, Measure.status, Measure.deadline_type, Measure.deadline)
                 .where(Measure.entry.in_(chunk), Measure.deleted_at.is_null()).tuples())
        for entry_id, status, deadline_type, deadline in query:
            lit = measure_light(status, deadline_type, deadline, due_soon_days, today)
            n, before = out.get(entry_id, (0, Light.GREY.value))
            out[entry_id] = (n + 1, min(before, lit, key=LIGHT_ORDER.__getitem__) if n else lit)
    return out


def has_measures(entry_id: int) -> bool:
    return Measure.select().where(Measure.entry == entry_id, Measure.deleted_at.is_null()).exists()


def refuse_status_step(entry: LedgerEntry, action: str) -> None:
    """The 销号 steps and direct status changes are refused on an entry whose status its measures decide."""
    count = Measure.select().where(Measure.entry == entry.id, Measure.deleted_at.is_null()).count()
    if count:
        raise WorkflowError(f"事项 {entry.code} 的状态由它的 {count} 项措施决定（全部完成即销号），不能直接{action}；"
                            "请在“措施”中更新各项措施的状态")


def without_derived(entries: list[LedgerEntry], action: str) -> list[LedgerEntry]:
    """The entries whose status may be set directly: a task with live measures takes its status from them
    and is left as it is (a selection of only such tasks is refused with that reason)."""
    ids = [e.id for e in entries]
    derived = {r[0] for r in Measure.select(Measure.entry).where(Measure.entry.in_(ids), Measure.deleted_at.is_null())
               .distinct().tuples()} if ids else set()
    kept = [e for e in entries if e.id not in derived]
    if entries and not kept:
        refuse_status_step(entries[0], action)
    return kept


def _change(entry: LedgerEntry, wanted: list[MeasureInput]) -> MeasureChange:
    before, after = apply(entry, wanted)
    return MeasureChange(entry.id, entry.code, before, after)


def _live(entry: LedgerEntry) -> list[MeasureInput]:
    return [state_of(r) for r in Measure.select().where(Measure.entry == entry.id, Measure.deleted_at.is_null())
            .order_by(Measure.seq, Measure.id)]


@context.writes
def set_measures(entry_id: int, wanted: list[MeasureInput]) -> MeasureChange:
    """The entry's measures become `wanted` (uuids keep rows; an empty list removes them all)."""
    entry = _entry(entry_id)
    _require_live(entry)
    return _change(entry, wanted)


@context.writes
def add_measure(entry_id: int, measure: MeasureInput, position: int | None = None) -> MeasureChange:
    entry = _entry(entry_id)
    _require_live(entry)
    live = _live(entry)
    live.insert(len(live) if position is None else max(0, min(position, len(live))), replace(measure, uuid=None))
    return _change(entry, live)


def _measure(measure_id: int) -> Measure:
    row = Measure.get_or_none(Measure.id == measure_id, Measure.deleted_at.is_null())
    if row is None:
        raise NotFoundError("找不到这项措施，可能已被删除；请刷新后重试")
    return row


@context.writes
def update_measure(measure_id: int, measure: MeasureInput) -> MeasureChange:
    row = _measure(measure_id)
    entry = _entry(row.entry_id)
    _require_live(entry)
    live = [replace(measure, uuid=row.uuid) if m.uuid == row.uuid else m for m in _live(entry)]
    return _change(entry, live)


@context.writes
def delete_measure(measure_id: int) -> MeasureChange:
    row = _measure(measure_id)
    entry = _entry(row.entry_id)
    _require_live(entry)
    return _change(entry, [m for m in _live(entry) if m.uuid != row.uuid])


@context.writes
def move_measure(measure_id: int, step: int) -> MeasureChange:
    row = _measure(measure_id)
    entry = _entry(row.entry_id)
    _require_live(entry)
    live = _live(entry)
    at = next(i for i, m in enumerate(live) if m.uuid == row.uuid)
    to = max(0, min(len(live) - 1, at + step))
    live.insert(to, live.pop(at))
    return _change(entry, live)


def _replay(change: MeasureChange, expected: tuple, wanted: tuple, what: str) -> MeasureChange:
    entry = _entry(change.entry_id)
    if entry.deleted_at is not None:
        raise WorkflowError(f"事项 {entry.code} 已移入回收站，不能{what}对它措施的修改")
    if tuple(_live(entry)) != tuple(expected):
        raise WorkflowError(f"事项 {entry.code} 的措施在此之后又被修改过，不能{what}这一步；请直接修改措施")
    return _change(entry, list(wanted))


@context.writes
def revert(change: MeasureChange) -> MeasureChange:
    """Undo: the measures as they were before `change`, if they are still as it left them."""
    return _replay(change, change.after, change.before, "撤销")


@context.writes
def reapply(change: MeasureChange) -> MeasureChange:
    """Redo: the measures as `change` left them, if they are still as the undo left them."""
    return _replay(change, change.before, change.after, "重做")


def create_for_entries(pairs: list[tuple[int, list[MeasureInput]]], *, log: bool = True) -> int:
    """Measures of entries just created or imported (the caller's transaction): the same write path.
    Returns the number of measures written."""
    entries = {e.id: e for e in LedgerEntry.select().where(LedgerEntry.id.in_([p[0] for p in pairs]))} if pairs else {}
    count = 0
    for entry_id, wanted in pairs:
        if wanted:
            apply(entries[entry_id], list(wanted), log=log)
            count += len(wanted)
    return count


# -- 本月进展 of a measure -------------------------------------------------------------------------
@dataclass(frozen=True)
class MeasureProgressChange:
    measure_id: int
    month: str
    before: str
    after: str
    code: str = ""  # the task's 问题编号, for the undo label


def month_progress_texts(measure_ids: list[int], month: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for start in range(0, len(measure_ids), 900):
        chunk = measure_ids[start:start + 900]
        out.update(MeasureProgress.select(MeasureProgress.measure, MeasureProgress.text)
                   .where(MeasureProgress.measure.in_(chunk), MeasureProgress.month == month).tuples())
    return out


def _write_progress(row: Measure, month: str, text: str) -> str:
    existing = MeasureProgress.get_or_none(MeasureProgress.measure == row.id, MeasureProgress.month == month)
    before = existing.text if existing else ""
    if text == before:
        return before
    if not text:
        existing.delete_instance()
    elif existing:
        existing.text, existing.author, existing.updated_at = text, context.actor(), context.now()
        existing.save()
    else:
        MeasureProgress.create(measure=row.id, month=month, text=text, author=context.actor(), updated_at=context.now())
    changelog.record("ledger_entry", row.entry_id, "update", "measure_progress", before or None,
                     f"措施 {row.seq} {month}：{text}" if text else None)
    return before


@context.writes
def set_month_progress(measure_id: int, month: str, text: str) -> MeasureProgressChange:
    """A measure's 本月进展 (one text per month, replaced when edited; empty removes it)."""
    row = _measure(measure_id)
    entry = _entry(row.entry_id)
    _require_live(entry)
    text = (text or "").strip()
    if len(text) > 2000:
        raise ValidationError("本月进展超过 2000 字，请精简", "text")
    return MeasureProgressChange(measure_id, month, _write_progress(row, month, text), text, entry.code)


@context.writes
def replay_month_progress(change: MeasureProgressChange, *, undo: bool) -> None:
    row = _measure(change.measure_id)
    now = month_progress_texts([row.id], change.month).get(row.id, "")
    expected, wanted = (change.after, change.before) if undo else (change.before, change.after)
    if now != expected:
        raise WorkflowError("这项措施的本月进展在此之后又被修改过，不能撤销或重做这一步")
    _write_progress(row, change.month, wanted)


def done_share(records: list[MeasureRecord]) -> str:
    """"2/4 项完成" for a list of measures ('' when there are none)."""
    if not records:
        return ""
    return f"{sum(1 for r in records if r.status in DONE_MEASURE_STATUSES)}/{len(records)} 项完成"


def entry_is_done(status: str) -> bool:
    return status in DONE_STATUSES
