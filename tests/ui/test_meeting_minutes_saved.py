"""保存纪要 confirms itself: Ctrl+S in the minutes says 纪要已保存 and the text is stored."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desk_app.services import meetings


@pytest.fixture
def start_page():
    return "meetings"  # the window opens on the page these tests use (not on 首页 first)


def test_ctrl_s_saves_the_minutes_and_says_so(main_window, qtbot, demo):
    page = main_window.show_page("meetings")
    page.tabs.setCurrentWidget(page.minutes_tab)
    tab = page.minutes_tab
    tab.minutes.setFocus()
    QTest.keyClick(tab.minutes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(tab.minutes, " OK")
    assert tab.saved_label.text() == ""
    QTest.keyClick(tab.minutes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.saved_label.text().startswith("纪要已保存（")
    assert meetings.get_meeting(tab.meeting.id).minutes.endswith(" OK")
    QTest.keyClicks(tab.minutes, "!")
    assert tab.saved_label.text() == ""  # typing again: no longer "saved"
