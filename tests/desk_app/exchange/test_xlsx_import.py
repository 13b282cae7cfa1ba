"""Importing an office's own Excel ledger: header found, columns mapped, every row checked, nothing
written unless accepted; hostile and broken files refused with the database unchanged."""

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from desk_app.db.models import Department, LedgerEntry, Person, ProgressUpdate
from desk_app.errors import InputFileError
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_import import ImportOptions, mapping_from_json, plan_import, read_sheet
from desk_app.exchange.xlsx_read import list_sheets

HEADERS = ["序号", "层级", "姓名", "问题类别", "存在问题", "具体措施", "牵头处室", "责任人", "完成时限", "状态",
           "整改进展", "备注"]


def _ledger(path, rows, headers=HEADERS, title=True, sheet="问题清单"):
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws["A1"] = "填写说明：每行一个问题"
    data = wb.create_sheet(sheet)
    if title:
        data.append(["2022年作风建设问题清单"])
        data.append(["填报单位：办公室", None, None, "填报日期：2022年6月1日"])
    data.append(headers)
    for row in rows:
        data.append(row)
    wb.save(path)
    return path


@pytest.fixture
def people(demo):
    dept = Department.select().order_by(Department.sort_order).first()
    person = Person.select().where(Person.department == dept).first()
    return dept.name, person.name


def _row(dept, person, **over):
    base = {"序号": 1, "层级": "处级干部", "姓名": person, "问题类别": "慢作为", "存在问题": "审批材料要求过多",
            "具体措施": "精简材料清单", "牵头处室": dept, "责任人": person, "完成时限": "2026.12.31",
            "状态": "整改中", "整改进展": "已完成初稿", "备注": ""}
    base.update(over)
    return [base[h] for h in HEADERS]


def test_sheets_header_and_mapping(people, tmp_path):
    dept, person = people
    path = _ledger(tmp_path / "a.xlsx", [_row(dept, person)])
    assert [s.name for s in list_sheets(path)] == ["说明", "问题清单"]
    content = read_sheet(path, "问题清单")
    assert content.header_row == 3
    named = {content.headers[i]: key for i, key in content.mapping.items()}
    assert named["存在问题"] == "description" and named["具体措施"] == "measures"
    assert named["牵头处室"] == "department" and named["完成时限"] == "deadline" and named["姓名"] == "owner"
    assert named["序号"] == ""  # left out, and the preview says so


def test_valid_rows_import_after_acceptance_only(people, tmp_path, db_dump):
    dept, person = people
    rows = [_row(dept, person, 存在问题=f"问题{i}", 完成时限=v) for i, v in
            enumerate(["2026.12.31", "2026年12月31日", datetime(2026, 12, 31), 46387, "立行立改"])]
    path = _ledger(tmp_path / "ok.xlsx", rows)
    before_count = LedgerEntry.select().count()
    before = db_dump()
    plan = plan_import(path, ImportOptions(sheet="问题清单"))
    assert db_dump() == before  # planning writes nothing
    assert len(plan.valid_rows) == 5, plan.report_text()
    assert plan.rows[0].data.deadline == date(2026, 12, 31)
    assert plan.rows[3].data.deadline == date(2026, 12, 31)
    assert plan.rows[4].data.deadline_type == "立行立改"
    result = apply_import(plan)
    assert result.created == 5 and result.backup is not None and result.backup.exists()
    assert LedgerEntry.select().count() == before_count + 5
    e = LedgerEntry.get(LedgerEntry.description == "问题0")
    assert e.status == "推进中" and e.department.name == dept and e.owner.name == person and e.layer == "处级干部"
    assert ProgressUpdate.select().where(ProgressUpdate.entry == e).get().text == "已完成初稿"


def test_row_report_names_row_column_and_problem(people, tmp_path, db_dump):
    dept, person = people
    rows = [_row(dept, person),
            _row(dept, person, 存在问题=""),
            _row(dept, person, 完成时限="明年上半年"),
            _row(dept, person, 层级="处长们"),
            _row(dept, person, 牵头处室="不存在的科"),
            _row(dept, person, 状态="差不多")]
    path = _ledger(tmp_path / "bad.xlsx", rows)
    before = db_dump()
    plan = plan_import(path, ImportOptions(sheet="问题清单"))
    texts = [p.text() for p in plan.problems]
    assert any(t.startswith("第 5 行“存在问题”") and "不能为空" in t for t in texts), texts
    assert any(t.startswith("第 6 行“完成时限”") and "日期" in t for t in texts)
    assert any(t.startswith("第 7 行“层级”") for t in texts)
    assert any(t.startswith("第 8 行“牵头处室”") and "不存在的科" in t for t in texts)
    # An unknown status word no longer costs the row: it lands open, the words kept, and the preview says so.
    warnings = [p.text() for r in plan.rows for p in r.warnings]
    assert any(t.startswith("第 9 行“状态”") and "差不多" in t and "导入词表" in t for t in warnings), warnings
    assert plan.rows[5].ok and "状态：差不多" in plan.rows[5].progress
    with pytest.raises(InputFileError) as info:
        apply_import(plan)
    assert "没有导入任何内容" in info.value.message
    assert db_dump() == before
    result = apply_import(plan, skip_invalid=True)
    assert result.created == 2 and result.skipped == 4


def test_unknown_names_created_when_agreed(people, tmp_path):
    dept, person = people
    path = _ledger(tmp_path / "new.xlsx", [_row("新成立的科", "王新人")])
    plan = plan_import(path, ImportOptions(sheet="问题清单"))
    assert plan.missing["department"] == {"新成立的科"} and "王新人" in plan.missing["person"]
    assert not plan.valid_rows
    plan = plan_import(path, ImportOptions(sheet="问题清单", create_missing=True))
    result = apply_import(plan)
    assert result.new_departments == 1 and result.new_people == 1
    e = LedgerEntry.select().order_by(LedgerEntry.id.desc()).get()
    assert e.department.name == "新成立的科" and e.responsible.name == "王新人"


def test_clerk_fixes_the_mapping(people, tmp_path):
    dept, person = people
    headers = ["编号", "问题层级", "说明文字", "怎么改", "科室"]
    path = _ledger(tmp_path / "odd.xlsx", [[1, "处级干部", "窗口服务不热情", "加强培训", dept]], headers=headers,
                   title=False)
    assert read_sheet(path, "问题清单").header_row == 1  # 编号, 问题层级, 科室 are header words
    content = read_sheet(path, "问题清单", header_row=1)
    with pytest.raises(InputFileError) as info:
        plan_import(path, ImportOptions(sheet="问题清单"), content=content)
    assert "问题表现" in info.value.message
    mapping = mapping_from_json({"说明文字": "description", "D": "整改措施", "编号": ""}, content)
    plan = plan_import(path, ImportOptions(sheet="问题清单", mapping=mapping), content=content)
    assert plan.rows[0].data.description == "窗口服务不热情" and plan.rows[0].data.measures == "加强培训"
    with pytest.raises(InputFileError):
        mapping_from_json({"没有这列": "description"}, content)


def test_formulas_and_control_characters_are_row_problems(people, tmp_path, db_dump):
    dept, person = people
    path = _ledger(tmp_path / "f.xlsx", [_row(dept, person, 存在问题="=A1&B1"),
                                         _row(dept, person, 具体措施="措施_x0007__x001B_隐藏")])
    before = db_dump()
    plan = plan_import(path, ImportOptions(sheet="问题清单"))
    texts = [p.text() for p in plan.problems]
    assert any("第 4 行“存在问题”" in t and "公式" in t for t in texts), texts
    assert any("第 5 行“具体措施”" in t and "控制字符" in t for t in texts)
    assert not plan.valid_rows
    with pytest.raises(InputFileError):
        apply_import(plan)
    assert db_dump() == before


def _refused(path, db_dump, *words, sheet=None):
    before = db_dump()
    with pytest.raises(InputFileError) as info:
        plan_import(path, ImportOptions(sheet=sheet))
    for word in words:
        assert word in info.value.message, info.value.message
    assert db_dump() == before


def test_truncated_xlsx(people, tmp_path, db_dump):
    dept, person = people
    path = _ledger(tmp_path / "t.xlsx", [_row(dept, person)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, db_dump, "损坏")


def test_not_an_xlsx(demo, tmp_path, db_dump):
    path = tmp_path / "fake.xlsx"
    path.write_text("序号,问题\n1,x\n", encoding="utf-8")
    _refused(path, db_dump, "不是")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    _refused(old, db_dump, "另存为")
    zip_only = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(zip_only, "w") as zf:
        zf.writestr("hello.txt", "hi")
    _refused(zip_only, db_dump, ".xlsx")


def test_xlsx_zip_bomb_and_climbing_paths(demo, tmp_path, db_dump):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (60 * 1024 * 1024) + b">")
    _refused(bomb, db_dump, "压缩炸弹")
    climb = tmp_path / "climb.xlsx"
    with zipfile.ZipFile(climb, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("../../outside.xml", "x")
    _refused(climb, db_dump, "..")


def _huge_sheet(path, rows: int):
    """A minimal valid .xlsx with `rows` data rows, written directly (openpyxl would take minutes)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>问题表现</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>整改措施</t></is></c><c r="C1" t="inlineStr"><is><t>责任单位</t></is></c></row>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    '</Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rel}><sheets>'
                    '<sheet name="大表" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0"?><worksheet {ns}><dimension ref="A1:C{rows + 1}"/>'
                        f'<sheetData>{header}'.encode())
            for start in range(2, rows + 2, 10_000):
                sheet.write("".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>问题</t></is></c></row>'
                                    for i in range(start, min(start + 10_000, rows + 2))).encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def test_million_row_sheet_is_streamed_and_refused(demo, tmp_path, db_dump):
    path = _huge_sheet(tmp_path / "huge.xlsx", 1_000_000)
    _refused(path, db_dump, "超过 50000 行", "分批")


def test_small_handmade_sheet_reads(demo, tmp_path):
    path = _huge_sheet(tmp_path / "small.xlsx", 3)
    content = read_sheet(path)
    assert content.header_row == 1 and len(content.rows) == 3
