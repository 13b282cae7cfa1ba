"""Tasks with measures in Excel, written and read the way published 重点任务分工 tables are laid out.

Export: the task's own row (序号 1), then one row per measure (序号 1.1, 1.2 …) holding the measure in the
具体措施/整改措施 column and its 责任人（责任单位）, 时限, 状态 and 完成日期 in theirs; the task's other cells are
merged down over its measure rows. Import (read_groups) recognises such a group by the merged cells or
the 1.1 numbering, and also the published layout in which every row of a merged task is a measure (the
first row being the task too), or a task row followed by rows with only measure columns filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desk_app.db.models import Measure
from desk_app.services import ledger_columns, measures
from desk_app.services.measures import MeasureInput

from .xlsx_layout import SheetRow, row_height, typed
from .xlsx_match import measure_changes

# The ledger columns a measure fills in its own row; the task's other columns are merged over them.
MEASURE_KEYS = ("measures", "responsible", "deadline", "status", "completed_date")
SUB_SERIAL = re.compile(r"^\s*(\d+)\s*[.．\-－]\s*(\d+)\s*$")
PERSON_AND_UNIT = re.compile(r"^(.+?)\s*[（(]\s*(.+?)\s*[）)]$")


def _responsible(m) -> str:
    if m.responsible_name and m.department_name:
        return f"{m.responsible_name}（{m.department_name}）"
    return m.responsible_name or m.department_name


DONE_ON = re.compile(r"^(已完成|完成|长期坚持)\s*[（(]\s*(.+?)\s*(?:完成)?\s*[）)]$")


def measure_values(m, key: str, keys: tuple = ()) -> str:
    if key == "measures":
        return m.content
    if key == "responsible":
        return _responsible(m)
    if key == "deadline":
        return ledger_columns.deadline_text(m)
    if key == "status":
        if m.completed_date and "completed_date" not in keys:  # when it was done, in the one cell there is
            return f"{m.status}（{ledger_columns.cn_date(m.completed_date)}）"
        return f"{m.status}（逾期）" if m.is_overdue else m.status
    if key == "completed_date":
        return ledger_columns.cn_date(m.completed_date)
    return ""


@dataclass
class Nesting:
    """Measure rows to write under the rows of one sheet, and the merges that join the task's cells."""

    keys: list[str]  # the sheet's column keys, "serial" first
    by_entry: dict[int, list] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # sheet-relative rows, inclusive

    @classmethod
    def for_sheet(cls, column_keys: list[str], entry_ids: list[int]) -> Nesting | None:
        """None when the sheet has no 措施 column or none of its entries has measures."""
        if "measures" not in column_keys or not entry_ids:
            return None
        # Most entries have no measures: the ones that do are picked first (one short query), so that
        # 100,000 ids are not sent to the database in chunks of 900 to find a few hundred.
        having = {r[0] for r in Measure.select(Measure.entry).where(Measure.deleted_at.is_null()).distinct().tuples()}
        found = measures.measures_of_entries([i for i in entry_ids if i in having]) if having else {}
        return cls(["serial", *column_keys], found) if found else None

    def insert(self, records: list[SheetRow], entry_ids: list[int], widths: list[float]) -> list[SheetRow]:
        """The sheet's rows with each task's measure rows after it (and after its 续 rows)."""
        out: list[SheetRow] = []
        entry = -1
        pending: list = []
        start = 0
        continued = False

        def flush():
            if not pending:
                return
            serial = str(entry + 1)
            first = len(out)
            for n, m in enumerate(pending, start=1):
                values = [f"{serial}.{n}" if k == "serial" else
                          (measure_values(m, k, tuple(self.keys)) if k in MEASURE_KEYS else "") for k in self.keys]
                out.append(SheetRow(typed(values), row_height(values, widths), continued=True))  # not counted
            if not continued:  # a task spilled over 续 rows is not merged (its text would be hidden)
                self.merges += [(start, c, first + len(pending) - 1, c) for c, k in enumerate(self.keys)
                                if k != "serial" and k not in MEASURE_KEYS]

        for record in records:
            if not record.continued:
                flush()
                entry += 1
                pending = self.by_entry.get(entry_ids[entry], []) if entry < len(entry_ids) else []
                start, continued = len(out), False
            else:
                continued = True
            out.append(record)
        flush()
        return out


def apply_merges(ws, merges: list[tuple[int, int, int, int]], first_row: int) -> None:
    """Register the merged ranges once their rows are written. XlsxWriter's merge_range writes blank cells
    into every row of the range, which its constant-memory mode (rows streamed in order) cannot take back;
    the rows already hold their formatted blanks, so only the range itself is recorded."""
    for r1, c1, r2, c2 in merges:
        if r2 > r1:
            ws.merge.append([first_row + r1, c1, first_row + r2, c2])  # noqa: SLF001 - see above


# -- import -----------------------------------------------------------------------------------------
@dataclass
class Group:
    parent: int  # index into the sheet's data rows
    measures: list[int]  # indexes of its measure rows (the parent's own may be among them)
    measure_columns: set[int]  # columns holding a measure's own value
    parent_is_measure: bool = False  # published layout: the first row is the task and its first measure


def _text(value) -> str:
    if value.__class__ is str:
        return value.strip()
    return "" if value is None else str(value).strip()


def _cell(values: list, column: int) -> str:
    return _text(values[column]) if column < len(values) else ""


def _run(rows: list, start: int, test, *, with_number: bool = False) -> list[int]:
    """Indexes of the consecutive rows from `start` that pass `test(cells)` (or `test(cells, number)`)."""
    found = []
    for j in range(start, len(rows)):
        number, cells, _ = rows[j]
        if not (test(cells, number) if with_number else test(cells)):
            break
        found.append(j)
    return found


def read_groups(raw, rows: list[tuple[int, list, set[int]]], mapping: dict[int, str]) -> list[Group]:
    """Tasks with measures among the data rows (1-based sheet row numbers in `rows`)."""
    by_key: dict[str, list[int]] = {}
    for index, key in mapping.items():
        by_key.setdefault(key, []).append(index)
    measure_cols = {c for k in MEASURE_KEYS for c in by_key.get(k, [])}
    if not by_key.get("measures"):
        return []
    description = by_key.get("description", [])
    serial_col = 0  # 序号: the first column in every layout the import knows
    merged_down: dict[tuple[int, int], int] = {}  # (sheet row 0-based, col) -> first row of its vertical merge
    for r1, c1, r2, c2 in raw.merged:
        if r2 > r1:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    merged_down[(r, c)] = r1
    allowed = measure_cols | {serial_col}  # what a follow-on measure row may fill
    groups: list[Group] = []
    i = 0
    while i < len(rows):
        number, values, _ = rows[i]
        r = number - 1
        serial = _cell(values, serial_col)
        # Our layout: a task row, then rows numbered 1.1, 1.2 … (merged or not).
        subs = _run(rows, i + 1, lambda cells, serial=serial: bool(
            (m := SUB_SERIAL.match(_cell(cells, serial_col))) and m.group(1) == serial))
        if subs:
            groups.append(Group(i, subs, measure_cols))
            i = subs[-1] + 1
            continue
        # Published layout: the task's cells merged down over several rows, a measure on each. Every column
        # of the task's text must be merged: a merged 反馈意见 over rows whose 问题 differ is several entries.
        if description and all(merged_down.get((r, c)) == r for c in description):
            block = [i] + _run(rows, i + 1, lambda cells, number, r=r: all(
                merged_down.get((number - 1, c)) == r for c in description), with_number=True)
            if len(block) > 1:
                per_row = {c for c in mapping if mapping[c] not in ("", "ignore", "keep")
                           and not any((rows[b][0] - 1, c) in merged_down for b in block[1:])}
                groups.append(Group(i, block, per_row | measure_cols - {c for c in measure_cols
                                                                        if (r, c) in merged_down},
                                    parent_is_measure=True))
                i = block[-1] + 1
                continue
        # A task row followed by rows with only measure columns filled.
        # (Nothing filled outside the measure columns — looked at up to the first such cell — and a measure.)
        subs = _run(rows, i + 1, lambda cells: not any(_text(v) for c, v in enumerate(cells) if c not in allowed)
                    and any(_cell(cells, c) for c in by_key["measures"]))
        if subs:
            groups.append(Group(i, subs, measure_cols))
            i = subs[-1] + 1
            continue
        i += 1
    return groups


STATUS_OF_ENTRY = {"未启动": measures.NOT_STARTED, "推进中": measures.IN_PROGRESS, "申请销号": measures.IN_PROGRESS,
                   "已销号": measures.DONE, "长期坚持": measures.ONGOING}


def read_measure(values: list, columns: set[int], mapping: dict[int, str], readers, names,
                 found_date) -> tuple[MeasureInput | None, list[str], list[str]]:
    """One measure from a row's measure columns: (measure, problems, readings)."""
    from .dates import DateParseError, parse_date  # noqa: PLC0415

    problems, readings = [], []
    cell = {mapping[c]: values[c] for c in sorted(columns) if c < len(values) and _text(values[c])}
    content = _text(cell.get("measures"))
    if not content:
        return None, problems, readings
    department_id = responsible_id = None
    who = _text(cell.get("responsible"))
    unit = _text(cell.get("department"))
    if who:
        found = PERSON_AND_UNIT.match(who)
        name, inner = (found.group(1), found.group(2)) if found else (who, "")
        if names.is_department(name) and not inner:  # only a department written
            name, unit = "", name
        if inner and names.is_department(inner):
            unit = unit or inner
        if name:
            responsible_id = names.measure_person(name, unit)  # with 自动新建, one the import creates
            if responsible_id is None:
                problems.append(f"措施责任人“{name}”不在人员名单中，未关联（可先在设置中添加）")
    if unit:
        department_id = names.measure_department(unit)
        if department_id is None:
            problems.append(f"措施责任单位“{unit}”不在科室（单位）列表中，未关联")
    deadline_type, deadline = "按期", None
    if _text(cell.get("deadline")):
        try:
            read = readers.deadline.read(cell["deadline"], base=found_date)
            deadline_type, deadline = read.kind, read.when
            if read.note:
                readings.append(read.note)
        except DateParseError as exc:
            problems.append(str(exc))
    status = measures.NOT_STARTED
    completed = None
    done_on = DONE_ON.match(_text(cell.get("status")))
    if done_on:  # "已完成（2026年6月20日）"
        try:
            completed = parse_date(done_on.group(2))
            cell["status"] = done_on.group(1).replace("完成", "已完成").replace("已已", "已")
        except DateParseError:
            pass
    if _text(cell.get("status")):
        word = _text(cell["status"])
        if word in measures.MEASURE_STATUSES:
            status = word
        else:
            reading = readers.status.read(word)
            status = STATUS_OF_ENTRY.get(reading.status, measures.IN_PROGRESS) if reading else measures.IN_PROGRESS
            readings.append(f"措施状态“{word}” → {status}")
    if _text(cell.get("completed_date")):
        try:
            completed = parse_date(cell["completed_date"])
        except DateParseError as exc:
            problems.append(str(exc))
    return MeasureInput(content, department_id, responsible_id, deadline_type, deadline, status, completed), \
        problems, readings


def attach(row_plan, group: Group, rows: list, mapping: dict[int, str], builder) -> int:
    """The group's measures read onto the task's RowPlan (problems and readings noted on it); returns
    how many were read."""
    from .xlsx_plan import RowProblem  # noqa: PLC0415

    found = []
    for index in group.measures:
        number, values, _ = rows[index]
        measure, problems, readings = read_measure(values, group.measure_columns, mapping, builder.readers,
                                                   builder.names, row_plan.data.found_date)
        row_plan.warnings += [RowProblem(number, "措施", p) for p in problems]
        row_plan.readings += [RowProblem(number, "措施", r) for r in readings]
        if measure is not None:
            found.append(measure)
    if group.parent_is_measure and found:
        row_plan.data.measures = ""  # the task's 具体措施 are its measures now
    earliest = min((m.deadline for m in found if m.deadline), default=None)
    found_date = row_plan.data.found_date
    if earliest and found_date and earliest < found_date:
        if "found_date" in mapping.values():
            row_plan.problems.append(RowProblem(row_plan.row, "措施", f"措施时限 {earliest.isoformat()} 早于事项的发现日期"))
        else:  # the date was assumed (no 发现日期 column): as for the task's own deadline, the earlier one
            row_plan.data.found_date = earliest
    row_plan.measures = found
    if row_plan.existing is not None:
        change = measure_changes(measures.measures_of(row_plan.existing.id), found, builder.names.label)
        if change:
            row_plan.changes.append(change)
    return len(found)


def matched_to_existing(entry_id: int, found: list[MeasureInput]) -> list[MeasureInput]:
    """Imported measures given the uuids of the entry's measures with the same text, so an update keeps
    their rows (and their monthly progress)."""
    from dataclasses import replace  # noqa: PLC0415

    free = {}
    for m in measures.measures_of(entry_id):
        free.setdefault(m.content, []).append(m.uuid)
    return [replace(m, uuid=free[m.content].pop(0)) if free.get(m.content) else m for m in found]


def store(new: list[tuple[int, object]], updated: list[object]) -> None:
    """Write the measures of an accepted import (the import's transaction): new tasks' and updated ones'."""
    from desk_app.db.models import LedgerEntry  # noqa: PLC0415

    measures.create_for_entries([(entry_id, row.measures) for entry_id, row in new if row.measures])
    for row in updated:
        if row.measures:
            entry = LedgerEntry.get_by_id(row.existing.id)
            measures.apply(entry, matched_to_existing(entry.id, row.measures))
