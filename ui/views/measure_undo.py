"""Undo commands for measures, their 本月进展 and the 月度序时进度: the services check the state first
(services/measures.revert, progress_plan.replay) and refuse a step something else has moved on from."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.services import measures, progress_plan

from .ledger_undo import LedgerCommand


class MeasureCommand(LedgerCommand):
    def __init__(self, change: measures.MeasureChange, on_change, parent_widget=None):
        label = QCoreApplication.translate("MeasureUndo", "Measures of %1")
        super().__init__(label.replace("%1", change.code), on_change, parent_widget)
        self.change = change

    def do(self):
        self.change = measures.reapply(self.change)

    def undo_it(self):
        measures.revert(self.change)


class MeasureProgressCommand(LedgerCommand):
    def __init__(self, change: measures.MeasureProgressChange, on_change, parent_widget=None):
        label = QCoreApplication.translate("MeasureUndo", "Measure progress of %1")
        super().__init__(label.replace("%1", change.code), on_change, parent_widget)
        self.change = change

    def do(self):
        measures.replay_month_progress(self.change, undo=False)

    def undo_it(self):
        measures.replay_month_progress(self.change, undo=True)


class PlanCommand(LedgerCommand):
    def __init__(self, change: progress_plan.PlanChange, on_change, parent_widget=None):
        label = QCoreApplication.translate("MeasureUndo", "Monthly schedule of %1")
        super().__init__(label.replace("%1", change.code), on_change, parent_widget)
        self.change = change

    def do(self):
        progress_plan.replay(self.change, undo=False)

    def undo_it(self):
        progress_plan.replay(self.change, undo=True)


def command_for(kind: str, change, on_change, parent_widget=None):
    """The undo command of a change made in the editor's 措施 / 序时进度 tabs (None for other kinds)."""
    if kind == "measures":
        return MeasureCommand(change, on_change, parent_widget)
    if kind == "measure_progress":
        return MeasureProgressCommand(change, on_change, parent_widget)
    if kind == "plan":
        return PlanCommand(change, on_change, parent_widget)
    return None
