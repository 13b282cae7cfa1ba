"""Pages that later work fills; each says what it will hold so a trial user is not puzzled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class _Placeholder(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        title, text = self.texts()
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout.addWidget(label)

    def texts(self) -> tuple[str, str]:
        raise NotImplementedError


# tr() stays in each subclass: PySide6 takes the translation context from the calling class.
class TaskForcesPlaceholder(_Placeholder):
    def texts(self):
        return self.tr("Task forces"), self.tr("Task forces, rosters and action plans will be kept here.")


class MeetingsPlaceholder(_Placeholder):
    def texts(self):
        return self.tr("Meetings"), self.tr("Monthly progress meetings, attendance and minutes will be kept here.")


class LedgerPlaceholder(_Placeholder):
    def texts(self):
        return self.tr("Ledger"), self.tr("The rectification ledger will be kept here.")


class StatsPlaceholder(_Placeholder):
    def texts(self):
        return self.tr("Statistics"), self.tr("Statistics and charts will be shown here.")
