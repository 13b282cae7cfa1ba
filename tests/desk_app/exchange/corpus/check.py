"""Import one corpus ledger without any mapping (create missing units and people, as the wizard's
checkbox does) into the open, empty database, and compare every entry with what the layout expects.

`python tests/desk_app/exchange/corpus/check.py` prints the table: rows in sheet / rows landed
without mapping / fields right."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from corpus.build import build
    from corpus.layouts import LAYOUTS
    from corpus.model import Layout
else:
    from .build import build
    from .layouts import LAYOUTS
    from .model import Layout


@dataclass
class LayoutResult:
    layout: Layout
    rows_in_sheet: int  # non-empty rows under the header
    entry_rows: int  # of them, the rows that are entries
    landed: int
    fields_right: int = 0
    fields_checked: int = 0
    mismatches: list[str] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)
    plan_text: str = ""

    def line(self) -> str:
        return (f"| {self.layout.name} | {self.rows_in_sheet} | {self.entry_rows} | {self.landed} | "
                f"{self.fields_right}/{self.fields_checked} |")


def _person(person, title: bool = False):
    if person is None:
        return None
    return person.title if title else person.name


def actual(entry, key: str):
    from desk_app.db.models import ProgressUpdate

    if key == "d":
        return entry.description
    if key == "dept":
        return entry.department.name if entry.department_id else None
    if key == "co":
        return entry.co_departments
    if key in ("leader", "resp", "owner"):
        return _person({"leader": entry.leader, "resp": entry.responsible, "owner": entry.owner}[key])
    if key.endswith("_title"):
        return _person({"leader": entry.leader, "resp": entry.responsible}[key[:-6]], title=True)
    if key == "dl":
        if entry.deadline_type != "按期":
            return entry.deadline_type
        return entry.deadline.isoformat() if entry.deadline else None
    if key == "prog":
        texts = [p.text for p in ProgressUpdate.select().where(ProgressUpdate.entry == entry)]
        return "\n".join(texts + [entry.completion_summary])
    if key == "found":
        return entry.found_date.isoformat() if entry.found_date else None
    if key == "assigned":
        return entry.assigned_date.isoformat() if entry.assigned_date else None
    names = {"mode": "rectify_mode", "st": "status", "cat": "category", "sched": "schedule"}
    return getattr(entry, names.get(key, key))


def matches(key: str, got, want) -> bool:
    if key == "d":
        return isinstance(got, str) and got.startswith(want)
    if key in ("note", "prog") and want:
        return isinstance(got, str) and want in got
    return got == want


def run_layout(layout: Layout, folder: Path) -> LayoutResult:
    """The database must be open and empty."""
    from desk_app.db.models import LedgerEntry
    from desk_app.exchange.xlsx_apply import apply_import
    from desk_app.exchange.xlsx_import import ImportOptions, plan_import
    from desk_app.services import campaigns

    path = build(layout, folder)
    campaign = campaigns.create_campaign(f"{layout.campaign_year}年语料导入", layout.campaign_year)
    plan = plan_import(path, ImportOptions(create_missing=True, campaign_id=campaign.id))
    rows_in_sheet = len(plan.rows) + len(plan.skipped)
    result = LayoutResult(layout, rows_in_sheet, len(layout.entry_rows()), 0, plan_text=plan.report_text(None))
    result.skipped = {s.row: s.reason for s in plan.skipped}
    if plan.valid_rows:
        apply_import(plan, skip_invalid=True)
    created = {r.row: e for r, e in zip(plan.valid_rows, LedgerEntry.select().order_by(LedgerEntry.id), strict=False)}
    result.landed = len(created)
    for row, expected in layout.entry_rows():
        entry = created.get(row)
        for key, want in expected.items():
            result.fields_checked += 1
            if entry is None:
                result.mismatches.append(f"第 {row} 行没有导入")
                continue
            got = actual(entry, key)
            if matches(key, got, want):
                result.fields_right += 1
            else:
                result.mismatches.append(f"第 {row} 行 {key}: {got!r} ≠ {want!r}")
    for row, skip in layout.skipped_rows():
        if skip.reason not in result.skipped.get(row, ""):
            result.mismatches.append(f"第 {row} 行应跳过（{skip.reason}），实际：{result.skipped.get(row, '未跳过')}")
    return result


def table(results: list[LayoutResult]) -> str:
    lines = ["| 语料文件 | 表中行数 | 其中事项 | 不设列对应即导入 | 字段正确 |", "|---|---|---|---|---|"]
    lines += [r.line() for r in results]
    total = [sum(getattr(r, a) for r in results) for a in ("rows_in_sheet", "entry_rows", "landed",
                                                           "fields_right", "fields_checked")]
    lines.append(f"| 合计 | {total[0]} | {total[1]} | {total[2]} | {total[3]}/{total[4]} |")
    return "\n".join(lines)


def main() -> int:
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.services import context

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for layout in LAYOUTS:
            paths.set_data_dir(Path(tmp) / layout.name)
            open_database()
            context.set_actor("语料")
            results.append(run_layout(layout, Path(tmp)))
            close_database()
    print(table(results))
    for r in results:
        for m in r.mismatches:
            print(f"{r.layout.name}: {m}")
    return 0 if all(not r.mismatches for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
