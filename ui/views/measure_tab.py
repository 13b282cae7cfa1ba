"""The entry editor's 措施 tab (a task's measures, each with its own unit, person, deadline, status and
本月进展) and 序时进度 tab (planned and reported % per month, and whether the task lags)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import context, ledger_columns, measures, progress_plan

from .entry_tabs import new_table, table_item
from .measure_dialog import MeasureDialog

LAG_COLOR = QColor("#c62828")


class MeasuresTab(QWidget):
    """The measures of a task: add, edit (double-click or Enter), remove, move up and down."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.entry_id = None
        self.records: list = []
        self.month = context.today().strftime("%Y-%m")
        self.table = new_table([self.tr("No."), self.tr("Measure"), self.tr("Department"), self.tr("Responsible"),
                             self.tr("Deadline"), self.tr("Status"), self.tr("This month")],
                            [40, 300, 120, 80, 120, 70, 220])
        self.table.setObjectName("measures_table")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.summary = QLabel()
        self.summary.setObjectName("measures_summary")
        self.add_button = QPushButton(self.tr("Add measure…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button, self.down_button = QPushButton(self.tr("Move up")), QPushButton(self.tr("Move down"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        note = QLabel(self.tr("The task's status follows its measures: it is closed when every measure is done, "
                              "and its light is the worst of theirs."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #546e7a;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self, entry_id: int) -> None:
        self.entry_id = entry_id
        self.records = measures.measures_of(entry_id, self.month)
        self.table.setRowCount(len(self.records))
        for i, m in enumerate(self.records):
            values = (str(i + 1), m.content, m.department_name, m.responsible_name, ledger_columns.deadline_text(m),
                      f"{m.status}（逾期）" if m.is_overdue else m.status, m.month_progress)
            for j, value in enumerate(values):
                item = table_item(value)
                if j == 5 and m.is_overdue:
                    item.setForeground(LAG_COLOR)
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        self.summary.setText(measures.done_share(self.records))
        for b in (self.edit_button, self.remove_button, self.up_button, self.down_button):
            b.setEnabled(bool(self.records))

    def _current(self):
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _after(self, changes) -> None:
        for kind, change in changes:
            if self.editor.undo_push is not None:
                self.editor.undo_push(kind, change)
        self.load(self.entry_id)
        refresh_editor(self.editor)

    def add(self) -> None:
        if self.entry_id is None:
            return
        dialog = MeasureDialog(self.entry_id, None, self, month=self.month)
        if dialog.exec():
            self._after(dialog.changes)
            self.table.selectRow(len(self.records) - 1)

    def edit(self) -> None:
        current = self._current()
        if current is None:
            return
        row = self.table.currentRow()
        dialog = MeasureDialog(self.entry_id, current, self, month=self.month)
        if dialog.exec():
            self._after(dialog.changes)
            self.table.selectRow(row)

    def remove(self) -> None:
        current = self._current()
        if current is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove measure"), self.tr(
            "Remove measure %1? You can undo this with Ctrl+Z in the ledger.").replace("%1", str(current.seq)))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: measures.delete_measure(current.id))

    def move(self, step: int) -> None:
        current = self._current()
        if current is None:
            return
        row = self.table.currentRow()
        self._run(lambda: measures.move_measure(current.id, step))
        self.table.selectRow(max(0, min(len(self.records) - 1, row + step)))

    def _run(self, work) -> None:
        try:
            change = work()
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot change the measures"), exc.message)
            return
        self._after([("measures", change)] if change.before != change.after else [])


class ScheduleTab(QWidget):
    """月度序时进度: one row a month of the campaign year, planned and reported %, typed in place."""

    def __init__(self, editor, year: int):
        super().__init__(editor)
        self.editor = editor
        self.entry_id = None
        self.year = year
        self._loading = False
        self._months = [f"{year}-{m:02d}" for m in range(1, 13)]
        self.table = QTableWidget(12, 3)
        self.table.setObjectName("schedule_table")
        self.table.setHorizontalHeaderLabels([self.tr("Month"), self.tr("Planned %"), self.tr("Reported %")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._changed)
        self.state = QLabel()
        self.state.setObjectName("schedule_state")
        self.state.setWordWrap(True)
        note = QLabel(self.tr("Type the share of the whole task planned by the end of each month, and the share "
                              "reported. A task lags when the reported share is below plan by more than the "
                              "tolerance (%1 points).").replace("%1", f"{progress_plan.tolerance():g}"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #546e7a;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)

    def months(self) -> list[str]:
        """The campaign year's months, and any other month the plan names (a task begun the year before)."""
        return self._months

    def load(self, entry_id: int) -> None:
        self.entry_id = entry_id
        plan = {p.month: p for p in progress_plan.plan_of(entry_id)}
        self._months = sorted({f"{self.year}-{m:02d}" for m in range(1, 13)} | set(plan))
        self._loading = True
        self.table.setRowCount(len(self._months))
        for row, month in enumerate(self.months()):
            p = plan.get(month)
            month_item = QTableWidgetItem(f"{month[:4]}年{int(month[5:])}月")
            month_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, month_item)
            for col, value in ((1, p.planned if p else None), (2, p.actual if p else None)):
                self.table.setItem(row, col, QTableWidgetItem("" if value is None else f"{value:g}"))
        self._loading = False
        record = self.editor.record
        current = progress_plan.state(list(plan.values()), progress_plan.this_month(),
                                      record.status if record else "")
        text = current.text() or self.tr("No plan yet")
        self.state.setText(self.tr("This month: %1").replace("%1", text))
        self.state.setStyleSheet("color: #c62828;" if current.lagging else "")

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._loading or self.entry_id is None or item.column() == 0:
            return
        month = self.months()[item.row()]
        value = item.text().strip().rstrip("%％") or None
        field = "planned" if item.column() == 1 else "actual"
        try:
            change = progress_plan.set_month(self.entry_id, month, **{field: value})
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            self.load(self.entry_id)
            return
        if change.before != change.after and self.editor.undo_push is not None:
            self.editor.undo_push("plan", change)
        self.load(self.entry_id)


def refresh_editor(editor) -> None:
    """After a measure changed: the task's derived status in the header, its history."""
    from desk_app.services import ledger  # noqa: PLC0415

    if editor.entry_id is None:
        return
    editor.record = ledger.get_entry(editor.entry_id)
    share = measures.done_share(measures.measures_of(editor.entry_id))
    editor.header.setText(f"<b>{editor.record.code}</b>　{editor.record.status}　{share}")
    editor.history_tab.load(editor.entry_id)


def attach(editor) -> None:
    """Add the 措施 and 序时进度 tabs to an entry editor (enabled once the entry exists)."""
    from desk_app.services import campaigns  # noqa: PLC0415

    editor.measures_tab = MeasuresTab(editor)
    year = campaigns.get_campaign(editor.campaign_id).year if editor.campaign_id else context.today().year
    editor.schedule_tab = ScheduleTab(editor, year)
    for tab, label in ((editor.measures_tab, QCoreApplication.translate("MeasureTab", "Measures")),
                       (editor.schedule_tab, QCoreApplication.translate("MeasureTab", "Schedule"))):
        index = editor.tabs.addTab(tab, label)
        editor.tabs.setTabEnabled(index, editor.entry_id is not None)
    if editor.entry_id is not None:
        editor.measures_tab.load(editor.entry_id)
        editor.schedule_tab.load(editor.entry_id)
