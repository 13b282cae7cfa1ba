"""帮助 › 键盘快捷键 (F1): the keys of the window and of the page on screen, read from the actions themselves
(so the list cannot drift from what the keys do), and each page's Ctrl+N in the left list's tooltips."""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..menu_bar import bar_menus


def _keys(action: QAction) -> str:
    return "、".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def _what(action: QAction) -> str:
    """The action's text without its mnemonic (导出(&E)… → 导出)."""
    text = re.sub(r"\(&\w\)", "", action.text().replace("&&", "\0")).replace("&", "").replace("\0", "&")
    return text.replace("…", "").strip()


def _rows(actions) -> list[tuple[str, str]]:
    rows, seen = [], set()
    for action in actions:
        if not shiboken6.isValid(action):  # a page's transient action Qt has deleted (PySide6 6.8 still lists it)
            continue
        keys, what = _keys(action), _what(action)
        if keys and what and (keys, what) not in seen:
            seen.add((keys, what))
            rows.append((keys, what))
    return rows


class ShortcutsHelp(QObject):
    """Adds the 帮助 menu to a MainWindow (window.nav, window.stack, window.menuBar())."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu(self.tr("&Help"))
        self.action = QAction(self.tr("&Keyboard shortcuts…"), window)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.action.triggered.connect(lambda _=False: self.show_dialog())
        menu.addAction(self.action)
        for row in range(window.nav.count()):
            item = window.nav.item(row)
            if row < 9:
                item.setToolTip(f"{item.text()}（Ctrl+{row + 1}）")

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, keys, what): the window's menus and pages, then the page on screen."""
        window = self.window
        pages = self.tr("Pages")
        found = [(pages, f"Ctrl+{row + 1}", window.nav.item(row).text()) for row in range(min(9, window.nav.count()))]
        menus = [a for m in bar_menus(window.menuBar()) for a in m.actions()]
        found += [(self.tr("Menus"), keys, what) for keys, what in _rows(menus)]
        page = window.stack.currentWidget()
        if page is not None:
            name = window.nav.currentItem().text() if window.nav.currentItem() else ""
            found += [(name, keys, what) for keys, what in _rows(page.findChildren(QAction))]
        found += [(self.tr("Dialogs"), "Tab、Shift+Tab", self.tr("Next / previous field")),
                  (self.tr("Dialogs"), "Enter", self.tr("The highlighted button (usually Save or OK)")),
                  (self.tr("Dialogs"), "Esc", self.tr("Cancel and close the dialog"))]
        return found

    def show_dialog(self) -> QDialog:
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = self.rows()
        table = QTableWidget(len(rows), 3, dialog)
        table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"), self.tr("What")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, values in enumerate(rows):
            for col, text in enumerate(values):
                table.setItem(row, col, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        note = QLabel(self.tr("Buttons of the toolbars show their keys when the mouse rests on them."))
        note.setStyleSheet("color: #607d8b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        dialog.resize(640, 560)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog
