"""Undoable ledger edits. Each command has already been done once by the page when it is pushed
(the page needs the service's answer first, to show validation errors), so its first redo() is a no-op.

Undo and redo go through services that first check the entry is still as the command left it, and
refuse (a message, the command dropped) what the workflow would refuse: an entry that has since
gone to 申请销号, been edited elsewhere or moved to the recycle bin is not stepped back around it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from desk_app.errors import DeskAppError
from desk_app.services import ledger, ledger_bulk


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


class EditEntryCommand(LedgerCommand):
    def __init__(self, entry_id, before, after, code, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "Edit %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.entry_id, self.before, self.after = entry_id, before, after

    def do(self):
        ledger.replace_entry(self.entry_id, self.after, expected=self.before)

    def undo_it(self):
        ledger.replace_entry(self.entry_id, self.before, expected=self.after)


class CreateEntryCommand(LedgerCommand):
    def __init__(self, entry_id, code, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "New entry %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.entry_id = entry_id

    def do(self):
        ledger.restore_entries([self.entry_id], strict=True)

    def undo_it(self):
        ledger.delete_entries([self.entry_id], strict=True)


class DeleteCommand(LedgerCommand):
    def __init__(self, entry_ids, on_change, parent_widget=None, *, restoring=False):
        label = QCoreApplication.translate("LedgerUndo", "Restore %1 entries") if restoring else QCoreApplication.translate("LedgerUndo", "Delete %1 entries")
        super().__init__(label.replace("%1", str(len(entry_ids))), on_change, parent_widget)
        self.entry_ids = list(entry_ids)
        self.restoring = restoring

    def do(self):
        (ledger.restore_entries if self.restoring else ledger.delete_entries)(self.entry_ids, strict=True)

    def undo_it(self):
        (ledger.delete_entries if self.restoring else ledger.restore_entries)(self.entry_ids, strict=True)


class BulkCommand(LedgerCommand):
    def __init__(self, change: ledger_bulk.BulkChange, label: str, on_change, parent_widget=None):
        super().__init__(label, on_change, parent_widget)
        self.change = change

    def do(self):
        self.change = ledger_bulk.apply_again(self.change)

    def undo_it(self):
        ledger_bulk.revert(self.change)


class MonthProgressCommand(LedgerCommand):
    def __init__(self, change: ledger_bulk.ProgressChange, code: str, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "Progress of %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.change = change

    def do(self):
        self.change = ledger_bulk.redo_month_progress(self.change)

    def undo_it(self):
        ledger_bulk.undo_month_progress(self.change)


class AddProgressCommand(LedgerCommand):
    def __init__(self, added: ledger_bulk.AddedProgress, code: str, on_change, parent_widget=None):
        label = QCoreApplication.translate("LedgerUndo", "Progress of %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.added = added

    def do(self):
        self.added = ledger_bulk.add_progress(self.added.entry_id, self.added.text, self.added.on)

    def undo_it(self):
        ledger_bulk.remove_progress(self.added)
