"""Small pieces shared by the meetings and task-force pages: calling a service, picking a person,
a short list of reminders."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QMessageBox, QSizePolicy, QWidget

from desk_app.errors import DeskAppError
from desk_app.services import ledger_pickers

from .entry_fields import PickCombo


class ServiceFailed(Exception):
    """The service refused; the message was already shown to the clerk."""


def call(parent: QWidget | None, func, *args, **kwargs):
    """Run a service call; on a DeskAppError show its Chinese message and raise ServiceFailed."""
    try:
        return func(*args, **kwargs)
    except DeskAppError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("MeetingCommon", "Cannot save"), exc.message)
        raise ServiceFailed(exc.message) from exc


class PersonCombo(PickCombo):
    """Pick a person by typing part of a name, the whole name, its pinyin or initials (gym); shows
    姓名（科室 职务）, in pinyin order. Empty means nobody."""

    def __init__(self, parent=None, *, allow_empty: bool = True):
        super().__init__(parent, allow_empty=allow_empty)
        self.reload()

    def reload(self) -> None:
        current = self.person_id()
        self.set_people(ledger_pickers.people_choices(with_title=True))
        self.set_person(current)

    def person_id(self) -> int | None:
        """The person picked or named; None for nobody, a name matching no one, or one matching several
        (leaving the field has then opened the list of them)."""
        try:
            return self.value()
        except ValueError:
            return None

    def set_person(self, person_id: int | None) -> None:
        if person_id is None:
            self.setCurrentIndex(0 if self.allow_empty else -1)
            return
        self.setCurrentIndex(max(0, self.findData(person_id)))


class FittedList(QListWidget):
    """A short list (reminders) that wraps long lines and is exactly as high as its items, up to max_height;
    a fixed one-line height cut the reminders off."""

    def __init__(self, max_height: int = 160, parent=None):
        super().__init__(parent)
        self.max_height = max_height
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def fit_height(self) -> None:
        self.doItemsLayout()  # item heights depend on the width the lines wrap at
        rows = sum(self.visualItemRect(self.item(i)).height() + 2 * self.spacing() for i in range(self.count()))
        lines = max(rows, self.fontMetrics().height() + 4)
        self.setFixedHeight(min(self.max_height, lines + 2 * self.frameWidth() + 2))

    def resizeEvent(self, event):  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()


def page_action(page: QWidget, toolbar, text: str, shortcut, slot) -> QAction:
    """A toolbar action of a page (专班, 例会): its shortcut works anywhere on the page, and Qt's
    `checked` argument never reaches a slot with optional parameters."""
    action = QAction(text, page)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda *_: slot())
    page.addAction(action)
    toolbar.addAction(action)
    return action


def undo_redo_actions(page: QWidget, toolbar, stack, undo_text: str, redo_text: str) -> tuple[QAction, QAction]:
    """撤销 (Ctrl+Z) and 重做 (Ctrl+Shift+Z / Ctrl+Y) of a page's QUndoStack, on its toolbar."""
    undo = stack.createUndoAction(page, undo_text)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(page, redo_text)
    redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
    for action in (undo, redo):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.addAction(action)
        toolbar.addAction(action)
    return undo, redo
