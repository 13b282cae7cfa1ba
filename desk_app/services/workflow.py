"""Progress, deadline extensions and the 销号 workflow: 申请销号 → 审核 (通过 / 退回重办) → 重新打开."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desk_app.db.models import Attachment, EntryEvent, LedgerEntry, Person, ProgressUpdate
from desk_app.domain import DeadlineType, EventKind, Status
from desk_app.errors import NotFoundError, ValidationError, WorkflowError

from . import changelog, context, roles, undo_history
from .ledger import get_entry, get_entry_model
from .measures import has_measures, refuse_status_step
from .progress_read import ProgressRecord, progress_of  # noqa: F401 - read here by callers of the workflow


@dataclass(frozen=True)
class EventRecord:
    id: int
    entry_id: int
    kind: str
    text: str
    old_deadline: date | None
    new_deadline: date | None
    actor: str
    at: datetime


def _log(entry: LedgerEntry, changes: dict) -> None:
    for name, (_old, new) in changes.items():
        setattr(entry, name, new)
    entry.updated_at = context.now()
    entry.save()
    changelog.record_changes("ledger_entry", entry.id, changes)


def _event(entry: LedgerEntry, kind: str, text: str = "", old_deadline=None, new_deadline=None) -> None:
    ev = EntryEvent.create(entry=entry, kind=kind, text=text, old_deadline=old_deadline,
                           new_deadline=new_deadline, actor=context.actor(), at=context.now())
    changelog.record("entry_event", ev.id, "create", "kind", None, f"{entry.code} {kind}")


@context.writes(allow=roles.Allow(roles.PROGRESS, "entry_id"))
def add_progress(entry_id: int, text: str, *, on: date | None = None, month: str | None = None
                 ) -> ProgressRecord:
    entry = get_entry_model(entry_id)
    text = (text or "").strip()
    if not text:
        raise ValidationError("进展内容不能为空", "text")
    on = on or context.today()
    if on > context.today():
        raise ValidationError("进展日期不能晚于今天", "date")
    month = month or on.strftime("%Y-%m")
    update = ProgressUpdate.create(entry=entry, date=on, month=month, text=text, author=context.actor(),
                                   created_at=context.now())
    changelog.record("progress_update", update.id, "create", "text", None, f"{entry.code}：{text}")
    if entry.status == Status.NOT_STARTED:
        _log(entry, {"status": (entry.status, Status.IN_PROGRESS.value)})
    return ProgressRecord(update.id, entry.id, on, month, text, update.author)


@context.writes(allow=roles.Allow(roles.PROGRESS, "entry_id"))
def set_month_progress(entry_id: int, month: str, text: str) -> ProgressRecord | None:
    """The 调度 screen's 本月进展: one update per entry and month, replaced when edited."""
    entry = get_entry_model(entry_id)
    text = (text or "").strip()
    existing = (ProgressUpdate.select().where(ProgressUpdate.entry == entry, ProgressUpdate.month == month)
                .order_by(ProgressUpdate.id.desc()).first())
    if existing and not text:
        changelog.record("progress_update", existing.id, "delete", "text", existing.text, None)
        existing.delete_instance()
        return None
    if existing:
        if existing.text != text:
            changelog.record("progress_update", existing.id, "update", "text", existing.text, text)
            existing.text = text
            existing.date = context.today()
            existing.save()
        return ProgressRecord(existing.id, entry.id, existing.date, month, text, existing.author)
    if not text:
        return None
    return add_progress.__wrapped__(entry_id, text, month=month)


def events_of(entry_id: int) -> list[EventRecord]:
    query = EntryEvent.select().where(EntryEvent.entry == entry_id).order_by(EntryEvent.at, EntryEvent.id)
    return [EventRecord(e.id, entry_id, e.kind, e.text, e.old_deadline, e.new_deadline, e.actor, e.at)
            for e in query]


def _require_open(entry: LedgerEntry, action: str) -> None:
    if entry.deleted_at is not None:
        raise WorkflowError(f"事项 {entry.code} 在回收站中，请先恢复再{action}")


@context.writes
def extend_deadline(entry_id: int, new_deadline: date, reason: str):
    """延期 of one entry (ledger_extend.extend does it; the UI keeps its Extension for undo)."""
    from . import ledger_extend  # noqa: PLC0415 - ledger_extend is the one place deadlines move

    ledger_extend.extend.__wrapped__([entry_id], new_deadline, reason)
    return get_entry(entry_id)


@context.writes
def apply_close(entry_id: int, summary: str, *, completed_on: date | None = None):
    """申请销号: needs a completion summary and at least one evidence file."""
    entry = get_entry_model(entry_id)
    refuse_status_step(entry, "申请销号")
    _require_open(entry, "申请销号")
    if entry.status not in (Status.NOT_STARTED, Status.IN_PROGRESS):
        raise WorkflowError(f"事项 {entry.code} 当前状态为“{entry.status}”，不能申请销号")
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError("申请销号必须填写完成情况", "completion_summary")
    has_evidence = Attachment.select().where(Attachment.entry == entry,
                                             Attachment.deleted_at.is_null()).exists()
    if not has_evidence:
        raise WorkflowError("申请销号必须上传佐证材料（至少一个附件）")
    completed_on = completed_on or context.today()
    if entry.found_date and completed_on < entry.found_date:
        raise ValidationError("完成日期不能早于发现日期", "completed_date")
    _event(entry, EventKind.APPLY_CLOSE, summary)
    _log(entry, {"status": (entry.status, Status.PENDING_CLOSE.value),
                 "completion_summary": (entry.completion_summary, summary),
                 "completed_date": (entry.completed_date, completed_on)})
    undo_history.irreversible("申请销号")
    return get_entry(entry.id)


def _reviewer(reviewer_id: int | None) -> Person:
    reviewer = Person.get_or_none(Person.id == reviewer_id) if reviewer_id is not None else None
    if reviewer is None:
        raise ValidationError("请选择销号审核人", "reviewer_id")
    return reviewer


@context.writes
def approve_close(entry_id: int, reviewer_id: int, *, on: date | None = None, comment: str = ""):
    entry = get_entry_model(entry_id)
    refuse_status_step(entry, "审核销号")
    if entry.status != Status.PENDING_CLOSE:
        raise WorkflowError(f"事项 {entry.code} 还没有申请销号，不能审核")
    reviewer = _reviewer(reviewer_id)
    on = on or context.today()
    _event(entry, EventKind.APPROVE, comment)
    _log(entry, {"status": (entry.status, Status.CLOSED.value), "closed_date": (entry.closed_date, on),
                 "reviewer": (entry.reviewer, reviewer)})
    undo_history.irreversible("销号审核")
    return get_entry(entry.id)


def last_reviewer_id() -> int | None:
    """The person who reviewed the most recent 销号 (通过 or 退回): the 审核 dialog's default reviewer."""
    row = (LedgerEntry.select(LedgerEntry.reviewer).where(LedgerEntry.reviewer.is_null(False))
           .order_by(LedgerEntry.updated_at.desc(), LedgerEntry.id.desc()).tuples().first())
    return row[0] if row else None


@context.writes
def return_entry(entry_id: int, reason: str, new_deadline: date, *, reviewer_id: int | None = None,
                 on: date | None = None):
    """退回重办: back to 推进中 with a reason and a new deadline. Who reviewed it and on which day are kept
    with the reason (the 退回 event) and as the entry's 审核人, as for 通过."""
    entry = get_entry_model(entry_id)
    refuse_status_step(entry, "退回")
    if entry.status != Status.PENDING_CLOSE:
        raise WorkflowError(f"事项 {entry.code} 不在“申请销号”状态，不能退回")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("退回必须填写理由", "reason")
    if new_deadline is None:
        raise ValidationError("退回必须给出新的整改时限", "deadline")
    if new_deadline < context.today():
        raise ValidationError("新的整改时限不能早于今天", "deadline")
    reviewer = _reviewer(reviewer_id) if reviewer_id is not None else None
    on = on or context.today()
    if on > context.today():
        raise ValidationError("审核日期不能晚于今天", "date")
    signed = f"（审核人：{reviewer.name}，{on.year}年{on.month}月{on.day}日退回）" if reviewer else \
        f"（{on.year}年{on.month}月{on.day}日退回）"
    _event(entry, EventKind.RETURN, reason + signed, entry.deadline, new_deadline)
    changes = {"status": (entry.status, Status.IN_PROGRESS.value), "deadline": (entry.deadline, new_deadline),
               "deadline_type": (entry.deadline_type, DeadlineType.DATE.value),
               "completed_date": (entry.completed_date, None)}
    if reviewer is not None:
        changes["reviewer"] = (entry.reviewer, reviewer)
    _log(entry, changes)
    undo_history.irreversible("退回重办")
    return get_entry(entry.id)


@context.writes
def reopen(entry_id: int, reason: str, new_deadline: date | None = None):
    """The problem came back: a closed entry goes back to 推进中."""
    entry = get_entry_model(entry_id)
    refuse_status_step(entry, "重新打开")
    if entry.status not in (Status.CLOSED, Status.ONGOING):
        raise WorkflowError(f"事项 {entry.code} 尚未销号，无需重新打开")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("重新打开必须填写原因", "reason")
    changes = {"status": (entry.status, Status.IN_PROGRESS.value), "closed_date": (entry.closed_date, None),
               "completed_date": (entry.completed_date, None), "reviewer": (entry.reviewer, None)}
    if new_deadline:
        changes["deadline"] = (entry.deadline, new_deadline)
        changes["deadline_type"] = (entry.deadline_type, DeadlineType.DATE.value)
    _event(entry, EventKind.REOPEN, reason, entry.deadline, new_deadline)
    _log(entry, changes)
    undo_history.irreversible("重新打开")
    return get_entry(entry.id)


# Statuses a clerk may set directly (in bulk); 申请销号 and 已销号 go through the steps above.
DIRECT_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.ONGOING)


@context.writes
def set_status(entry_ids: list[int], status: str) -> int:
    if status not in DIRECT_STATUSES:
        raise WorkflowError(f"不能直接把状态改为“{status}”：销号须经申请和审核")
    count = 0
    for entry_id in entry_ids:
        entry = get_entry_model(entry_id)
        if entry.status != status and has_measures(entry.id):
            continue  # its measures decide its status (services/measures): left as it is
        if entry.status in (Status.PENDING_CLOSE, Status.CLOSED) and status != entry.status:
            raise WorkflowError(f"事项 {entry.code} 处于“{entry.status}”，请用审核或重新打开改变其状态")
        if entry.status != status:
            _log(entry, {"status": (entry.status, status)})
            count += 1
    return count


def entry_exists(entry_id: int) -> bool:
    try:
        get_entry_model(entry_id)
    except NotFoundError:
        return False
    return True
