"""设置: one tab per section. Each area adds its own section module to SECTIONS."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

# (module, class): a QWidget taking (state, parent), with windowTitle() as the tab caption and
# an optional refresh().
SECTIONS = [
    ("ui.views.general_settings", "GeneralSettings"),
    ("ui.views.campaign_settings", "CampaignSettings"),
    ("ui.views.org_settings", "OrgSettings"),
    ("ui.views.choices_settings", "ChoicesSettings"),
    ("ui.views.supervision_settings", "SupervisionSettings"),
    ("ui.views.exchange_words_settings", "ExchangeWordsSettings"),
    ("ui.views.print_settings", "PrintSettings"),
    ("ui.views.backup_settings", "BackupSettings"),
    ("ui.views.database_settings", "DatabaseSettings"),
    ("ui.views.history_settings", "HistorySettings"),
    ("ui.views.recycle_settings", "RecycleSettings"),
    ("ui.views.role_settings", "RoleSettings"),
]


class SettingsPage(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.sections = []
        for module, cls in SECTIONS:
            section = getattr(importlib.import_module(module), cls)(state, self)
            self.sections.append(section)
            self.tabs.addTab(section, section.windowTitle())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        for section in self.sections:
            if hasattr(section, "refresh"):
                section.refresh()
