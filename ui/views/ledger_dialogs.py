"""Small dialogs of the ledger page: a bulk value, the column chooser, a name for a saved view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desk_app.services import context, ledger_columns, org
from desk_app.services.workflow import DIRECT_STATUSES
from ui.models.ledger_table_columns import table_default_keys

from .entry_fields import DateField, FieldBox, PickCombo


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    # A module function has no class for tr(): name the context so lupdate and run time agree.
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("LedgerDialogs", "OK"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("LedgerDialogs", "Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class BulkValueDialog(QDialog):
    """Pick the new value of one field for all selected entries."""

    def __init__(self, field: str, count: int, parent=None):
        super().__init__(parent)
        self.field = field
        titles = {"status": self.tr("Set status"), "department_id": self.tr("Set department"),
                  "responsible_id": self.tr("Set responsible person"), "deadline": self.tr("Set deadline")}
        self.setWindowTitle(titles[field])
        if field == "status":
            self.editor = QComboBox()
            for s in DIRECT_STATUSES:
                self.editor.addItem(s.value, s.value)
        elif field == "deadline":
            self.editor = DateField(clearable=False)
            self.editor.set_value(context.today())
        else:
            self.editor = PickCombo(allow_empty=False)
            if field == "department_id":
                self.editor.set_items([(d.name, d.id) for d in org.list_departments()])
            else:
                self.editor.set_items([(f"{p.name}（{p.department_name}）", p.id) for p in org.list_people()])
        self.box = FieldBox(self.editor)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Change %1 selected entries to:").replace("%1", str(count))))
        form.addRow(self.box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("You can undo this with Ctrl+Z.")))
        layout.addWidget(_buttons(self))
        self.resize(420, 160)

    def value(self):
        if self.field == "status":
            return self.editor.currentData()
        if self.field == "deadline":
            return self.editor.value()
        try:
            return self.editor.value()
        except ValueError:
            return None


class ColumnsDialog(QDialog):
    """Choose which columns show and in which order (drag, or the up/down buttons)."""

    def __init__(self, current: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns"))
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        shown = [ledger_columns.COLUMNS_BY_KEY[k] for k in current if k in ledger_columns.COLUMNS_BY_KEY]
        hidden = [c for c in ledger_columns.COLUMNS if c.key not in current]
        for column in shown + hidden:
            item = QListWidgetItem(column.label)
            item.setData(Qt.ItemDataRole.UserRole, column.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if column.key in current else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        up, down, reset = QPushButton(self.tr("Up")), QPushButton(self.tr("Down")), QPushButton(self.tr("Defaults"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        reset.clicked.connect(self._defaults)
        side = QVBoxLayout()
        for b in (up, down, reset):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tick the columns to show; drag to reorder.")))
        layout.addLayout(row)
        layout.addWidget(_buttons(self))
        self.resize(360, 520)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _defaults(self) -> None:
        defaults = table_default_keys()
        order = defaults + [c.key for c in ledger_columns.COLUMNS if c.key not in defaults]
        items = {self.list.item(i).data(Qt.ItemDataRole.UserRole): self.list.item(i) for i in range(self.list.count())}
        for key in order:
            item = self.list.takeItem(self.list.row(items[key]))
            item.setCheckState(Qt.CheckState.Checked if key in defaults else Qt.CheckState.Unchecked)
            self.list.addItem(item)

    def keys(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
