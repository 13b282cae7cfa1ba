"""Printed tasks with measures: the task once, its measures in rows under it; 序时进度 with 滞后; the
statistics counted both ways (牵头 and 配合)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from print_helpers import bad_breaks, laid_out_lines, page_texts

from desk_app.domain import EntryKind
from desk_app.reports import registry
from desk_app.reports.options import PrintOptions
from desk_app.services import ledger_query, measures, progress_plan
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.progress_plan import PlanMonth


def _build(kind, options):
    doc = registry.get_kind(kind).build(options)
    return doc, "".join("".join(t.split()) for t in page_texts(doc.render()))


def _task_with_measures():
    tasks = ledger_query.fetch_entries(LedgerFilter(kinds=[EntryKind.KEY_TASK]))
    return next(t for t in tasks if len(measures.measures_of(t.id)) >= 2)


def test_key_task_ledger_prints_a_task_once_with_its_measures_and_the_lag(demo):
    task = _task_with_measures()
    found = measures.measures_of(task.id)
    # A long measure text: its row grows, the task's merged cells keep to the group.
    measures.update_measure(found[0].id, replace(found[0].as_input(), content=found[0].content + "，" + "细化到月" * 40))
    behind = next(t for t in ledger_query.fetch_entries(LedgerFilter(kinds=[EntryKind.KEY_TASK], open_only=True)))
    progress_plan.set_plan(behind.id, [PlanMonth("2026-06", 60, 20)])
    doc, text = _build("key-tasks", PrintOptions())
    topic = task.description.rstrip("。")
    assert text.count(topic) == 1 + sum(topic in m.content for m in found)  # the task once (the demo's
    # measures name their task in their own text)
    for n, m in enumerate(found, start=1):
        assert f"{n}.{m.content[:12]}" in text
    assert "计划60%，实际20%，滞后40个百分点" in text
    assert not bad_breaks(laid_out_lines(doc))
    rows = [op for page in doc.pages for op in page.ops if op[0] == "T" and op[5] == task.code]
    assert len(rows) <= 1  # the 编号 is not a column here; nothing repeats it


def test_ledger_print_nests_measures_when_the_measures_column_is_chosen(demo):
    task = _task_with_measures()
    options = PrintOptions(filter=LedgerFilter(kinds=[EntryKind.KEY_TASK]),
                           columns=["code", "description", "measures", "department", "responsible", "deadline",
                                    "status"])
    doc, text = _build("ledger", options)
    assert text.count(task.code) == 1
    first = measures.measures_of(task.id)[0]
    assert f"1.{first.content[:10]}" in text
    bare = replace(options, columns=["code", "description", "department", "status"])
    _, plain = _build("ledger", bare)
    assert f"1.{first.content[:10]}" not in plain and plain.count(task.code) == 1


def test_stats_print_counts_departments_both_ways(demo):
    _, text = _build("stats", PrintOptions())
    assert "按科室（牵头与配合）" in text and "配合事项" in text


def test_a_measure_group_taller_than_a_page_breaks_between_measures(demo):
    task = _task_with_measures()
    long = "推进" * 300
    measures.set_measures(task.id, [measures.MeasureInput(f"措施{i}：{long}", deadline=date(2026, 12, 1))
                                    for i in range(1, 5)])
    doc, text = _build("key-tasks", PrintOptions(filter=LedgerFilter(kinds=[EntryKind.KEY_TASK])))
    for i in range(1, 5):
        assert f"{i}.措施{i}：" in text
    assert "（续）" in text
