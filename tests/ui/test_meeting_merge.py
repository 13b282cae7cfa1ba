"""Two clerks on one meeting: typed minutes and basics survive others' changes and merge on save."""

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desk_app"))
from other_clerk import elsewhere  # noqa: E402

from desk_app.services import meetings  # noqa: E402
from ui.views.merge_view import MergeDialog  # noqa: E402


@pytest.fixture
def start_page():
    return "meetings"  # the window opens on the page these tests use (not on 首页 first)


def test_minutes_saved_meanwhile_are_merged_not_overwritten(main_window, qtbot):
    page = main_window.show_page("meetings")
    tab = page.minutes_tab
    m = tab.meeting
    tab.minutes.setPlainText(m.minutes + "\n我补充的一段")
    tab.minutes.document().setModified(True)
    elsewhere(meetings.set_minutes, m.id, "李四重写的纪要", actor="李四")
    page.reload_meeting()  # others' change arrives: the typed minutes stay
    assert tab.minutes.toPlainText().endswith("我补充的一段")
    seen = {}

    def merge():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeDialog)
        seen["fields"] = [(f.name, f.theirs) for f in dialog.fields]
        dialog.choose(0, "theirs")
        dialog.accept()

    QTimer.singleShot(0, merge)
    assert tab.save_minutes()
    assert seen["fields"] == [("minutes", "李四重写的纪要")]
    assert meetings.get_meeting(m.id).minutes == "李四重写的纪要" == tab.minutes.toPlainText()


def test_basics_typed_survive_others_changes_and_save_where_nothing_conflicts(main_window, qtbot):
    page = main_window.show_page("meetings")
    m = page.meeting
    page.info_tab.form.place.setText("二楼会议室")
    elsewhere(meetings.set_agenda, m.id, "李四的议程", actor="李四")
    main_window.state.data_changed.emit()  # as when the poller reports it
    assert page.info_tab.form.place.text() == "二楼会议室"
    page.save_info(page.info_tab.form.value())  # another part changed: no merge needed
    stored = meetings.get_meeting(m.id)
    assert (stored.place, stored.agenda) == ("二楼会议室", "李四的议程")
    other = replace(meetings.input_of(stored), place="三楼")
    elsewhere(meetings.update_meeting, m.id, other, base_version=stored.version, actor="李四")
    page.info_tab.form.place.setText("四楼")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    page.save_info(page.info_tab.form.value())
    assert meetings.get_meeting(m.id).place == "三楼"  # went back to editing: nothing overwritten
