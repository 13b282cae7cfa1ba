"""The monthly cycle in the 文件 menu: 月度封账…, 导出科室填报表…, 导入科室填报表… (dialogs open lazily)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


class MonthlyActions(QObject):
    def __init__(self, window, menu):
        super().__init__(window)
        self.window = window
        self.freeze_action = self._action(menu, self.tr("Monthly &freeze…"), self.open_freeze, "Ctrl+Shift+F")
        self.fillin_export_action = self._action(menu, self.tr("Export department fill-in &workbooks…"),
                                                 self.open_fillin_export)
        self.fillin_import_action = self._action(menu, self.tr("Import returned fill-in wor&kbooks…"),
                                                 self.open_fillin_import)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(slot.__name__)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def open_freeze(self, month: str = ""):
        from .monthly_freeze_dialog import FreezeDialog  # noqa: PLC0415

        dialog = FreezeDialog(self.window.state, self.window, month=month)
        dialog.open()
        return dialog

    def open_fillin_export(self):
        from .monthly_fillin_export import FillInExportDialog  # noqa: PLC0415

        dialog = FillInExportDialog(self.window.state, self.window)
        dialog.open()
        return dialog

    def open_fillin_import(self):
        from .monthly_fillin_import import FillInImportDialog  # noqa: PLC0415

        dialog = FillInImportDialog(self.window.state, self.window)
        dialog.open()  # the clerk chooses files or a folder in it
        return dialog
