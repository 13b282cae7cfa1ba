"""Schema version 12 (issue 16): several clerks on one database.

* ledger_entry.version and meeting.version: bumped by every write of the row (db/versioned), so a save
  based on an older version is refused with a merge view instead of overwriting someone else's work.
  Existing rows start at 1.
* user_role: a person's role on the shared database (活动办, 专班联络员, 科室联络员, 只读) and the database
  login that acts as that person. Empty on upgrade: a data folder without roles works as before (everyone
  is 活动办).
* editing_lease: who is editing which entry or meeting right now (heartbeat-renewed, stale after a while).

The new tables are declared here as the models stood at this version (a migration never imports the live
models) and created by peewee, so the same migration builds them on SQLite and on PostgreSQL.
"""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model


class _Person(Model):
    class Meta:
        table_name = "person"


class _UserRole(Model):
    person = ForeignKeyField(_Person, unique=True, on_delete="CASCADE", column_name="person_id")
    role = CharField()
    login = CharField(null=True, unique=True)
    updated_at = DateTimeField()

    class Meta:
        table_name = "user_role"


class _EditingLease(Model):
    entity = CharField()
    entity_id = IntegerField()
    holder = CharField()
    client = CharField()
    since = DateTimeField()
    heartbeat = DateTimeField(index=True)

    class Meta:
        table_name = "editing_lease"
        indexes = ((("entity", "entity_id", "client"), True),)


def upgrade(db) -> None:
    for table in ("ledger_entry", "meeting"):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1')
    models = [_UserRole, _EditingLease]
    with db.bind_ctx(models + [_Person]):
        db.create_tables(models, safe=False)
