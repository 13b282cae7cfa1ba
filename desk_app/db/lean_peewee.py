"""peewee without the PostgreSQL driver until PostgreSQL is used.

peewee imports psycopg (and with it asyncio, ssl and sockets) as it is itself imported: a third of a
second before the first window on a clerk's PC that only ever opens its SQLite file (measured with
``python -X importtime``). This module, imported first by ``desk_app.db``, imports peewee with psycopg
hidden; ``attach_psycopg()``, called by the PostgreSQL engine before it connects, then hands peewee the
driver exactly as peewee's own import would have.

Three standard modules peewee imports at its top are used only inside its functions (hashlib for long index
names, uuid for UUID fields and server-side cursors, calendar for timestamp fields): loading them (OpenSSL's
library, the platform probe) is 10-15 ms of CPU before the first window that an SQLite ledger never uses.
peewee gets stand-ins that import the real module when peewee first uses it (_Deferred); nothing else sees them.
"""

from __future__ import annotations

import importlib
import sys
import types

DRIVER = "psycopg"
DEFERRED = ("hashlib", "uuid", "calendar")


class _Deferred(types.ModuleType):
    """Stands for a standard module in peewee's namespace until peewee first reads one of its names."""

    def __getattr__(self, name: str):
        module = importlib.import_module(self.__name__)
        owner = sys.modules.get("peewee")
        if owner is not None and getattr(owner, self.__name__, None) is self:
            setattr(owner, self.__name__, module)  # from now on peewee reads the real module directly
        return getattr(module, name)


def _import_peewee():
    if "peewee" in sys.modules:
        return sys.modules["peewee"]
    hide = DRIVER not in sys.modules
    if hide:
        sys.modules[DRIVER] = None  # `import psycopg` inside peewee raises ImportError: peewee notes "no driver"
    stand_ins = {name: _Deferred(name) for name in DEFERRED if name not in sys.modules}
    sys.modules.update(stand_ins)  # peewee's `import hashlib` binds the stand-in
    try:
        import peewee  # noqa: PLC0415
    finally:
        if hide and sys.modules.get(DRIVER, False) is None:
            del sys.modules[DRIVER]
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]  # any other importer gets the real module
    return peewee


peewee = _import_peewee()


def attach_psycopg() -> None:
    """Give peewee psycopg 3 as its import would have (the names peewee 4's Psycopg3Adapter reads).

    ImportError when psycopg is not installed; nothing to do when peewee already has it."""
    if getattr(peewee, "psycopg", None) is not None or not hasattr(peewee, "Psycopg3Adapter"):
        return
    import psycopg  # noqa: PLC0415
    from psycopg.pq import TransactionStatus  # noqa: PLC0415
    from psycopg.types.json import Json, Jsonb  # noqa: PLC0415

    peewee.TransactionStatus, peewee.Json_pg3, peewee.Jsonb_pg3 = TransactionStatus, Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown = (
        TransactionStatus.IDLE, TransactionStatus.INERROR, TransactionStatus.UNKNOWN)
    peewee.psycopg = psycopg  # last: PostgresqlDatabase takes the psycopg 3 adapter once this is set
