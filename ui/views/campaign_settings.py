"""设置 › 活动: the campaigns of this office; the current one is what every page shows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import campaigns, context

from .date_field import DateField


class CampaignDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New campaign"))
        today = context.today()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 2023年改作风提效能专项行动"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.start, self.end = DateField(clearable=False), DateField(clearable=False)
        self.start.set_value(date(today.year, 1, 1))
        self.end.set_value(date(today.year, 12, 31))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Year:"), self.year)
        form.addRow(self.tr("Starts:"), self.start)
        form.addRow(self.tr("Ends:"), self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.created = None

    def accept(self) -> None:
        try:
            self.created = campaigns.create_campaign(self.name.text(), self.year.value(),
                                                     self.start.value(), self.end.value())
        except DeskAppError as exc:
            self.error.setText(exc.message)
            return
        super().accept()


class CampaignSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Campaigns"))
        self.list = QListWidget()
        self.list.setObjectName("campaigns")
        self.list.itemDoubleClicked.connect(lambda _i: self.make_current())
        new = QPushButton(self.tr("New campaign…"))
        new.clicked.connect(self.new_campaign)
        current = QPushButton(self.tr("Work on the selected campaign"))
        current.clicked.connect(self.make_current)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(current)
        buttons.addStretch(1)
        hint = QLabel(self.tr("Earlier campaigns stay readable: select one and work on it to see its records."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for c in campaigns.list_campaigns():
            text = c.name + (self.tr("  (current)") if c.id == self.state.campaign_id else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)

    def new_campaign(self) -> None:
        dialog = CampaignDialog(self)
        if dialog.exec() and dialog.created:
            self.state.reload_campaign()
            self.state.data_changed.emit()
            self.refresh()

    def make_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self.state.set_campaign(item.data(Qt.ItemDataRole.UserRole))
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot switch"), exc.message)
        self.refresh()
