"""The people an Excel import creates with 自动新建 (--create-missing): one person per name, a 责任领导 not
made a member of every department whose rows name them, the 措施's 责任人 created too; importing the same
file again changes nothing; and an update says what it changes, from what to what."""

import sqlite3
from datetime import date

from openpyxl import Workbook, load_workbook

from desk_app.cli import main

HEADER = ["序号", "问题编号", "问题表现", "整改措施", "责任领导", "责任单位", "责任人", "整改时限", "状态"]
ROWS = [
    [1, "RW-2026-0001", "预算编制不够细化", "细化预算编制", "叶勇", "预算科", "李文博", date(2026, 6, 30), "推进中"],
    ["1.1", None, None, "修订预算编制规程", None, None, "雷勇（国库科）", date(2026, 3, 31), "已完成"],
    ["1.2", None, None, "按月通报执行进度", None, None, "李文博", date(2026, 6, 30), "推进中"],
    [2, "RW-2026-0002", "国库支付审核慢", "压缩审核时限", "叶勇", "国库科", "李文博", date(2026, 7, 31), "未启动"],
    [3, "RW-2026-0003", "人事档案管理不规范", "全面清理档案", "李副局长", "人事科", "张伟（预算科）",
     date(2026, 8, 31), "未启动"],
    [4, "RW-2026-0004", "综合材料报送迟", "建立报送台账", "王局长", "综合科", "张伟（国库科）", date(2026, 9, 30),
     "推进中"],
    [5, "RW-2026-0005", "督办事项跟踪不到位", "建立督办台账", "叶勇", "综合科", "雷勇", date(2026, 9, 30), "未启动"],
]


def _sheet(path, rows=ROWS):
    wb = Workbook()
    for row in (["某局作风问题整改台账"], HEADER, *rows):  # a title row, then the header
        wb.active.append(row)
    wb.save(path)
    return path


def _people(folder) -> dict[str, list[tuple]]:
    with sqlite3.connect(folder / "desk.sqlite3") as con:
        rows = con.execute("SELECT p.name, d.name, p.title, p.level FROM person p "
                           "LEFT JOIN department d ON d.id = p.department_id ORDER BY p.id").fetchall()
    found: dict[str, list[tuple]] = {}
    for name, department, title, level in rows:
        found.setdefault(name, []).append((department, title, level))
    return found


def _import(folder, path, *extra) -> int:
    return main(["--data-dir", str(folder), "--today", "2026-11-23", "import", "xlsx", str(path), *extra])


def test_one_person_per_name_and_a_leader_belongs_to_no_rows_department(tmp_path, capsys):
    folder = tmp_path / "office"
    path = _sheet(tmp_path / "ledger.xlsx")
    assert _import(folder, path, "--new-campaign", "测试活动", "--create-missing", "--yes") == 0
    out = capsys.readouterr().out
    assert "新建人员 7 名" in out, out
    people = _people(folder)
    # 叶勇 leads rows of three departments: one person, in none of them.
    assert people["叶勇"] == [(None, "", "")]
    # 李文博 is 责任人 on rows of 预算科 (twice) and 国库科: one person, in the department most rows name.
    assert people["李文博"] == [("预算科", "", "")]
    # The department written beside a name is the person's; two different ones are two people.
    assert sorted(people["张伟"]) == [("国库科", "", ""), ("预算科", "", "")]
    # A 措施's 责任人 "雷勇（国库科）" is created in 国库科, and the row naming plain 雷勇 is the same person.
    assert people["雷勇"] == [("国库科", "", "")]
    # Titles after a surname: 李 + 副局长, 王 + 局长, leaders of the bureau.
    assert people["李"] == [(None, "副局长", "局领导")] and people["王"] == [(None, "局长", "局领导")]
    assert len(people) == 6


def test_importing_the_same_file_again_changes_nothing(tmp_path, capsys):
    folder = tmp_path / "office"
    path = _sheet(tmp_path / "ledger.xlsx")
    assert _import(folder, path, "--new-campaign", "测试活动", "--create-missing", "--yes") == 0
    capsys.readouterr()
    assert _import(folder, path, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "新增 0 条 / 更新 0 条 / 无变化 5 条" in out, out
    assert "不在人员名单中" not in out and "不在科室" not in out


def test_an_update_says_which_field_changes_from_what_to_what(tmp_path, capsys):
    folder = tmp_path / "office"
    path = _sheet(tmp_path / "ledger.xlsx")
    assert _import(folder, path, "--new-campaign", "测试活动", "--create-missing", "--yes") == 0
    wb = load_workbook(path)
    ws = wb.active
    ws["G6"] = "雷勇"  # RW-2026-0002's 责任人 and 时限 (title, header, then the rows)
    ws["H6"] = date(2026, 8, 15)
    ws["G5"] = "张伟（国库科）"  # RW-2026-0001's measure 1.2
    ws["C8"] = "综合材料报送迟缓，多次被市局通报"  # RW-2026-0004's 问题表现
    wb.save(path)
    capsys.readouterr()
    assert _import(folder, path, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "新增 0 条 / 更新 3 条 / 无变化 2 条" in out, out
    assert "第 6 行：更新 RW-2026-0002：责任人：李文博 → 雷勇；整改时限：2026-07-31 → 2026-08-15" in out, out
    assert "第 3 行：更新 RW-2026-0001：措施：第 2 项责任单位 （空） → 国库科；第 2 项责任人 李文博 → 张伟" in out, out
    assert "问题表现：“综合材料报送迟” → “综合材料报送迟缓，多次被市局通报”" in out, out


def test_names_are_matched_to_our_people_by_role_department_and_title(db):
    from desk_app.exchange.xlsx_names import ImportNames
    from desk_app.services import org

    office, budget, treasury = (org.create_department(n).id for n in ("办公室", "预算科", "国库科"))
    director = org.create_person("王建国", office, title="党组书记、局长", level="局领导").id
    org.create_person("王芳", budget, title="科员", level="一般干部")
    zhang_budget = org.create_person("张伟", budget).id
    zhang_treasury = org.create_person("张伟", treasury).id
    ye_staff = org.create_person("叶勇", treasury, level="一般干部").id
    ye_leader = org.create_person("叶勇", office, title="党组成员、副局长", level="局领导").id
    names = ImportNames(campaign_id=1)
    # 王局长: the one 王 who is a 局长 (a 副局长 is not one).
    assert names.person("王", treasury, role="leader", title="局长") == director
    assert names.person("王", treasury, role="leader", title="副局长") is None
    # Two people of one name: the 责任人 in the row's department; the 责任领导 among the leaders.
    assert names.person("张伟", treasury, role="responsible") == zhang_treasury
    assert names.person("张伟", budget, role="responsible") == zhang_budget
    assert names.person("叶勇", treasury, role="leader") == ye_leader
    assert names.person("叶勇", treasury, role="responsible") == ye_staff
    assert names.person("叶勇", None, title="副局长") == ye_leader
