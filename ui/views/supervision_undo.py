"""Undo for the 督办 tab's changes (a node's done date, the rule set, a 催办 added or removed), on the ledger
page's stack beside its other edits. Each service call checks the record is still as the step left it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.services import supervision, supervision_urges

from .ledger_undo import LedgerCommand


class NodeDateCommand(LedgerCommand):
    def __init__(self, change: supervision.NodeChange, code: str, on_change, parent_widget=None):
        super().__init__(QCoreApplication.translate("SupervisionUndo", "Supervision node of %1").replace("%1", code), on_change, parent_widget)
        self.change = change

    def do(self):
        c = self.change
        supervision.set_done_date(c.entry_id, c.seq, c.new, expected=c.old)

    def undo_it(self):
        c = self.change
        supervision.set_done_date(c.entry_id, c.seq, c.old, expected=c.new)


class RuleCommand(LedgerCommand):
    def __init__(self, change: supervision.RuleChange, code: str, on_change, parent_widget=None):
        super().__init__(QCoreApplication.translate("SupervisionUndo", "Supervision rule set of %1").replace("%1", code), on_change, parent_widget)
        self.change = change

    def do(self):
        self.change = supervision.choose_rule(self.change.entry_id, self.change.new[0])

    def undo_it(self):
        supervision.revert_rule(self.change)


class UrgeCommand(LedgerCommand):
    def __init__(self, record: supervision_urges.UrgeRecord, added: bool, code: str, on_change,
                 parent_widget=None):
        label = QCoreApplication.translate("SupervisionUndo", "Urging record of %1") if added else QCoreApplication.translate("SupervisionUndo", "Remove urging record of %1")
        super().__init__(label.replace("%1", code), on_change, parent_widget)
        self.record, self.added = record, added

    def _add(self):
        self.record = supervision_urges.restore_urge(self.record)

    def _remove(self):
        self.record = supervision_urges.remove_by_uuid(self.record)

    def do(self):
        (self._add if self.added else self._remove)()

    def undo_it(self):
        (self._remove if self.added else self._add)()


def command(kind: str, payload, code: str, on_change, parent_widget=None) -> LedgerCommand:
    """The undo step for what the 督办 tab reported through the editor's undo_push."""
    if kind == "supervision_node":
        return NodeDateCommand(payload, code, on_change, parent_widget)
    if kind == "supervision_rule":
        return RuleCommand(payload, code, on_change, parent_widget)
    return UrgeCommand(payload, kind == "urge_add", code, on_change, parent_widget)
