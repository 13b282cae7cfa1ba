"""帮助 › 键盘快捷键: F1 lists the keys of the window and of the page on screen, in Chinese; the left list
names each page's Ctrl+N."""


def test_f1_lists_pages_menus_and_the_current_pages_keys(main_window, qtbot):
    from PySide6.QtCore import Qt

    help_ = main_window.shortcuts_help
    assert main_window.nav.item(3).toolTip() == "整改台账（Ctrl+4）"
    main_window.show_page("ledger")
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(help_, "dialog", None) is not None and help_.dialog.isVisible())
    rows = help_.rows()
    assert ("页面", "Ctrl+4", "整改台账") in rows
    assert any(where == "菜单" and keys == "Ctrl+E" for where, keys, _ in rows)
    ledger = [(keys, what) for where, keys, what in rows if where == "整改台账"]
    assert any("Ctrl+Z" in keys and "撤销" in what for keys, what in ledger)
    assert any(keys == "Delete" or "Del" in keys for keys, _ in ledger)
    help_.dialog.reject()
