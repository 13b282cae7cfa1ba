"""Input widgets of the entry editor: pickers for people, departments, lists, dates and deadlines."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import DeadlineType

from .date_field import DateField

__all__ = ["DateField", "DeadlineField", "FieldBox", "PickCombo", "TextBox"]

class PickCombo(QComboBox):
    """An editable combo that completes on any part of the text but only accepts listed items."""

    def __init__(self, parent=None, *, allow_empty: bool = True, free_text: bool = False):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.allow_empty = allow_empty
        self.free_text = free_text
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMaxVisibleItems(20)

    def set_items(self, items: list[tuple[str, object]]) -> None:
        self.blockSignals(True)
        self.clear()
        if self.allow_empty:
            self.addItem("", None)
        for text, data in items:
            self.addItem(text, data)
        self.blockSignals(False)

    def value(self):
        """The chosen item's data, None when empty; raises ValueError for text matching no item."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0:
            if self.free_text:
                return text
            raise ValueError(text)
        data = self.itemData(index)
        return text if self.free_text else data

    def set_value(self, value) -> None:
        if value in (None, ""):
            self.setCurrentIndex(0 if self.allow_empty else -1)
            self.setEditText("")
            return
        index = self.findText(value) if self.free_text else self.findData(value)
        if index < 0 and self.free_text:
            self.addItem(str(value), str(value))  # a value no longer in the list stays visible
            index = self.count() - 1
        self.setCurrentIndex(index)


class TextBox(QPlainTextEdit):
    """Multi-line text where Tab moves focus (a clerk tabs through the form)."""

    def __init__(self, lines: int = 3, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 3)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, text: str) -> None:
        self.setPlainText(text or "")


class DeadlineField(QWidget):
    """整改时限: a date, 立行立改 or 长期坚持 (the last two may still carry a review date)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind = QComboBox()
        for t in DeadlineType:
            self.kind.addItem(t.value, t.value)
        self.kind.setAccessibleName(self.tr("Deadline type"))
        self.date = DateField()
        self.date.setAccessibleName(self.tr("Deadline"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.date, 1)
        self.setFocusProxy(self.kind)
        self.kind.currentIndexChanged.connect(self.changed)
        self.date.dateChanged.connect(self.changed)

    def value(self) -> tuple[str, date | None]:
        return self.kind.currentData(), self.date.value()

    def set_value(self, deadline_type: str, deadline: date | None) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(deadline_type)))
        self.date.set_value(deadline)


class FieldBox(QWidget):
    """A form field with the place under it where the services' message for that field appears."""

    def __init__(self, editor: QWidget, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setObjectName("field_error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setStyleSheet("border: 1px solid #c62828;" if message else "")
