"""The refusal of a stale save: StaleVersionError with yours / theirs (and the base, when known) per field.

An editor remembers the version it showed (EntryRecord.version, MeetingRecord.version) and saves with
base_version=that. When the stored row has moved on, the service calls one of these and raises the
result; nothing is written. The merge view (ui/views/merge_view) lets the clerk choose per field and saves
the choice with base_version=error.current_version.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from datetime import date, datetime

from desk_app.db.models import ChangeLog, Department, Person, TaskForce
from desk_app.errors import FieldConflict, StaleVersionError

_PEOPLE = ("owner_id", "leader_id", "responsible_id", "reviewer_id", "host_id", "recorder_id")
_NAMES = {"department_id": Department, "task_force_id": TaskForce}


def value_text(name: str, value) -> str:
    """A field's value as a clerk reads it: names for ids, dates as 2026-11-23, '' for nothing."""
    if value is None or value == "":
        return ""
    if name in _PEOPLE or name in _NAMES:
        model = Person if name in _PEOPLE else _NAMES[name]
        row = model.get_or_none(model.id == value)
        return row.name if row else f"#{value}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def last_change(entity: str, record_id: int) -> tuple[str, datetime | None]:
    """Who changed the record last and when (from the change log)."""
    row = (ChangeLog.select(ChangeLog.actor, ChangeLog.at)
           .where(ChangeLog.entity == entity, ChangeLog.entity_id == record_id)
           .order_by(ChangeLog.id.desc()).first())
    return (row.actor, row.at) if row else ("", None)


def differing(names, yours, theirs, base, labels: dict[str, str]) -> list[FieldConflict]:
    """A FieldConflict for every field where your value differs from the stored one."""
    out = []
    for name in names:
        mine, stored = getattr(yours, name), getattr(theirs, name)
        if mine == stored:
            continue
        before = getattr(base, name) if base is not None else None
        out.append(FieldConflict(name, labels.get(name, name), mine, stored, base=before,
                                 yours_text=value_text(name, mine), theirs_text=value_text(name, stored),
                                 base_text=value_text(name, before) if base is not None else "",
                                 known_base=base is not None))
    return out


def stale(entity: str, record_id: int, label: str, what: str, base_version: int, current_version: int,
          conflicts: list[FieldConflict]) -> StaleVersionError:
    actor, at = last_change(entity, record_id)
    who = f"{actor}" if actor else "其他人"
    when = f"（{at:%m-%d %H:%M}）" if at else ""
    if conflicts:
        names = "、".join(c.label for c in conflicts[:6]) + (" 等" if len(conflicts) > 6 else "")
        detail = f"两边不同的内容：{names}。请逐项选择保留你的还是对方的内容，再保存。"
    else:
        detail = "对方改动的内容与你的修改没有冲突，可以直接再次保存。"
    message = f"{what} {label} 在你打开之后已被{who}修改{when}，你的修改还没有保存。{detail}"
    return StaleVersionError(message, entity=entity, record_id=record_id, label=label, base_version=base_version,
                             current_version=current_version, fields=conflicts, changed_by=actor, changed_at=at)


def entry_stale(record, yours, base_version: int, base=None) -> StaleVersionError:
    """record: the entry as stored now (EntryRecord); yours/base: EntryInput."""
    from .entry_input import EDITABLE_FIELDS, FIELD_LABELS  # noqa: PLC0415 - entry_input imports the ledger's parts

    conflicts = differing(EDITABLE_FIELDS, yours, record.as_input(), base, FIELD_LABELS)
    return stale("ledger_entry", record.id, record.code, "事项", base_version, record.version, conflicts)


MEETING_LABELS = {"meeting_type": "会议类型", "start_at": "会议时间", "title": "会议名称", "place": "地点",
                  "host_id": "主持人", "recorder_id": "记录人", "contact": "联系人及电话", "issue_no": "纪要期号",
                  "agenda": "议程", "minutes": "会议纪要"}


def meeting_stale(record, yours, base_version: int, base=None, names=None) -> StaleVersionError:
    """record: the meeting as stored now (MeetingRecord); yours/base: MeetingInput or any object with the
    fields in `names` (default: MeetingInput's)."""
    from .meetings import MeetingInput  # noqa: PLC0415 - meetings raises these

    names = names or [f.name for f in dataclass_fields(MeetingInput)]
    conflicts = differing(names, yours, record, base, MEETING_LABELS)
    return stale("meeting", record.id, record.title, "会议", base_version, record.version, conflicts)
