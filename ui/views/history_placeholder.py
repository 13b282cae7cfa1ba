"""A table that gives way to a centred "nothing here" line while it has no rows.

An empty table shows only its squeezed headers, which reads like a broken page; the placeholder
says plainly that there is nothing yet. The caller passes its own translated text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStackedWidget


class TableOrPlaceholder(QStackedWidget):
    def __init__(self, table: QAbstractItemView, text: str, parent=None):
        super().__init__(parent)
        self.table = table
        self.placeholder = QLabel(text)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: palette(placeholder-text); font-size: 11pt;")
        self.addWidget(table)
        self.addWidget(self.placeholder)
        self._model = None
        self.watch_model()

    def watch_model(self) -> None:
        """Follow the table's model (call again after table.setModel())."""
        model = self.table.model()
        if model is self._model:
            return
        self._model = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(lambda *_: self.update_state())
        self.update_state()

    def set_text(self, text: str) -> None:
        self.placeholder.setText(text)

    def is_empty(self) -> bool:
        return self.currentWidget() is self.placeholder

    def update_state(self) -> None:
        try:
            empty = self.table.model() is None or self.table.model().rowCount() == 0
            self.setCurrentWidget(self.placeholder if empty else self.table)
        except RuntimeError:  # the model's last signals arrive while the window is being torn down
            return
