"""Row versions of ledger entries and meetings: every write of such a row bumps its `version`, here.

Two writers on a shared database (a second clerk's program on the same SQLite file, or on the office's
PostgreSQL server) must never overwrite each other's work unseen. So:

* any UPDATE through peewee — ``Model.update(...)`` and ``instance.save()`` — also sets
  ``version = version + 1`` (computed by the database, never written back from memory);
* ``instance.save()`` writes the fields set since the row was read, and of a row read with its version
  only while the row still has that version (``WHERE id = ? AND version = ?``); a row changed in between
  raises RowChangedError, which the
  service layer's retry (services/concurrency) answers by running the whole service again on fresh rows;
* the few bulk writers that build their own SQL add ``bump_sql()`` to their SET list (a test checks it).

Editors compare the version they showed with the stored one before saving (services/ledger.update_entry,
meetings.update_meeting): a stale save is refused with the fields of both sides, for a merge view.
"""

from __future__ import annotations

from peewee import ModelUpdate

from desk_app.errors import ConcurrentWriteError

VERSION = "version"


class RowChangedError(ConcurrentWriteError):
    """The row a service read changed before the service wrote it back (a concurrent commit)."""

    def __init__(self, table: str, row_id):
        super().__init__(f"这条记录（{table} #{row_id}）刚被其他人修改，刚才的操作没有完成，数据没有改动。请重试。")
        self.table, self.row_id = table, row_id


def bump_sql(column: str = VERSION) -> str:
    """The SET term hand-written UPDATE statements on versioned tables add."""
    return f'"{column}" = "{column}" + 1'


class VersionedMixin:
    """For models with an integer `version` column (declared last in the model, as migration 12 adds it)."""

    @classmethod
    def update(cls, __data=None, **update):
        data = cls._normalize_data(__data, update)
        version = cls._meta.fields[VERSION]
        if version not in data:
            data[version] = version + 1
        return ModelUpdate(cls, data)

    def save(self, force_insert=False, only=None):
        if force_insert or self._pk is None:
            return super().save(force_insert=force_insert, only=only)
        meta = self._meta
        version = meta.fields[VERSION]
        # Only the fields set since the row was read: naming a column in SET makes the database rewrite every
        # index holding it and fire its triggers; the version check guards the rest of the row.
        names = {f.name if hasattr(f, "name") else f for f in only} if only is not None else set(self._dirty)
        values = {f: self.__data__[f.name] for f in meta.sorted_fields
                  if f is not meta.primary_key and f is not version and f.name in self.__data__
                  and f.name in names}
        if not values:
            return 0
        loaded = self.__data__.get(VERSION)
        query = type(self).update(values).where(self._pk_expr())
        if loaded is not None:
            query = query.where(version == loaded)
        rows = query.execute()
        if loaded is not None:
            if rows == 0:
                raise RowChangedError(meta.table_name, self._pk)
            self.__data__[VERSION] = loaded + 1
        self._dirty -= {f.name for f in values}
        return rows
