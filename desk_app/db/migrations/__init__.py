"""Numbered schema migrations keyed on PRAGMA user_version.

To change the schema: add mNNNN_what.py with an ``upgrade(db)`` function, append it to MIGRATIONS,
and change the models to match. A migration never imports the live models.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    m0001_initial,
    m0002_search_index,
    m0003_ledger_list_indexes,
    m0004_ledger_filter_index,
    m0005_ledger_kind_order_index,
    m0006_ledger_code_order,
    m0007_ledger_tally,
    m0008_month_freeze,
    m0009_person_pinyin,
    m0010_rankings_registers,
    m0011_supervision,
    m0012_versions_roles,
    m0013_measures,
    m0014_receipt_recheck,
    m0015_ledger_department_order,
    m0020_department_unit,
)

MIGRATIONS: list[ModuleType] = [
    m0001_initial,
    m0002_search_index,
    m0003_ledger_list_indexes,
    m0004_ledger_filter_index,
    m0005_ledger_kind_order_index,
    m0006_ledger_code_order,
    m0007_ledger_tally,
    m0008_month_freeze,
    m0009_person_pinyin,
    m0010_rankings_registers,
    m0011_supervision,
    m0012_versions_roles,
    m0013_measures,
    m0014_receipt_recheck,
    m0015_ledger_department_order,
    m0020_department_unit,
]

LATEST_VERSION = len(MIGRATIONS)
