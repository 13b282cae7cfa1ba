"""Issue 14, item 9: exports that work as tables and never lose a line — long texts continue in rows
marked 续 (and read back as one entry), autofilter, validation lists, numbers and dates typed, the
filter stated, CSV without visible quote marks, files with the umask's mode."""

import csv
import os
from datetime import datetime

import pytest
from openpyxl import load_workbook

from desk_app.domain import Layer, Status
from desk_app.exchange.csv_export import export_csv
from desk_app.exchange.ledger_export import LedgerExportOptions
from desk_app.exchange.xlsx_export import export_xlsx
from desk_app.exchange.xlsx_import import ImportOptions, plan_import
from desk_app.exchange.xlsx_layout import MAX_ROW_HEIGHT_PT, split_text
from desk_app.services import campaigns, ledger, org
from desk_app.services.ledger_query import LedgerFilter, count_entries

LONG = "".join(f"第{i}条：对照整改要求逐条核查，建立台账，明确责任，确保满意率达到95%以上。" for i in range(90))


@pytest.fixture
def options(demo):
    return LedgerExportOptions(filter=LedgerFilter(campaign_id=campaigns.current_campaign().id))


@pytest.fixture
def long_entry(demo):
    assert len(LONG) > 3000
    return ledger.create_entry(demo.campaign_id, ledger.EntryInput(layer=Layer.DIVISION, description=LONG,
                                                                   note="+86 138 0000 0000"))


def _rows(ws, first=4):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first)]


def test_a_3000_character_text_continues_in_rows_marked_continued(options, long_entry, tmp_path):
    out = tmp_path / "long.xlsx"
    export_xlsx(options, out)
    ws = load_workbook(out)["台账"]
    labels = [c.value for c in ws[3]]
    code_col, text_col = labels.index("问题编号"), labels.index("问题表现")
    rows = [(r, [c.value for c in ws[r]]) for r in range(4, ws.max_row + 1)]
    start = next(i for i, (_r, v) in enumerate(rows) if v[code_col] == long_entry.code)
    parts = [rows[start]]
    for row in rows[start + 1:]:
        if row[1][0] != "续":
            break
        parts.append(row)
    assert len(parts) >= 3
    assert all(v[code_col] == long_entry.code for _r, v in parts)  # the code on every piece
    assert "".join(v[text_col] for _r, v in parts) == LONG  # nothing cut, nothing doubled
    heights = [ws.row_dimensions[r].height for r in range(4, ws.max_row + 1) if ws.row_dimensions[r].height]
    assert max(heights) <= MAX_ROW_HEIGHT_PT


def test_our_long_export_reads_back_as_the_same_entries(options, long_entry, tmp_path):
    out = tmp_path / "back.xlsx"
    export_xlsx(options, out)
    plan = plan_import(out, ImportOptions(campaign_id=options.filter.campaign_id))
    assert not plan.problems, plan.report_text()[:500]
    own = count_entries(options.filter)
    assert sum(plan.counts()) == own and plan.counts()[0] == 0  # no new entry from a 续 row
    row = next(r for r in plan.rows if r.code == long_entry.code)
    assert row.data.description == LONG


def test_split_text_keeps_every_character_and_prefers_sentence_ends():
    pieces = split_text(LONG, 30.0)
    assert "".join(pieces) == LONG and len(pieces) > 1
    assert sum(p.endswith(("。", "，", "；")) for p in pieces[:-1]) == len(pieces) - 1


def test_table_features_autofilter_lists_numbers_dates(options, tmp_path):
    out = tmp_path / "t.xlsx"
    export_xlsx(options, out)
    wb = load_workbook(out)
    ws = wb["台账"]
    last = ws.max_row - 2  # blank row and signature below the table
    assert ws.auto_filter.ref == f"A3:{ws.cell(3, ws.max_column).column_letter}{last}"
    labels = [c.value for c in ws[3]]
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    for label in ("状态", "层级"):
        letter = ws.cell(3, labels.index(label) + 1).column_letter
        rule = validations[f"{letter}4:{letter}{last}"]
        assert rule.type == "list" and "下拉选项" in rule.formula1
    lists = wb["下拉选项"]
    assert lists.sheet_state == "hidden"
    statuses = [c.value for c in lists["A"]][1:]
    assert set(s.value for s in Status) <= set(statuses)
    assert [ws.cell(r, 1).value for r in range(4, 8)] == [1, 2, 3, 4]  # 序号 as numbers
    deadline = ws.cell(4, labels.index("整改时限") + 1)
    dated = [ws.cell(r, deadline.column).value for r in range(4, last + 1)]
    assert any(isinstance(v, datetime) for v in dated)
    assert "年" in ws.cell(next(r for r in range(4, last + 1) if isinstance(ws.cell(r, deadline.column).value,
                                                                       datetime)), deadline.column).number_format
    summary = wb["统计汇总"]
    rate = summary.cell(4, 5)
    assert isinstance(rate.value, float) and 0 < rate.value < 1 and rate.number_format == "0.0%"


def test_filtered_export_says_what_it_holds_under_a_fixed_title(options, tmp_path):
    plain = tmp_path / "all.xlsx"
    export_xlsx(options, plain)
    dept = org.list_departments()[0]
    options.filter.department_ids = [dept.id]
    options.filter.statuses = [Status.IN_PROGRESS.value]
    narrow = tmp_path / "dept.xlsx"
    export_xlsx(options, narrow)
    a, b = load_workbook(plain)["台账"], load_workbook(narrow)["台账"]
    assert a["A1"].value == b["A1"].value  # the title does not follow the filter
    assert b["A2"].value == f"责任单位：{dept.name}，状态：推进中"
    assert [c.value for c in b[4]][:2] == ["序号", "问题编号"]


def test_csv_keeps_phone_numbers_as_typed_without_a_quote_mark(options, long_entry, tmp_path):
    options.column_keys = ["code", "description", "note"]
    out = tmp_path / "x.csv"
    export_csv(options, out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    row = next(r for r in rows if r[1] == long_entry.code)
    assert row[3].strip() == "+86 138 0000 0000" and not row[3].startswith("'")


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o077, 0o600)])
def test_exported_files_get_the_umask_mode(options, tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        export_xlsx(options, tmp_path / "a.xlsx")
        export_csv(options, tmp_path / "a.csv")
    finally:
        os.umask(old)
    for name in ("a.xlsx", "a.csv"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode
