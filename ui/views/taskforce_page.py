"""专班: the task forces on the left (members, open and overdue entries, last report), details in tabs."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import NotFoundError
from desk_app.services import compliance, context, roles, taskforces
from desk_app.services.ledger_query import LedgerFilter

from ..models.taskforce_models import TaskForceListModel
from .date_field import DateField
from .meeting_common import ServiceFailed, call, page_action, undo_redo_actions
from .print_actions import add_task_force_print_actions
from .role_gate import gate, refusal
from .taskforce_members_tab import MembersTab
from .taskforce_plan_tab import PlanTab
from .taskforce_report_tab import ReportTab


class TaskForceDialog(QDialog):
    """Name, goal and the 行动方案 due date of a 专班."""

    def __init__(self, tf=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New task force") if tf is None else self.tr("Edit task force"))
        self.name = QLineEdit(tf.name if tf else "")
        self.goal = QPlainTextEdit(tf.goal if tf else "")
        self.goal.setTabChangesFocus(True)
        self.has_due = QCheckBox(self.tr("Action plan due by:"))
        self.due = DateField(clearable=False, field="plan_due_date")
        self.due.set_value(tf.plan_due_date if tf and tf.plan_due_date else context.today() + timedelta(days=30))
        self.has_due.setChecked(bool(tf is None or tf.plan_due_date))
        self.has_due.toggled.connect(self.due.setEnabled)
        self.due.setEnabled(self.has_due.isChecked())
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Goal:"), self.goal)
        form.addRow(self.has_due, self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(480, 280)

    def accept(self) -> None:
        if self.has_due.isChecked() and self.due.error():
            QMessageBox.warning(self, self.tr("Cannot save"), self.due.error())
            self.due.setFocus()
            return
        super().accept()

    def due_date(self) -> date | None:
        return self.due.value() if self.has_due.isChecked() else None


class TaskForcePage(QWidget):
    task_force_changed = Signal(int)  # the print engineer hooks 打印 actions on this

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Task forces"))
        self.undo_stack = QUndoStack(self)
        self.task_force = None
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("taskforce_toolbar")
        self.new_action = self._action(self.tr("New task force"), QKeySequence.StandardKey.New, self.new_task_force)
        self.edit_action = self._action(self.tr("Edit"), QKeySequence("F2"), self.edit_task_force)
        self.delete_action = self._action(self.tr("Delete"), None, self.delete_task_force)
        self.toolbar.addSeparator()
        self.undo_action, self.redo_action = undo_redo_actions(self, self.toolbar, self.undo_stack,
                                                               self.tr("Undo"), self.tr("Redo"))
        self.toolbar.addSeparator()
        self.ledger_action = self._action(self.tr("Open entries in ledger"), None, self.open_in_ledger)
        self._action(self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.refresh)
        self.toolbar.addSeparator()
        self.print_button, self.export_pdf_button = add_task_force_print_actions(self.toolbar, self)

        self.model = TaskForceListModel(self)
        self.list = QTableView()
        self.list.setObjectName("taskforce_list")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(28)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.list.doubleClicked.connect(lambda _: self.edit_task_force())

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(13)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # many leads must not widen the window
        self.goal = QLabel()
        self.goal.setWordWrap(True)
        self.goal.setStyleSheet("color: #455a64;")
        self.members_tab = MembersTab(self.undo_stack)
        self.plan_tab = PlanTab()
        self.report_tab = ReportTab(state)
        self.tabs = QTabWidget()
        for tab in (self.members_tab, self.plan_tab, self.report_tab):
            self.tabs.addTab(tab, tab.windowTitle())
            tab.changed.connect(self.reload_current)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.heading)
        rl.addWidget(self.goal)
        rl.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 760])  # the list shows whole names at 420; the tabs need the rest
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        state.data_changed.connect(self.refresh)
        state.campaign_changed.connect(self.refresh)
        self.refresh()

    def _action(self, text, shortcut, slot) -> QAction:
        return page_action(self, self.toolbar, text, shortcut, slot)

    def _apply_role(self, tf) -> None:
        """专班 themselves are 活动办's; a 专班联络员 keeps their own 专班's roster and monthly report."""
        me = roles.current()
        own = tf is not None and (me.is_office or (me.role == roles.Role.TASK_FORCE_LIAISON
                                                   and tf.id in me.task_force_ids))
        office = refusal()
        if not office:
            self.new_action.setEnabled(True)
        gate([self.new_action, self.edit_action, self.delete_action, self.plan_tab], office)
        for tab, permission in ((self.members_tab, roles.ROSTER), (self.report_tab, roles.PROGRESS)):
            reason = refusal(permission, allowed=own or tf is None)
            if not reason:
                tab.setEnabled(True)
            gate([tab], reason)
        if not office:
            self.plan_tab.setEnabled(True)

    # -- for other areas ------------------------------------------------------------------------
    def current_task_force_id(self) -> int | None:
        return self.task_force.id if self.task_force else None

    def select_task_force(self, tf_id: int, tab: str | None = None) -> bool:
        row = self.model.row_of(tf_id)
        if row < 0:
            return False
        self.list.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                   QItemSelectionModel.SelectionFlag.ClearAndSelect
                                                   | QItemSelectionModel.SelectionFlag.Rows)
        tabs = {"members": self.members_tab, "plan": self.plan_tab, "report": self.report_tab}
        if tab in tabs:
            self.tabs.setCurrentWidget(tabs[tab])
        return True

    # -- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current_task_force_id()
        campaign_id = self.state.campaign_id
        rows = taskforces.list_task_forces(campaign_id) if campaign_id else []
        self.model.report_due = {w.task_force_id for w in compliance.campaign_warnings(campaign_id)
                                 if w.kind == "no_monthly_report"} if campaign_id else set()
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.task_force = None if self.model.rows[row].id != keep else self.task_force
            self.list.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect
                                                       | QItemSelectionModel.SelectionFlag.Rows)
            self._show(self.model.rows[row])
        else:
            self._show(None)

    def reload_current(self) -> None:
        self.refresh()
        self.state.data_changed.emit()

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            tf = self.model.rows[current.row()]
            if not self.task_force or self.task_force.id != tf.id:
                self.undo_stack.clear()
                self._show(tf)

    def _show(self, tf) -> None:
        self.task_force = tf
        self.tabs.setEnabled(tf is not None)
        for a in (self.edit_action, self.delete_action, self.ledger_action):
            a.setEnabled(tf is not None)
        self._apply_role(tf)
        if tf is None:
            self.heading.setText(self.tr("No task force yet. Press Ctrl+N to add one."))
            self.goal.setText("")
        else:
            leads = "、".join(m.name for m in tf.leads) or self.tr("no lead yet")
            self.heading.setText(f"{tf.name}（{leads}）")
            self.goal.setText(tf.goal)
        self.members_tab.set_task_force(tf)
        self.plan_tab.set_task_force(tf)
        self.report_tab.set_task_force(tf)
        if tf is not None:
            self.task_force_changed.emit(tf.id)

    # -- actions --------------------------------------------------------------------------------
    def new_task_force(self, name: str | None = None, goal: str = "", plan_due_date: date | None = None):
        """Create a 专班; with name given (tests) no dialog is shown."""
        campaign_id = self.state.campaign_id
        if not campaign_id:
            QMessageBox.information(self, self.tr("New task force"), self.tr("Create a campaign first."))
            return None
        if name is None:
            dialog = TaskForceDialog(parent=self)
            while True:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                try:
                    record = call(self, taskforces.create_task_force, campaign_id, dialog.name.text(),
                                  dialog.goal.toPlainText(), dialog.due_date())
                    break
                except ServiceFailed:
                    continue
        else:
            try:
                record = call(self, taskforces.create_task_force, campaign_id, name, goal, plan_due_date)
            except ServiceFailed:
                return None
        self.task_force = None
        self.refresh()
        self.select_task_force(record.id)
        self.state.data_changed.emit()
        return record

    def edit_task_force(self) -> None:
        tf = self.task_force
        if tf is None:
            return
        dialog = TaskForceDialog(tf, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                call(self, taskforces.update_task_force, tf.id, name=dialog.name.text(),
                     goal=dialog.goal.toPlainText(), plan_due_date=dialog.due_date())
            except ServiceFailed:
                continue
            self.reload_current()
            return

    def delete_task_force(self) -> None:
        tf = self.task_force
        if tf is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete task force"), self.tr(
            "Delete %1? Its roster, plan versions and reports stay in the database; ledger entries keep their "
            "link.").replace("%1", tf.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            call(self, taskforces.delete_task_force, tf.id)
        except (ServiceFailed, NotFoundError):
            return
        self.task_force = None
        self.undo_stack.clear()
        self.reload_current()

    def open_in_ledger(self) -> None:
        window = self.window()
        if self.task_force and hasattr(window, "open_ledger"):
            window.open_ledger(LedgerFilter(campaign_id=self.state.campaign_id, task_force_ids=[self.task_force.id],
                                            open_only=True))
