"""A sheet without 问题编号 imported again (exchange/xlsx_match.ExistingEntries.same_content): its rows are
recognised as the entries the first import made, by 问题表现 with 责任单位, 层级 and 所属人员, so the second
import adds nothing, says so, and updates an entry whose row changed."""

import pytest
from corpus.check import run_layout
from corpus.layouts import LAYOUTS
from openpyxl import load_workbook

from desk_app.cli import main
from desk_app.db.models import LedgerEntry, ProgressUpdate
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_import import ImportOptions, plan_import
from desk_app.services import campaigns


def _again(path):
    return plan_import(path, ImportOptions(create_missing=True, campaign_id=campaigns.current_campaign().id))


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name[:2] for layout in LAYOUTS])
def test_every_corpus_ledger_imported_twice_adds_nothing_the_second_time(db, tmp_path, layout):
    first = run_layout(layout, tmp_path)
    assert first.landed == first.entry_rows
    count = LedgerEntry.select().count()
    plan = _again(tmp_path / f"{layout.name}.xlsx")
    new, updated, same = plan.counts()
    assert (new, updated) == (0, 0) and same == len(plan.valid_rows) == count, plan.report_text(None)
    assert not plan.has_changes


def test_a_changed_row_updates_its_entry_and_the_rest_stay(db, tmp_path):
    layout = next(layout for layout in LAYOUTS if layout.name.startswith("01_"))  # 巡察台账, no 问题编号 column
    run_layout(layout, tmp_path)
    path = tmp_path / f"{layout.name}.xlsx"
    book = load_workbook(path)
    sheet = book.worksheets[0]
    description = next(c for c in sheet["D"] if c.value and "具体表现" not in str(c.value) and c.row > 4)
    sheet.cell(description.row, 10).value = "已完成制度修订并印发执行"  # 整改进展
    sheet.cell(description.row, 4).value = f"  {description.value}\n"  # re-typed: spaces and a line break
    book.save(path)
    before = LedgerEntry.select().count()
    plan = _again(path)
    assert plan.counts() == (0, 1, before - 1), plan.report_text(None)
    changed = next(r for r in plan.rows if r.is_update)
    assert changed.matched_by_content and any(c.startswith("整改进展") for c in changed.changes)
    apply_import(plan)
    assert LedgerEntry.select().count() == before
    assert ProgressUpdate.select().where(ProgressUpdate.entry == changed.existing.id,
                                         ProgressUpdate.text.contains("已完成制度修订")).exists()


def _people_sheet(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["序号", "层级", "所属人员", "存在问题", "整改措施", "责任科室", "整改时限"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_same_problem_of_two_people_stays_two_entries_and_a_third_is_added(db, tmp_path, capsys):
    campaigns.create_campaign("2026年作风建设", 2026)
    rows = [[1, "班子成员", "王强", "学习不够深入系统", "制定个人学习计划", "办公室", "2026年12月31日"],
            [2, "班子成员", "李娜", "学习不够深入系统", "制定个人学习计划", "办公室", "2026年12月31日"]]
    path = _people_sheet(tmp_path / "班子成员问题清单.xlsx", rows)
    apply_import(_again(path))
    assert LedgerEntry.select().count() == 2
    rows.append([3, "班子成员", "赵敏", "学习不够深入系统", "制定个人学习计划", "办公室", "2026年12月31日"])
    _people_sheet(path, rows)
    plan = _again(path)
    assert plan.counts() == (1, 0, 2)
    assert next(r for r in plan.rows if r.existing is None).row == 4
    apply_import(plan)
    from desk_app.db import close_database

    close_database()  # the command opens the folder itself
    assert main(["import", "xlsx", str(path), "--create-missing", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "新增 0 条 / 更新 0 条 / 无变化 3 条" in out and "已有，不重复导入（3）" in out
    assert "按问题表现、层级、所属人员、责任单位" not in out and "按问题表现、责任单位、层级、所属人员认出" in out
    assert "表格与本机台账相同，没有需要导入的内容，本机数据没有改动" in out
