"""After a restore (or anything else undo_history calls irreversible) no page's Ctrl+Z writes the values from
before it over the restored data; the ledger keeps its own stack and note."""

from PySide6.QtGui import QUndoCommand

from desk_app.services import undo_history


class _Marked(QUndoCommand):
    def __init__(self, done):
        super().__init__("标记出席")
        self.done = done

    def undo(self):
        self.done.append("undone")


def test_a_restore_clears_the_meeting_and_task_force_stacks(main_window):
    meetings = main_window.show_page("meetings")
    taskforces = main_window.show_page("taskforces")
    ledger = main_window.show_page("ledger")
    done = []
    for page in (meetings, taskforces, ledger):
        page.undo_stack.push(_Marked(done))
    main_window.state.data_changed.emit()  # an ordinary change keeps them
    assert meetings.undo_stack.count() == taskforces.undo_stack.count() == 1

    undo_history.irreversible("恢复备份")
    main_window.state.data_changed.emit()

    assert meetings.undo_stack.count() == taskforces.undo_stack.count() == 0 and done == []
    assert "恢复备份" in main_window.statusBar().currentMessage()
    assert ledger.undo_stack.count() == 0 and "恢复备份" in ledger.undo_note.text()  # the ledger's own rule
