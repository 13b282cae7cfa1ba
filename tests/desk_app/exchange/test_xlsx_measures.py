"""Tasks with measures in Excel: written with merged task cells and 1.1 rows, read back to the same
structure; the published layout (merged task, a measure on each row) and plain follow-on rows read too."""

from datetime import date

import openpyxl
import pytest

from desk_app.domain import EntryKind
from desk_app.exchange.ledger_export import LedgerExportOptions
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_export import export_xlsx
from desk_app.exchange.xlsx_import import ImportOptions, plan_import
from desk_app.services import campaigns, ledger, ledger_query, measures, org
from desk_app.services.ledger import EntryInput
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.measures import MeasureInput


@pytest.fixture
def office(db):
    c = campaigns.create_campaign("2026年改作风提效能专项行动", 2026)
    depts = {n: org.create_department(n) for n in ("办公室", "预算科", "国库支付科")}
    people = {"王敏": org.create_person("王敏", depts["预算科"].id), "李强": org.create_person("李强", depts["国库支付科"].id)}
    return c, depts, people


def _structure(campaign_id):
    tasks = ledger_query.fetch_entries(LedgerFilter(campaign_id=campaign_id), sort="code")
    return [(t.description, t.department_name, t.co_departments, t.status,
             [(m.content, m.department_name, m.responsible_name, m.deadline, m.status, m.completed_date)
              for m in measures.measures_of(t.id)]) for t in tasks]


def test_a_task_with_measures_round_trips_through_excel(office, tmp_path):
    c, depts, people = office
    task = ledger.create_entry(c.id, EntryInput(
        kind=EntryKind.KEY_TASK, description="推进预算绩效管理提质增效", target="绩效目标全覆盖",
        measures="分三步推进", department_id=depts["预算科"].id, co_departments="国库支付科、办公室",
        responsible_id=people["王敏"].id, found_date=date(2026, 2, 1), deadline=date(2026, 12, 31)))
    measures.set_measures(task.id, [
        MeasureInput("制定绩效目标管理办法", depts["预算科"].id, people["王敏"].id, deadline=date(2026, 6, 30),
                     status=measures.DONE, completed_date=date(2026, 6, 20)),
        MeasureInput("开展重点项目绩效评价", depts["国库支付科"].id, people["李强"].id, deadline=date(2026, 10, 31),
                     status=measures.IN_PROGRESS),
        MeasureInput("形成评价报告并通报", depts["办公室"].id, None, deadline=date(2026, 12, 20))])
    plain = ledger.create_entry(c.id, EntryInput(kind=EntryKind.KEY_TASK, description="做好政务信息宣传",
                                                 department_id=depts["办公室"].id, found_date=date(2026, 2, 1),
                                                 deadline=date(2026, 12, 31)))
    assert plain.id
    path = tmp_path / "tasks.xlsx"
    export_xlsx(LedgerExportOptions(filter=LedgerFilter(campaign_id=c.id),
                                    column_keys=["code", "description", "target", "measures", "department",
                                                 "co_departments", "responsible", "deadline", "status"]), path)
    ws = openpyxl.load_workbook(path)["台账"]
    serials = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert [s for s in serials if s in (1, 2, "1.1", "1.2", "1.3")] == [1, "1.1", "1.2", "1.3", 2]
    first = serials.index(1) + 1
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"B{first}:B{first + 3}" in merged and f"F{first}:F{first + 3}" in merged  # 编号, 责任单位 merged
    assert not any(r.startswith((f"E{first}:", f"H{first}:")) for r in merged)  # 整改措施, 责任人 per row
    assert ws.cell(first + 2, 8).value == "李强（国库支付科）"
    before = _structure(c.id)
    other = campaigns.create_campaign("2027年专项行动", 2027)
    plan = plan_import(path, ImportOptions(campaign_id=other.id))
    assert not plan.problems, plan.report_text()
    assert plan.counts() == (2, 0, 0)
    assert any("1 个事项下列有措施" in n and "共 3 项措施" in n for n in plan.notes)
    apply_import(plan)
    assert _structure(other.id) == before
    # Read again into the first campaign: the same tasks and measures, nothing to change.
    again = plan_import(path, ImportOptions(campaign_id=c.id))
    assert again.counts() == (0, 0, 2), again.report_text()


def _sheet(path, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "重点任务", "具体措施", "牵头处室", "责任人", "完成时限", "状态"])
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)


def test_published_layout_merged_task_with_a_measure_on_each_row(office, tmp_path):
    c, depts, people = office
    path = tmp_path / "published.xlsx"
    _sheet(path, [[1, "深化预算管理制度改革", "出台预算管理办法", "预算科", "王敏", "2026年6月30日", "已完成"],
                  [None, None, "清理规范专项资金", None, "李强（国库支付科）", "2026年9月30日", "推进中"],
                  [2, "加强国有资产管理", "开展资产清查", "办公室", "", "2026年10月31日", "未启动"]],
           merges=["A2:A3", "B2:B3", "D2:D3"])
    plan = plan_import(path, ImportOptions(campaign_id=c.id))
    assert not plan.problems, plan.report_text()
    assert plan.counts() == (2, 0, 0)
    first = plan.rows[0]
    assert [(m.content, m.responsible_id, m.status) for m in first.measures] == [
        ("出台预算管理办法", people["王敏"].id, measures.DONE),
        ("清理规范专项资金", people["李强"].id, measures.IN_PROGRESS)]
    assert first.measures[1].department_id == depts["国库支付科"].id
    assert plan.rows[1].measures == []
    apply_import(plan)
    task = ledger.get_entry(1)
    assert [m.content for m in measures.measures_of(task.id)] == ["出台预算管理办法", "清理规范专项资金"]
    assert task.status == "推进中"  # derived: one measure done, one under way


def test_a_task_row_followed_by_rows_with_only_measure_columns(office, tmp_path):
    c, depts, people = office
    path = tmp_path / "plain.xlsx"
    _sheet(path, [[1, "提升公文办理质效", "", "办公室", "", "2026年12月31日", "推进中"],
                  [None, None, "编印核文摘要", None, "王敏", "2026年5月31日", "已完成"],
                  [None, None, "按季度通报文件办结率", None, "李强", "2026年12月31日", "推进中"]])
    plan = plan_import(path, ImportOptions(campaign_id=c.id))
    assert not plan.problems, plan.report_text()
    assert plan.counts() == (1, 0, 0)
    assert [m.content for m in plan.rows[0].measures] == ["编印核文摘要", "按季度通报文件办结率"]
