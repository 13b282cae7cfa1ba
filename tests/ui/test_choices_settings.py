"""设置 › 类别与来源: a value removed by mistake comes back with Ctrl+Z, in its group; Ctrl+Y removes it again."""

from desk_app.services import choices


def test_remove_then_undo_and_redo(qtbot, db):
    from PySide6.QtCore import Qt

    from ui.app import create_application
    from ui.state import AppState
    from ui.views.choices_settings import ChoicesSettings

    create_application()
    section = ChoicesSettings(AppState())
    qtbot.addWidget(section)
    section.show()
    section.activateWindow()
    qtbot.waitUntil(section.isActiveWindow)  # shortcuts reach the active window only
    widget = section.lists["category"]
    grouped = next(c for c in choices.list_choices("category") if c.group)
    row = next(r for r in range(widget.count()) if widget.item(r).text().endswith(grouped.value))
    widget.setCurrentRow(row)
    widget.setFocus()
    section.remove("category")
    assert grouped.value not in choices.values("category")
    assert "撤销移除“" + grouped.value in section.note.text()

    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = next(c for c in choices.list_choices("category") if c.value == grouped.value)
    assert back.group == grouped.group and back.id == grouped.id and section.note.text() == ""

    qtbot.keyClick(widget, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert grouped.value not in choices.values("category")
