"""Tables for several clerks on one database (migration 12): who may change what, and who is editing what."""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from .models import BaseModel, Person, now_to_the_second


class UserRole(BaseModel):
    """A person's role on the shared database (services/roles): 活动办, 专班联络员, 科室联络员 or 只读. `login`
    is the PostgreSQL login name that acts as this person (None: matched by the clerk name instead)."""

    person = ForeignKeyField(Person, unique=True, backref="roles", on_delete="CASCADE")
    role = CharField()
    login = CharField(null=True, unique=True)
    updated_at = DateTimeField(default=now_to_the_second)


class EditingLease(BaseModel):
    """"X is editing this entry": held by one program (client) while its editor is open, renewed by a
    heartbeat; a lease whose heartbeat is older than services/editing_lease.STALE_AFTER is ignored. Times
    come from the database's clock, so clerks' PCs with wrong clocks still agree."""

    entity = CharField()  # ledger_entry / meeting
    entity_id = IntegerField()
    holder = CharField()  # the clerk's name as the change log shows it
    client = CharField()  # one program run (services/editing_lease.client_id)
    since = DateTimeField()
    heartbeat = DateTimeField(index=True)

    class Meta:
        indexes = ((("entity", "entity_id", "client"), True),)
