"""The editor's 督办 tab: the entry's 13710 clock (rule set, nodes with due and done dates and their lights,
the escalation reached) and its 催办 record, with the 督办单 and 催办单 one click away. Every change is
saved at once and goes on the ledger's undo stack (the editor's undo_push)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError, ValidationErrors
from desk_app.services import choices, context, supervision, supervision_rules, supervision_urges

from .date_field import DateField
from .entry_fields import PickCombo
from .entry_tabs import new_table, table_item

LIGHT_COLORS = {"red": "#c62828", "yellow": "#b26a00", "green": "#2e7d32", "grey": "#78909c"}


class SupervisionTab(QWidget):
    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.entry_id: int | None = None
        self.clock = None
        self.urges: list[supervision_urges.UrgeRecord] = []
        self.status = QLabel()
        self.status.setObjectName("supervision_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.rule = QComboBox()
        self.rule.setObjectName("supervision_rule")
        self.rule.activated.connect(self._rule_chosen)
        self.print_sheet = QPushButton(self.tr("Supervision sheet…"))
        self.print_urge = QPushButton(self.tr("Urging sheet…"))
        self.print_sheet.clicked.connect(lambda: self._preview("supervision"))
        self.print_urge.clicked.connect(lambda: self._preview("urge"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Rule set:")))
        top.addWidget(self.rule)
        top.addWidget(self.status, 1)
        top.addWidget(self.print_sheet)
        top.addWidget(self.print_urge)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._nodes_box(), 2)
        layout.addWidget(self._urges_box(), 3)

    # -- building ---------------------------------------------------------------------------
    def _nodes_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Nodes"))
        self.nodes = new_table([self.tr("Node"), self.tr("Time limit"), self.tr("Due"), self.tr("Done"),
                             self.tr("State")], [90, 120, 110, 110, 200])
        self.nodes.setObjectName("supervision_nodes")
        self.nodes.itemSelectionChanged.connect(self._node_selected)
        self.done = DateField()
        self.done.setObjectName("node_done_date")
        self.set_done = QPushButton(self.tr("Record done date"))
        self.clear_done = QPushButton(self.tr("Clear"))
        self.set_done.clicked.connect(self.record_done)
        self.clear_done.clicked.connect(lambda: self.record_done(clear=True))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Done on:")))
        row.addWidget(self.done)
        row.addWidget(self.set_done)
        row.addWidget(self.clear_done)
        row.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.nodes, 1)
        inner.addLayout(row)
        return box

    def _urges_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Urging record (催办)"))
        self.urge_table = new_table([self.tr("Date"), self.tr("Way"), self.tr("To whom"), self.tr("Answer"),
                                  self.tr("By")], [100, 80, 160, 360, 80])
        self.urge_table.setObjectName("supervision_urges")
        self.urge_table.horizontalHeader().setStretchLastSection(False)
        self.urge_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.urge_date = DateField(clearable=False)
        self.urge_way = PickCombo(free_text=True)
        self.urge_way.setObjectName("urge_way")
        self.urge_way.set_items([(v, v) for v in choices.values("urge_way")])
        self.urge_target, self.urge_answer = QLineEdit(), QLineEdit()
        self.urge_target.setPlaceholderText(self.tr("Unit or person"))
        self.urge_answer.setPlaceholderText(self.tr("What they answered (Enter adds)"))
        self.urge_answer.returnPressed.connect(self.add_urge)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.add_button.clicked.connect(self.add_urge)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_urge)
        row = QHBoxLayout()
        row.addWidget(self.urge_date)
        row.addWidget(self.urge_way)
        row.addWidget(self.urge_target, 1)
        row.addWidget(self.urge_answer, 2)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        inner = QVBoxLayout(box)
        inner.addWidget(self.urge_table, 1)
        inner.addLayout(row)
        return box

    # -- loading ----------------------------------------------------------------------------
    def load(self, entry_id: int) -> None:
        self.entry_id = entry_id
        self.clock = supervision.clock(entry_id)
        on = self.clock is not None
        rules = supervision_rules.load_rules()
        self.rule.clear()
        for r in rules.rule_sets:
            self.rule.addItem(r.name, r.name)
            self.rule.setItemData(self.rule.count() - 1, r.describe(), Qt.ItemDataRole.ToolTipRole)
        if on and self.rule.findData(self.clock.rule_name) < 0:  # a rule set since renamed: its copy
            self.rule.addItem(self.clock.rule_name, self.clock.rule_name)
        self.rule.setCurrentIndex(max(0, self.rule.findData(self.clock.rule_name)) if on else 0)
        for widget in (self.rule, self.nodes, self.done, self.set_done, self.clear_done, self.print_sheet,
                       self.print_urge):
            widget.setEnabled(on)
        self.status.setText(self._status_text(rules))
        self._fill_nodes()
        self._fill_urges()
        self.urge_date.set_value(context.today())
        if not self.urge_way.currentText() and self.urge_way.count() > 1:
            self.urge_way.setCurrentIndex(1)  # the first way of the list (电话): the usual one

    def _status_text(self, rules) -> str:
        c = self.clock
        if c is None:
            kinds = "、".join(rules.kinds) or self.tr("none")
            return self.tr("Not on the 13710 clock: fill in 交办日期 on the Details tab and save "
                           "(kinds on the clock: %1).").replace("%1", kinds)
        verdict = html.escape(supervision.situation(c))  # the same words as the 督办单 and the 催办单
        if c.closed or c.level is None:
            color = "#c62828" if c.missed and not c.closed else "#2e7d32"
            return f"<span style='color:{color}'>{verdict}</span>"
        return f"<b style='color:{c.level.color}'>{html.escape(c.level.name)}</b>　{verdict}"

    def _fill_nodes(self) -> None:
        nodes = self.clock.nodes if self.clock else ()
        estimated = self.clock.estimated if self.clock else ()
        self.nodes.setRowCount(len(nodes))
        for i, n in enumerate(nodes):
            state = n.state.value
            if n.late_workdays:
                state += self.tr(" (%1 working days late)").replace("%1", str(n.late_workdays))
            if n.reported is not None:
                state += self.tr(" — reported done on %1, apply to close").replace("%1", n.reported.isoformat())
            done = n.done.isoformat() if n.done else ""
            if n.done_from_entry:
                done += self.tr(" (completion date)")
            due = n.due.isoformat() + (self.tr(" (estimate)") if n in estimated else "")
            for j, value in enumerate((n.name, n.rule, due, done, state)):
                self.nodes.setItem(i, j, table_item(value))
            self.nodes.item(i, 4).setForeground(QColor(LIGHT_COLORS[n.light.value]))
            if n in estimated:
                self.nodes.item(i, 2).setToolTip(supervision.estimate_note([n]))
        self.nodes.resizeRowsToContents()
        if nodes:
            waiting = (supervision.NodeState.MISSED, supervision.NodeState.DUE_TODAY, supervision.NodeState.PENDING)
            self.nodes.selectRow(next((i for i, n in enumerate(nodes) if n.state in waiting), 0))

    def _fill_urges(self) -> None:
        self.urges = supervision_urges.list_urges(self.entry_id) if self.entry_id else []
        self.urge_table.setRowCount(len(self.urges))
        for i, u in enumerate(self.urges):
            for j, value in enumerate((u.date.isoformat(), u.way, u.target, u.answer, u.author)):
                self.urge_table.setItem(i, j, table_item(value))
        self.urge_table.resizeRowsToContents()
        self.remove_button.setEnabled(bool(self.urges))

    def _node_selected(self) -> None:
        node = self._node()
        if node is not None:
            entered = node.done or node.reported
            self.done.set_value(entered if entered and not node.done_from_entry else context.today())

    def _node(self):
        row = self.nodes.currentRow()
        return self.clock.nodes[row] if self.clock and 0 <= row < len(self.clock.nodes) else None

    # -- changing ---------------------------------------------------------------------------
    def _after(self, kind: str, payload) -> None:
        if self.editor.undo_push is not None:
            self.editor.undo_push(kind, payload)
        self.load(self.entry_id)
        self.editor.history_tab.load(self.entry_id)

    def _warn(self, title: str, exc: DeskAppError) -> None:
        message = "；".join(e.message for e in exc.errors) if isinstance(exc, ValidationErrors) else exc.message
        QMessageBox.warning(self, title, message)

    def record_done(self, *, clear: bool = False) -> None:
        node = self._node()
        if node is None:
            return
        try:
            day = None if clear else self.done.value()
            if day is None and not clear:
                return
            change = supervision.set_done_date(self.entry_id, node.seq, day)
        except DeskAppError as exc:
            self._warn(self.tr("Cannot record the date"), exc)
            return
        if change.old != change.new:
            self._after("supervision_node", change)
        if not clear and self.clock is not None and self.clock.awaiting_close and node.seq == len(self.clock.nodes):
            self.offer_close(day)

    def offer_close(self, day) -> None:
        """办结 entered: the matter is done only once it goes forward for 销号 (the clock counts till then),
        so the 申请销号 dialog follows at once, its 完成日期 set to the day entered."""
        from .entry_workflow import ApplyCloseDialog  # noqa: PLC0415 - opened when a matter is finished

        asked = QMessageBox.question(
            self, self.tr("Apply to close?"),
            self.tr("办结 recorded. The matter counts as done, and its 督办 clock stops, only once it is put "
                    "forward for 销号 with its completion and evidence. Apply to close now?"))
        if asked != QMessageBox.StandardButton.Yes:
            return
        dialog = ApplyCloseDialog(self.entry_id, self, completed_on=day)
        if dialog.exec() == ApplyCloseDialog.DialogCode.Accepted:
            self.editor.rebase_after_own_write()  # its own step, not someone else's change; header → 申请销号
            self.editor.attachments_tab.load(self.entry_id)
            self.editor.history_tab.load(self.entry_id)
            self.load(self.entry_id)

    def _rule_chosen(self, *_) -> None:
        name = self.rule.currentData()
        if not self.clock or name == self.clock.rule_name:
            return
        try:
            change = supervision.choose_rule(self.entry_id, name)
        except DeskAppError as exc:
            self._warn(self.tr("Cannot change the rule set"), exc)
            self.load(self.entry_id)
            return
        self._after("supervision_rule", change)

    def add_urge(self) -> None:
        if self.entry_id is None:
            return
        try:
            way = self.urge_way.value() or ""
            added = supervision_urges.add_urge(self.entry_id, self.urge_date.value(), way,
                                               self.urge_target.text(), self.urge_answer.text())
        except DeskAppError as exc:
            self._warn(self.tr("Cannot add the record"), exc)
            return
        except ValueError:  # a way typed that is not in the list is taken as written (free text)
            return
        self.urge_answer.clear()
        self._after("urge_add", added)

    def remove_urge(self) -> None:
        row = self.urge_table.currentRow()
        if not 0 <= row < len(self.urges):
            return
        try:
            removed = supervision_urges.remove_urge(self.urges[row].id)
        except DeskAppError as exc:
            self._warn(self.tr("Cannot remove the record"), exc)
            return
        self._after("urge_remove", removed)

    def _preview(self, kind: str) -> None:
        from desk_app.reports.options import PrintOptions  # noqa: PLC0415

        from .print_actions import show_preview  # noqa: PLC0415

        show_preview(self, kind, PrintOptions(entry_id=self.entry_id))
