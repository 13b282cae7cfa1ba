"""The recycle bin: every soft-deleted item (台账事项, 专班, 会议, 附件), restore, and permanent deletion.

Entries are restored through ledger.restore_entries and attachments through attachments.py; task
forces and meetings through their own services when those offer a restore, else here, logged in
the ChangeLog the same way. Purging removes the rows for good (their dependent rows go with them);
the attachment files stay in the store for older backups until purge_unused_files() clears them.
"""

from __future__ import annotations

import importlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import JOIN

from desk_app import paths
from desk_app.db.models import Attachment, ChangeLog, LedgerEntry, Meeting, TaskForce
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, undo_history

log = logging.getLogger(__name__)

KIND_LABELS = {"ledger_entry": "台账事项", "task_force": "专班", "meeting": "会议", "attachment": "附件"}
MODELS = {"ledger_entry": LedgerEntry, "task_force": TaskForce, "meeting": Meeting, "attachment": Attachment}
# A service of another area that may own the restore of a kind: (module, function taking a list of ids).
OWNER_RESTORE = {
    "task_force": ("desk_app.services.taskforces", ("restore_task_forces", "restore_task_force")),
    "meeting": ("desk_app.services.meetings", ("restore_meetings", "restore_meeting")),
}


@dataclass(frozen=True)
class DeletedItem:
    kind: str
    id: int
    title: str  # code / name / file name
    detail: str  # what it belongs to
    deleted_at: datetime
    deleted_by: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _who_deleted(kind: str, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    from . import history_labels, settings  # noqa: PLC0415

    clerk, login = settings.preferences().clerk_name, history_labels.login_name()
    who = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        query = (ChangeLog.select(ChangeLog.entity_id, ChangeLog.actor)
                 .where(ChangeLog.entity == kind, ChangeLog.action == "delete", ChangeLog.entity_id.in_(chunk))
                 .order_by(ChangeLog.id))
        for row in query:
            who[row.entity_id] = history_labels.actor_label(row.actor, clerk, login)
    return who


def _entries(search: str):
    query = LedgerEntry.select().where(LedgerEntry.deleted_at.is_null(False))
    if search:
        query = query.where(LedgerEntry.code.contains(search) | LedgerEntry.description.contains(search))
    for e in query.order_by(LedgerEntry.deleted_at.desc()):
        text = e.description.replace("\n", " ")
        yield e.id, e.code, f"{e.kind}：{text[:60]}", e.deleted_at


def _task_forces(search: str):
    query = TaskForce.select().where(TaskForce.deleted_at.is_null(False))
    if search:
        query = query.where(TaskForce.name.contains(search))
    for t in query.order_by(TaskForce.deleted_at.desc()):
        yield t.id, t.name, (t.goal or "").replace("\n", " ")[:60], t.deleted_at


def _meetings(search: str):
    query = Meeting.select().where(Meeting.deleted_at.is_null(False))
    if search:
        query = query.where(Meeting.title.contains(search) | Meeting.place.contains(search))
    for m in query.order_by(Meeting.deleted_at.desc()):
        title = m.title or f"{m.year}年第{m.number}次{m.meeting_type}"
        yield m.id, title, f"{m.start_at:%Y-%m-%d %H:%M} {m.place}".strip(), m.deleted_at


def _attachments(search: str):
    query = (Attachment.select(Attachment, LedgerEntry.code)
             .join(LedgerEntry, JOIN.LEFT_OUTER, on=(Attachment.entry == LedgerEntry.id))
             .where(Attachment.deleted_at.is_null(False)))
    if search:
        query = query.where(Attachment.file_name.contains(search))
    for a in query.order_by(Attachment.deleted_at.desc()):
        owner = a.entry.code if a.entry_id else ""
        yield a.id, a.file_name, f"所属事项 {owner}" if owner else "", a.deleted_at


_LISTERS = {"ledger_entry": _entries, "task_force": _task_forces, "meeting": _meetings, "attachment": _attachments}


def list_items(kind: str | None = None, search: str = "") -> list[DeletedItem]:
    """Deleted items, newest deletion first; `kind` limits to one kind."""
    if kind is not None and kind not in _LISTERS:
        raise ValidationError(f"未知的类别：{kind}")
    items = []
    for name, lister in _LISTERS.items():
        if kind and name != kind:
            continue
        rows = list(lister(search.strip()))
        who = _who_deleted(name, [r[0] for r in rows])
        items.extend(DeletedItem(name, rid, title, detail, at, who.get(rid, "")) for rid, title, detail, at in rows)
    return sorted(items, key=lambda i: i.deleted_at, reverse=True)


def counts() -> dict[str, int]:
    return {kind: model.select().where(model.deleted_at.is_null(False)).count() for kind, model in MODELS.items()}


def _owner_restore(kind: str):
    module_name, names = OWNER_RESTORE.get(kind, (None, ()))
    if not module_name:
        return None
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    for name in names:
        func = getattr(module, name, None)
        if func is not None:
            return func, name.endswith("s")
    return None


@context.writes
def _restore_soft(kind: str, ids: list[int]) -> int:
    model = MODELS[kind]
    count = 0
    for row in model.select().where(model.id.in_(ids), model.deleted_at.is_null(False)):
        if kind == "meeting":
            _restore_decisions_deleted_with(row)
        changelog.record(kind, row.id, "restore", "deleted_at", row.deleted_at, None)
        row.deleted_at = None
        row.save()
        count += 1
    return count


def _restore_decisions_deleted_with(meeting: Meeting) -> None:
    """A meeting's 议定事项 went to the bin with it (same moment); they come back with it too."""
    from . import ledger  # noqa: PLC0415

    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.meeting == meeting.id, LedgerEntry.deleted_at == meeting.deleted_at)]
    if ids:
        ledger.restore_entries(ids)


def restore(kind: str, ids: list[int]) -> int:
    """Bring items back from the recycle bin; returns how many came back."""
    if kind not in MODELS:
        raise ValidationError(f"未知的类别：{kind}")
    ids = list(ids)
    if not ids:
        return 0
    if kind == "ledger_entry":
        from . import ledger  # noqa: PLC0415

        restored = ledger.restore_entries(ids)
        undo_history.changed_elsewhere(kind, ids, "在回收站中还原")  # the ledger's "撤销 删除" is done already
        return restored
    owner = _owner_restore(kind)
    if owner is not None:
        func, takes_list = owner
        if takes_list:
            result = func(ids)
            return result if isinstance(result, int) else len(ids)
        for item_id in ids:
            func(item_id)
        return len(ids)
    return _restore_soft(kind, ids)


def restore_items(items: list[DeletedItem]) -> int:
    total = 0
    for kind in MODELS:
        ids = [i.id for i in items if i.kind == kind]
        if ids:
            total += restore(kind, ids)
    return total


def _label(kind: str, row) -> str:
    return {"ledger_entry": lambda r: r.code, "task_force": lambda r: r.name,
            "meeting": lambda r: r.title or f"{r.year}年第{r.number}次{r.meeting_type}",
            "attachment": lambda r: r.file_name}[kind](row)


@context.writes
def purge(kind: str, ids: list[int]) -> int:
    """Delete items for good (only items already in the recycle bin); one transaction."""
    if kind not in MODELS:
        raise ValidationError(f"未知的类别：{kind}")
    model = MODELS[kind]
    rows = list(model.select().where(model.id.in_(list(ids)), model.deleted_at.is_null(False)))
    for row in rows:
        changelog.record(kind, row.id, "purge", "", _label(kind, row), None)
        row.delete_instance()
    if rows:
        undo_history.irreversible("彻底删除")
    return len(rows)


@context.writes
def purge_items(items: list[DeletedItem]) -> int:
    return sum(purge(kind, [i.id for i in items if i.kind == kind]) for kind in MODELS
               if any(i.kind == kind for i in items))


def purge_older_than(days: int) -> int:
    """Empty what has been in the recycle bin for more than `days` days."""
    if days < 1:
        raise ValidationError("天数至少为 1")
    cutoff = context.now() - timedelta(days=days)
    old = [i for i in list_items() if i.deleted_at < cutoff]
    return purge_items(old) if old else 0


def purge_unused_files(min_age_seconds: int = 3600) -> int:
    """Remove stored attachment files no attachment row refers to (older than an hour, so a file
    being added right now is never caught between copying and linking)."""
    store = paths.attachments_dir()
    if not store.is_dir():
        return 0
    used = {sha for (sha,) in Attachment.select(Attachment.sha256).distinct().tuples()}
    removed = 0
    cutoff = time.time() - min_age_seconds
    for file in store.glob("??/*"):
        if file.is_file() and file.name not in used and not file.name.startswith(".") \
                and file.stat().st_mtime < cutoff:
            file.unlink()
            removed += 1
    if removed:
        log.info("removed %d unused attachment files", removed)
    return removed


def get_item(kind: str, item_id: int) -> DeletedItem:
    for item in list_items(kind):
        if item.id == item_id:
            return item
    raise NotFoundError("回收站中没有这一项，可能已被恢复或彻底删除")
