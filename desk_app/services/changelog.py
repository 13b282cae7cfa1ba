"""The ChangeLog: services write one row per changed field; readers get plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desk_app.db.models import ChangeLog

from . import context


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    name = getattr(value, "name", None)
    if name is not None and not isinstance(value, str):
        return str(name)
    return str(value)


def as_text(value) -> str | None:
    """A value as the ChangeLog stores it (bulk writers building their own rows use this)."""
    return _text(value)


def record(entity: str, entity_id: int, action: str, field: str = "", old=None, new=None) -> None:
    ChangeLog.create(at=context.now(), actor=context.actor(), entity=entity, entity_id=entity_id,
                     action=action, field=field, old=_text(old), new=_text(new))


def record_changes(entity: str, entity_id: int, changes: dict[str, tuple[object, object]]) -> None:
    rows = [
        {"at": context.now(), "actor": context.actor(), "entity": entity, "entity_id": entity_id,
         "action": "update", "field": field, "old": _text(old), "new": _text(new)}
        for field, (old, new) in changes.items()
    ]
    if rows:
        ChangeLog.insert_many(rows).execute()


@dataclass(frozen=True)
class ChangeRecord:
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: int
    action: str
    field: str
    old: str | None
    new: str | None


def history(entity: str | None = None, entity_id: int | None = None, *, actor: str | None = None,
            since: date | None = None, until: date | None = None, limit: int = 1000,
            offset: int = 0) -> list[ChangeRecord]:
    query = ChangeLog.select()
    if entity:
        query = query.where(ChangeLog.entity == entity)
    if entity_id is not None:
        query = query.where(ChangeLog.entity_id == entity_id)
    if actor:
        query = query.where(ChangeLog.actor == actor)
    if since:
        query = query.where(ChangeLog.at >= datetime.combine(since, datetime.min.time()))
    if until:
        query = query.where(ChangeLog.at <= datetime.combine(until, datetime.max.time()))
    query = query.order_by(ChangeLog.id.desc()).offset(offset).limit(limit)
    return [ChangeRecord(c.id, c.at, c.actor, c.entity, c.entity_id, c.action, c.field, c.old, c.new)
            for c in query]
