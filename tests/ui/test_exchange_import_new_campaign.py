"""The Excel import wizard in a folder without a campaign: the campaign asked for is made with the rows, so
a refused or cancelled file leaves no trace (no empty campaign, no backup of nothing)."""

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QDialog, QMessageBox

from desk_app import paths
from desk_app.db.models import Campaign, LedgerEntry


@pytest.fixture
def empty_window(qtbot, db, monkeypatch):
    from ui.app import create_application
    from ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr("ui.views.exchange_import_wizard.NewCampaignDialog.exec",
                        lambda dialog: QDialog.DialogCode.Accepted)
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.shown_messages = shown
    return window


def _sheet(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年作风建设问题清单"])
    sheet.append(["序号", "层级", "存在问题", "整改措施", "责任科室", "整改时限"])
    sheet.append([1, "局领导班子", "调查研究不深入", "制定调研计划", "办公室", "2026年12月31日"])
    path = tmp_path / "清单.xlsx"
    book.save(path)
    return path


def _to_report(dialog, qtbot, path, *, create_missing):
    dialog.set_file(str(path))
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=10000)
    dialog.create_missing.setChecked(create_missing)
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 2, timeout=10000)


def test_a_refused_file_leaves_no_campaign_behind(empty_window, qtbot, tmp_path):
    assert empty_window.state.campaign_id is None
    dialog = empty_window.exchange_menu.open_xlsx_import()
    qtbot.addWidget(dialog)
    _to_report(dialog, qtbot, _sheet(tmp_path), create_missing=False)  # 办公室 is unknown here
    assert not dialog.next.isEnabled()
    dialog.grab().save(str(tmp_path / "refused.png"))
    dialog.reject()
    assert Campaign.select().count() == 0 and empty_window.state.campaign_id is None
    assert not paths.backups_dir().exists()


def test_an_accepted_file_makes_the_campaign_with_its_rows(empty_window, qtbot, tmp_path):
    dialog = empty_window.exchange_menu.open_xlsx_import()
    qtbot.addWidget(dialog)
    _to_report(dialog, qtbot, _sheet(tmp_path), create_missing=True)
    assert Campaign.select().count() == 0  # not before the clerk accepts the report
    dialog.go_next()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    campaign = Campaign.get()
    assert campaign.year == 2026 and campaign.is_current and empty_window.state.campaign_id == campaign.id
    assert LedgerEntry.select().where(LedgerEntry.campaign == campaign).count() == 1
    assert "新增 1 条" in empty_window.shown_messages[-1] and "导入前的备份" not in empty_window.shown_messages[-1]
    assert not paths.backups_dir().exists()  # the folder held nothing to back up


def test_the_same_sheet_again_shows_its_rows_as_already_here(empty_window, qtbot, tmp_path):
    path = _sheet(tmp_path)  # no 问题编号 column
    first = empty_window.exchange_menu.open_xlsx_import()
    qtbot.addWidget(first)
    _to_report(first, qtbot, path, create_missing=True)
    first.go_next()
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=15000)
    again = empty_window.exchange_menu.open_xlsx_import()
    qtbot.addWidget(again)
    _to_report(again, qtbot, path, create_missing=True)
    again.grab().save(str(tmp_path / "again.png"))
    kinds = [again.report_table.item(r, 3).text() for r in range(again.report_table.rowCount())]
    assert "已有" in kinds and not again.next.isEnabled()
    assert "无变化 1 条" in again.report_summary.text() and "没有问题编号" in again.report_summary.text()
    assert LedgerEntry.select().count() == 1
