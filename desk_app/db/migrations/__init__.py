"""Numbered schema migrations keyed on PRAGMA user_version.

To change the schema: add mNNNN_what.py with an ``upgrade(db)`` function, append its name to NAMES,
and change the models to match. A migration never imports the live models.

Opening a database that is already current reads its version and compares it with LATEST_VERSION,
the length of NAMES: the migration modules (and what they import) load only when ``MIGRATIONS`` is
first asked for, which happens when a database is behind (or for the PostgreSQL schema, a copy, tests).
"""

from __future__ import annotations

import importlib
from types import ModuleType

NAMES: tuple[str, ...] = (
    "m0001_initial",
    "m0002_search_index",
    "m0003_ledger_list_indexes",
    "m0004_ledger_filter_index",
    "m0005_ledger_kind_order_index",
    "m0006_ledger_code_order",
    "m0007_ledger_tally",
    "m0008_month_freeze",
    "m0009_person_pinyin",
    "m0010_rankings_registers",
    "m0011_supervision",
    "m0012_versions_roles",
    "m0013_measures",
    "m0014_receipt_recheck",
    "m0015_ledger_department_order",
    "m0016_department_unit",
)

LATEST_VERSION = len(NAMES)


def _load() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in NAMES]


def __getattr__(name: str):
    """``MIGRATIONS`` (the modules in order) imported on first use, then kept as a module attribute."""
    if name == "MIGRATIONS":
        migrations = _load()
        globals()["MIGRATIONS"] = migrations
        return migrations
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
