"""The one date widget, typed into with real key events as a clerk does (screen 1366×768)."""

from datetime import date

import pytest
from clerk_typing import type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QTableView, QVBoxLayout, QWidget

from desk_app.errors import ValidationError
from desk_app.services import campaigns


@pytest.fixture
def form(qtbot, db):
    """A window with a clearable date, a date that must be set, and a line edit after them."""
    from ui.app import create_application
    from ui.views.date_field import DateField

    create_application()
    campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    window = QWidget()
    window.empty, window.required, window.after = DateField(), DateField(clearable=False), QLineEdit()
    layout = QVBoxLayout(window)
    for w in (window.empty, window.required, window.after):
        layout.addWidget(w)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def _type(field, text: str, *, select_all: bool = True) -> None:
    field.edit.setFocus()
    if select_all:
        QTest.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field.edit, text)
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)


def test_an_empty_field_says_not_set_and_takes_typing(form):
    field = form.empty
    assert field.value() is None and field.text() == "" and field.edit.placeholderText() == "未设置"
    field.edit.setFocus()
    QTest.keyClicks(field.edit, "20261201")
    assert field.text() == "20261201"  # no 未设置 in front of what is typed
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    assert form.required.edit.hasFocus()  # Tab left the field
    assert field.value() == date(2026, 12, 1) and field.text() == "2026-12-01"


@pytest.mark.parametrize("typed", ["2026-12-01", "20261201", "2026.12.1", "2026/12/1", "12月1日", "12-1"])
def test_every_form_clerks_type(form, typed):
    _type(form.empty, typed)
    assert form.empty.value() == date(2026, 12, 1)


def test_a_typed_year_is_honoured(form):
    form.required.set_value(date(2026, 12, 24))
    _type(form.required, "2027-01-31")
    assert form.required.value() == date(2027, 1, 31)


def test_month_and_day_take_the_campaign_year(form):
    campaigns.create_campaign("2027年作风建设年", 2027, date(2027, 1, 1), date(2027, 12, 31))
    campaigns.set_current(campaigns.list_campaigns()[0].id)
    _type(form.empty, "1月31日")
    assert form.empty.value() == date(2027, 1, 31)


def test_text_that_is_no_date_is_marked_and_tab_still_leaves(form):
    _type(form.empty, "2026-02-30")
    assert form.required.edit.hasFocus()
    assert "2月30日不存在" in form.empty.error() and "c62828" in form.empty.edit.styleSheet()
    with pytest.raises(ValidationError, match="不存在"):
        form.empty.value()
    _type(form.empty, "2026-02-28")
    assert form.empty.error() == "" and form.empty.edit.styleSheet() == ""


def test_emptying_clears_and_a_required_date_says_so(form):
    form.empty.set_value(date(2026, 5, 1))
    _type(form.empty, "")
    QTest.keyClick(form.empty.edit, Qt.Key.Key_Delete)
    form.empty.edit.clear()
    assert form.empty.value() is None
    form.required.edit.clear()
    assert "2026-12-01" in form.required.error()


def test_arrow_keys_step_days_and_months_and_ctrl_semicolon_is_today(form):
    field = form.required
    field.set_value(date(2026, 1, 31))
    field.edit.setFocus()
    QTest.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == date(2026, 2, 1)
    QTest.keyClick(field.edit, Qt.Key.Key_PageDown)
    assert field.value() == date(2026, 1, 1)
    QTest.keyClick(field.edit, Qt.Key.Key_Semicolon, Qt.KeyboardModifier.ControlModifier)
    assert field.value() == date(2026, 11, 23)  # the tests' pinned today


def test_the_calendar_opens_on_the_value_or_today_and_picks_with_the_keyboard(form, qtbot):
    field = form.empty
    field.edit.setFocus()
    QTest.keyClick(field.edit, Qt.Key.Key_F4)
    calendar = field.popup.calendar
    assert field.popup.isVisible() and calendar.selectedDate().toPython() == date(2026, 11, 23)
    field.popup.hide()
    field.set_value(date(2025, 3, 9))
    QTest.mouseClick(field.button, Qt.MouseButton.LeftButton)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 3)
    grid = calendar.findChild(QTableView)  # the day grid takes the calendar's keys
    QTest.keyClick(grid, Qt.Key.Key_Right)
    QTest.keyClick(grid, Qt.Key.Key_Return)
    assert not field.popup.isVisible() and field.value() == date(2025, 3, 10)


def test_calendar_stays_on_a_1366x768_screen(form):
    geometry = form.screen().availableGeometry()
    assert (geometry.width(), geometry.height()) == (1366, 768)
    form.move(600, 700)
    form.empty.open_calendar()
    popup = form.empty.popup.frameGeometry()
    assert geometry.contains(popup)


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def test_editor_takes_typed_dates_in_empty_fields_and_a_new_year(qtbot, demo):
    from ui.app import create_application
    from ui.views.entry_editor import EntryEditor

    create_application()
    editor = _show(qtbot, EntryEditor(demo.campaign_id, None))
    assert editor.found_date.text() == "" and editor.found_date.edit.placeholderText() == "未设置"
    _type(editor.found_date, "2026.11.20")
    assert editor.focusWidget() is not editor.found_date.edit  # Tab moved on
    editor.deadline.date.set_value(date(2026, 12, 24))
    _type(editor.deadline.date, "2027-01-31")
    data = editor.collect()
    assert (data.found_date, data.deadline) == (date(2026, 11, 20), date(2027, 1, 31))
    _type(editor.deadline.date, "2027-13-01")
    editor.save()
    assert "13月1日不存在" in editor.boxes["deadline"].error.text()
    editor.done(QDialog.DialogCode.Rejected)  # leave without saving (closing a changed editor asks 放弃修改？)


def test_decision_dialog_keeps_a_typed_year(qtbot, demo):
    from ui.app import create_application
    from ui.views.meeting_minutes_tab import DecisionDialog

    create_application()
    dialog = _show(qtbot, DecisionDialog(demo.campaign_id))
    dialog.deadline.set_value(date(2026, 12, 24))
    _type(dialog.deadline, "2027-01-31")
    assert dialog.value().deadline == date(2027, 1, 31)


def test_meeting_date_typed_and_refused_when_no_date(qtbot, demo, monkeypatch):
    from ui.app import create_application
    from ui.views.meeting_info_tab import NewMeetingDialog

    create_application()
    warned = []
    monkeypatch.setattr("ui.views.meeting_info_tab.QMessageBox.warning", lambda *a: warned.append(a[2]))
    dialog = _show(qtbot, NewMeetingDialog("专班推进会"))
    _type(dialog.form.day, "12月24日")
    assert dialog.form.value().start_at.isoformat() == "2026-12-24T15:00:00"
    _type(dialog.form.day, "12月32日")
    dialog.accept()
    assert dialog.isVisible() and "12月32日不存在" in warned[-1]
