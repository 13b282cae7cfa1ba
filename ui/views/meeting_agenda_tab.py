"""议程与汇报: the agenda built for the clerk, shown as a structure, and what each 专班 reported."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import MeetingType
from desk_app.services import meeting_agenda, meeting_decisions, taskforces

from .meeting_common import ServiceFailed, call
from .merge_view import save_text_merging

OVERDUE = "#c62828"


class ReportDialog(QDialog):
    """Correct what one 专班 reported at this meeting."""

    def __init__(self, report, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report of %1").replace("%1", report.task_force_name))
        self.progress = QPlainTextEdit(report.progress)
        self.problems = QPlainTextEdit(report.problems)
        self.next_steps = QPlainTextEdit(report.next_steps)
        form = QFormLayout()
        form.addRow(self.tr("Progress:"), self.progress)
        form.addRow(self.tr("Problems:"), self.problems)
        form.addRow(self.tr("Next steps:"), self.next_steps)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 480)


class AgendaTab(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agenda and reports"))
        self.meeting = None
        self.build_button = QPushButton(self.tr("Build agenda"))
        self.build_button.setObjectName("build_agenda")
        self.build_button.setToolTip(self.tr("Lists the open decisions of earlier meetings and copies each task "
                                             "force's monthly report into this meeting"))
        self.build_button.clicked.connect(lambda *_: self.build())
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("agenda_tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Status")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setWordWrap(True)
        # Qt measures wrapped rows once; measure again when the column width changes
        self.tree.header().sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        self.tree.itemActivated.connect(self._activated)
        self.text = QPlainTextEdit()
        self.text.setObjectName("agenda_text")
        self.save_text = QPushButton(self.tr("Save agenda text"))
        self.save_text.clicked.connect(lambda *_: self.save_agenda_text())
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(self.tr("Agenda text (printed on the notice; edit freely):")))
        rl.addWidget(self.text, 1)
        rl.addWidget(self.save_text, 0, Qt.AlignmentFlag.AlignRight)
        # the agenda text is a few short lines; the tree of items and reports needs the width
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([450, 160])
        top = QHBoxLayout()
        top.addWidget(self.build_button)
        top.addWidget(self.info, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def set_meeting(self, meeting) -> None:
        same = bool(self.meeting and meeting and self.meeting.id == meeting.id)
        if not (same and self.text.document().isModified()):  # typed text keeps the version it was typed on
            self.agenda_base = (meeting.version, meeting.agenda) if meeting else (0, "")
        self.meeting = meeting
        is_progress = bool(meeting and meeting.meeting_type == MeetingType.TASK_FORCE)
        self.build_button.setEnabled(is_progress)
        self.tree.setVisible(is_progress)
        self.text.setPlainText(meeting.agenda if meeting else "")
        self.text.document().setModified(False)
        self._fill_tree()

    def _section(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, ""])
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(0, font)
        self.tree.addTopLevelItem(item)
        item.setExpanded(True)
        return item

    def _fill_tree(self) -> None:
        self.tree.clear()
        m = self.meeting
        if not m or m.meeting_type != MeetingType.TASK_FORCE:
            self.info.setText(self.tr("Write the agenda of this meeting on the right.") if m else "")
            return
        decisions = meeting_decisions.open_decisions_before(m.id)
        first = self._section(self.tr("1. Follow-up of earlier decisions (%1 open)").replace("%1", str(len(decisions))))
        for d in decisions:
            item = QTreeWidgetItem(first, [f"{d.code}  {meeting_agenda.decision_line(d).split('——')[0]}",
                                           d.status + (self.tr(" (overdue)") if d.overdue else "")])
            item.setToolTip(0, d.text)
            if d.overdue:
                item.setForeground(1, QBrush(QColor(OVERDUE)))
        if not decisions:
            QTreeWidgetItem(first, [self.tr("All earlier decisions are done."), ""])
        second = self._section(self.tr("2. Reports of the task forces"))
        for r in m.reports:
            item = QTreeWidgetItem(second, [r.task_force_name, self.tr("reported")])
            item.setData(0, Qt.ItemDataRole.UserRole, r.task_force_id)
            for label, text in ((self.tr("Progress"), r.progress), (self.tr("Problems"), r.problems),
                                (self.tr("Next steps"), r.next_steps)):
                if text:
                    child = QTreeWidgetItem(item, [f"{label}：{text}", ""])
                    child.setToolTip(0, text)
            item.setExpanded(True)
        reported = {r.task_force_id for r in m.reports}
        for tf in taskforces.list_task_forces(m.campaign_id):
            if tf.id not in reported:
                item = QTreeWidgetItem(second, [tf.name, self.tr("not reported")])
                item.setForeground(0, QBrush(QColor(OVERDUE)))
                item.setForeground(1, QBrush(QColor(OVERDUE)))
        if not m.reports:
            QTreeWidgetItem(second, [self.tr("No reports yet: press 'Build agenda' to copy the monthly reports."), ""])
        self._section(self.tr("3. Difficult problems to solve"))
        self._section(self.tr("4. Speech of the bureau leader"))
        self.info.setText(self.tr("Double-click a task force to correct what it reported at this meeting."))

    def build(self) -> None:
        if not self.meeting:
            return
        if self.text.document().isModified() and QMessageBox.question(
                self, self.tr("Build agenda"),
                self.tr("The agenda text has unsaved edits that rebuilding will replace. Continue?")) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            result = call(self, meeting_agenda.build_agenda, self.meeting.id)
        except ServiceFailed:
            return
        self.last_result = result
        self.changed.emit()
        if result.missing_reports:
            self.info.setText(self.tr("Not yet reported for %1: %2").replace("%1", result.month)
                              .replace("%2", "、".join(result.missing_reports)))
            self.info.setStyleSheet(f"color: {OVERDUE};")
        else:
            self.info.setStyleSheet("")

    def save_agenda_text(self) -> None:
        if not self.meeting:
            return
        from desk_app.services import meetings  # noqa: PLC0415

        try:  # someone else saved another agenda meanwhile: the merge view, not an overwrite
            saved = call(self, save_text_merging, self, "agenda", meetings.set_agenda, self.meeting.id,
                         self.text.toPlainText(), *self.agenda_base)
        except ServiceFailed:
            return
        if saved is None:
            return
        self.agenda_base = (self.agenda_base[0], saved)
        if saved != self.text.toPlainText():
            self.text.setPlainText(saved)
        self.text.document().setModified(False)
        self.changed.emit()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        tf_id = item.data(0, Qt.ItemDataRole.UserRole)
        if tf_id is None or not self.meeting:
            return
        report = next(r for r in self.meeting.reports if r.task_force_id == tf_id)
        dialog = ReportDialog(report, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            call(self, meeting_agenda.update_meeting_report, self.meeting.id, tf_id,
                 progress=dialog.progress.toPlainText(), problems=dialog.problems.toPlainText(),
                 next_steps=dialog.next_steps.toPlainText())
        except ServiceFailed:
            return
        self.changed.emit()
