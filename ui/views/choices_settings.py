"""设置 › 类别与来源: the editable pick lists (问题类别, 问题来源, 整改方式)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import choices

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


class RemoveChoiceCommand(QUndoCommand):
    """A value taken off a pick list; undo puts it back (with its group), as adding it again would."""

    def __init__(self, section, list_name: str, choice_id: int, value: str):
        super().__init__(QCoreApplication.translate("ChoicesSettings", "Remove “%1”").replace("%1", value))
        self.section, self.list_name, self.choice_id, self.value = section, list_name, choice_id, value
        self.first = True

    def redo(self) -> None:
        if self.first:  # done by the section already
            self.first = False
            return
        self.section.apply(lambda: choices.deactivate_choice(self.choice_id))

    def undo(self) -> None:
        self.section.apply(lambda: choices.add_choice(self.list_name, self.value))


class ChoicesSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Categories and sources"))
        titles = {"category": self.tr("Problem categories"), "source": self.tr("Problem sources"),
                  "rectify_mode": self.tr("Rectification modes"), "task_source": self.tr("Task sources"),
                  "urge_way": self.tr("Ways of urging")}
        self.lists: dict[str, QListWidget] = {}
        self.undo_stack = QUndoStack(self)
        self.note = QLabel()
        self.note.setObjectName("choices_note")
        self.undo_stack.indexChanged.connect(self._tell_undo)
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        outer = QVBoxLayout(self)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        outer.addWidget(self.note)
        for list_name, title in titles.items():
            box = QGroupBox(title)
            widget = QListWidget()
            widget.setObjectName(f"choices_{list_name}")
            self.lists[list_name] = widget
            add = QPushButton(self.tr("Add…"))
            add.clicked.connect(lambda _=False, n=list_name: self.add(n))
            remove = QPushButton(self.tr("Remove"))
            remove.setToolTip(self.tr("Entries that use it keep it; it only leaves the pick list."))
            remove.clicked.connect(lambda _=False, n=list_name: self.remove(n))
            buttons = QHBoxLayout()
            buttons.addWidget(add)
            buttons.addWidget(remove)
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            inner.addLayout(buttons)
            layout.addWidget(box)
        self.refresh()

    def refresh(self) -> None:
        for list_name, widget in self.lists.items():
            widget.clear()
            for c in choices.list_choices(list_name):
                item = QListWidgetItem(f"{c.group}｜{c.value}" if c.group else c.value)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setData(VALUE_ROLE, c.value)
                widget.addItem(item)

    def add(self, list_name: str) -> None:
        value, ok = QInputDialog.getText(self, self.tr("Add to list"), self.tr("Value:"))
        if not ok:
            return
        try:
            choices.add_choice(list_name, value)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot add"), exc.message)
            return
        self.refresh()
        self.state.data_changed.emit()

    def remove(self, list_name: str) -> None:
        item = self.lists[list_name].currentItem()
        if item is None:
            return
        choice_id = item.data(Qt.ItemDataRole.UserRole)
        value = item.data(VALUE_ROLE)
        if self.apply(lambda: choices.deactivate_choice(choice_id)):
            self.undo_stack.push(RemoveChoiceCommand(self, list_name, choice_id, value))

    def apply(self, change) -> bool:
        """Run a change of the lists, show it, tell the pages; a refusal is said and changes nothing."""
        try:
            change()
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot change the list"), exc.message)
            return False
        self.refresh()
        if self.state is not None:
            self.state.data_changed.emit()
        return True

    def _tell_undo(self) -> None:
        self.note.setText(self.tr("Ctrl+Z: undo %1").replace("%1", self.undo_stack.undoText())
                          if self.undo_stack.canUndo() else "")
