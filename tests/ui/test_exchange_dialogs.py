"""The 文件 menu and the exchange dialogs: export in the background, package preview and import,
the Excel import wizard's three steps, and the 未报 list."""

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QMessageBox

from desk_app.db.models import Attachment, EntryEvent, LedgerEntry, ProgressUpdate, Unit
from desk_app.exchange.package import write_package
from desk_app.services import settings


@pytest.fixture(autouse=True)
def quiet_messages(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr("ui.views.file_saved.QMessageBox.exec", lambda box: shown.append(box.text()))
    return shown


def test_file_menu_has_the_exchange_actions(main_window):
    menu = main_window.exchange_menu.menu
    def plain(text):
        return text.replace("&", "").replace("(F)", "").replace("(E)", "").replace("(L)", "").replace(
            "(P)", "").replace("(U)", "")

    assert plain(menu.title()) == "文件"
    texts = [plain(a.text()) for a in menu.actions() if a.text()]
    assert texts[:4] == ["导出…", "导入Excel台账…", "导入数据包…", "未报单位"]


def test_export_dialog_writes_the_ledger_view(main_window, qtbot, tmp_path, quiet_messages):
    dialog = main_window.exchange_menu.open_export()
    qtbot.addWidget(dialog)
    assert dialog.format.currentData() == "xlsx"
    dialog.per_layer.setChecked(True)
    dialog.path.setText(str(tmp_path / "导出.xlsx"))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    wb = load_workbook(tmp_path / "导出.xlsx", read_only=True)
    assert "处级干部" in wb.sheetnames and "统计汇总" in wb.sheetnames
    assert "导出.xlsx" in quiet_messages[-1]


def test_export_dialog_refuses_without_columns(main_window, qtbot, tmp_path, quiet_messages):
    dialog = main_window.exchange_menu.open_export()
    qtbot.addWidget(dialog)
    for i in range(dialog.columns.count()):
        dialog.columns.item(i).setCheckState(dialog.columns.item(i).checkState().Unchecked)
    dialog.start()
    assert dialog.isVisible() and "列" in quiet_messages[-1]


def test_package_preview_and_import(main_window, qtbot, tmp_path, quiet_messages):
    settings.save_report_header(settings.ReportHeader(unit="市局"))
    package = tmp_path / "p.zip"
    write_package(package, unit="本局")
    LedgerEntry.update(uuid=LedgerEntry.uuid + "x").execute()  # pretend they are someone else's entries
    from ui.views.exchange_package_dialog import PackageImportDialog

    dialog = PackageImportDialog(main_window.state, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check(str(package))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15000)
    assert "新增 450 条" in dialog.summary.text() or "新增" in dialog.summary.text()
    assert dialog.table.rowCount() == len(dialog.preview.entries)
    dialog.show_state.setCurrentIndex(dialog.show_state.findData("冲突"))
    assert dialog.table.rowCount() == dialog.preview.count("冲突")
    assert dialog.import_button.isEnabled()
    dialog.start_import()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert "已导入" in quiet_messages[-1]
    assert Unit.select().where(Unit.name == "本局").exists()


def test_package_dialog_answers_the_same_package_again_from_its_receipt(main_window, qtbot, tmp_path, monkeypatch):
    from desk_app.exchange import package_import
    from desk_app.exchange.package_again import received_unchanged
    from desk_app.exchange.package_apply import apply_package
    from ui.views.exchange_package_dialog import PackageImportDialog

    settings.save_report_header(settings.ReportHeader(unit="市局"))
    package = tmp_path / "p.zip"
    write_package(package, unit="本局")
    for model in (LedgerEntry, ProgressUpdate, EntryEvent, Attachment):  # the package: someone else's records
        model.update(uuid=model.uuid + "x").execute()
    apply_package(package_import.preview_package(package))
    assert received_unchanged(package) is not None  # taken cleanly: its receipt can answer

    def compared(*args, **kwargs):
        raise AssertionError("the full comparison ran")

    monkeypatch.setattr(package_import, "preview_package", compared)
    dialog = PackageImportDialog(main_window.state, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check(str(package))
    qtbot.waitUntil(lambda: not dialog.summary.text().startswith("正在检查"), timeout=15000)
    text = dialog.summary.text()
    assert "以前已经导入过" in text and "没有需要导入的内容，本机数据没有改动。" in text, text
    assert "无变化 450 条" in text or "无变化" in text
    assert not dialog.import_button.isEnabled()


def test_package_dialog_shows_why_a_file_is_refused(main_window, qtbot, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    from ui.views.exchange_package_dialog import PackageImportDialog

    dialog = PackageImportDialog(main_window.state, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check(str(bad))
    qtbot.waitUntil(lambda: "不是有效的数据包" in dialog.summary.text(), timeout=10000)
    assert not dialog.import_button.isEnabled()


def test_xlsx_wizard_three_steps(main_window, qtbot, tmp_path, quiet_messages):
    wb = Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["2022年问题清单"])
    ws.append(["序号", "层级", "存在问题", "具体措施", "牵头处室", "完成时限"])
    ws.append([1, "处级干部", "服务意识不强", "开展培训", "办公室", "2022年6月30日"])
    ws.append([2, "处级干部", "", "开展培训", "办公室", "2022.6.30"])
    path = tmp_path / "清单.xlsx"
    wb.save(path)
    before = LedgerEntry.select().count()
    dialog = main_window.exchange_menu.open_xlsx_import()
    qtbot.addWidget(dialog)
    dialog.set_file(str(path))
    assert dialog.sheet.currentData() == "清单"
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=10000)
    assert dialog.mapping() == {0: "", 1: "layer", 2: "description", 3: "measures", 4: "department", 5: "deadline"}
    dialog.create_missing.setChecked(True)
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 2, timeout=10000)
    assert dialog.report_table.rowCount() >= 1
    assert dialog.report_table.item(0, 0).text() == "4"
    assert not dialog.next.isEnabled()  # a bad row: the clerk must choose to skip it
    dialog.skip_invalid.setChecked(True)
    assert dialog.next.isEnabled()
    dialog.go_next()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    assert LedgerEntry.select().count() == before + 1
    assert "新增 1 条" in quiet_messages[-1]


def test_missing_units_dialog(main_window, qtbot, monkeypatch):
    from desk_app.exchange.missing import add_unit

    add_unit("区财政局")
    dialog = main_window.exchange_menu.open_missing()
    qtbot.addWidget(dialog)
    assert dialog.missing.rowCount() == 1 and dialog.missing.item(0, 0).text() == "区财政局"
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("县财政局", True))
    dialog._add_unit()
    assert dialog.missing.rowCount() == 2


def test_export_dialog_writes_meeting_minutes_as_word(main_window, qtbot, tmp_path):
    from docx import Document

    dialog = main_window.exchange_menu.open_export()
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("minutes"))
    assert dialog.meeting.count() > 0 and not dialog.sheet_box.isVisible()
    dialog.path.setText(str(tmp_path / "纪要.docx"))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    assert Document(tmp_path / "纪要.docx").paragraphs[0].text.endswith("纪要")


def test_xlsx_wizard_updates_entries_named_by_code(main_window, qtbot, tmp_path, quiet_messages):
    """Our own export, one 整改措施 changed: the wizard reports one update and writes no copies."""
    from desk_app.exchange.ledger_export import LedgerExportOptions
    from desk_app.exchange.xlsx_export import export_xlsx
    from desk_app.services.ledger_query import LedgerFilter

    path = tmp_path / "回报.xlsx"
    total = export_xlsx(LedgerExportOptions(filter=LedgerFilter(campaign_id=main_window.state.campaign_id),
                                            summary_sheet=False), path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    code = ws.cell(4, 2).value
    measures_col = [c.value for c in ws[3]].index("整改措施") + 1
    ws.cell(4, measures_col, "回报后改过的措施")
    wb.save(path)
    before = LedgerEntry.select().count()
    dialog = main_window.exchange_menu.open_xlsx_import()
    qtbot.addWidget(dialog)
    dialog.set_file(str(path))
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=10000)
    # The first step counts the sheet's rows (a task's measures are rows 1.1, 1.2 … under it), the second
    # the entries they make; the signature foot under the table is neither.
    measure_rows = sum(1 for (serial,) in ws.iter_rows(min_row=4, max_col=1, values_only=True)
                       if isinstance(serial, str) and "." in serial)
    assert f"共 {total + measure_rows} 行数据" in dialog.mapping_info.text(), dialog.mapping_info.text()
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 2, timeout=20000)
    assert f"共读取 {total} 行数据" in dialog.report_summary.text()
    assert f"新增 0 条 / 更新 1 条 / 无变化 {total - 1} 条" in dialog.report_summary.text()
    assert dialog.report_table.item(0, 1).text() == code
    assert "整改措施" in dialog.report_table.item(0, 2).text()
    assert dialog.next.isEnabled()
    dialog.next.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert LedgerEntry.select().count() == before
    assert LedgerEntry.get(LedgerEntry.code == code, LedgerEntry.source_unit == "").measures == "回报后改过的措施"
    assert "更新 1 条" in quiet_messages[-1]


def test_export_dialog_adds_or_checks_the_suffix(main_window, qtbot, tmp_path, quiet_messages):
    dialog = main_window.exchange_menu.open_export()
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "台账.txt"))
    dialog.start()
    assert dialog.isVisible() and ".xlsx" in quiet_messages[-1]
    assert not list(tmp_path.glob("台账*")) and not list(tmp_path.glob("x.*"))
    dialog.path.setText(str(tmp_path / "台账"))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    assert (tmp_path / "台账.xlsx").exists()
