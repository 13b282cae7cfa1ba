"""Unsaved edits of a 设置 section that is saved with its own 保存 button.

A section hands its input widgets to a FormWatch and marks the form saved after every load and save; the
settings page then keeps a changed section as typed when it is shown again (instead of reloading it over the
clerk's edits), marks its tab, and asks before the window closes (SettingsPage.confirm_close)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)


def _table_value(table: QTableWidget) -> tuple:
    rows = []
    for row in range(table.rowCount()):
        cells = []
        for col in range(table.columnCount()):
            widget = table.cellWidget(row, col)
            item = table.item(row, col)
            cells.append(_value(widget) if widget is not None else item.text() if item is not None else "")
        rows.append(tuple(cells))
    return tuple(rows)


def _value(widget: QWidget):
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentData() if widget.currentData() is not None else widget.currentText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTableWidget):
        return _table_value(widget)
    raise TypeError(f"no value for {type(widget).__name__}")


def _edited_signal(widget: QWidget):
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QAbstractSpinBox):
        return getattr(widget, "valueChanged", None) or getattr(widget, "dateChanged", None) or widget.editingFinished
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    return widget.itemChanged  # QTableWidget: rows added or removed are seen when the form is compared


class FormWatch(QObject):
    """Compares the watched widgets' values with those of the last load or save."""

    edited = Signal()  # something was typed or chosen (the page re-checks its tab marks)

    def __init__(self, widgets: list[QWidget], parent: QObject | None = None):
        super().__init__(parent)
        self.widgets = list(widgets)
        self._saved: tuple | None = None  # nothing loaded yet
        for widget in self.widgets:
            _edited_signal(widget).connect(self.edited)
            if isinstance(widget, QTableWidget):
                widget.model().rowsInserted.connect(self.edited)
                widget.model().rowsRemoved.connect(self.edited)

    def _values(self) -> tuple:
        return tuple(_value(widget) for widget in self.widgets)

    def mark_saved(self) -> None:
        """The form now shows what is stored: call at the end of every load and after a save."""
        self._saved = self._values()
        self.edited.emit()

    def changed(self) -> bool:
        return self._saved is not None and self._values() != self._saved

    def saved(self, note) -> None:
        """After a save that worked: clean, and the clerk told so in `note` (a QLabel) until the next edit."""
        self.mark_saved()
        note.setText(self.tr("Saved at %1.").replace("%1", datetime.now().strftime("%H:%M")))
        self.edited.connect(note.clear, Qt.ConnectionType.SingleShotConnection)
