"""设置: one tab per section. Each area adds its own section module to SECTIONS."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from desk_app.services import roles

from .role_gate import gate, refusal

# (module, class): a QWidget taking (state, parent), with windowTitle() as the tab caption and
# an optional refresh(). A section saved by its own 保存 button also has `watch` (settings_form.FormWatch)
# and a save() after which the watch is clean when saving worked.
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
# Sections kept in the shared database, and what besides 活动办 may change them (None: nobody else). The
# others are this PC's own (the clerk name, backups, which database) or mixed (常规: the service says).
SHARED_SECTIONS = {"CampaignSettings": None, "OrgSettings": roles.ROSTER, "ChoicesSettings": None,
                   "SupervisionSettings": None, "ExchangeWordsSettings": None, "PrintSettings": None,
                   "RecycleSettings": None, "RoleSettings": None}


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
            if hasattr(section, "watch"):
                section.watch.edited.connect(self._mark_unsaved)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.save_action = QAction(self.tr("Save this settings section"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save_current)
        self.addAction(self.save_action)
        self._apply_role()

    def save_current(self) -> None:
        """Ctrl+S: the 保存 of the section on screen (one saved by its own button, and allowed to the role)."""
        section = self.tabs.currentWidget()
        if hasattr(section, "watch") and section.isEnabled():
            section.save()

    def _apply_role(self) -> None:
        """A section the role cannot change is shown disabled (readable), its tooltip saying why."""
        for section in self.sections:
            name = type(section).__name__
            if name in SHARED_SECTIONS:
                reason = refusal(SHARED_SECTIONS[name])
                if not reason:
                    section.setEnabled(True)
                gate([section], reason)

    def refresh(self) -> None:
        """Reload what may have changed elsewhere; a section with unsaved edits stays as the clerk left it."""
        for section in self.sections:
            if hasattr(section, "refresh") and not self._unsaved(section):
                section.refresh()
        self._apply_role()
        self._mark_unsaved()

    @staticmethod
    def _unsaved(section) -> bool:
        return hasattr(section, "watch") and section.watch.changed()

    def unsaved_sections(self) -> list:
        return [section for section in self.sections if self._unsaved(section)]

    def _mark_unsaved(self) -> None:
        for index, section in enumerate(self.sections):
            title = section.windowTitle()
            self.tabs.setTabText(index, f"{title} *" if self._unsaved(section) else title)

    def confirm_close(self) -> bool:
        """Before the window closes: save or drop unsaved settings, or stay (False)."""
        unsaved = self.unsaved_sections()
        if not unsaved:
            return True
        names = "、".join(section.windowTitle() for section in unsaved)
        answer = QMessageBox.question(
            self, self.tr("Unsaved settings"),
            self.tr("Settings › %1 have changes that are not saved. Save them before closing?").replace("%1", names),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            return True
        for section in unsaved:
            section.save()  # says itself why it cannot save
            if self._unsaved(section):  # not saved: show it and keep the window open
                self.tabs.setCurrentWidget(section)
                return False
        return True
