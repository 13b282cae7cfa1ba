"""The 通报, 评价排名 and 制度与目标 pages on the demo, as a clerk uses them."""

from datetime import date

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox

from desk_app.demo_cycle import freeze_history
from desk_app.services import bulletin, rankings, rankings_rules, registers


def _settle(qtbot):
    QThreadPool.globalInstance().waitForDone(10000)
    qtbot.wait(50)


def test_bulletin_page_shows_the_months_tables_and_exports(main_window, demo, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)  # "saved" box
    freeze_history(demo.campaign_id)
    page = main_window.show_page("bulletins")
    _settle(qtbot)
    monthly = page.monthly
    assert monthly.picker.currentData() == "2026-10" and monthly.picker.count() == 24  # two years frozen
    data = bulletin.bulletin(demo.campaign_id, "2026-10")
    table = monthly.table("科室排名")
    assert table.rowCount() == len(data.departments)
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [g.key for g in data.departments]
    assert monthly.table("连续两月逾期").rowCount() == len(data.overdue_twice)
    assert "较2026年9月" in monthly.summary.text()
    monthly.picker.setCurrentIndex(monthly.picker.findData("2026-03"))
    _settle(qtbot)
    assert "2026年3月" in monthly.notice.title
    from ui.views.bulletin_export import export_file

    task = export_file(monthly, "bulletin", demo.campaign_id, ".docx", "x", target=tmp_path / "b.docx",
                       month="2026-03")
    with qtbot.waitSignal(task.finished_ok, timeout=20000):
        pass
    assert (tmp_path / "b.docx").stat().st_size > 5000
    page.tabs.setCurrentIndex(1)
    _settle(qtbot)
    assert page.quarterly.picker.currentData() == "2026-Q4" and page.quarterly.table("季度办结率").rowCount() > 10


def test_bulletin_page_without_frozen_months_says_what_to_do(main_window, qtbot):
    page = main_window.show_page("bulletins")
    _settle(qtbot)
    assert page.monthly.picker.count() == 0 and "封账" in page.monthly.summary.text()
    assert not page.monthly.word_button.isEnabled()
    # It names the place where a month is frozen, and that place exists: 文件 › 月度封账… (Ctrl+Shift+F).
    assert "文件 › 月度封账…（Ctrl+Shift+F）" in page.monthly.summary.text()
    assert "首页" not in page.monthly.summary.text()
    # Found by title among the window's menus: QAction.menu() gives PySide6 6.8 a wrapper already deleted.
    file_menu = next(m for m in main_window.findChildren(QMenu) if m.title().startswith("文件"))
    freeze = next(a for a in file_menu.actions() if a.text().startswith("月度封账"))
    freeze.trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None or any(
        type(w).__name__ == "FreezeDialog" and w.isVisible() for w in QApplication.topLevelWidgets()), timeout=3000)
    for w in QApplication.topLevelWidgets():
        if type(w).__name__ == "FreezeDialog":
            w.reject()


def test_scores_typed_saved_and_ranked_with_the_last_three_marked(main_window, demo, qtbot, monkeypatch):
    page = main_window.show_page("rankings")
    scores = page.scores
    kind = rankings.kind_by_name("作风指数评价")
    monkeypatch.setattr("ui.views.ranking_dialogs.RoundDialog.exec", lambda self: (
        setattr(self, "result_record", rankings.create_round(kind.id, "2026-Q4")) or QDialog.DialogCode.Accepted))
    scores.new_round()
    assert scores.current_round().period == "2026-Q4"
    grid = scores.grid
    assert grid.rowCount() == 11  # the subjects of the last round, ready for scores
    names = [grid.item(r, 0).text() for r in range(grid.rowCount())]
    score_col = len(scores.item_names) + 1
    grid.setCurrentCell(0, score_col)
    scores.paste("\n".join(str(90 - n) for n in range(len(names))))  # pasted from a spreadsheet column
    assert scores.dirty
    assert scores.save()
    result = rankings_rules.ranking(scores.current_round().id)
    assert [row.subject for row in result.rows] == names
    assert [row.subject for row in result.bottom] == names[-3:]
    assert "需提醒约谈" in scores.info.text() or "Due a reminder talk" in scores.info.text()
    last = grid.rowCount() - 1
    assert grid.item(last, grid.columnCount() - 1).text().startswith(("后三名", "连续"))


def test_bad_score_is_refused_and_nothing_saved(main_window, demo, qtbot, monkeypatch):
    page = main_window.show_page("rankings")
    scores = page.scores
    before = rankings.scores(scores.current_round().id)
    scores.grid.item(0, len(scores.item_names) + 1).setText("九十")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    assert not scores.save()
    assert "不是数字" in warnings[0]
    assert rankings.scores(scores.current_round().id) == before


def test_import_from_excel_with_preview(main_window, demo, qtbot, tmp_path, monkeypatch):
    from openpyxl import Workbook

    page = main_window.show_page("rankings")
    scores = page.scores
    current = scores.current_round()
    wb = Workbook()
    ws = wb.active
    ws.append([f"{current.label}作风指数评价结果"])
    ws.append(["序号", "被评价科室", "综合得分"])
    for n, s in enumerate(rankings.scores(current.id), start=1):
        ws.append([n, s.subject, 80 + n])
    wb.save(tmp_path / "s.xlsx")
    assert scores.import_scores(str(tmp_path / "s.xlsx"), confirm=False)
    _settle(qtbot)
    top = rankings_rules.ranking(current.id).rows[0]
    assert top.score == 80 + len(rankings.scores(current.id))


def test_interview_recorded_from_the_list(main_window, demo, qtbot, monkeypatch):
    page = main_window.show_page("rankings")
    page.tabs.setCurrentIndex(1)
    tab = page.interviews
    pending = [n for n, x in enumerate(tab.rows) if x.status == "待约谈"]
    assert pending
    row = tab.rows[pending[0]]

    def fill(self):
        self.held.set_value(date(2026, 11, 20))
        self.interviewer.setText("张局长")
        self.outcome.set_value("已提醒，限期报送整改报告")
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("ui.views.ranking_dialogs.InterviewDialog.exec", fill)
    tab.table.selectRow(pending[0])
    tab.record()
    updated = next(x for x in rankings_rules.interviews() if (x.round_id, x.subject) == (row.round_id, row.subject))
    assert updated.status == "已约谈" and updated.interviewer == "张局长"


def test_register_rows_added_deleted_and_undone(main_window, demo, qtbot, monkeypatch):
    page = main_window.show_page("registers")
    tab = page.rules
    count = tab.table.rowCount()
    assert count == 53 and "16" in tab.summary.text()

    def fill(self):
        self.area.setEditText("会议管理")
        self.title_edit.setText("《视频会议保障细则》")
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("ui.views.registers_dialog.RegisterItemDialog.exec", fill)
    tab.add()
    assert tab.table.rowCount() == count + 1
    added = tab.current()
    assert added.title == "《视频会议保障细则》" and added.area == "会议管理"
    tab.delete()
    assert tab.table.rowCount() == count and tab.undo_button.isEnabled()
    tab.undo_delete()
    assert tab.table.rowCount() == count + 1
    tab.search.setText("视频会议保障")
    assert tab.table.rowCount() == 1


@pytest.mark.parametrize("key", ["bulletins", "rankings", "registers"])
def test_new_pages_refresh_on_the_window(main_window, qtbot, key):
    page = main_window.show_page(key)
    _settle(qtbot)
    assert page.isVisible()


def test_registers_export_excel(main_window, demo, tmp_path):
    tab = main_window.show_page("registers").targets
    path = tab.export(tmp_path / "t.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(path)["晋位升级目标"]
    assert sheet.max_row == 2 + len(registers.list_items(demo.campaign_id, "晋位升级目标"))
