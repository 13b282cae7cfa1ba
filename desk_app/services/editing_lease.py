"""Who is editing what: a lease per open editor (entry or meeting), renewed by a heartbeat.

An editor takes a lease when it opens a record and lets go when it closes; while it is open the
program's change poller renews it every HEARTBEAT_EVERY seconds. Other programs show "张三 正在编辑" in
the editor's banner and the ledger row's tooltip. A program that died leaves a lease nobody renews: after
STALE_AFTER seconds it no longer counts, and sweep() deletes such leftovers. The leases are a courtesy,
not a lock: saving is protected by the row versions (db/versioned), whoever holds a lease.

Times are the database's (concurrency.db_now): clerks' PCs whose clocks disagree still agree here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desk_app.db.database import is_read_only
from desk_app.db.models import EditingLease

from . import concurrency, context

STALE_AFTER = timedelta(seconds=30)
HEARTBEAT_EVERY = timedelta(seconds=10)
FORGET_AFTER = timedelta(hours=1)  # sweep() removes leases this old

# Ten random hex digits, as uuid4().hex[:10] gave (uuid would bring platform and its regexes into the start).
_client = f"{os.getpid()}-{os.urandom(5).hex()}"


def client_id() -> str:
    """This program run (two windows of one clerk are two clients)."""
    return _client


@dataclass(frozen=True)
class Holder:
    name: str
    since: datetime  # the database's clock, UTC
    heartbeat: datetime
    client: str

    @property
    def since_local(self) -> datetime:
        return self.since.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _holder(row) -> Holder:
    return Holder(row.holder, row.since, row.heartbeat, row.client)


def _write(func, *args):
    """Leases are written by any role (they are not data) and never in read-only mode."""
    if is_read_only():
        return None
    return concurrency.run_write(func, *args)


def _hold(entity: str, entity_id: int, name: str) -> None:
    now = concurrency.db_now()
    updated = (EditingLease.update(heartbeat=now, holder=name)
               .where(EditingLease.entity == entity, EditingLease.entity_id == entity_id,
                      EditingLease.client == _client).execute())
    if not updated:
        EditingLease.create(entity=entity, entity_id=entity_id, holder=name, client=_client, since=now,
                            heartbeat=now)


def hold(entity: str, entity_id: int) -> list[Holder]:
    """Take (or renew) this program's lease on a record; the others editing it now."""
    _write(_hold, entity, entity_id, context.actor())
    return holders(entity, entity_id)


def _renew(keys: list[tuple[str, int]]) -> None:
    now = concurrency.db_now()
    for entity, entity_id in keys:
        (EditingLease.update(heartbeat=now)
         .where(EditingLease.entity == entity, EditingLease.entity_id == entity_id,
                EditingLease.client == _client).execute())


def renew(keys: Iterable[tuple[str, int]]) -> None:
    """The heartbeat of this program's leases."""
    keys = list(keys)
    if keys:
        _write(_renew, keys)


def _release(entity: str, entity_id: int) -> None:
    (EditingLease.delete().where(EditingLease.entity == entity, EditingLease.entity_id == entity_id,
                                 EditingLease.client == _client).execute())


def release(entity: str, entity_id: int) -> None:
    _write(_release, entity, entity_id)


def _live(query):
    cutoff = concurrency.db_now() - STALE_AFTER
    return query.where(EditingLease.heartbeat >= cutoff, EditingLease.client != _client)


def holders(entity: str, entity_id: int) -> list[Holder]:
    """Who else is editing this record now (oldest first)."""
    query = _live(EditingLease.select().where(EditingLease.entity == entity, EditingLease.entity_id == entity_id))
    return [_holder(r) for r in query.order_by(EditingLease.since, EditingLease.id)]


def active(entity: str | None = None) -> dict[tuple[str, int], list[Holder]]:
    """Every record someone else is editing now: (entity, id) -> holders."""
    query = EditingLease.select()
    if entity:
        query = query.where(EditingLease.entity == entity)
    out: dict[tuple[str, int], list[Holder]] = {}
    for row in _live(query).order_by(EditingLease.since, EditingLease.id):
        out.setdefault((row.entity, row.entity_id), []).append(_holder(row))
    return out


def _sweep() -> int:
    cutoff = concurrency.db_now() - FORGET_AFTER
    return EditingLease.delete().where(EditingLease.heartbeat < cutoff).execute()


def sweep() -> int:
    """Delete leases of programs that ended without letting go (long stale); how many."""
    return _write(_sweep) or 0
