"""月度报告 tab: one report per month (工作进展 / 存在问题 / 下步计划), entered once, used by the 推进会."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import campaigns, context, taskforce_reports

from .meeting_common import ServiceFailed, call


def campaign_months(campaign_id: int | None) -> list[str]:
    """Months of the campaign up to this one, newest first."""
    today = context.today()
    start = None
    if campaign_id:
        c = campaigns.get_campaign(campaign_id)
        start = c.start_date
    y, m = today.year, today.month
    out = []
    while len(out) < 24:
        out.append(f"{y}-{m:02d}")
        if start and (y, m) <= (start.year, start.month):
            break
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out


class ReportTab(QWidget):
    changed = Signal()

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Monthly reports"))
        self.state = state
        self.task_force = None
        self.months = QListWidget()
        self.months.setObjectName("report_months")
        self.months.currentItemChanged.connect(self._month_picked)
        self.month = QComboBox()
        self.month.setObjectName("report_month")
        self.month.currentIndexChanged.connect(self._load_month)
        self.progress = QPlainTextEdit()
        self.problems = QPlainTextEdit()
        self.next_steps = QPlainTextEdit()
        for e in (self.progress, self.problems, self.next_steps):
            e.setTabChangesFocus(True)
        self.status = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Month:"), self.month)
        form.addRow(self.tr("Progress:"), self.progress)
        form.addRow(self.tr("Problems:"), self.problems)
        form.addRow(self.tr("Next steps:"), self.next_steps)
        self.save_button = QPushButton(self.tr("Save report (Ctrl+S)"))
        self.save_button.setObjectName("save_report")
        self.save_button.clicked.connect(lambda *_: self.save())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        editor = QWidget()
        el = QVBoxLayout(editor)
        el.setContentsMargins(0, 0, 0, 0)
        el.addLayout(form, 1)
        el.addLayout(row)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("Months:")))
        ll.addWidget(self.months, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(editor)
        splitter.setSizes([150, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_task_force(self, tf) -> None:
        self.task_force = tf
        keep = self.month.currentData()
        all_months = campaign_months(self.state.campaign_id)
        reported = {r.month for r in taskforce_reports.list_reports(tf.id)} if tf else set()
        self.months.blockSignals(True)
        self.months.clear()
        for mo in all_months:
            item = QListWidgetItem(f"{mo}  " + (self.tr("reported") if mo in reported else self.tr("missing")))
            item.setData(Qt.ItemDataRole.UserRole, mo)
            if mo not in reported:
                item.setForeground(QBrush(QColor("#c62828")))
            self.months.addItem(item)
        self.months.blockSignals(False)
        self.month.blockSignals(True)
        self.month.clear()
        for mo in all_months:
            self.month.addItem(mo, mo)
        self.month.blockSignals(False)
        self.month.setCurrentIndex(max(0, self.month.findData(keep)))
        self._load_month()

    def _month_picked(self, item, _previous=None) -> None:
        if item is not None:
            self.month.setCurrentIndex(max(0, self.month.findData(item.data(Qt.ItemDataRole.UserRole))))

    def _load_month(self) -> None:
        month = self.month.currentData()
        report = taskforce_reports.get_report(self.task_force.id, month) if self.task_force and month else None
        self.progress.setPlainText(report.progress if report else "")
        self.problems.setPlainText(report.problems if report else "")
        self.next_steps.setPlainText(report.next_steps if report else "")
        if report:
            self.status.setText(self.tr("Saved %1").replace("%1", report.updated_at.strftime("%Y-%m-%d %H:%M")))
        else:
            self.status.setText(self.tr("Not yet reported"))
        for i in range(self.months.count()):
            if self.months.item(i).data(Qt.ItemDataRole.UserRole) == month:
                self.months.blockSignals(True)
                self.months.setCurrentRow(i)
                self.months.blockSignals(False)

    def save(self):
        if not self.task_force:
            return None
        try:
            record = call(self, taskforce_reports.save_report, self.task_force.id, self.month.currentData() or "",
                          self.progress.toPlainText(), self.problems.toPlainText(), self.next_steps.toPlainText())
        except ServiceFailed:
            return None
        self.changed.emit()
        return record
