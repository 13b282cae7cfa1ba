"""A window's menus in menu-bar order, read without QAction.menu().

PySide6 6.8 hands out QAction.menu()'s QMenu as if Python owned it: once that wrapper is collected, Qt's
menu is deleted with it (the 文件 menu vanished after the 编辑 menu looked for its place, and every menu
after F1 listed the shortcuts). The menus are found instead among the window's children (addMenu makes
them the bar's, QMenu(title, window) the window's): their wrappers are the ones the program made, owned by Qt.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar


def bar_menus(bar: QMenuBar) -> list[QMenu]:
    """The bar's top-level menus, left to right (a sub-menu is not listed: its action is not on the bar)."""
    by_action = {menu.menuAction(): menu for menu in bar.window().findChildren(QMenu)}
    return [by_action[action] for action in bar.actions() if action in by_action]
