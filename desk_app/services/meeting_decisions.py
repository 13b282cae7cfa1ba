"""议定事项: numbered decisions of a meeting. Each one is a LedgerEntry of kind 议定事项, written through
the ledger service, so it is followed up, printed and counted like every other entry."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from desk_app.db.models import LedgerEntry, Meeting
from desk_app.domain import DONE_STATUSES, DeadlineType, EntryKind
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, ledger
from .entry_records import load_records
from .ledger_query import is_overdue

DECISION_SOURCE = "推进会议定"


@dataclass
class DecisionInput:
    text: str = ""  # the decision itself (问题表现 / 事项内容)
    department_id: int | None = None  # 责任单位
    responsible_id: int | None = None  # 责任人
    deadline: date | None = None  # 时限
    deadline_type: str = DeadlineType.DATE
    leader_id: int | None = None  # 责任领导
    task_force_id: int | None = None


@dataclass(frozen=True)
class DecisionRecord:
    entry_id: int
    code: str
    number: int  # 议定事项序号 within the meeting
    meeting_id: int
    text: str
    department_id: int | None
    department_name: str
    responsible_id: int | None
    responsible_name: str
    leader_id: int | None
    leader_name: str
    task_force_id: int | None
    task_force_name: str
    deadline_type: str
    deadline: date | None
    status: str
    overdue: bool

    @property
    def is_open(self) -> bool:
        return self.status not in DONE_STATUSES

    @property
    def deadline_text(self) -> str:
        if self.deadline_type == DeadlineType.DATE:
            return self.deadline.isoformat() if self.deadline else "未定"
        return self.deadline_type


def _to_decision(e) -> DecisionRecord:
    return DecisionRecord(e.id, e.code, e.decision_no or 0, e.meeting_id, e.description, e.department_id,
                          e.department_name, e.responsible_id, e.responsible_name, e.leader_id, e.leader_name,
                          e.task_force_id, e.task_force_name, e.deadline_type, e.deadline, e.status,
                          is_overdue(e.status, e.deadline_type, e.deadline))


def _meeting(meeting_id: int) -> Meeting:
    m = Meeting.get_or_none((Meeting.id == meeting_id) & Meeting.deleted_at.is_null())
    if m is None:
        raise NotFoundError(f"找不到编号为 {meeting_id} 的会议，可能已被删除")
    return m


def _decision_ids(meeting_ids: list[int]):
    return (LedgerEntry.select(LedgerEntry.id)
            .where(LedgerEntry.meeting.in_(meeting_ids), LedgerEntry.kind == EntryKind.DECISION,
                   LedgerEntry.deleted_at.is_null())
            .order_by(LedgerEntry.meeting, LedgerEntry.decision_no, LedgerEntry.id))


def decisions_of(meeting_id: int) -> list[DecisionRecord]:
    """A meeting's decisions in their order."""
    return [_to_decision(e) for e in load_records([r.id for r in _decision_ids([meeting_id])])]


def _earlier(m: Meeting):
    return (Meeting.select(Meeting.id)
            .where(Meeting.campaign == m.campaign_id, Meeting.meeting_type == m.meeting_type,
                   Meeting.deleted_at.is_null(), Meeting.id != m.id,
                   (Meeting.start_at < m.start_at) | ((Meeting.start_at == m.start_at) & (Meeting.id < m.id))))


def previous_meeting_id(meeting_id: int) -> int | None:
    """The last meeting of the same type (and campaign) before this one: its 上次会议."""
    row = _earlier(_meeting(meeting_id)).order_by(Meeting.start_at.desc(), Meeting.id.desc()).first()
    return row.id if row else None


def open_decisions_before(meeting_id: int) -> list[DecisionRecord]:
    """Decisions of earlier meetings of the same type (and campaign) that are not yet done."""
    m = _meeting(meeting_id)
    earlier = _earlier(m)
    ids = [r.id for r in _decision_ids([x.id for x in earlier])
           .where(LedgerEntry.status.not_in([s.value for s in DONE_STATUSES]))]
    records = {e.id: e for e in load_records(ids)}
    starts = {x.id: x.start_at for x in Meeting.select(Meeting.id, Meeting.start_at)
              .where(Meeting.id.in_({e.meeting_id for e in records.values()}))}
    ordered = sorted(records.values(), key=lambda e: (starts.get(e.meeting_id, datetime.min), e.decision_no or 0))
    return [_to_decision(e) for e in ordered]


def _entry_input(meeting: Meeting, data: DecisionInput, base: ledger.EntryInput | None = None) -> ledger.EntryInput:
    text = (data.text or "").strip()
    if not text:
        raise ValidationError("议定事项内容不能为空", "description")
    if data.deadline_type == DeadlineType.DATE and data.deadline is None:
        raise ValidationError("请填写议定事项的完成时限（或选择“立行立改”“长期坚持”）", "deadline")
    if not (data.department_id or data.responsible_id):
        raise ValidationError("议定事项须明确责任单位或责任人", "department_id")
    meeting_day = meeting.start_at.date()
    if data.deadline and data.deadline < meeting_day:
        raise ValidationError(f"时限（{data.deadline.isoformat()}）不能早于会议日期（{meeting_day.isoformat()}），"
                              "请改为会议当天或以后的日期", "deadline")
    found = min(meeting_day, context.today())  # a meeting set for a later day: the entry is not found in the future
    # The decision is its own 整改目标 unless someone has since written a separate one in the ledger.
    target = text if base is None or base.target in ("", base.description) else base.target
    base = base or ledger.EntryInput(kind=EntryKind.DECISION, source=DECISION_SOURCE, found_date=found)
    return replace(base, kind=EntryKind.DECISION, description=text, department_id=data.department_id,
                   responsible_id=data.responsible_id, deadline=data.deadline, deadline_type=data.deadline_type,
                   leader_id=data.leader_id, task_force_id=data.task_force_id, target=target)


@context.writes
def add_decision(meeting_id: int, data: DecisionInput) -> DecisionRecord:
    """Record the next numbered decision of a meeting; it appears in the ledger at once."""
    m = _meeting(meeting_id)
    last = max((d.number for d in decisions_of(m.id)), default=0)
    entry = ledger.create_entry(m.campaign_id, _entry_input(m, data), meeting_id=m.id, decision_no=last + 1)
    return _to_decision(entry)


def _decision_entry(entry_id: int):
    e = ledger.get_entry(entry_id)
    if e.kind != EntryKind.DECISION or e.meeting_id is None or e.deleted_at is not None:
        raise NotFoundError("该事项不是本会议的议定事项，或已被删除")
    return e


@context.writes
def update_decision(entry_id: int, data: DecisionInput) -> DecisionRecord:
    e = _decision_entry(entry_id)
    m = _meeting(e.meeting_id)
    return _to_decision(ledger.update_entry(e.id, _entry_input(m, data, e.as_input())))


def _renumber(meeting_id: int, ordered_ids: list[int]) -> None:
    for number, entry_id in enumerate(ordered_ids, start=1):
        row = LedgerEntry.get_by_id(entry_id)
        if row.decision_no != number:
            changelog.record("ledger_entry", row.id, "update", "decision_no", row.decision_no, number)
            row.decision_no = number
            row.updated_at = context.now()
            row.save()


@context.writes
def delete_decision(entry_id: int) -> None:
    """Move a decision to the recycle bin and close the gap in the numbering."""
    e = _decision_entry(entry_id)
    ledger.delete_entries([e.id])
    _renumber(e.meeting_id, [d.entry_id for d in decisions_of(e.meeting_id)])


@context.writes
def move_decision(entry_id: int, offset: int) -> list[DecisionRecord]:
    """Move a decision up (-1) or down (+1) in the meeting's numbering."""
    e = _decision_entry(entry_id)
    ids = [d.entry_id for d in decisions_of(e.meeting_id)]
    i = ids.index(e.id)
    j = max(0, min(len(ids) - 1, i + offset))
    ids.insert(j, ids.pop(i))
    _renumber(e.meeting_id, ids)
    return decisions_of(e.meeting_id)
