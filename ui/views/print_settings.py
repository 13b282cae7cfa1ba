"""设置 › 打印: which font prints body text, headings and titles (system 仿宋 / 黑体 / 宋体 on Windows when
present, else the bundled font)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.reports import fonts
from desk_app.services import settings


class PrintSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Printing"))
        self.combos: dict[str, QComboBox] = {}
        group = QGroupBox(self.tr("Fonts in printed documents"))
        form = QFormLayout(group)
        labels = {"body": self.tr("Body text (仿宋):"), "heading": self.tr("Headings (黑体):"),
                  "title": self.tr("Titles (小标宋/宋体):")}
        for role in fonts.ROLES:
            combo = QComboBox()
            combo.setObjectName(f"font_{role}")
            self.combos[role] = combo
            form.addRow(labels[role], combo)
        note = QLabel(self.tr("Fonts are embedded in every PDF, so the file prints the same on any computer. "
                              "Only TrueType fonts can be embedded; the program's own font is always available."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(self.tr("Restore defaults"))
        buttons.accepted.connect(self.save)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(note)
        layout.addWidget(buttons)
        layout.addStretch(1)
        self.refresh()

    def _fill(self, choices: dict[str, str]) -> None:
        available = fonts.available_fonts()
        for role, combo in self.combos.items():
            combo.clear()
            for choice in available:
                combo.addItem(choice.label, choice.key)
            index = combo.findData(choices.get(role, fonts.BUNDLED))
            combo.setCurrentIndex(index if index >= 0 else 0)

    def refresh(self) -> None:
        self._fill(fonts.configured_choices())

    def restore_defaults(self) -> None:
        self._fill(fonts.default_choices())

    def selected(self) -> dict[str, str]:
        return {role: combo.currentData() or fonts.BUNDLED for role, combo in self.combos.items()}

    def save(self) -> None:
        for key in set(self.selected().values()):
            reason = fonts.unusable_reason(key)
            if reason:
                QMessageBox.warning(self, self.tr("Cannot use this font"), reason)
                return
        try:
            settings.put(fonts.SETTING_KEY, self.selected())
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        self.state.data_changed.emit()
