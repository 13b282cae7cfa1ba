"""Bulk edits on many ledger entries, each returning what an undo needs to put things back.

A BulkChange remembers the previous values of exactly the entries it changed; ``revert`` writes them
back (one transaction, logged), ``apply_again`` repeats the change for redo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desk_app.db.models import Department, LedgerEntry, Person, ProgressUpdate
from desk_app.domain import Status
from desk_app.errors import NotFoundError, ValidationError, WorkflowError

from . import changelog, context, roles
from .ledger import entry_named, get_entry_model
from .measures import without_derived
from .workflow import DIRECT_STATUSES

BULK_FIELDS = {"status": "状态", "department_id": "责任单位", "responsible_id": "责任人"}
# 整改时限 is not among them: a set deadline moves only by 延期 (ledger_extend.extend, for many entries too).


@dataclass(frozen=True)
class BulkChange:
    field: str
    value: object
    entry_ids: tuple[int, ...]  # the entries asked for
    before: dict[int, dict] = field(default_factory=dict)  # entry id -> columns as they were

    @property
    def changed(self) -> int:
        return len(self.before)


def _columns(field_name: str, value) -> dict:
    return {field_name: value}


def _check(field_name: str, value, entries: list[LedgerEntry]) -> None:
    if field_name == "deadline":
        raise ValidationError("整改时限只能通过“批量延期”修改（须填写延期理由，计入延期次数）", field_name)
    if field_name not in BULK_FIELDS:
        raise ValidationError(f"不能批量修改“{field_name}”", field_name)
    if field_name == "status":
        if value not in DIRECT_STATUSES:
            raise WorkflowError(f"不能直接把状态改为“{value}”：销号须经申请和审核")
        locked = [e.code for e in entries if e.status in (Status.PENDING_CLOSE, Status.CLOSED) and e.status != value]
        if locked:
            raise WorkflowError(f"{_codes(locked)} 处于“申请销号”或“已销号”，请用审核或重新打开改变其状态；"
                                "请取消选中这些事项后再批量修改")
    elif field_name == "department_id":
        if value is not None and not Department.select().where(Department.id == value).exists():
            raise ValidationError("所选责任单位不存在", field_name)
    elif field_name == "responsible_id" and value is not None and not Person.select().where(
            Person.id == value).exists():
        raise ValidationError("所选责任人不存在", field_name)


def _codes(codes: list[str]) -> str:
    shown = "、".join(codes[:5])
    return f"{shown} 等 {len(codes)} 条" if len(codes) > 5 else shown


def _load(entry_ids) -> list[LedgerEntry]:
    ids = list(dict.fromkeys(entry_ids))
    entries = []
    for start in range(0, len(ids), 500):
        entries.extend(LedgerEntry.select().where(LedgerEntry.id.in_(ids[start:start + 500])))
    if len(entries) != len(ids):
        raise NotFoundError("部分所选事项已被彻底删除，请刷新列表后重试")
    return entries


def _write(entry: LedgerEntry, values: dict, now) -> None:
    changes = {}
    for name, new in values.items():
        old = getattr(entry, name)
        if old != new:
            changes[name] = (old, new)
            setattr(entry, name, new)
    if changes:
        entry.updated_at = now
        entry.save()
        changelog.record_changes("ledger_entry", entry.id, entry_named(changes))


@context.writes
def bulk_update(entry_ids: list[int], field_name: str, value) -> BulkChange:
    """Set one field (状态 / 责任单位 / 责任人) on every given entry."""
    entries = _load(entry_ids)
    if not entries:
        raise ValidationError("请先选中要修改的事项")
    if field_name == "status":  # a task with measures takes its status from them: left as it is
        entries = without_derived(entries, "批量修改状态")
    _check(field_name, value, entries)
    new = _columns(field_name, value)
    now = context.now()
    before = {}
    for entry in entries:
        old = {name: getattr(entry, name) for name in new}
        if old != new:
            before[entry.id] = old
            _write(entry, new, now)
    return BulkChange(field_name, value, tuple(e.id for e in entries), before)


def _require_as_left(entries: list[LedgerEntry], expected: dict[int, dict], what: str) -> None:
    """Undo and redo replay old values only onto entries still as the step left them: an entry moved on
    since (申请销号, an edit elsewhere, the recycle bin) is refused, as the workflow would refuse it."""
    binned = [e.code for e in entries if e.deleted_at is not None]
    if binned:
        raise WorkflowError(f"{_codes(binned)} 已移入回收站，不能{what}这一步")
    moved = [e.code for e in entries if any(getattr(e, name) != value for name, value in expected[e.id].items())]
    if moved:
        raise WorkflowError(f"{_codes(moved)} 在此之后又有了变化（例如办理了销号流程或被再次修改），"
                            f"不能{what}这一步；请直接修改这些事项")


@context.writes
def revert(change: BulkChange) -> int:
    """Undo: put back the values the change replaced, if every entry is still as the change left it."""
    entries = _load(list(change.before))
    new = _columns(change.field, change.value)
    _require_as_left(entries, {e.id: new for e in entries}, "撤销")
    now = context.now()
    for entry in entries:
        _write(entry, change.before[entry.id], now)
    return len(change.before)


@context.writes
def apply_again(change: BulkChange) -> BulkChange:
    """Redo: the same change on the same entries, if they are still as the undo left them."""
    _require_as_left(_load(list(change.before)), change.before, "重做")
    return bulk_update.__wrapped__(list(change.entry_ids), change.field, change.value)


@dataclass(frozen=True)
class ProgressChange:
    """One 本月进展 edit: what the month's text was before, for undo."""

    entry_id: int
    month: str
    old_text: str
    new_text: str
    old_status: str


def month_progress_text(entry_id: int, month: str) -> str:
    row = (ProgressUpdate.select(ProgressUpdate.text)
           .where(ProgressUpdate.entry == entry_id, ProgressUpdate.month == month)
           .order_by(ProgressUpdate.id.desc()).first())
    return row.text if row else ""


def month_progress_texts(entry_ids: list[int], month: str) -> dict[int, str]:
    if not entry_ids:
        return {}
    rows = (ProgressUpdate.select(ProgressUpdate.entry, ProgressUpdate.text)
            .where(ProgressUpdate.entry.in_(entry_ids), ProgressUpdate.month == month)
            .order_by(ProgressUpdate.id).tuples())
    return {entry_id: text for entry_id, text in rows}


def entries_with_month_progress(month: str) -> set[int]:
    """The entries that have a progress update for `month` — what 调度 counts as filled — in one query,
    however long the list (ids in chunks would cost a query per 900 entries)."""
    query = ProgressUpdate.select(ProgressUpdate.entry).where(ProgressUpdate.month == month).distinct()
    return {entry_id for (entry_id,) in query.tuples()}


@context.writes(allow=roles.Allow(roles.PROGRESS, "entry_id"))
def set_month_progress(entry_id: int, month: str, text: str) -> ProgressChange:
    """The 调度 screen's 本月进展, remembering the previous text and status for undo."""
    from . import workflow  # noqa: PLC0415

    entry = get_entry_model(entry_id)
    old_text = month_progress_text(entry_id, month)
    workflow.set_month_progress.__wrapped__(entry_id, month, text)
    return ProgressChange(entry_id, month, old_text, (text or "").strip(), entry.status)


@context.writes(allow=roles.Allow(roles.PROGRESS, "change", attr="entry_id"))
def redo_month_progress(change: ProgressChange) -> ProgressChange:
    if month_progress_text(change.entry_id, change.month) != change.old_text:
        raise WorkflowError("这条事项本月的进展在此之后又被修改过，不能重做这一步")
    return set_month_progress.__wrapped__(change.entry_id, change.month, change.new_text)


@context.writes(allow=roles.Allow(roles.PROGRESS, "change", attr="entry_id"))
def undo_month_progress(change: ProgressChange) -> None:
    from . import workflow  # noqa: PLC0415

    if month_progress_text(change.entry_id, change.month) != change.new_text:
        raise WorkflowError("这条事项本月的进展在此之后又被修改过，不能撤销这一步")
    workflow.set_month_progress.__wrapped__(change.entry_id, change.month, change.old_text)
    entry = get_entry_model(change.entry_id)
    if entry.status != change.old_status and entry.status == Status.IN_PROGRESS \
            and change.old_status == Status.NOT_STARTED:
        _write(entry, {"status": change.old_status}, context.now())


@dataclass(frozen=True)
class AddedProgress:
    """A dated progress update added from the editor, with the status it found, for undo."""

    progress_id: int
    entry_id: int
    on: date
    text: str
    old_status: str


@context.writes(allow=roles.Allow(roles.PROGRESS, "entry_id"))
def add_progress(entry_id: int, text: str, on: date | None = None) -> AddedProgress:
    from . import workflow  # noqa: PLC0415

    old_status = get_entry_model(entry_id).status
    record = workflow.add_progress.__wrapped__(entry_id, text, on=on)
    return AddedProgress(record.id, entry_id, record.date, record.text, old_status)


@context.writes(allow=roles.Allow(roles.PROGRESS, "added", attr="entry_id"))
def remove_progress(added: AddedProgress) -> None:
    update = ProgressUpdate.get_or_none(ProgressUpdate.id == added.progress_id)
    if update is None:
        raise NotFoundError("这条进展已不存在")
    if update.text != added.text:
        raise WorkflowError("这条进展在此之后又被修改过，不能撤销这一步")
    changelog.record("progress_update", update.id, "delete", "text", update.text, None)
    update.delete_instance()
    entry = get_entry_model(added.entry_id)
    if added.old_status == Status.NOT_STARTED and entry.status == Status.IN_PROGRESS:
        _write(entry, {"status": added.old_status}, context.now())
