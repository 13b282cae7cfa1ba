"""任务来源, 发文字号, 批示领导 and 交办日期 in Excel (export columns, import header words) and in packages
(an older package without them still imports)."""

import json
from datetime import date

import openpyxl
from test_package_hostile import _members, _write

from desk_app.db.models import LedgerEntry
from desk_app.domain import EntryKind
from desk_app.exchange.package import write_package
from desk_app.exchange.package_apply import apply_package
from desk_app.exchange.package_import import NEW, preview_package
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_export import export_xlsx
from desk_app.exchange.xlsx_import import ImportOptions, plan_import
from desk_app.services import campaigns, settings, supervision


def _sheet(path, header, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["督查督办事项台账"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_supervision_sheet_lands_in_the_source_fields_and_starts_the_clock(db, tmp_path):
    campaign = campaigns.create_campaign("2026年活动", 2026)
    path = _sheet(tmp_path / "督办.xlsx",
                  ["序号", "督办事项", "任务来源", "来文文号", "批示领导", "交办时间", "承办单位", "办理时限"],
                  [[1, "落实张副市长批示，加快政府采购意向公开", "领导批示", "市政府批办单〔2026〕12号", "张副市长",
                    "2026年9月30日", "预算科", "7个工作日"]])
    plan = plan_import(path, ImportOptions(create_missing=True, campaign_id=campaign.id, default_kind=EntryKind.SUPERVISION))
    assert not plan.rows[0].problems, plan.rows[0].problems
    apply_import(plan)
    e = LedgerEntry.get()
    assert (e.task_source, e.doc_number, e.instructing_leader) == ("领导批示", "市政府批办单〔2026〕12号", "张副市长")
    assert e.assigned_date == e.found_date == date(2026, 9, 30)
    assert e.deadline == date(2026, 10, 15)  # 7 working days over 国庆 and the 调休 Saturday
    assert supervision.clock(e.id).nodes[-1].due == e.deadline


def test_export_has_the_columns_and_reads_back(demo, tmp_path):
    from desk_app.exchange.xlsx_export import LedgerExportOptions
    from desk_app.services.ledger_query import LedgerFilter

    campaign = campaigns.current_campaign()
    out = tmp_path / "台账.xlsx"
    keys = ["code", "kind", "description", "department", "task_source", "doc_number", "instructing_leader",
            "assigned_date", "deadline", "status"]
    export_xlsx(LedgerExportOptions(filter=LedgerFilter(campaign_id=campaign.id, kinds=[EntryKind.SUPERVISION]),
                                    column_keys=keys), out)
    ws = openpyxl.load_workbook(out).active
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in cells if r and "任务来源" in r)
    assert {"任务来源", "发文字号", "批示领导", "交办日期"} <= set(header)
    numbers = [r[header.index("发文字号")] for r in cells[cells.index(header) + 1:] if r[header.index("发文字号")]]
    assert any("〔" in str(n) for n in numbers)
    other = campaigns.create_campaign("另一个活动", 2026)
    plan = plan_import(out, ImportOptions(create_missing=True, campaign_id=other.id))
    apply_import(plan, skip_invalid=True)
    mine = {e.code: e for e in LedgerEntry.select().where(LedgerEntry.campaign == campaign.id,
                                                          LedgerEntry.kind == EntryKind.SUPERVISION)}
    back = {e.code: e for e in LedgerEntry.select().where(LedgerEntry.campaign == other.id)}
    assert back and all((b.task_source, b.doc_number, b.instructing_leader, b.assigned_date)
                        == (mine[code].task_source, mine[code].doc_number, mine[code].instructing_leader,
                            mine[code].assigned_date) for code, b in back.items())


def test_a_package_without_the_new_fields_still_imports(demo, tmp_path):
    settings.save_report_header(settings.ReportHeader(unit="市财政局"))
    path = tmp_path / "p.zip"
    write_package(path, unit="区财政局", period="2026-11")
    members = _members(path)
    entries = json.loads(members["entries.json"])
    assert any(e["doc_number"] for e in entries)  # written by this version
    for e in entries:
        for name in ("task_source", "doc_number", "instructing_leader", "assigned_date"):
            del e[name]
    members["entries.json"] = json.dumps(entries, ensure_ascii=False).encode()
    old = _write(tmp_path / "old.zip", members)
    LedgerEntry.update(uuid=LedgerEntry.uuid + "-ours").execute()
    preview = preview_package(old)
    assert {d.state for d in preview.entries} == {NEW}
    apply_package(preview)
    arrived = LedgerEntry.select().where(LedgerEntry.source_unit == "区财政局")
    assert arrived.count() == len(entries)
    assert {(e.doc_number, e.assigned_date) for e in arrived} == {("", None)}
