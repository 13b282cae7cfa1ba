"""统计汇总's 牵头/配合 section: each department's entries counted both ways, those it leads and those it
assists (services/assists.department_roles)."""

from __future__ import annotations

from desk_app.services import assists

from .layout import Document
from .ledger_pdf import PrintColumn, draw_table
from .options import cn_number


def _rate(done: int, total: int) -> str:
    return f"{done / total * 100:.1f}%" if total else "—"


COLUMNS = [
    PrintColumn("序号", 4, lambda r, n: str(n), "c"),
    PrintColumn("科室（单位）", 18, lambda r, n: r.key, "c"),
    PrintColumn("牵头事项", 7, lambda r, n: str(r.led), "c"),
    PrintColumn("牵头已完成", 7, lambda r, n: str(r.led_done), "c"),
    PrintColumn("牵头逾期", 6, lambda r, n: str(r.led_overdue), "c"),
    PrintColumn("牵头完成率", 7, lambda r, n: _rate(r.led_done, r.led), "c"),
    PrintColumn("配合事项", 7, lambda r, n: str(r.assisted), "c"),
    PrintColumn("配合已完成", 7, lambda r, n: str(r.assisted_done), "c"),
    PrintColumn("配合逾期", 6, lambda r, n: str(r.assisted_overdue), "c"),
]


def draw(doc: Document, f, number: int) -> bool:
    """The section numbered `number`, when any entry of the filter has a 配合 department."""
    rows = assists.department_roles(f)
    if not any(r.assisted for r in rows):
        return False
    doc.ensure(26 + 80)
    doc.line_of_text(f"{cn_number(number)}、按科室（牵头与配合）", doc.fonts.heading, 13, leading=26)
    draw_table(doc, COLUMNS, [rows], len(rows), size=9.5, label="正在统计：牵头与配合")
    doc.advance(8)
    return True
