"""统计 tables add up: a 其他事项（无层级） row for what has no layer, the rest of the categories in one
row, and 合计 — in the service the page uses and in the printed summary."""

from __future__ import annotations

import subprocess

import pytest

from desk_app.reports import registry
from desk_app.reports.options import PrintOptions
from desk_app.reports.stats_rows import OTHER_LAYER, TOTAL, breakdown_table
from desk_app.services.ledger_query import LedgerFilter, summarize


@pytest.mark.parametrize("dimension,limit", [("layer", None), ("department", None), ("task_force", None),
                                             ("category", None), ("category", 5)])
def test_rows_add_up_to_the_whole_ledger(demo, dimension, limit):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    s = summarize(f)
    table = breakdown_table(f, dimension, limit)
    parts = [*table.groups, *table.rest]
    assert table.total.key == TOTAL
    assert (table.total.total, table.total.done, table.total.overdue) == (s.total, s.done, s.overdue)
    assert sum(g.total for g in parts) == s.total and sum(g.overdue for g in parts) == s.overdue
    if dimension == "layer":
        assert [r.key for r in table.rest] == [OTHER_LAYER]
    if limit:
        assert len(table.groups) == limit and table.rest[0].key.startswith("其余")


def test_printed_summary_has_a_total_row_matching_the_overview(demo, tmp_path):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    s = summarize(f)
    path = tmp_path / "stats.pdf"
    registry.render_to_file("stats", PrintOptions(filter=f), path)
    lines = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    totals = [line.split() for line in lines if line.split()[:1] == [TOTAL]]
    assert len(totals) == 4  # 按层级, 按责任单位, 按专班, 按问题类别
    for row in totals:
        assert row[1:5] == [str(s.total), str(s.done), str(s.open), str(s.overdue)]
    other = next(line.split() for line in lines if line.split()[:1] == [OTHER_LAYER])
    layer_total = breakdown_table(f, "layer").rest[0].total
    assert other[1] == str(layer_total) and layer_total > 0
