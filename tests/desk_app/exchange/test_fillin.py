"""Fill-in workbooks: one per department out, all back in one batch with a preview, written through
the services; re-sorted rows still match, added and damaged rows are named, missing departments listed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from desk_app.cli import main
from desk_app.domain import Status
from desk_app.errors import InputFileError
from desk_app.exchange.fillin_export import export_fillin
from desk_app.exchange.fillin_format import COLUMNS, HEADER_ROW, INDEX, META_SHEET, SHEET
from desk_app.exchange.fillin_import import apply_fillin, preview_fillin
from desk_app.exchange.fillin_read import read_returned
from desk_app.services import attachments, ledger, ledger_bulk, workflow
from desk_app.services.ledger_query import LedgerFilter, fetch_entries

MONTH = "2026-11"


def _col(key: str) -> int:
    return INDEX[key] + 1  # openpyxl counts from 1


def _rows(ws) -> list[int]:
    return [r for r in range(HEADER_ROW + 2, ws.max_row + 1) if ws.cell(r, _col("key")).value]


def _hidden(ws, column: int) -> bool:
    """openpyxl keeps a run of equal columns as one dimension (O:P)."""
    return any(d.hidden for d in ws.column_dimensions.values() if d.min and d.min <= column <= d.max)


def _fill(path: Path, edit) -> None:
    """What a department does in WPS: open, type, save."""
    wb = openpyxl.load_workbook(path)
    edit(wb[SHEET])
    wb.save(path)


def _by_code(ws, code: str) -> int:
    return next(r for r in _rows(ws) if ws.cell(r, _col("code")).value == code)


@pytest.fixture
def sent(demo, tmp_path, built_once):
    return built_once("sent", lambda: export_fillin(demo.campaign_id, MONTH, tmp_path / "out"))


def test_each_department_gets_its_open_entries_with_locked_identity_and_lists(demo, sent):
    open_entries = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, statuses=["未启动", "推进中"]))
    with_department = [e for e in open_entries if e.department_id and not e.source_unit]
    assert sum(w.entries for w in sent.workbooks) == len(with_department)
    office = sent.workbooks[0]
    wb = openpyxl.load_workbook(office.path)
    ws = wb[SHEET]
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert ws.protection.sheet and ws.protection.autoFilter is False  # False = allowed, in openpyxl's terms
    codes = {ws.cell(r, _col("code")).value for r in _rows(ws)}
    assert codes == {e.code for e in with_department if e.department_id == office.department_id}
    row = _rows(ws)[0]
    for column in COLUMNS:
        cell = ws.cell(row, _col(column.key))
        assert cell.protection.locked is (not column.editable), column.key
        assert _hidden(ws, cell.column) is column.hidden, column.key
    validated = {str(dv.sqref).split(":")[0][:1] for dv in ws.data_validations.dataValidation}
    assert {ws.cell(row, _col(k)).column_letter for k in ("apply_close", "extend_to", "progress")} <= validated
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and '"是,否"' in lists[0].formula1


def test_a_returned_batch_is_previewed_then_written_through_the_services(demo, sent, tmp_path):
    office, personnel = sent.workbooks[0], sent.workbooks[1]
    wb = openpyxl.load_workbook(office.path)
    ws = wb[SHEET]
    codes = [ws.cell(r, _col("code")).value for r in _rows(ws)]
    first, second, third, fourth = codes[:4]
    entry_of = {e.code: e for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id))}
    evidence = tmp_path / "佐证.txt"
    evidence.write_text("整改完成的佐证", encoding="utf-8")
    attachments.add_attachment(entry_of[second].id, evidence)
    later = date(2027, 6, 30)

    def office_fills(ws):
        ws.cell(_by_code(ws, first), _col("progress")).value = "已完成制度修订初稿，提交局务会审议。"
        r = _by_code(ws, second)
        ws.cell(r, _col("progress")).value = "整改完成。"
        ws.cell(r, _col("apply_close")).value = "是"
        ws.cell(r, _col("summary")).value = "制度已印发，流程已上线运行。"
        r = _by_code(ws, third)
        ws.cell(r, _col("extend_to")).value = datetime(2027, 6, 30)
        ws.cell(r, _col("extend_reason")).value = "涉及跨部门协调，需延至明年"
        ws.cell(_by_code(ws, fourth), _col("description")).value = "被改掉的问题表现"  # protection removed
        # the rows re-sorted (reversed) and one row added at the end
        data = [[ws.cell(r, c).value for c in range(1, len(COLUMNS) + 1)] for r in _rows(ws)]
        for r, values in zip(_rows(ws), reversed(data), strict=True):
            for c, value in enumerate(values, start=1):
                ws.cell(r, c).value = value
        ws.cell(ws.max_row + 1, _col("description")).value = "科室自己加的新问题"

    _fill(office.path, office_fills)
    _fill(personnel.path, lambda ws: None)  # sent back without a word
    entry_of_later = entry_of[third]
    before_progress = ledger_bulk.month_progress_text(entry_of[first].id, MONTH)
    preview = preview_fillin([office.path, personnel.path], campaign_id=demo.campaign_id)
    assert preview.month == MONTH and [d.department for d in preview.departments] == ["办公室", "人事科"]
    report = preview.departments[0]
    assert (report.count("本月进展"), report.count("申请销号"), report.count("延期")) == (2, 1, 1)
    assert any("锁定内容" in why and fourth in why for _, why in report.workbook.damaged)
    assert [text for _, text in report.workbook.added] == ["科室自己加的新问题"]
    text = preview.summary_text()
    assert "交回但没有填写" in text and "未报（15 个科室）" in text and "新增的行" in text
    # Nothing was written by the preview.
    assert ledger_bulk.month_progress_text(entry_of[first].id, MONTH) == before_progress
    result = apply_fillin(preview)
    assert (result.progress, result.closes, result.extensions, result.departments) == (2, 1, 1, 2)
    assert ledger_bulk.month_progress_text(entry_of[first].id, MONTH) == "已完成制度修订初稿，提交局务会审议。"
    assert ledger.get_entry(entry_of[second].id).status == Status.PENDING_CLOSE
    assert ledger.get_entry(entry_of_later.id).deadline == later
    assert "办公室填报" in workflow.events_of(entry_of_later.id)[-1].text
    assert ledger.get_entry(entry_of[fourth].id).description != "被改掉的问题表现"
    # The two departments now count as returned: the next batch's 未报 list leaves them out.
    again = preview_fillin([sent.workbooks[2].path], campaign_id=demo.campaign_id)
    assert "办公室" not in {name for _, name, _ in again.not_reported}
    assert len(again.not_reported) == 14


def test_conflicts_are_kept_local_unless_the_file_is_preferred(demo, sent):
    office = sent.workbooks[0]
    wb = openpyxl.load_workbook(office.path)
    code = wb[SHEET].cell(_rows(wb[SHEET])[0], _col("code")).value
    entry = next(e for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id)) if e.code == code)
    _fill(office.path, lambda ws: setattr(ws.cell(_by_code(ws, code), _col("progress")), "value", "科室填的进展"))
    ledger_bulk.set_month_progress(entry.id, MONTH, "本机后来填的进展")
    preview = preview_fillin([office.path], campaign_id=demo.campaign_id)
    plan = next(p for p in preview.plans if p.code == code)
    assert plan.conflict and not plan.actions and "保留本机的" in plan.problems[0]
    preferred = preview_fillin([office.path], campaign_id=demo.campaign_id, prefer_file=True)
    assert next(p for p in preferred.plans if p.code == code).actions == ["本月进展"]
    ledger.delete_entries([entry.id])
    gone = preview_fillin([office.path], campaign_id=demo.campaign_id)
    assert "已删除" in next(p for p in gone.plans if p.code == code).problems[0]


def test_foreign_damaged_or_duplicate_files_are_refused_by_name(demo, sent, tmp_path):
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "随便一张表"
    book.save(plain)
    office = sent.workbooks[0].path
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(office.read_bytes())
    tampered = tmp_path / "tampered.xlsx"
    wb = openpyxl.load_workbook(office)
    wb[META_SHEET]["B5"] = "2026-10"  # the month in the hidden key sheet
    wb.save(tampered)
    preview = preview_fillin([office, copy, plain, tampered], campaign_id=demo.campaign_id)
    refused = {p.name: why for p, why in preview.refused}
    assert "不是本程序导出的本月进展填报表" in refused["plain.xlsx"]
    assert "同为办公室的填报表" in refused["copy.xlsx"]
    assert "隐藏校验页被改动过" in refused["tampered.xlsx"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputFileError, match="没有找到 .xlsx"):
        preview_fillin([tmp_path / "empty"], campaign_id=demo.campaign_id)


def test_read_back_unchanged_matches_every_row(demo, sent):
    book = read_returned(sent.workbooks[0].path)
    assert book.department == "办公室" and book.month == MONTH
    assert len(book.rows) == sent.workbooks[0].entries and not book.damaged and not book.added and not book.missing


def test_command_line_export_dry_run_notice_and_import(demo, tmp_path, capsys):
    out = tmp_path / "fill"
    assert main(["export", "fill-in", "--month", MONTH, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "已为 17 个科室生成2026年11月本月进展填报表" in printed
    files = sorted(out.glob("*.xlsx"))
    _fill(files[0], lambda ws: setattr(ws.cell(_rows(ws)[0], _col("progress")), "value", "命令行测试的进展"))
    notice = tmp_path / "催报.pdf"
    assert main(["import", "fill-in", str(files[0]), "--dry-run", "--notice", str(notice)]) == 0
    printed = capsys.readouterr().out
    assert "本月进展 1 条" in printed and "（--dry-run：只检查，没有写入）" in printed and notice.exists()
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(notice), "-"], capture_output=True, text=True).stdout
    assert "催报通知" in text and "预算科" in text and "人事科" not in text  # the batch counts as returned
    assert main(["import", "fill-in", str(files[0]), "--yes"]) == 0
    assert "已导入2026年11月 1 个科室的填报：本月进展 1 条" in capsys.readouterr().out
    assert main(["export", "fill-in", "--month", "2026-13", "--out", str(out)]) == 2
    assert main(["import", "fill-in", str(tmp_path / "none.xlsx"), "--dry-run"]) == 2
    assert "找不到文件" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_a_workbook_saved_again_by_another_office_suite_still_matches(demo, sent, tmp_path):
    import subprocess

    office = sent.workbooks[0].path
    _fill(office, lambda ws: setattr(ws.cell(_rows(ws)[0], _col("progress")), "value", "另存后的进展"))
    out = tmp_path / "resaved"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                    "--outdir", str(out), str(office)], check=True, capture_output=True, timeout=180)
    book = read_returned(out / office.name)
    assert not book.damaged and not book.added and not book.missing
    assert [r.progress for r in book.rows if r.progress == "另存后的进展"]
