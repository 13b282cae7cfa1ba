"""编辑 menu: 撤销/重做 (naming the step), 复制, 查找, 全选 — what a desktop program's clerk looks for there.

Built from what the pages already have: the undo stack of the page on screen (the ledger's, 例会's, 专班's,
设置's lists), the ledger's search (Ctrl+F) and the focused widget's own copy and select-all (the ledger
table's Ctrl+C copies rows with headers). Only the menu's title exists at start-up; its actions are
made the first time it opens (nothing here delays the window's first paint), and each opening reads
the current page's steps again.

The items show their keys but do not own them: the pages' actions keep Ctrl+Z, Ctrl+C … (one owner per
key, or Qt calls the key ambiguous and does nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QWidget

from ..menu_bar import bar_menus


def _with_keys(text: str, keys: str) -> str:
    return f"{text}\t{keys}"


class EditMenu(QObject):
    """Adds 编辑 between 文件 and 帮助 of a MainWindow (window.menuBar(), window.stack, window.show_page)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Edit"), window)
        self.menu.setObjectName("edit_menu")
        bar = window.menuBar()
        menus = bar_menus(bar)
        before = menus[1].menuAction() if len(menus) > 1 else None  # after 文件, before 帮助
        if before is not None:
            bar.insertMenu(before, self.menu)
        else:
            bar.addMenu(self.menu)
        self.focused: QWidget | None = None
        self.undo_action: QAction | None = None
        self.menu.aboutToShow.connect(self.fill)

    # -- built on first show ---------------------------------------------------------------------
    def _build(self) -> None:
        menu = self.menu
        self.undo_action = menu.addAction("")
        self.undo_action.triggered.connect(lambda *_: self._step(undo=True))
        self.redo_action = menu.addAction("")
        self.redo_action.triggered.connect(lambda *_: self._step(undo=False))
        menu.addSeparator()
        self.copy_action = menu.addAction(_with_keys(self.tr("&Copy"), "Ctrl+C"))
        self.copy_action.triggered.connect(lambda *_: self.copy())
        self.select_all_action = menu.addAction(_with_keys(self.tr("Select &all"), "Ctrl+A"))
        self.select_all_action.triggered.connect(lambda *_: self.select_all())
        menu.addSeparator()
        self.find_action = menu.addAction(_with_keys(self.tr("&Find in the ledger…"), "Ctrl+F"))
        self.find_action.triggered.connect(lambda *_: self.find())

    def fill(self) -> None:
        """Name the steps Ctrl+Z / Ctrl+Y would take on the page on screen, and what the focus can copy."""
        if self.undo_action is None:
            self._build()
        self.focused = QApplication.focusWidget()
        stack = self.current_stack()
        can_undo, can_redo = bool(stack and stack.canUndo()), bool(stack and stack.canRedo())
        undo = self.tr("Undo “%1”").replace("%1", stack.undoText()) if can_undo else self.tr("Undo")
        redo = self.tr("Redo “%1”").replace("%1", stack.redoText()) if can_redo else self.tr("Redo")
        self.undo_action.setText(_with_keys(undo, "Ctrl+Z"))
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setText(_with_keys(redo, "Ctrl+Y"))
        self.redo_action.setEnabled(can_redo)
        self.copy_action.setEnabled(self._copy_target() is not None)
        self.select_all_action.setEnabled(hasattr(self.focused, "selectAll"))

    def current_stack(self) -> QUndoStack | None:
        """The undo stack of the page on screen (its own; a page without one has nothing to undo here)."""
        page = self.window.stack.currentWidget()
        if page is None:
            return None
        stack = getattr(page, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            return stack
        stacks = [s for s in page.findChildren(QUndoStack) if s.count()]
        return stacks[0] if stacks else None

    # -- the items ---------------------------------------------------------------------------------
    def _step(self, *, undo: bool) -> None:
        stack = self.current_stack()
        if stack is None:
            return
        page = self.window.stack.currentWidget()
        forget = getattr(page, "forget_undo_if_needed", None)
        if forget is not None:  # the ledger checks first what changed elsewhere, as its own Ctrl+Z does
            forget()
        if undo and stack.canUndo():
            stack.undo()
        elif not undo and stack.canRedo():
            stack.redo()

    def _copy_target(self):
        """What 复制 calls: the focused widget's own Ctrl+C action (the ledger table's rows with headers),
        else its copy() (a text field); None when the focus holds nothing to copy."""
        widget = self.focused
        if widget is None:
            return None
        copy_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Copy)
        for action in widget.actions():
            if any(key in copy_keys for key in action.shortcuts()):
                return action.trigger
        if isinstance(widget, QAbstractItemView) or not hasattr(widget, "copy"):
            return None
        return widget.copy

    def copy(self) -> None:
        target = self._copy_target()
        if target is not None:
            target()

    def select_all(self) -> None:
        if self.focused is not None and hasattr(self.focused, "selectAll"):
            self.focused.selectAll()

    def find(self) -> None:
        page = self.window.show_page("ledger")
        actions = getattr(page, "actions", None)
        if actions is not None and hasattr(actions, "search_action"):
            actions.search_action.trigger()
