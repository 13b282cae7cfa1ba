"""Undoable ledger edits. Each command has already been done once by the page when it is pushed
(the page needs the service's answer first, to show validation errors), so its first redo() is a no-op.

Undo and redo go through services that first check the entry is still as the command left it, and
refuse (a message, the command dropped) what the workflow would refuse: an entry that has since
gone to 申请销号, been edited elsewhere or moved to the recycle bin is not stepped back around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton

from desk_app.errors import DeskAppError

if TYPE_CHECKING:  # the write services load with the first such step, not with the ledger's first paint
    from desk_app.services import ledger_bulk, ledger_extend


def _ledger():
    """desk_app.services.ledger (entries' writes: numbering, checks, logging), loaded with the first step."""
    from desk_app.services import ledger  # noqa: PLC0415

    return ledger


class LedgerCommand(QUndoCommand):
    """Runs a service call for undo/redo, then tells the page to refresh; failures become messages."""

    def __init__(self, text: str, on_change, parent_widget=None):
        super().__init__(text)
        self._on_change = on_change
        self._parent_widget = parent_widget
        self._first = True

    def _run(self, func) -> None:
        try:
            func()
        except DeskAppError as exc:
            self.setObsolete(True)
            title = QCoreApplication.translate("LedgerUndo", "Cannot undo or redo")
            QMessageBox.warning(self._parent_widget, title, exc.message)
        self._on_change()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_it)

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError

    def entry_ids(self) -> list[int]:
        """The entries this step writes (overtaken() asks whether one was changed elsewhere since)."""
        held = getattr(self, "entry_ids_", None)
        if held is not None:
            return list(held)
        for value in (getattr(self, name, None) for name in ("entry_id", "change", "added", "extension")):
            if isinstance(value, int):
                return [value]
            if value is not None:
                ids = getattr(value, "entry_ids", None)
                return list(ids) if ids is not None else [value.entry_id]
        return []


class EditEntryCommand(LedgerCommand):
    def __init__(self, entry_id, before, after, code, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "Edit %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.entry_id, self.before, self.after = entry_id, before, after

    def do(self):
        _ledger().replace_entry(self.entry_id, self.after, expected=self.before)

    def undo_it(self):
        _ledger().replace_entry(self.entry_id, self.before, expected=self.after)


class CreateEntryCommand(LedgerCommand):
    def __init__(self, entry_id, code, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "New entry %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.entry_id = entry_id

    def do(self):
        _ledger().restore_entries([self.entry_id], strict=True)

    def undo_it(self):
        _ledger().delete_entries([self.entry_id], strict=True)


class DeleteCommand(LedgerCommand):
    def __init__(self, entry_ids, on_change, parent_widget=None, *, restoring=False):
        label = QCoreApplication.translate("LedgerUndo", "Restore %1 entries") if restoring else QCoreApplication.translate("LedgerUndo", "Delete %1 entries")
        super().__init__(label.replace("%1", str(len(entry_ids))), on_change, parent_widget)
        self.entry_ids_ = list(entry_ids)
        self.restoring = restoring

    def do(self):
        (_ledger().restore_entries if self.restoring else _ledger().delete_entries)(self.entry_ids_, strict=True)

    def undo_it(self):
        (_ledger().delete_entries if self.restoring else _ledger().restore_entries)(self.entry_ids_, strict=True)


class BulkCommand(LedgerCommand):
    def __init__(self, change: ledger_bulk.BulkChange, label: str, on_change, parent_widget=None):
        super().__init__(label, on_change, parent_widget)
        self.change = change

    def do(self):
        from desk_app.services import ledger_bulk  # noqa: PLC0415

        self.change = ledger_bulk.apply_again(self.change)

    def undo_it(self):
        from desk_app.services import ledger_bulk  # noqa: PLC0415

        ledger_bulk.revert(self.change)


class MonthProgressCommand(LedgerCommand):
    def __init__(self, change: ledger_bulk.ProgressChange, code: str, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "Progress this month of %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.change = change

    def do(self):
        from desk_app.services import ledger_bulk  # noqa: PLC0415

        self.change = ledger_bulk.redo_month_progress(self.change)

    def undo_it(self):
        from desk_app.services import ledger_bulk  # noqa: PLC0415

        ledger_bulk.undo_month_progress(self.change)


class AddProgressCommand(LedgerCommand):
    def __init__(self, added: ledger_bulk.AddedProgress, code: str, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "Progress of %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.added = added

    def do(self):
        from desk_app.services import ledger_bulk  # noqa: PLC0415

        self.added = ledger_bulk.add_progress(self.added.entry_id, self.added.text, self.added.on)

    def undo_it(self):
        from desk_app.services import ledger_bulk  # noqa: PLC0415

        ledger_bulk.remove_progress(self.added)


class ExtendCommand(LedgerCommand):
    """延期 of one or many entries: undo puts each deadline back and removes its event (checked first)."""

    def __init__(self, extension: ledger_extend.Extension, on_change, parent_widget=None):
        if len(extension.items) == 1:
            label = QCoreApplication.translate("LedgerUndo", "Extend %1").replace("%1", extension.items[0].code)
        else:
            label = QCoreApplication.translate("LedgerUndo", "Extend %1 entries").replace("%1", str(len(extension.items)))
        super().__init__(label, on_change, parent_widget)
        self.extension = extension

    def do(self):
        from desk_app.services import ledger_extend  # noqa: PLC0415

        self.extension = ledger_extend.redo(self.extension)

    def undo_it(self):
        from desk_app.services import ledger_extend  # noqa: PLC0415

        ledger_extend.undo(self.extension)


def overtaken(stack: QUndoStack, mark: int) -> str:
    """Why a step on the stack is no longer true ('' when none is): one of its entries was changed where the
    stack does not see it after `mark` (设置 › 回收站 restored it: "撤销 删除" would restore it again)."""
    from desk_app.services import undo_history  # noqa: PLC0415

    if undo_history.elsewhere_mark() == mark:
        return ""
    for index in range(stack.count()):
        command = stack.command(index)
        if isinstance(command, LedgerCommand):
            why = undo_history.changed_since("ledger_entry", command.entry_ids(), mark)
            if why:
                return why
    return ""


class ReadableUndo(QObject):
    """Undo and redo actions that say what they undo — 撤销“延期 ZG-2026-0012” — and a menu of the whole
    history, newest first, where choosing a step undoes (or redoes) everything up to it."""

    def __init__(self, stack: QUndoStack, parent):
        super().__init__(parent)
        self.stack = stack
        self.undo_action = QAction(QCoreApplication.translate("LedgerUndo", "Undo"), parent)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(lambda *_: stack.undo())
        self.redo_action = QAction(QCoreApplication.translate("LedgerUndo", "Redo"), parent)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(lambda *_: stack.redo())
        self.menu = QMenu(QCoreApplication.translate("LedgerUndo", "Undo history"), parent)
        self.menu.setObjectName("undo_history_menu")
        self.menu.aboutToShow.connect(self.fill_menu)
        self._button = None
        stack.indexChanged.connect(self._update)
        stack.cleanChanged.connect(self._update)
        self._update()

    def button(self, text: str) -> QToolButton:
        """撤销 for a toolbar, with the history behind its ▾ (the full text is the tooltip)."""
        self._button = QToolButton()
        self._button.setText(text)
        self._button.setMenu(self.menu)
        self._button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self._button.clicked.connect(lambda *_: self.stack.undo())
        self._update()
        return self._button

    def _update(self, *_) -> None:
        try:
            undo, redo = self.stack.undoText(), self.stack.redoText()
        except RuntimeError:  # the page is being torn down: the stack went first
            return
        self.undo_action.setEnabled(self.stack.canUndo())
        self.redo_action.setEnabled(self.stack.canRedo())
        self.undo_action.setText(QCoreApplication.translate("LedgerUndo", "Undo “%1”").replace("%1", undo) if self.stack.canUndo() else QCoreApplication.translate("LedgerUndo", "Undo"))
        self.redo_action.setText(QCoreApplication.translate("LedgerUndo", "Redo “%1”").replace("%1", redo) if self.stack.canRedo() else QCoreApplication.translate("LedgerUndo", "Redo"))
        self.undo_action.setToolTip(self.undo_action.text() + "（Ctrl+Z）")
        self.redo_action.setToolTip(self.redo_action.text() + "（Ctrl+Y）")
        if self._button is not None:
            self._button.setEnabled(self.stack.count() > 0)
            self._button.setToolTip(self.undo_action.toolTip())

    def steps(self) -> list[tuple[str, bool]]:
        """(text, done) of every step, newest first; undone steps are those redo would bring back."""
        return [(self.stack.command(i).text(), i < self.stack.index()) for i in reversed(range(self.stack.count()))]

    def fill_menu(self) -> None:
        self.menu.clear()
        if not self.stack.count():
            empty = self.menu.addAction(QCoreApplication.translate("LedgerUndo", "Nothing to undo yet"))
            empty.setEnabled(False)
            return
        for i in reversed(range(self.stack.count())):
            text = self.stack.command(i).text()
            if i < self.stack.index():
                action = self.menu.addAction(QCoreApplication.translate("LedgerUndo", "Undo back to “%1”").replace("%1", text))
                action.triggered.connect(lambda _=False, n=i: self.stack.setIndex(n))
            else:
                action = self.menu.addAction(QCoreApplication.translate("LedgerUndo", "Redo up to “%1” (undone)").replace("%1", text))
                action.triggered.connect(lambda _=False, n=i: self.stack.setIndex(n + 1))
