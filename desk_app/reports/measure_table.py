"""A task printed once with its measures under it: the task's cells merged down the height of its measure
rows, the measure columns ruled row by row (published 重点任务分工 tables are laid out this way).

A group that does not fit the page goes to the next one whole when it can; a group taller than a page
breaks between measure rows, the task's texts continuing in the next fragment with 序号（续） and its
问题编号 repeated, as table.Table does for one long row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desk_app.services import ledger_columns, measures
from desk_app.services.measures import MeasureRecord

from .layout import LINES, RED, Document
from .table import CONTINUED, Table, TableColumn, advise_on_widths, fit_widths


@dataclass(frozen=True)
class Nesting:
    """Which printed columns a measure fills (by label), and how: column label -> value(measure)."""

    by_label: dict[str, Callable[[MeasureRecord], str]]
    month: str | None = None  # whose 本月进展 a progress column shows
    red_labels: frozenset[str] = frozenset()  # columns shown red for an overdue measure


def responsible_text(m: MeasureRecord) -> str:
    if m.responsible_name and m.department_name:
        return f"{m.responsible_name}（{m.department_name}）"
    return m.responsible_name or m.department_name


def status_text(m: MeasureRecord) -> str:
    return f"{m.status}（逾期）" if m.is_overdue else m.status


def nesting_for(labels: dict[str, str], month: str | None = None, progress_label: str = "") -> Nesting:
    """A Nesting for printed columns named by ledger column key -> label as printed."""
    by_label: dict[str, Callable] = {}
    if "measures" in labels:
        by_label[labels["measures"]] = lambda m: f"{m.seq}. {m.content}"
    if "responsible" in labels:
        by_label[labels["responsible"]] = responsible_text
    elif "department" in labels:
        by_label[labels["department"]] = lambda m: m.department_name
    if "deadline" in labels:
        by_label[labels["deadline"]] = ledger_columns.deadline_text
    if "status" in labels:
        by_label[labels["status"]] = status_text
    if "completed_date" in labels:
        by_label[labels["completed_date"]] = lambda m: ledger_columns.cn_date(m.completed_date)
    if progress_label:
        by_label[progress_label] = lambda m: m.month_progress or ("—" if m.status in measures.DONE_MEASURE_STATUSES
                                                                  else "（本月未报）")
    red = frozenset(labels[k] for k in ("deadline", "status") if k in labels)
    return Nesting(by_label, month, red)


class GroupedTable(Table):
    """Table with add_group: one task, its measures below it."""

    def add_group(self, parent: list[str], subs: list[list[str]], measure_cols: set[int],
                  parent_colors: list | None, sub_colors: list[list | None], keep_after: float = 0.0) -> None:
        parent_cells = self.measure(parent)
        sub_cells = [self.measure(values) for values in subs]
        heights = [max(1, *(len(cells[c]) for c in measure_cols)) for cells in sub_cells]
        parent_cols = [c for c in range(len(self.columns)) if c not in measure_cols]
        need = max((len(parent_cells[c]) for c in parent_cols), default=1)
        if sum(heights) < need:
            heights[-1] += need - sum(heights)
        remaining = {c: list(parent_cells[c]) for c in parent_cols}
        repeat = {c: list(parent_cells[c]) for c in self.repeat_columns if c in parent_cols}
        whole = sum(h * self.leading + 2 * self.padding for h in heights)
        page_room = self.doc.setup.frame_height - self.continued_height
        if whole + keep_after > self.doc.space_left() + 0.01 and whole + keep_after <= page_room:
            self.doc.new_page()  # the whole task on the next page rather than split
        i, first = 0, True
        while i < len(subs):
            room = self.doc.space_left() + 0.01
            take, used = 0, 0.0
            while i + take < len(subs):
                h = heights[i + take] * self.leading + 2 * self.padding
                last = i + take == len(subs) - 1
                if used + h + (keep_after if last else 0.0) > room:
                    break
                used += h
                take += 1
            if take == 0:
                if self.doc.cursor > self.continued_height + 0.01:
                    self.doc.new_page()
                    continue
                take = 1  # one measure taller than a page: printed on its own page, cut by the page
            lines = sum(heights[i:i + take])
            cells = []
            for c in range(len(self.columns)):
                if c in measure_cols:
                    cells.append([])
                    continue
                part, remaining[c] = remaining[c][:lines], remaining[c][lines:]
                if not first and c in repeat and not part:
                    part = repeat[c] + ([CONTINUED] if c == self.repeat_columns[0] else [])
                cells.append(part)
            self._emit_fragment(cells, [sub_cells[k] for k in range(i, i + take)], heights[i:i + take],
                                measure_cols, parent_colors, sub_colors[i:i + take])
            i += take
            first = False
            if i < len(subs):
                self.doc.new_page()

    def _emit_fragment(self, parent_cells, sub_cells, heights, measure_cols, parent_colors, sub_colors) -> None:
        doc = self.doc
        top = doc.y()
        row_heights = [h * self.leading + 2 * self.padding for h in heights]
        total = sum(row_heights)
        self._cell_texts(parent_cells, top, total, self.font, self.size, self.leading, colors=parent_colors)
        y = top
        segments = []
        for cells, h, colors in zip(sub_cells, row_heights, sub_colors, strict=True):
            shown = [cells[c] if c in measure_cols else [] for c in range(len(self.columns))]
            self._cell_texts(shown, y, h, self.font, self.size, self.leading, colors=colors)
            y -= h
            segments += [(self.xs[c], y, self.xs[c + 1], y) for c in measure_cols]
        bottom = top - total
        segments.append((self.xs[0], bottom, self.xs[-1], bottom))
        segments += [(x, top, x, bottom) for x in self.xs]
        doc.op(LINES, segments, 0.5)
        doc.advance(total)


def draw_nested_table(doc: Document, columns: list, batches: Iterable[list], total: int, nesting: Nesting, *,
                      size: float, label: str, empty_text: str = "（无符合条件的记录）",
                      keep_with_last: float = 0.0) -> int:
    """ledger_pdf.draw_table for tasks with measures: each task once, its measures in rows under it.
    `columns` are ledger_pdf.PrintColumns; returns the number of tasks."""
    from .ledger_pdf import SERIAL  # noqa: PLC0415 - ledger_pdf calls this module

    measure_cols = {i for i, c in enumerate(columns) if c.label in nesting.by_label}
    items = []  # (values, colors, [(measure values, colors)])
    number = 0
    for batch in batches:
        found = measures.measures_of_entries([r.id for r in batch], nesting.month)
        for record in batch:
            number += 1
            values = [c.value(record, number) for c in columns]
            colors = [c.color(record) if c.color else None for c in columns]
            subs = []
            for m in found.get(record.id, []):
                sub = [nesting.by_label[c.label](m) if i in measure_cols else "" for i, c in enumerate(columns)]
                red = m.is_overdue
                subs.append((sub, [RED if red and c.label in nesting.red_labels else None for c in columns]))
            items.append((values, colors, subs))
        doc.check(0, total, label)
    table_columns = [TableColumn(c.label, c.weight, c.align, c.whole,
                                 CONTINUED if c.label == SERIAL and c.repeat else c.min_text, c.repeat, c.cap)
                     for c in columns]
    rows = [values for values, _, subs in items] + [s for _, _, subs in items for s, _ in subs]
    widths = fit_widths(table_columns, rows, doc.fonts.body, size, doc.width, header_font=doc.fonts.heading,
                        header_size=size + 0.5)
    advise_on_widths(doc, table_columns, widths, size, rows)
    table = GroupedTable(doc, table_columns, size=size, header_size=size + 0.5, widths=widths)
    table.begin()
    for i, (values, colors, subs) in enumerate(items, start=1):
        keep = keep_with_last if i == number else 0.0
        if subs:
            table.add_group(values, [s for s, _ in subs], measure_cols, colors, [c for _, c in subs], keep)
        else:
            table.add_row(values, colors, keep_after=keep)
        if i % 25 == 0:
            doc.check(i, total, label)
    if number == 0:
        table.add_note(empty_text)
    table.end()
    return number


def with_plans(batches: Iterable[list], month: str, store: dict) -> Iterable[list]:
    """Batches of entries, each batch's 序时进度 states loaded into `store` before it is drawn."""
    from desk_app.services import progress_plan  # noqa: PLC0415

    for batch in batches:
        store.clear()
        store.update(progress_plan.states(batch, month))
        yield batch


def schedule_column(store: dict):
    """月度序时进度: the plan and the reported % as of the month (滞后 in red), else the schedule text."""
    from .ledger_pdf import PrintColumn  # noqa: PLC0415

    def value(e, n):
        state = store.get(e.id)
        text = state.text() if state is not None else ""
        return text or e.schedule

    def color(e):
        state = store.get(e.id)
        return RED if state is not None and state.lagging else None

    return PrintColumn("月度序时进度", 12, value, color=color)
