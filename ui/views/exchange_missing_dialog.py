"""未报单位: which registered sub-units have (not) sent their package for a period."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desk_app.errors import DeskAppError
from desk_app.exchange.missing import add_unit, missing_units, received_units
from desk_app.services import context


class MissingUnitsDialog(QDialog):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Units not reported"))
        self.resize(720, 520)
        self.period = QLineEdit(context.today().strftime("%Y-%m"))
        self.period.setInputMask("9999-99")
        self.period.editingFinished.connect(self.refresh)
        add = QPushButton(self.tr("Register a unit…"))
        add.clicked.connect(self._add_unit)
        self.missing_label = QLabel()
        self.missing = self._table([self.tr("Unit"), self.tr("Last period sent"), self.tr("Last imported")])
        self.received_label = QLabel()
        self.received = self._table([self.tr("Unit"), self.tr("Period"), self.tr("Imported at")])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Period (YYYY-MM)")))
        row.addWidget(self.period)
        row.addStretch(1)
        row.addWidget(add)
        layout.addLayout(row)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.missing, 2)
        layout.addWidget(self.received_label)
        layout.addWidget(self.received, 1)
        layout.addWidget(buttons)
        self.refresh()

    def _table(self, labels: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(labels))
        table.setHorizontalHeaderLabels(labels)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        return table

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, str, str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))

    def refresh(self) -> None:
        period = self.period.text()
        campaign = self.state.campaign_id
        missing = missing_units(period, campaign)
        received = received_units(period, campaign)
        self.missing_label.setText(self.tr("Not reported for %1: %2 units").replace("%1", period)
                                   .replace("%2", str(len(missing))))
        self.received_label.setText(self.tr("Reported: %1 units").replace("%1", str(len(received))))
        if not missing and not received:
            self.missing_label.setText(self.tr("No sub-units registered yet: they are registered when their first "
                                               "package is imported, or with “Register a unit…”."))
        never = self.tr("never")
        self._fill(self.missing, [(u.name, u.last_period or never,
                                   f"{u.last_imported_at:%Y-%m-%d %H:%M}" if u.last_imported_at else "")
                                  for u in missing])
        self._fill(self.received, [(u.name, u.last_period,
                                    f"{u.last_imported_at:%Y-%m-%d %H:%M}" if u.last_imported_at else "")
                                   for u in received])

    def _add_unit(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Register a unit"), self.tr("Unit name"))
        if not ok or not name.strip():
            return
        try:
            add_unit(name)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        self.refresh()
