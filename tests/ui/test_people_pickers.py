"""People pickers as clerks use them: a typed name, pinyin initials, the list in pinyin order (1366×768)."""

from datetime import date

import pytest
from clerk_typing import type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desk_app.services import campaigns, org


@pytest.fixture
def office(qtbot, db):
    from ui.app import create_application

    create_application()
    campaign = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    office, finance = org.create_department("办公室"), org.create_department("财务科")
    people = {}
    for name, dept in (("郭一鸣", office), ("张三", office), ("李四", office), ("李四", finance),
                       ("曾强", finance), ("阿里", finance)):
        people.setdefault(name, []).append(org.create_person(name, dept.id, "科员"))
    return campaign, people


@pytest.fixture
def editor(qtbot, office):
    from ui.views.entry_editor import EntryEditor

    window = EntryEditor(office[0].id, None)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def _type(combo, text: str) -> None:
    combo.lineEdit().setFocus()
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), text)


def test_a_typed_unique_name_is_accepted_and_the_marks_follow_at_once(editor, office):
    assert "✘ 定责任" in editor.essentials.text()
    _type(editor.responsible, "郭一鸣")
    assert "✔ 定责任" in editor.essentials.text()  # before leaving the field
    QTest.keyClick(editor.responsible.lineEdit(), Qt.Key.Key_Tab)
    assert editor.responsible.currentText() == "郭一鸣（办公室）"
    assert editor.collect().responsible_id == office[1]["郭一鸣"][0].id


def test_pinyin_initials_find_the_person(editor, office):
    _type(editor.leader, "gym")
    popup = editor.leader.completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 1
    assert popup.model().index(0, 0).data() == "郭一鸣（办公室）"
    QTest.keyClick(editor.leader.lineEdit(), Qt.Key.Key_Tab)
    assert editor.collect().leader_id == office[1]["郭一鸣"][0].id
    _type(editor.owner, "ZENGQIANG")  # the whole pinyin, any case
    assert editor.collect().owner_id == office[1]["曾强"][0].id


def test_a_name_two_people_share_asks_which(editor, office):
    _type(editor.responsible, "李四")
    QTest.keyClick(editor.responsible.lineEdit(), Qt.Key.Key_Tab)
    assert editor.responsible.lineEdit().hasFocus()  # Tab asks instead of leaving
    popup = editor.responsible.completer().popup()
    shown = {popup.model().index(r, 0).data() for r in range(popup.model().rowCount())}
    assert popup.isVisible() and shown == {"李四（办公室）", "李四（财务科）"}
    editor.save()
    message = editor.boxes["responsible_id"].error.text()
    assert "李四（办公室）" in message and "李四（财务科）" in message and "选择" in message
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert editor.responsible.currentText() in shown and editor.collect().responsible_id is not None


def test_unknown_names_are_still_refused(editor):
    _type(editor.responsible, "不存在的人")
    editor.save()
    assert "不在列表中" in editor.boxes["responsible_id"].error.text()


def test_pickers_list_people_in_pinyin_order(editor, office):
    names = [editor.responsible.itemText(i).split("（")[0] for i in range(1, editor.responsible.count())]
    assert names == ["阿里", "郭一鸣", "李四", "李四", "曾强", "张三"]


def test_meeting_person_combo_takes_initials(qtbot, office):
    from ui.views.meeting_common import PersonCombo

    combo = PersonCombo()
    qtbot.addWidget(combo)
    combo.show()
    _type(combo, "zs")
    assert combo.person_id() == office[1]["张三"][0].id
    combo.settle()
    assert combo.currentText() == "张三（办公室 科员）"
