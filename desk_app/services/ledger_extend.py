"""延期: the one way a set 整改时限 changes — a later date, a reason, an event that counts and shows in the
history — for one entry or many at once, and its undo.

The editor may set a deadline an entry does not have yet (a first deadline is no extension); once an entry
has a dated deadline, ``check_deadline_edit`` refuses any other change of it and points at 延期.

An ``Extension`` remembers what it did, entry by entry, so that undo puts each deadline back and removes its
event — only while the entry is still as the extension left it (same deadline, nothing logged on it in the
workflow since, not in the recycle bin); redo extends again with the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.db.models import EntryEvent, LedgerEntry
from desk_app.domain import DeadlineType, EventKind, Status
from desk_app.errors import NotFoundError, ValidationError, WorkflowError

from . import changelog, context

NOT_EXTENDABLE = (Status.CLOSED, Status.ONGOING)


@dataclass(frozen=True)
class ExtendedItem:
    entry_id: int
    code: str
    old_type: str
    old_deadline: date | None
    event_id: int | None  # None: the entry had no deadline, this set its first one (not counted as 延期)


@dataclass(frozen=True)
class Extension:
    new_deadline: date
    reason: str
    items: tuple[ExtendedItem, ...]

    @property
    def entry_ids(self) -> list[int]:
        return [i.entry_id for i in self.items]

    @property
    def extended(self) -> int:
        """How many entries got a 延期 (the others had no deadline before and got their first)."""
        return sum(1 for i in self.items if i.event_id is not None)

    @property
    def label(self) -> str:
        """What the clerk reads in the undo history: 延期 ZG-2026-0012, or 延期 12 条."""
        return f"延期 {self.items[0].code}" if len(self.items) == 1 else f"延期 {len(self.items)} 条"


def has_set_deadline(entry) -> bool:
    """The entry has a dated 整改时限 that only 延期 may move."""
    return entry.deadline is not None


def check_deadline_edit(entry, deadline_type: str, deadline: date | None) -> None:
    """Refuse an edit that changes a set deadline: that goes through 延期 (reason, count, history)."""
    if has_set_deadline(entry) and (deadline_type != entry.deadline_type or deadline != entry.deadline):
        raise ValidationError("整改时限已经确定，只能通过“延期”修改（须填写延期理由，计入延期次数）；"
                              "请点击整改时限旁的“延期…”", "deadline")


def _codes(codes: list[str]) -> str:
    shown = "、".join(codes[:5])
    return f"{shown} 等 {len(codes)} 条" if len(codes) > 5 else shown


def _load(entry_ids) -> list[LedgerEntry]:
    ids = list(dict.fromkeys(entry_ids))
    entries: dict[int, LedgerEntry] = {}
    for start in range(0, len(ids), 500):
        for e in LedgerEntry.select().where(LedgerEntry.id.in_(ids[start:start + 500])):
            entries[e.id] = e
    if len(entries) != len(ids):
        raise NotFoundError("部分所选事项已被彻底删除，请刷新列表后重试")
    return [entries[i] for i in ids]


def _check(entries: list[LedgerEntry], new_deadline, reason: str) -> None:
    if not entries:
        raise ValidationError("请先选中要延期的事项")
    if not isinstance(new_deadline, date):
        raise ValidationError("请选择新的整改时限", "deadline")
    if not reason:
        raise ValidationError("延期必须填写理由", "reason")
    binned = [e.code for e in entries if e.deleted_at is not None]
    if binned:
        raise WorkflowError(f"{_codes(binned)} 在回收站中，请先恢复再延期")
    done = [e for e in entries if e.status in NOT_EXTENDABLE]
    if done:
        raise WorkflowError(f"{_codes([e.code for e in done])} 处于“{done[0].status}”，不能延期"
                            + ("；请取消选中这些事项后再批量延期" if len(entries) > 1 else ""))
    early = [e.code for e in entries if e.found_date and new_deadline < e.found_date]
    if early:
        raise ValidationError(("整改时限不能早于发现日期" if len(entries) == 1
                               else f"新的整改时限早于 {_codes(early)} 的发现日期，请另选日期"), "deadline")
    not_later = [e.code for e in entries if e.deadline and new_deadline <= e.deadline]
    if not_later:
        raise ValidationError(("新的整改时限应晚于原时限" if len(entries) == 1
                               else f"新的整改时限不晚于 {_codes(not_later)} 的原时限，请另选日期或取消选中它们"),
                              "deadline")


def _set(entry: LedgerEntry, deadline_type: str, deadline: date | None, now) -> None:
    changes = {}
    for name, new in (("deadline", deadline), ("deadline_type", deadline_type)):
        old = getattr(entry, name)
        if old != new:
            changes[name] = (old, new)
            setattr(entry, name, new)
    if changes:
        entry.updated_at = now
        entry.save()
        changelog.record_changes("ledger_entry", entry.id, changes)


def _extend(entries: list[LedgerEntry], new_deadline: date, reason: str) -> Extension:
    now = context.now()
    items = []
    for entry in entries:
        event_id = None
        if entry.deadline is not None:
            event = EntryEvent.create(entry=entry, kind=EventKind.EXTEND, text=reason, old_deadline=entry.deadline,
                                      new_deadline=new_deadline, actor=context.actor(), at=now)
            changelog.record("entry_event", event.id, "create", "kind", None, f"{entry.code} {EventKind.EXTEND}")
            event_id = event.id
        items.append(ExtendedItem(entry.id, entry.code, entry.deadline_type, entry.deadline, event_id))
        _set(entry, DeadlineType.DATE.value, new_deadline, now)
    return Extension(new_deadline, reason, tuple(items))


@context.writes
def extend(entry_ids: list[int], new_deadline: date, reason: str) -> Extension:
    """延期 of one or many entries to the same later date, with one reason (all or none)."""
    reason = (reason or "").strip()
    entries = _load(entry_ids)
    _check(entries, new_deadline, reason)
    return _extend(entries, new_deadline, reason)


def _require_as_left(ext: Extension, entries: list[LedgerEntry], what: str) -> None:
    binned = [e.code for e in entries if e.deleted_at is not None]
    if binned:
        raise WorkflowError(f"{_codes(binned)} 已移入回收站，不能{what}这次延期")
    moved = [e.code for e in entries if e.deadline != ext.new_deadline or e.deadline_type != DeadlineType.DATE]
    later = _events_after(ext)
    moved += [code for code in later if code not in moved]
    if moved:
        raise WorkflowError(f"{_codes(moved)} 在这次延期之后又有了变化（整改时限或销号流程），"
                            f"不能{what}这一步；请直接办理这些事项")


def _events_after(ext: Extension) -> list[str]:
    """Entries with a workflow event logged after this extension's own (申请销号, another 延期 …)."""
    codes = []
    for item in ext.items:
        if item.event_id is None:
            continue
        if EntryEvent.get_or_none(EntryEvent.id == item.event_id) is None or EntryEvent.select().where(
                (EntryEvent.entry == item.entry_id) & (EntryEvent.id > item.event_id)).exists():
            codes.append(item.code)
    return codes


@context.writes
def undo(ext: Extension) -> None:
    """Put every deadline back and remove the 延期 events, if the entries are still as the extension left them."""
    entries = _load(ext.entry_ids)
    _require_as_left(ext, entries, "撤销")
    now = context.now()
    by_id = {e.id: e for e in entries}
    for item in ext.items:
        entry = by_id[item.entry_id]
        if item.event_id is not None:
            EntryEvent.delete().where(EntryEvent.id == item.event_id).execute()
            changelog.record("entry_event", item.event_id, "delete", "kind", f"{item.code} {EventKind.EXTEND}",
                             "撤销延期")
        _set(entry, item.old_type, item.old_deadline, now)


@context.writes
def redo(ext: Extension) -> Extension:
    """The same extension again (new events), if every entry is still as the undo left it."""
    entries = _load(ext.entry_ids)
    before = {i.entry_id: (i.old_type, i.old_deadline) for i in ext.items}
    moved = [e.code for e in entries if (e.deadline_type, e.deadline) != before[e.id] or e.deleted_at is not None]
    if moved:
        raise WorkflowError(f"{_codes(moved)} 在此之后又有了变化，不能重做这次延期；请直接办理这些事项")
    _check(entries, ext.new_deadline, ext.reason)
    return _extend(entries, ext.new_deadline, ext.reason)
