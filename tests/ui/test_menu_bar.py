"""ui/menu_bar.py: the bar's menus without QAction.menu() (PySide6 6.8 deleted a menu once that wrapper went)."""

import gc

import shiboken6
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.menu_bar import bar_menus


def test_lists_the_bar_menus_in_order_and_leaves_them_alive(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().addMenu("文件")
    file_menu.addMenu("最近")  # a sub-menu is not on the bar
    help_menu = window.menuBar().addMenu("帮助")
    window.menuBar().insertMenu(help_menu.menuAction(), QMenu("编辑", window))

    assert [menu.title() for menu in bar_menus(window.menuBar())] == ["文件", "编辑", "帮助"]
    gc.collect()
    assert shiboken6.isValid(file_menu) and shiboken6.isValid(help_menu)


def test_the_menus_outlive_the_shortcut_list_and_the_edit_menu(main_window):
    """F1's list and the 编辑 menu read every menu of the bar; the 文件 menu is still there afterwards."""
    main_window.shortcuts_help.rows()
    main_window.edit_menu.fill()
    gc.collect()
    file_menu = main_window.exchange_menu.menu
    assert shiboken6.isValid(file_menu)
    assert file_menu.actions()
