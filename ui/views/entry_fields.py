"""Input widgets of the entry editor: pickers for people, departments, lists, dates and deadlines."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
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
from desk_app.errors import DeskAppError, ValidationError
from desk_app.services import ledger_pickers

from .date_field import DateField

__all__ = ["AmbiguousPick", "DateField", "DeadlineField", "FieldBox", "PickCombo", "TextBox"]

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 7  # what the completer matches: the label and the aliases
ALIASES_ROLE = Qt.ItemDataRole.UserRole + 8


_LEAVING_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AmbiguousPick(ValueError):
    """The typed text names several items; message says which, in the clerk's language."""

    def __init__(self, text: str, message: str):
        super().__init__(text)
        self.message = message


class AliasCompleter(QCompleter):
    """Completes on any part of the label or an alias (gym, guoyiming) but fills in the label."""

    def pathFromIndex(self, index):  # noqa: N802 - Qt override
        return index.data(Qt.ItemDataRole.DisplayRole)


class PickCombo(QComboBox):
    """An editable combo that completes on any part of the text but only accepts listed items.

    Items may carry aliases (a person's name, pinyin and initials): typing one that names a single item
    picks it (the label is filled in when the field is left); one naming several opens the list of them
    and value() says so."""

    def __init__(self, parent=None, *, allow_empty: bool = True, free_text: bool = False):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.allow_empty = allow_empty
        self.free_text = free_text
        completer = AliasCompleter(self.model(), self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMaxVisibleItems(20)
        self.lineEdit().installEventFilter(self)

    def set_items(self, items) -> None:
        """items: (text, data) or (text, data, aliases)."""
        self.blockSignals(True)
        self.clear()
        if self.allow_empty:
            self.addItem("", None)
            self.setItemData(0, "", SEARCH_ROLE)
        for text, data, *rest in items:
            aliases = tuple(rest[0]) if rest else ()
            self.addItem(text, data)
            self.setItemData(self.count() - 1, " ".join((text, *aliases)), SEARCH_ROLE)
            self.setItemData(self.count() - 1, aliases, ALIASES_ROLE)
        self.blockSignals(False)

    def set_people(self, choices) -> None:
        """ledger_pickers.PersonChoice items: found by name, pinyin or initials."""
        self.set_items([(c.label, c.id, c.aliases) for c in choices])

    def _matches(self, text: str) -> list[int]:
        rows = range(1 if self.allow_empty else 0, self.count())
        found = ledger_pickers.matching(text, [(self.itemText(i), self.itemData(i, ALIASES_ROLE) or ())
                                               for i in rows])
        return [rows[i] for i in found]

    def value(self):
        """The chosen item's data, None when empty; ValueError for text matching no item, AmbiguousPick
        for text naming several."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0 and not self.free_text:
            found = self._matches(text)
            if len(found) > 1:
                names = "、".join(self.itemText(i) for i in found[:6])
                raise AmbiguousPick(text, self.tr("\"%1\" could be %2: pick one from the list")
                                    .replace("%1", text).replace("%2", names))
            index = found[0] if found else -1
        if index < 0:
            if self.free_text:
                return text
            raise ValueError(text)
        data = self.itemData(index)
        return text if self.free_text else data

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Tab or Enter leaving the field settles the text first; an ambiguous name keeps the focus."""
        if (watched is self.lineEdit() and event.type() == QEvent.Type.KeyPress
                and event.key() in _LEAVING_KEYS and not self.settle()):
            return True
        return super().eventFilter(watched, event)

    def focusOutEvent(self, event):  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason:  # clicked elsewhere
            self.settle()

    def settle(self) -> bool:
        """A name that names one item shows that item; one naming several opens the list of them (and
        returns False: the clerk is asked which)."""
        text = self.currentText().strip()
        if self.free_text or not text or self.findText(text, Qt.MatchFlag.MatchExactly) >= 0:
            return True
        found = self._matches(text)
        if len(found) == 1:
            self.completer().popup().hide()
            self.setCurrentIndex(found[0])
        elif len(found) > 1:
            self.completer().setCompletionPrefix(text)
            self.completer().complete()
            return False
        return True

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


class FormErrors:
    """Where a dialog shows what a service refused: under the field the message names (focus goes there), or
    in one red line below the form; the dialog stays open so nothing typed is lost."""

    def __init__(self, boxes: dict[str, FieldBox], object_name: str = ""):
        self.boxes = boxes
        self.general = QLabel()
        if object_name:
            self.general.setObjectName(object_name)
        self.general.setStyleSheet("color: #c62828;")
        self.general.setWordWrap(True)
        self.general.hide()

    def attempt(self, perform, field_alias: dict[str, str] | None = None) -> bool:
        """Run `perform()` after clearing the old messages; False (and the message shown) if it was refused."""
        for box in self.boxes.values():
            box.show_error("")
        self.general.hide()
        try:
            perform()
        except ValidationError as exc:
            field = exc.field or ""
            box = self.boxes.get((field_alias or {}).get(field, field))
            if box is None:
                self.show_general(exc.message)
            else:
                box.show_error(exc.message)
                box.setFocus()
            return False
        except DeskAppError as exc:
            self.show_general(exc.message)
            return False
        return True

    def show_general(self, message: str) -> None:
        self.general.setText(message)
        self.general.show()
