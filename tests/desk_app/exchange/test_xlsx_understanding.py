"""The sheet as a clerk made it: header block under the title lines, two-row headers, columns no field
names kept in 备注, formulas, hidden sheets; and the command line around it (campaigns, --mapping,
--new-campaign, --sheet), with bad input refused and the database unchanged."""

import pytest
from corpus.build import _cache_formula_values
from openpyxl import Workbook

from desk_app.cli import main
from desk_app.db import open_database
from desk_app.db.models import Campaign, LedgerEntry
from desk_app.errors import InputFileError
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_import import ImportOptions, mapping_from_json, plan_import, read_sheet
from desk_app.services import campaigns, import_words

HEADER = ["序号", "*反馈问题", "整改措施", "牵头单位", "责任单位", "整改时限", "点位", "填报人备注"]


def _sheet(path, rows, header=HEADER, hidden_first=False, formulas=None):
    wb = Workbook()
    ws = wb.active
    if hidden_first:
        ws.title = "说明"
        ws["A1"] = "填表说明"
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("台账")
    else:
        ws.title = "台账"
    ws.append(["2023年问题整改台账"])
    ws.append(["填报单位：区财政局", None, None, None, "填报日期：2023年6月1日"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for ref, formula in (formulas or {}).items():
        ws[ref] = formula
    wb.save(path)
    return path


ROW = [1, "服务企业不主动", "建立走访制度", "区财政局", "各街道、区税务局", "年底前", "东山村", "请核实"]


@pytest.fixture
def campaign(db):
    return campaigns.create_campaign("2023年专项整治", 2023)


def test_second_unit_column_becomes_co_units_and_unknown_columns_go_to_note(campaign, tmp_path):
    path = _sheet(tmp_path / "a.xlsx", [ROW])
    content = read_sheet(path)
    assert content.header_row == 3
    assert content.mapping == {0: "", 1: "description", 2: "measures", 3: "department", 4: "co_departments",
                               5: "deadline", 6: "keep", 7: "keep"}
    plan = plan_import(path, ImportOptions(create_missing=True))
    report = plan.report_text()
    assert "E列“责任单位” → 配合单位（另有牵头单位列，本列记为配合单位）" in report
    assert "G列“点位” → 原表其他列（记入备注）（已知的附加列）" in report
    assert "H列“填报人备注” → 原表其他列（记入备注）（没有对应的字段）" in report
    apply_import(plan)
    entry = LedgerEntry.get(LedgerEntry.description == "服务企业不主动")
    assert entry.department.name == "区财政局" and entry.co_departments == "各街道、区税务局"
    assert entry.note == "【原表其他列】点位：东山村；填报人备注：请核实"
    assert str(entry.deadline) == "2023-12-31" and entry.layer == "局领导班子"


def test_mapping_keys_match_loosely_and_are_remembered(campaign, tmp_path):
    path = _sheet(tmp_path / "a.xlsx", [ROW])
    content = read_sheet(path)
    mapping = mapping_from_json({"反馈 问题": "description", "*点位": "", "填报人备注": "备注"}, content)
    assert mapping[6] == "" and mapping[7] == "note"
    with pytest.raises(InputFileError, match="表头有"):
        mapping_from_json({"没有这列": "description"}, content)
    with pytest.raises(InputFileError, match="不是可导入的字段"):
        mapping_from_json({"点位": "地址"}, content)
    plan = plan_import(path, ImportOptions(mapping=mapping, create_missing=True))
    apply_import(plan)
    again = read_sheet(_sheet(tmp_path / "b.xlsx", [ROW]))
    assert again.remembered and again.mapping[6] == "" and again.mapping[7] == "note"
    assert import_words.remembered_mapping(["序号", "反馈问题", "整改措施", "牵头单位", "责任单位", "整改时限",
                                            "点位", "填报人备注"]) is not None  # '*' and spaces do not matter


def test_formula_with_a_cached_value_imports_the_value(campaign, tmp_path):
    path = _sheet(tmp_path / "f.xlsx", [ROW, [2, "问题二", "措施二", "区财政局", None, None, None, None]],
                  formulas={"G5": "=\"西\"&\"村\"", "C5": "=B4"})
    _cache_formula_values(path, {"G5": "西村"}, sheet_index=1)
    plan = plan_import(path, ImportOptions(create_missing=True))
    second = plan.rows[1]
    assert any("没有计算结果的公式" in p.message and "整改措施" in p.column for p in second.problems)
    assert not any("点位" in p.column for p in second.problems)


def test_hidden_first_sheet_skipped_and_sheet_option(campaign, tmp_path, capsys):
    path = _sheet(tmp_path / "h.xlsx", [ROW], hidden_first=True)
    content = read_sheet(path)
    assert content.name == "台账" and "隐藏的工作表“说明”" in content.raw.notes[0]
    with pytest.raises(InputFileError, match="没有找到表头"):
        read_sheet(path, "说明")


def test_campaign_commands(db, capsys):
    assert main(["campaign", "list"]) == 0
    assert "还没有任何活动" in capsys.readouterr().out
    assert main(["campaign", "new", "2023年巡察整改", "--year", "2023"]) == 0
    assert main(["campaign", "new", "2023年巡察整改", "--year", "2023"]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(["campaign", "list"]) == 0
    assert "* " in capsys.readouterr().out
    assert main(["campaign", "new", "x", "--year", "1999"]) == 2


def test_import_into_a_folder_without_campaign(user_folders, tmp_path, capsys, db_dump):
    open_database()
    path = _sheet(tmp_path / "a.xlsx", [ROW])
    before = db_dump()
    assert main(["import", "xlsx", str(path), "--yes", "--create-missing"]) == 2
    assert "--new-campaign" in capsys.readouterr().err
    open_database()
    assert main(["import", "xlsx", str(path), "--dry-run", "--create-missing", "--new-campaign", "巡察整改"]) == 0
    out = capsys.readouterr().out
    assert "将新建活动“巡察整改”（2023年度）" in out and "新增 1 条" in out
    open_database()
    assert db_dump() == before  # the preview's scratch campaign was rolled back
    # rows refused (their unit and people unknown without --create-missing): no campaign is left behind either
    assert main(["import", "xlsx", str(path), "--yes", "--new-campaign", "巡察整改"]) == 2
    assert "没有导入任何内容" in capsys.readouterr().err
    open_database()
    assert db_dump() == before
    assert main(["import", "xlsx", str(path), "--yes", "--create-missing", "--new-campaign", "巡察整改"]) == 0
    assert "已新建活动“巡察整改”（2023年度）" in capsys.readouterr().out
    open_database()
    assert Campaign.get().year == 2023 and LedgerEntry.select().count() == 1


def test_a_new_campaign_import_that_fails_while_writing_leaves_no_campaign(user_folders, tmp_path, capsys, db_dump,
                                                                          monkeypatch):
    """The campaign is created in the import's own transaction: a failure there (here: the disk full as the
    entries go in) rolls it back with the rows."""
    import sqlite3

    from desk_app.exchange import xlsx_apply

    open_database()
    path = _sheet(tmp_path / "a.xlsx", [ROW])
    before = db_dump()

    def disk_full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(xlsx_apply, "create_entries", disk_full)
    assert main(["import", "xlsx", str(path), "--yes", "--create-missing", "--new-campaign", "巡察整改"]) == 2
    assert "磁盘" in capsys.readouterr().err
    open_database()
    assert db_dump() == before and Campaign.select().count() == 0


def test_bad_file_still_exit_2_and_nothing_written(campaign, tmp_path, capsys, db_dump):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    before = db_dump()
    assert main(["import", "xlsx", str(bad), "--yes"]) == 2
    assert "错误" in capsys.readouterr().err
    open_database()
    assert db_dump() == before


def test_rows_that_are_not_entries_and_rows_that_only_look_so(campaign, tmp_path):
    rows = [ROW,
            [2, "合计发放补贴不规范", "逐笔核对", "区财政局", None, "年底前", None, None],
            HEADER,  # the header repeated after a page break
            ["合计", None, None, None, None, None, None, None],
            [None, None, None, "区财政局", None, None, None, None],
            ["制表：张敏", None, None, None, "审核人（签字）：", None, None, None]]
    plan = plan_import(_sheet(tmp_path / "r.xlsx", rows), ImportOptions(create_missing=True))
    assert [r.row for r in plan.rows] == [4, 5]
    assert [(s.row, s.reason) for s in plan.skipped] == [
        (6, "重复的表头行"), (7, "合计/小计行"), (8, "只有一格内容、没有问题表现的行"), (9, "表尾说明或签字栏")]
