"""After a change that cannot be undone (a restore, an import, a purge …: services/undo_history), the window's
undo stacks forget their older commands: a restore replaced all the data, and a 例会's or 专班's Ctrl+Z would
otherwise write the values from before it over the restored ones. The ledger page keeps its own rule (its
forget_undo_if_needed, which also says why beside its toolbar)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from desk_app.services import undo_history


class UndoGuard(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.generation = undo_history.generation()
        window.state.data_changed.connect(self.check)

    def check(self) -> bool:
        """Clear the stacks when something irreversible happened since the last look; True when any was."""
        generation = undo_history.generation()
        if generation == self.generation:
            return False
        self.generation = generation
        cleared = False
        for stack in self.window.findChildren(QUndoStack):
            if stack.count() and not hasattr(stack.parent(), "forget_undo_if_needed"):
                stack.clear()
                cleared = True
        if cleared:
            self.window.statusBar().showMessage(
                self.tr("Undo history cleared: %1 cannot be undone.").replace("%1", undo_history.last_reason()), 10000)
        return cleared
