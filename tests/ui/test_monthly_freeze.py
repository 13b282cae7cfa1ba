"""The 封账 dialog, the 首页 reminder and the 统计 page "as of a frozen month"."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desk_app.services import ledger, month_freeze
from desk_app.services.ledger_query import LedgerFilter, fetch_entries


@pytest.fixture(autouse=True)
def quiet_boxes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


@pytest.fixture(autouse=True)
def back_home(main_window):
    yield
    main_window.show_page("home")


def _row_of(dialog, month: str) -> int:
    return [s.month for s in dialog.states].index(month)


def test_home_reminds_and_opens_the_dialog_on_the_month(main_window, demo, qtbot):
    home = main_window.show_page("home")
    home.refresh()
    texts = [home.compliance_list.item(i).text() for i in range(home.compliance_list.count())]
    assert any("2026年10月的报送日（10月25日）已过，尚未封账" in t for t in texts)
    item = next(home.compliance_list.item(i) for i in range(home.compliance_list.count())
                if "尚未封账" in home.compliance_list.item(i).text())
    home._open_warning(item)
    from ui.views.monthly_freeze_dialog import FreezeDialog

    dialogs = main_window.findChildren(FreezeDialog)
    assert dialogs and dialogs[-1].isVisible() and dialogs[-1].selected().month == "2026-10"
    dialogs[-1].close()


def test_freeze_then_unfreeze_from_the_dialog(main_window, demo, qtbot):
    dialog = main_window.exchange_menu.monthly.open_freeze()
    qtbot.addWidget(dialog)
    assert dialog.selected().month == "2026-10"  # the month whose report day passed
    assert dialog.freeze_button.isEnabled() and not dialog.ledger_button.isEnabled()
    assert dialog.table.item(_row_of(dialog, "2026-10"), 1).text() == "未封账（报送日已过）"
    task = dialog.freeze_selected(date(2026, 10, 25))
    qtbot.waitUntil(lambda: month_freeze.frozen_months(demo.campaign_id) == ["2026-10"], timeout=15000)
    qtbot.waitUntil(lambda: dialog.selected() is not None and dialog.selected().frozen, timeout=15000)
    assert task is not None
    row = _row_of(dialog, "2026-10")
    assert dialog.table.item(row, 1).text() == "已封账"
    assert dialog.table.item(row, 3).text() == str(month_freeze.frozen_month(demo.campaign_id, "2026-10")
                                                   .figures.total.total)
    assert dialog.ledger_button.isEnabled() and dialog.unfreeze_button.isEnabled()
    assert "封账" in dialog.history.item(0).text()
    assert not dialog.unfreeze_selected("")  # a reason is required
    assert month_freeze.frozen_months(demo.campaign_id) == ["2026-10"]
    assert dialog.unfreeze_selected("录入有误")
    assert month_freeze.frozen_months(demo.campaign_id) == []
    assert "录入有误" in dialog.history.item(0).text()
    dialog.close()


def test_the_stats_page_shows_a_frozen_month_as_it_stood(main_window, demo, qtbot):
    month_freeze.freeze_month(demo.campaign_id, "2026-11", report_day=date(2026, 11, 20))
    frozen = month_freeze.frozen_month(demo.campaign_id, "2026-11")
    ledger.delete_entries([e.id for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id), limit=30)])
    page = main_window.show_page("stats")
    page.refresh()
    assert page.as_of.count() == 2
    page.as_of.setCurrentIndex(1)
    page.as_of.activated.emit(1)
    total_row = page.tables["department"].rowCount() - 1
    qtbot.waitUntil(lambda: page.tables["department"].item(page.tables["department"].rowCount() - 1, 1).text()
                    == str(frozen.figures.total.total), timeout=15000)
    assert "2026-11" in page.heading.text()
    assert page.print_options().as_of_month == "2026-11"
    received = []
    page.ledger_requested.connect(received.append)
    page.tables["department"].cellDoubleClicked.emit(0, 0)
    assert received == []  # a frozen month's rows are not the live ledger's
    page.as_of.setCurrentIndex(0)
    page.as_of.activated.emit(0)
    assert page.tables["department"].item(total_row, 1) is None or int(
        page.tables["department"].item(page.tables["department"].rowCount() - 1, 1).text()) == demo.entries - 30


def test_fill_in_export_and_import_dialogs(main_window, demo, qtbot, tmp_path):
    import openpyxl

    from desk_app.exchange.fillin_format import INDEX, SHEET
    from desk_app.services import ledger_bulk

    menu = main_window.exchange_menu.monthly
    export = menu.open_fillin_export()
    qtbot.addWidget(export)
    export.month.setDate(export.month.date().fromString("2026-11", "yyyy-MM"))
    export.folder.setText(str(tmp_path / "out"))
    for i in range(2, export.departments.count()):  # only the first two departments
        export.departments.item(i).setCheckState(Qt.CheckState.Unchecked)
    export.start()
    qtbot.waitUntil(lambda: export.result is not None, timeout=20000)
    files = [w.path for w in export.result.workbooks]
    assert len(files) == 2
    export.result_box.close()
    wb = openpyxl.load_workbook(files[0])
    ws = wb[SHEET]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, INDEX["key"] + 1).value)
    code = ws.cell(row, INDEX["code"] + 1).value
    ws.cell(row, INDEX["progress"] + 1).value = "窗口里导入的进展"
    wb.save(files[0])
    dialog = menu.open_fillin_import()
    qtbot.addWidget(dialog)
    dialog.check([tmp_path / "out"])
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    assert dialog.departments.rowCount() == 2 and dialog.import_button.isEnabled()
    assert dialog.tabs.tabText(3) == "未报（1）"  # the second department's workbook came back blank
    dialog.start_import()
    entry = next(e for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id)) if e.code == code)
    qtbot.waitUntil(lambda: ledger_bulk.month_progress_text(entry.id, "2026-11") == "窗口里导入的进展", timeout=20000)


def test_the_report_day_dialog_warns_of_an_early_freeze(main_window, demo, qtbot):
    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QDateEdit, QLabel

    dialog = main_window.exchange_menu.monthly.open_freeze()
    qtbot.addWidget(dialog)
    seen = {}

    def look():
        asked = dialog._report_day_dialog
        edit, warning = asked.findChild(QDateEdit, "report_day"), asked.findChild(QLabel, "early_freeze_warning")
        seen["on_the_day"] = warning.isVisible()
        edit.setDate(QDate(2026, 10, 20))
        seen["early"] = (warning.isVisible(), warning.text())
        asked.reject()

    QTimer.singleShot(0, look)
    assert dialog.ask_report_day("2026-10") is None
    assert seen["on_the_day"] is False
    visible, text = seen["early"]
    assert visible and "报送日是2026年10月25日" in text and "个科室未报本月进展" in text
    dialog.close()
