"""peewee without the PostgreSQL driver until PostgreSQL is used.

peewee imports psycopg (and with it asyncio, ssl and sockets) as it is itself imported: a third of a
second before the first window on a clerk's PC that only ever opens its SQLite file (measured with
``python -X importtime``). This module, imported first by ``desk_app.db``, imports peewee with psycopg
hidden; ``attach_psycopg()``, called by the PostgreSQL engine before it connects, then hands peewee the
driver exactly as peewee's own import would have.
"""

from __future__ import annotations

import sys

DRIVER = "psycopg"


def _import_peewee():
    if "peewee" in sys.modules:
        return sys.modules["peewee"]
    hide = DRIVER not in sys.modules
    if hide:
        sys.modules[DRIVER] = None  # `import psycopg` inside peewee raises ImportError: peewee notes "no driver"
    try:
        import peewee  # noqa: PLC0415
    finally:
        if hide and sys.modules.get(DRIVER, False) is None:
            del sys.modules[DRIVER]
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
