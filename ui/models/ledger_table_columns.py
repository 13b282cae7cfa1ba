"""The ledger table's default columns and their order on screen.

The table has its own order (print and Excel keep ledger_columns' order): 整改时限 and 状态 follow 问题表现 so
that a 1280-wide screen shows them without scrolling sideways. Read by the model, the table and the column
dialog.
"""

from __future__ import annotations

from desk_app.services import ledger_columns

TABLE_ORDER = ["code", "layer", "owner", "category", "description", "deadline", "status", "department",
               "responsible", "leader", "target", "measures"]


def table_default_keys() -> list[str]:
    """The default columns of ledger_columns, in the table's order."""
    defaults = ledger_columns.default_column_keys()
    ordered = [k for k in TABLE_ORDER if k in defaults]
    return ordered + [k for k in defaults if k not in ordered]
