"""desk-app export / import: files written, bad input exits 2 with a Chinese message, nothing changed."""

import json

from openpyxl import load_workbook

from desk_app.cli import main
from desk_app.services import settings


def test_export_xlsx_csv_package(demo, tmp_path, capsys):
    settings.save_report_header(settings.ReportHeader(unit="区财政局"))
    assert main(["export", "xlsx", "--out", str(tmp_path / "x.xlsx"), "--layer", "处级干部", "--per-layer"]) == 0
    wb = load_workbook(tmp_path / "x.xlsx")
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == ["处级干部", "统计汇总"]
    assert main(["export", "csv", "--out", str(tmp_path / "x.csv"), "--columns", "问题编号,问题表现"]) == 0
    assert (tmp_path / "x.csv").read_bytes().startswith("\ufeff序号,问题编号,问题表现".encode())
    assert main(["export", "package", "--out", str(tmp_path / "p.zip"), "--period", "2026-11"]) == 0
    assert "已生成《区财政局》2026-11 的数据包" in capsys.readouterr().out


def test_export_bad_input_exits_2(demo, tmp_path, capsys):
    assert main(["export", "xlsx", "--out", str(tmp_path / "x.xlsx"), "--columns", "不存在的列"]) == 2
    assert "没有名为“不存在的列”的列" in capsys.readouterr().err
    assert main(["export", "package", "--out", str(tmp_path / "p.zip"), "--period", "2026-13",
                 "--unit", "区财政局"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "p.zip").exists()


def test_our_own_package_is_refused_once(demo, tmp_path, capsys, db_dump):
    """Not 450 conflicts each saying it is ours, and our unit never registered as a sub-unit."""
    from desk_app.db.models import Unit

    settings.save_report_header(settings.ReportHeader(unit="区财政局"))
    main(["export", "package", "--out", str(tmp_path / "p.zip")])
    capsys.readouterr()
    from desk_app.db import open_database

    open_database()
    before = db_dump()
    for extra in (["--dry-run"], ["--yes"]):
        assert main(["import", "package", str(tmp_path / "p.zip"), *extra]) == 2
        captured = capsys.readouterr()
        assert captured.err.count("这是本单位自己的数据包") == 1, captured.err
        assert "新单位" not in captured.out + captured.err and "冲突" not in captured.out
    open_database()
    assert db_dump() == before and not Unit.select().exists()
    # Sent under another unit's name but made of our own entries: still ours.
    settings.save_report_header(settings.ReportHeader(unit="市财政局"))
    assert main(["import", "package", str(tmp_path / "p.zip"), "--dry-run"]) == 2
    assert "这是本单位自己的数据包" in capsys.readouterr().err


def test_import_bad_files_exit_2_and_change_nothing(demo, tmp_path, capsys, db_dump):
    from desk_app.db import open_database

    open_database()
    before = db_dump()
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 broken")
    assert main(["import", "package", str(junk), "--yes"]) == 2
    assert "不是有效的数据包" in capsys.readouterr().err
    assert main(["import", "xlsx", str(junk), "--yes"]) == 2
    assert "错误：" in capsys.readouterr().err
    assert main(["import", "xlsx", str(tmp_path / "missing.xlsx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    open_database()
    assert db_dump() == before


def test_import_xlsx_with_mapping(demo, tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "情况", "办法", "层级"])
    ws.append([1, "会议多、文件多", "精简会议", "处级干部"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    mapping = json.dumps({"情况": "问题表现", "办法": "measures"}, ensure_ascii=False)
    assert main(["import", "xlsx", str(path), "--header-row", "1", "--mapping", mapping, "--dry-run"]) == 0
    assert "新增 1 条" in capsys.readouterr().out
    assert main(["import", "xlsx", str(path), "--header-row", "1", "--mapping", "{bad json"]) == 2
    assert "--mapping 不是正确的 JSON" in capsys.readouterr().err
    assert main(["import", "xlsx", str(path), "--header-row", "1", "--mapping", mapping]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["import", "xlsx", str(path), "--header-row", "1", "--mapping", mapping, "--yes"]) == 0
    assert "已导入：新增 1 条" in capsys.readouterr().out


def test_export_file_name_must_end_as_its_format(demo, tmp_path, capsys):
    assert main(["export", "xlsx", "--out", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err
    assert ".xlsx" in err and "x.txt" in err
    assert not list(tmp_path.glob("台账*")) and not list(tmp_path.glob("x.*"))
    assert main(["export", "csv", "--out", str(tmp_path / "台账")]) == 0
    assert str(tmp_path / "台账.csv") in capsys.readouterr().out
    assert (tmp_path / "台账.csv").read_bytes().startswith("\ufeff".encode())
    assert main(["export", "package", "--out", str(tmp_path / "包.XLSX"), "--unit", "区财政局"]) == 2
    assert ".zip" in capsys.readouterr().err


def test_docx_export_names_the_meeting_as_clerks_do(demo, tmp_path, capsys):
    from desk_app.cli import main
    from desk_app.services import meetings

    first_2026 = next(m for m in meetings.list_meetings(demo.campaign_id)
                      if m.meeting_type == "专班推进会" and m.year == 2026 and m.number == 1)
    out = tmp_path / "纪要.docx"
    assert main(["export", "docx", "--meeting", "2026-1", "--document", "minutes", "--out", str(out)]) == 0
    import docx

    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert first_2026.start_at.strftime("%Y年%-m月%-d日") in text
    assert main(["export", "docx", "--meeting", "2099-1", "--out", str(tmp_path / "x.docx")]) == 2
    assert "2026-1" in capsys.readouterr().err  # the refusal lists the meetings to choose from
