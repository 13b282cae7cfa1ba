"""Returned 填报表 with what departments really type (review item 3: an impossible date stopped the whole batch
with an internal error) and files that are not 填报表 at all (item 10: the message named neither file nor reason)."""

from __future__ import annotations

import openpyxl
import pytest

from desk_app.cli import main
from desk_app.errors import InputFileError
from desk_app.exchange.fillin_export import export_fillin
from desk_app.exchange.fillin_format import INDEX, META_HEADER, META_SHEET, SHEET, meta_checksum, normalise
from desk_app.exchange.fillin_import import preview_fillin
from desk_app.services import ledger_bulk
from desk_app.services.ledger_query import LedgerFilter, fetch_entries

MONTH = "2026-11"


def _edit(path, row_edits: dict[str, object]) -> str:
    """Type into the first entry row of a returned workbook; its 问题编号."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, INDEX["key"] + 1).value
               and ws.cell(r, INDEX["key"] + 1).value != "行标识")
    for key, value in row_edits.items():
        ws.cell(row, INDEX[key] + 1).value = value
    wb.save(path)
    return ws.cell(row, INDEX["code"] + 1).value


@pytest.fixture
def sent(demo, tmp_path, built_once):
    return built_once("sent", lambda: export_fillin(demo.campaign_id, MONTH, tmp_path / "out"))


@pytest.mark.parametrize("typed", ["2027-02-30", "2027年13月5日", "下个月", 5])
def test_an_impossible_date_is_that_rows_problem_and_the_rest_is_taken(demo, sent, typed, capsys):
    office, personnel = sent.workbooks[0], sent.workbooks[1]
    bad = _edit(office.path, {"progress": "已完成初稿", "extend_to": typed, "extend_reason": "跨部门协调"})
    good = _edit(personnel.path, {"progress": "人事科本月的进展"})
    preview = preview_fillin([office.path, personnel.path], campaign_id=demo.campaign_id)
    plan = next(p for p in preview.plans if p.code == bad)
    assert plan.actions == ["本月进展"] and not plan.extend_to
    assert len(plan.problems) == 1 and "申请延期至" in plan.problems[0] and "延期未办理" in plan.problems[0]
    assert next(p for p in preview.plans if p.code == good).actions == ["本月进展"]
    assert main(["import", "fill-in", str(office.path), str(personnel.path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "申请延期至" in out and "本月进展 2 条" in out
    ids = {e.code: e.id for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id))}
    assert ledger_bulk.month_progress_text(ids[good], MONTH) == "人事科本月的进展"


def test_files_that_are_no_fillin_are_named_with_their_reason(demo, tmp_path, capsys):
    plain = tmp_path / "ledger.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "台账"
    book.save(plain)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello\n", encoding="utf-8")
    assert main(["import", "fill-in", str(plain), str(fake), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "2 个文件都不是可以导入的本月进展填报表" in err
    assert "“ledger.xlsx”不是本程序导出的本月进展填报表" in err and "“fake.xlsx”" in err


def _reseal(path, change) -> None:
    """A key sheet changed and sealed again (a file anyone could build): the checksum alone proves nothing."""
    wb = openpyxl.load_workbook(path)
    ws = wb[META_SHEET]
    rows = [[normalise(c.value) for c in row] for row in ws.iter_rows()]
    header, index = {}, 0
    while rows[index] and rows[index][0]:
        header[rows[index][0]] = rows[index][1]
        index += 1
    change(header)
    start = next(i for i, r in enumerate(rows) if r[:len(META_HEADER)] == META_HEADER)
    body = [r[:len(META_HEADER)] for r in rows[start + 1:] if r and r[0]]
    header["校验码"] = meta_checksum({k: v for k, v in header.items() if k != "校验码"}, body)
    for row, (name, value) in enumerate(header.items(), start=1):
        ws.cell(row, 1).value, ws.cell(row, 2).value = name, value
    wb.save(path)


@pytest.mark.parametrize(("name", "value", "why"), [("科室id", "三", "隐藏校验页内容不正确"),
                                                    ("月份", "2026-1x", "月份“2026-1x”不正确")])
def test_a_resealed_key_sheet_with_nonsense_is_refused_by_name(demo, sent, name, value, why):
    office = sent.workbooks[0]
    _reseal(office.path, lambda header: header.__setitem__(name, value))
    with pytest.raises(InputFileError) as refused:
        preview_fillin([office.path], campaign_id=demo.campaign_id)
    assert office.path.name in str(refused.value) and why in str(refused.value)
