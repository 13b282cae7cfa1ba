"""设置 › 打印: which face prints titles (小标宋), 一级标题 (黑体), 二级标题 (楷体), body text (仿宋) and tables
(宋体) — the system's own where installed, else the bundled ones — with a rendered sample, and the 版记
lines (抄送, 印发机关) printed on 通知, 纪要 and 通报."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.reports import fonts
from desk_app.reports.font_sample import sample_pdf
from desk_app.reports.gongwen_blocks import RECORD_SETTING
from desk_app.services import settings

from .settings_form import FormWatch

SAMPLE_WIDTH = 520


class PrintSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Printing"))
        self.combos: dict[str, QComboBox] = {}
        group = QGroupBox(self.tr("Fonts in printed documents"))
        form = QFormLayout(group)
        labels = {"title": self.tr("Titles (小标宋):"), "heading": self.tr("Level-1 headings (黑体):"),
                  "heading2": self.tr("Level-2 headings (楷体):"), "body": self.tr("Body text (仿宋):"),
                  "table": self.tr("Tables (宋体):")}
        for role in fonts.ROLES:
            combo = QComboBox()
            combo.setObjectName(f"font_{role}")
            combo.currentIndexChanged.connect(self._update_sample)
            self.combos[role] = combo
            form.addRow(labels[role], combo)
        note = QLabel(self.tr("Fonts are embedded in every PDF, so the file prints the same on any computer. "
                              "Only TrueType fonts can be embedded; the program's own fonts are always available. "
                              "Characters a font lacks print in the program's 黑体."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        self.sample = QLabel()
        self.sample.setObjectName("font_sample")
        self.sample.setMinimumSize(QSize(SAMPLE_WIDTH, 200))
        self.sample.setStyleSheet("background: white; border: 1px solid #cfd8dc;")
        record = QGroupBox(self.tr("版记 on 通知, 纪要 and 通报"))
        record_form = QFormLayout(record)
        self.cc = QLineEdit()
        self.cc.setObjectName("record_cc")
        self.cc.setPlaceholderText(self.tr("e.g. 市委督查室，市政府督查室 (leave empty for none)"))
        self.printer = QLineEdit()
        self.printer.setObjectName("record_printer")
        self.printer.setPlaceholderText(self.tr("The 填报单位 when empty"))
        record_form.addRow(self.tr("抄送:"), self.cc)
        record_form.addRow(self.tr("印发机关:"), self.printer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(self.tr("Restore defaults"))
        buttons.accepted.connect(self.save)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(note)
        layout.addWidget(QLabel(self.tr("Sample:")))
        layout.addWidget(self.sample)
        layout.addWidget(record)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("saved_note")
        layout.addWidget(self.saved_note)
        layout.addWidget(buttons)
        layout.addStretch(1)
        self._filling = False
        self.watch = FormWatch([*self.combos.values(), self.cc, self.printer], self)
        self.refresh()

    def _fill(self, choices: dict[str, str]) -> None:
        self._filling = True
        available = fonts.available_fonts()
        for role, combo in self.combos.items():
            combo.clear()
            for choice in available:
                combo.addItem(choice.label, choice.key)
            index = combo.findData(choices.get(role, fonts.BUNDLED))
            combo.setCurrentIndex(index if index >= 0 else 0)
        self._filling = False
        self._update_sample()

    def _update_sample(self) -> None:
        """Render the sample page with the faces chosen now (the real PDF output, not a Qt font)."""
        if self._filling:
            return
        try:
            data = sample_pdf(self.selected())
        except Exception:  # noqa: BLE001 - a broken font file: no sample; save() names the cause
            self.sample.setText(self.tr("No sample: a chosen font cannot be used."))
            return
        from .print_pdf import PdfPages  # noqa: PLC0415 - PDFium loads when a sample is drawn, not at start-up

        pages = PdfPages(data)
        try:
            self.sample.setPixmap(QPixmap.fromImage(pages.render_width(0, SAMPLE_WIDTH)))
        finally:
            pages.close()

    def refresh(self) -> None:
        record = settings.get(RECORD_SETTING, {}) or {}
        self.cc.setText(record.get("cc", ""))
        self.printer.setText(record.get("printer", ""))
        self._fill(fonts.configured_choices())
        self.watch.mark_saved()

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
            settings.put(RECORD_SETTING, {"cc": self.cc.text().strip(), "printer": self.printer.text().strip()})
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        self.watch.saved(self.saved_note)
        self.state.data_changed.emit()
