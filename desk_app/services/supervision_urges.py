"""催办: each time the office pressed a responsible unit about a matter — the day, the way (电话, 督办单,
通报 …, an editable list), to whom, and what they answered. Logged in the entry's history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desk_app.db.models import LedgerEntry, Urge
from desk_app.errors import NotFoundError, ValidationError, ValidationErrors, WorkflowError

from . import changelog, context

MAX_ANSWER = 5000


@dataclass(frozen=True)
class UrgeRecord:
    id: int
    uuid: str
    entry_id: int
    date: date
    way: str
    target: str
    answer: str
    author: str
    created_at: datetime

    def summary(self) -> str:
        who = f"对{self.target}" if self.target else ""
        said = f"：{self.answer}" if self.answer else ""
        return f"{self.date.isoformat()} {self.way}{who}催办{said}"


def _record(u: Urge) -> UrgeRecord:
    day = date.fromisoformat(u.date) if isinstance(u.date, str) else u.date
    return UrgeRecord(u.id, u.uuid, u.entry_id, day, u.way, u.target, u.answer, u.author, u.created_at)


def list_urges(entry_id: int) -> list[UrgeRecord]:
    """The entry's 催办 records, oldest first."""
    return [_record(u) for u in Urge.select().where(Urge.entry == entry_id).order_by(Urge.date, Urge.id)]


def urges_of(entry_ids: Iterable[int]) -> dict[int, list[UrgeRecord]]:
    ids = list(entry_ids)
    result: dict[int, list[UrgeRecord]] = {}
    for start in range(0, len(ids), 900):
        for u in Urge.select().where(Urge.entry.in_(ids[start:start + 900])).order_by(Urge.date, Urge.id):
            result.setdefault(u.entry_id, []).append(_record(u))
    return result


def _entry(entry_id: int) -> LedgerEntry:
    entry = LedgerEntry.get_or_none(LedgerEntry.id == entry_id)
    if entry is None:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    if entry.deleted_at is not None:
        raise WorkflowError(f"事项 {entry.code} 在回收站中，不能登记催办")
    return entry


def _check(entry: LedgerEntry, on: date | None, way: str, target: str, answer: str) -> None:
    errors = []
    if on is None:
        errors.append(ValidationError("请填写催办日期", "date"))
    elif on > context.today():
        errors.append(ValidationError("催办日期不能晚于今天", "date"))
    else:
        start = entry.assigned_date or entry.found_date
        start = date.fromisoformat(start) if isinstance(start, str) else start
        if start is not None and on < start:
            errors.append(ValidationError(f"催办日期不能早于交办日期（{start.isoformat()}）", "date"))
    if not way:
        errors.append(ValidationError("请选择或填写催办方式（如 电话、督办单、通报）", "way"))
    if len(way) > 100 or len(target) > 200:
        errors.append(ValidationError("催办方式或催办对象太长，请精简", "target"))
    if len(answer) > MAX_ANSWER:
        errors.append(ValidationError(f"答复情况超过 {MAX_ANSWER} 字，请精简", "answer"))
    if errors:
        raise ValidationErrors(errors)


@context.writes
def add_urge(entry_id: int, on: date | None, way: str, target: str = "", answer: str = "", *,
             uuid: str | None = None) -> UrgeRecord:
    """Record a 催办. uuid: the record brought back by undo keeps its identity."""
    entry = _entry(entry_id)
    way, target, answer = (way or "").strip(), (target or "").strip(), (answer or "").strip()
    _check(entry, on, way, target, answer)
    values = {"entry": entry_id, "date": on, "way": way, "target": target, "answer": answer,
              "author": context.actor(), "created_at": context.now()}
    if uuid:
        values["uuid"] = uuid
    urge = Urge.create(**values)
    record = _record(Urge.get_by_id(urge.id))
    changelog.record("ledger_entry", entry_id, "update", "urge", None, record.summary())
    return record


@context.writes
def remove_urge(urge_id: int, *, expected: UrgeRecord | None = None) -> UrgeRecord:
    """Remove a 催办 record; returns it as it was (undo adds it back). expected: refuse if it changed."""
    urge = Urge.get_or_none(Urge.id == urge_id)
    if urge is None:
        raise NotFoundError("这条催办记录已不存在")
    record = _record(urge)
    if expected is not None and (record.uuid, record.date, record.way, record.target, record.answer) != (
            expected.uuid, expected.date, expected.way, expected.target, expected.answer):
        raise WorkflowError("这条催办记录在此之后又被修改过，不能撤销或重做这一步")
    _entry(record.entry_id)
    urge.delete_instance()
    changelog.record("ledger_entry", record.entry_id, "update", "urge", record.summary(), None)
    return record


@context.writes
def restore_urge(record: UrgeRecord) -> UrgeRecord:
    """Undo of remove_urge (and redo of add_urge): the record again, with its own uuid."""
    if Urge.get_or_none(Urge.uuid == record.uuid) is not None:
        raise WorkflowError("这条催办记录已经存在，不能重复恢复")
    return add_urge.__wrapped__(record.entry_id, record.date, record.way, record.target, record.answer,
                                uuid=record.uuid)


def remove_by_uuid(record: UrgeRecord) -> UrgeRecord:
    """Undo of add_urge: the record it added, found by uuid (its id is the same, but be sure)."""
    urge = Urge.get_or_none(Urge.uuid == record.uuid)
    if urge is None:
        raise NotFoundError("这条催办记录已不存在")
    return remove_urge(urge.id, expected=record)
