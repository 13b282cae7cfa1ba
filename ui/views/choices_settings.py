"""设置 › 类别与来源: the editable pick lists (问题类别, 问题来源, 整改方式)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import choices


class ChoicesSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Categories and sources"))
        titles = {"category": self.tr("Problem categories"), "source": self.tr("Problem sources"),
                  "rectify_mode": self.tr("Rectification modes"), "task_source": self.tr("Task sources"),
                  "urge_way": self.tr("Ways of urging")}
        self.lists: dict[str, QListWidget] = {}
        layout = QHBoxLayout(self)
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
        choices.deactivate_choice(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()
        self.state.data_changed.emit()
