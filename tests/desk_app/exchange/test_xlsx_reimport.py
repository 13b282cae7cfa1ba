"""Importing an Excel ledger that names entries we already have (a sub-unit returning our export):
matched on 问题编号 they update those entries, never become copies under new numbers, and never
close an entry behind the 销号 review."""

import pytest
from openpyxl import load_workbook

from desk_app.cli import main
from desk_app.db.models import ChangeLog, LedgerEntry, ProgressUpdate
from desk_app.domain import Status
from desk_app.errors import InputFileError
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_import import ImportOptions, plan_import

HEADER_ROW = 3  # title, header block, then the column labels


def _export(path, *extra):
    assert main(["export", "xlsx", "--out", str(path), "--no-summary", *extra]) == 0
    from desk_app.db import open_database

    open_database()  # the command closed it
    return path


def _own_count() -> int:
    return LedgerEntry.select().where(LedgerEntry.source_unit == "").count()


def _edit(path, edits: dict[str, dict[str, str]], new_rows: list[dict[str, str]] = ()):
    """Change cells of the rows whose 问题编号 is a key; append rows; by column label."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header_row = next(r for r in range(1, 6) if "问题编号" in [c.value for c in ws[r]])  # 4 below a filter line
    labels = [c.value for c in ws[header_row]]
    code_col = labels.index("问题编号")
    for row in ws.iter_rows(min_row=header_row + 1):
        code = row[code_col].value
        for label, value in edits.get(code, {}).items():
            row[labels.index(label)].value = value
    for values in new_rows:
        ws.append([values.get(label) for label in labels])
    wb.save(path)
    return path


def _entry(status: str, *, kind: str = "问题整改") -> LedgerEntry:
    return (LedgerEntry.select().where(LedgerEntry.status == status, LedgerEntry.kind == kind,
                                       LedgerEntry.source_unit == "", LedgerEntry.deleted_at.is_null())
            .order_by(LedgerEntry.code).first())


def test_reimporting_our_own_export_adds_nothing(demo, tmp_path, capsys):
    """The reported bug: 450 entries became 840 after `import xlsx ledger.xlsx --skip-invalid --yes`."""
    path = _export(tmp_path / "ledger.xlsx")
    before = _own_count()
    capsys.readouterr()
    assert main(["import", "xlsx", str(path), "--skip-invalid", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"新增 0 条 / 更新 0 条 / 无变化 {before} 条" in out, out
    from desk_app.db import open_database

    open_database()
    assert _own_count() == before


def test_changed_rows_update_their_entries_through_the_ledger(demo, tmp_path):
    open_entry = _entry(Status.IN_PROGRESS)
    idle = _entry(Status.NOT_STARTED)
    path = _edit(_export(tmp_path / "back.xlsx"),
                 {open_entry.code: {"整改措施": "按下级单位回报的措施整改"},
                  idle.code: {"状态": "长期坚持"}},
                 [{"问题编号": "", "层级": "处级干部", "问题表现": "回报时新增的问题", "整改措施": "新措施"}])
    before = _own_count()
    plan = plan_import(path, ImportOptions())
    assert plan.counts() == (1, 2, before - 2), plan.report_text()
    assert f"新增 1 条 / 更新 2 条 / 无变化 {before - 2} 条" in plan.report_text()
    result = apply_import(plan)
    assert (result.created, result.updated, result.unchanged) == (1, 2, before - 2)
    assert _own_count() == before + 1
    updated = LedgerEntry.get_by_id(open_entry.id)
    assert updated.measures == "按下级单位回报的措施整改" and updated.code == open_entry.code
    log = ChangeLog.get(ChangeLog.entity == "ledger_entry", ChangeLog.entity_id == open_entry.id,
                        ChangeLog.field == "measures")
    assert log.old == open_entry.measures and log.new == "按下级单位回报的措施整改"
    assert LedgerEntry.get_by_id(idle.id).status == Status.ONGOING
    assert ChangeLog.select().where(ChangeLog.entity_id == idle.id, ChangeLog.field == "status").exists()


def test_import_never_closes_an_existing_entry(demo, tmp_path):
    open_entry = _entry(Status.IN_PROGRESS)
    closed = _entry(Status.CLOSED)
    path = _edit(_export(tmp_path / "closing.xlsx"),
                 {open_entry.code: {"状态": "已销号", "整改措施": "已全部完成"},
                  closed.code: {"状态": "推进中"}})
    plan = plan_import(path, ImportOptions())
    texts = [p.text() for p in plan.problems]
    assert len(texts) == 2, texts
    assert all("状态需经销号审核" in t for t in texts), texts
    with pytest.raises(InputFileError) as info:  # the other rows are unchanged: nothing left to write
        apply_import(plan, skip_invalid=True)
    assert "没有需要导入的内容" in info.value.message
    assert LedgerEntry.get_by_id(open_entry.id).status == Status.IN_PROGRESS
    assert LedgerEntry.get_by_id(open_entry.id).measures == open_entry.measures
    assert LedgerEntry.get_by_id(closed.id).status == Status.CLOSED


def test_new_rows_keep_the_status_of_a_migrated_ledger(demo, tmp_path):
    path = _edit(_export(tmp_path / "old.xlsx", "--layer", "局领导班子"), {},
                 [{"问题编号": "ZG-2019-0007", "层级": "处级干部", "问题表现": "旧台账里已办结的问题",
                   "状态": "已销号"}])
    plan = plan_import(path, ImportOptions())
    assert plan.counts()[0] == 1, plan.report_text()
    apply_import(plan)
    assert LedgerEntry.get(LedgerEntry.code == "ZG-2019-0007").status == Status.CLOSED


def test_new_progress_text_is_added_to_the_entry(demo, tmp_path):
    entry = _entry(Status.IN_PROGRESS)
    path = _export(tmp_path / "p.xlsx", "--columns", "问题编号,层级,问题表现")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.cell(HEADER_ROW, 5, "整改进展")
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        if row[1].value == entry.code:
            ws.cell(row[0].row, 5, "本月已召开推进会")
    wb.save(path)
    plan = plan_import(path, ImportOptions())
    assert plan.counts()[1] == 1, plan.report_text()
    apply_import(plan)
    assert ProgressUpdate.select().where(ProgressUpdate.entry == entry.id,
                                         ProgressUpdate.text == "本月已召开推进会").exists()
