"""The ledger's state is always clear (issue 18, item 9): the heading names the filter in effect, chips show
every condition with ×, an empty 本月调度 says why, a new entry is selected and shown, and the page's
shortcuts work right after Ctrl+1 … Ctrl+6. Driven with QTest at 1366×768."""

import pytest
from ledger_helpers import at_clerk_size, focus_table, press_ok, when_dialog_opens
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.domain import Layer, Status
from desk_app.services import ledger, ledger_query
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    at_clerk_size(main_window)
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 5)
    return page


def _side_item(page, text):
    return next(i for i in page.side._walk() if i.text(0).startswith(text))


def _click_side(qtbot, page, text):
    item = _side_item(page, text)
    page.side.scrollToItem(item)
    rect = page.side.visualItemRect(item)
    qtbot.mouseClick(page.side.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_heading_and_chips_name_every_condition_and_all_entries_clears_them(page, qtbot, demo):
    _click_side(qtbot, page, "待审核销号")
    assert page.scope_label.full_text() == "待审核销号"
    assert page.filter_bar.chips.texts() == ["状态：申请销号"]
    # A person's list keeps the 申请销号 condition: the heading says so instead of a bare name or 全部事项.
    person = next(i for i in page.side._walk() if (i.data(0, Qt.ItemDataRole.UserRole + 10) or ("",))[0] == "person")
    page.side.scrollToItem(person)
    qtbot.mouseClick(page.side.viewport(), Qt.MouseButton.LeftButton, pos=page.side.visualItemRect(person).center())
    heading = page.scope_label.full_text()
    assert "状态：申请销号" in heading and heading != "全部事项"
    assert any(t.startswith("所属人员：") for t in page.filter_bar.chips.texts())
    # × on the status chip: that condition goes, the person's stays.
    chip = next(b for b in page.filter_bar.chips.buttons if b.text().startswith("状态："))
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert page.current_filter().statuses == [] and page.current_filter().owner_ids
    assert "申请销号" not in page.scope_label.full_text()
    _click_side(qtbot, page, "全部事项")
    assert page.scope_label.full_text() == "全部事项" and page.filter_bar.chips.texts() == []
    total = ledger_query.count_entries(LedgerFilter(campaign_id=demo.campaign_id))
    assert page.model.rowCount() == total


def test_a_status_filter_never_leaves_the_heading_at_all_entries(page, qtbot):
    page.filter_bar.status.set_values([Status.PENDING_CLOSE.value])
    assert page.scope_label.full_text() != "全部事项"
    assert "状态：申请销号" in page.scope_label.full_text()
    page.filter_bar.search.setText("没有这样的事项字样")
    page.filter_bar._emit_now()
    assert page.model.rowCount() == 0
    assert "搜索“没有这样的事项字样”" in page.placeholder.label.text()


def test_monthly_dispatch_says_why_it_is_empty(page, qtbot):
    page.filter_bar.status.set_values([Status.PENDING_CLOSE.value])
    seen = []

    def answer(dialog):
        seen.append(dialog.placeholder.label.text() if dialog.placeholder.is_shown() else "")
        dialog.reject()

    when_dialog_opens(answer)
    focus_table(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert seen and "申请销号" in seen[0] and "未启动" in seen[0]


def test_a_new_entry_is_selected_and_in_view_after_save(page, qtbot, demo):
    def fill_and_save(editor):
        editor.layer.setCurrentIndex(editor.layer.findData(Layer.DIVISION.value))
        editor.description.setPlainText("新发现：会议室预约制度执行不到位")
        press_ok(editor)

    when_dialog_opens(fill_and_save)
    focus_table(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new = ledger_query.fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, text="会议室预约制度"))[0]
    assert page.current_id() == new.id and page.selected_ids() == [new.id]
    row = page.table.currentIndex().row()
    assert row > 64  # beyond the first loaded page: found by its place in the sort, not by luck
    assert page.table.viewport().rect().intersects(page.table.visualRect(page.model.index(row, 1)))
    assert page.preview.isVisible()


def test_a_new_entry_the_filter_hides_is_offered_with_a_link(page, qtbot, demo):
    page.filter_bar.status.set_values([Status.CLOSED.value])

    def fill_and_save(editor):
        editor.layer.setCurrentIndex(editor.layer.findData(Layer.DIVISION.value))
        editor.description.setPlainText("另一条新问题：台账更新不及时")
        press_ok(editor)

    when_dialog_opens(fill_and_save)
    page.actions.new_action.trigger()
    assert "不符合当前筛选" in page.notice.text()
    page._notice_link("show")
    new = ledger_query.fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, text="台账更新不及时"))[0]
    assert page.current_id() == new.id and page.current_filter().statuses == []


def test_ctrl_n_and_ctrl_f_work_right_after_switching_pages_by_keyboard(main_window, page, qtbot):
    main_window.activateWindow()
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is main_window.pages["home"]
    qtbot.keyClick(QApplication.focusWidget() or main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stack.currentWidget() is page
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filter_bar.search
    main_window.nav.setFocus()  # even from the navigation list (a mouse click leaves the focus there)
    opened = when_dialog_opens(lambda dialog: dialog.reject())
    qtbot.keyClick(main_window.nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened and type(opened[0]).__name__ == "EntryEditor"
    assert ledger.get_entry(page.current_id()) is not None
