"""设置 › 导入词表, and the import wizard in a folder that has no campaign yet."""

from openpyxl import Workbook
from PySide6.QtWidgets import QDialog, QMessageBox

from desk_app.db.models import Campaign, LedgerEntry
from desk_app.services import import_words


def test_words_settings_add_and_remove(main_window, qtbot, monkeypatch):
    from ui.views.exchange_words_settings import ExchangeWordsSettings, WordDialog

    page = ExchangeWordsSettings(main_window.state)
    qtbot.addWidget(page)
    table = page.statuses.table
    shipped = table.rowCount()
    assert shipped > 50 and page.deadlines.table.rowCount() > 20

    def fake_exec(dialog):
        dialog.word.setText("基本办结")
        dialog.meaning.setCurrentIndex(dialog.meaning.findData("申请销号"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WordDialog, "exec", fake_exec)
    page.statuses.add()
    assert import_words.table("statuses")["基本办结"] == "申请销号"
    page.statuses.filter.setText("基本办结")
    assert table.rowCount() == 1 and table.item(0, 2).text() == "本机添加"
    table.setCurrentCell(0, 0)
    page.statuses.remove()
    assert "基本办结" not in import_words.table("statuses")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    import_words.remove_word("statuses", "完成")
    page.statuses.filter.clear()
    page.statuses.reset()
    assert table.rowCount() == shipped


def test_settings_page_has_the_words_tab(main_window):
    titles = [main_window.findChild(type(s), None) and s.windowTitle() for s in _settings_sections(main_window)]
    assert "导入词表" in titles


def _settings_sections(window):
    from ui.views.settings_page import SettingsPage

    page = window.findChild(SettingsPage)
    if page is None:
        page = SettingsPage(window.state, window)
    return page.sections


def test_wizard_offers_a_campaign_in_an_empty_folder(db, qtbot, tmp_path, monkeypatch):
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.exchange_import_wizard import NewCampaignDialog, XlsxImportWizard

    create_application()
    wb = Workbook()
    ws = wb.active
    ws.append(["2023年巡察反馈问题整改台账"])
    ws.append(["序号", "反馈问题", "整改措施", "责任单位", "整改时限", "整改情况"])
    ws.append([1, "落实主体责任不到位", "建立责任清单", "办公室", "年底前", "已完成"])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    state = AppState()
    assert state.campaign_id is None
    wizard = XlsxImportWizard(state)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_file(str(path))
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 1, timeout=15000)
    seen = {}

    def fake_exec(dialog):
        seen["year"] = dialog.year.value()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewCampaignDialog, "exec", fake_exec)
    wizard.create_missing.setChecked(True)
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 2, timeout=15000)
    # the campaign is made with the rows, so a refused or cancelled file leaves none behind
    assert seen["year"] == 2023 and not Campaign.select().exists() and state.campaign_id is None
    assert "已销号" in wizard.report_summary.text()
    kinds = {wizard.report_table.item(r, 3).text() for r in range(wizard.report_table.rowCount())}
    assert "按词义理解" in kinds
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert wizard.next.isEnabled()
    wizard.go_next()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=20000)
    entry = LedgerEntry.get()
    assert entry.status == "已销号" and entry.reviewer_id is None and str(entry.deadline) == "2023-12-31"
    assert Campaign.get().year == 2023 and state.campaign_id == Campaign.get().id
