"""The 文件 menu of the main window: 导出… / 导入Excel台账… / 导入数据包… / 未报单位."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


class ExchangeMenu(QObject):
    """Builds the menu on a MainWindow; the dialogs open lazily (openpyxl loads only when used)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu(self.tr("&File"))
        self.export_action = self._action(menu, self.tr("&Export…"), self.open_export, "Ctrl+E")
        self.import_xlsx_action = self._action(menu, self.tr("Import Excel &ledger…"), self.open_xlsx_import,
                                               "Ctrl+Shift+I")
        self.import_package_action = self._action(menu, self.tr("Import data &package…"), self.open_package_import)
        menu.addSeparator()
        self.missing_action = self._action(menu, self.tr("&Units not reported"), self.open_missing)
        menu.addSeparator()
        from .monthly_actions import MonthlyActions  # noqa: PLC0415 - 封账 and fill-in workbooks

        self.monthly = MonthlyActions(window, menu)
        menu.addSeparator()
        self._action(menu, self.tr("&Quit"), window.close, QKeySequence.StandardKey.Quit)
        self.menu = menu
        menu.setToolTipsVisible(True)  # a disabled action says why
        menu.aboutToShow.connect(self.apply_role)  # the role may have changed since (another clerk set it)
        self.apply_role()

    def apply_role(self) -> None:
        """Imports and 封账 are 活动办's; a returned fill-in workbook brings progress (liaisons too)."""
        from desk_app.services import roles  # noqa: PLC0415

        from .role_gate import gate, refusal  # noqa: PLC0415

        for actions, permission in (((self.import_xlsx_action, self.import_package_action,
                                      self.monthly.freeze_action), None),
                                    ((self.monthly.fillin_import_action,), roles.PROGRESS)):
            reason = refusal(permission)
            if not reason:
                for action in actions:
                    action.setEnabled(True)
            gate(actions, reason)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _ledger_view(self):
        page = getattr(self.window, "pages", {}).get("ledger")
        ledger_filter = page.current_filter() if hasattr(page, "current_filter") else None
        columns = page.visible_column_keys() if hasattr(page, "visible_column_keys") else None
        sort = page.sort_state()[0] if hasattr(page, "sort_state") else "code"
        return ledger_filter, columns, sort

    def open_export(self):
        from .exchange_export_dialog import ExportDialog  # noqa: PLC0415

        ledger_filter, columns, sort = self._ledger_view()
        dialog = ExportDialog(self.window.state, ledger_filter, columns, sort, self.window)
        dialog.open()
        return dialog

    def open_xlsx_import(self):
        from .exchange_import_wizard import XlsxImportWizard  # noqa: PLC0415

        dialog = XlsxImportWizard(self.window.state, self.window)
        dialog.open()
        return dialog

    def open_package_import(self, path: str | None = None):
        """导入数据包: the file chosen here, or `path` (a package opened from the file manager)."""
        from .exchange_package_dialog import PackageImportDialog  # noqa: PLC0415

        dialog = PackageImportDialog(self.window.state, self.window)
        if path:
            dialog.check(path)
            dialog.open()
        elif dialog.choose_and_check():
            dialog.open()
        return dialog

    def open_missing(self):
        from .exchange_missing_dialog import MissingUnitsDialog  # noqa: PLC0415

        dialog = MissingUnitsDialog(self.window.state, self.window)
        dialog.open()
        return dialog
