"""月度封账: freeze a month on its report day, unfreeze it with a reason, and print, export or count a
frozen month exactly as it stood (services/month_freeze, services/month_view)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desk_app.reports.options import PrintOptions
from desk_app.services import changelog, context, month_freeze, month_freeze_warnings, session, settings
from desk_app.services.ledger_query import LedgerFilter

from ..tasks import Task
from .exchange_common import run_exchange_task
from .print_actions import show_preview

FROZEN_COLOR = QColor("#2e7d32")
LATE_COLOR = QColor("#c62828")


def cn_month(month: str) -> str:
    return f"{int(month[:4])}-{int(month[5:7]):02d}"


class FreezeDialog(QDialog):
    def __init__(self, state, parent=None, month: str = ""):
        super().__init__(parent)
        self.state = state
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Monthly freeze"))
        self.setMinimumSize(860, 560)
        day = settings.preferences().report_day
        intro = QLabel(self.tr(
            "Freezing keeps a month's ledger as it stood on the report day (the %1th of each month, see "
            "Settings › General): every entry's status, this month's progress, deadline and light, and the "
            "figures. Prints, exports and statistics of a frozen month stay exactly the same afterwards, "
            "whatever changes in the ledger.").replace("%1", str(day)))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("freeze_months")
        self.table.setHorizontalHeaderLabels([
            self.tr("Month"), self.tr("State"), self.tr("Report day"), self.tr("Entries"),
            self.tr("Completion rate"), self.tr("Overdue"), self.tr("Frozen at")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda *_: self.print_month("ledger"))
        self.freeze_button = self._button(self.tr("&Freeze…"), self.freeze_selected, "freeze_button")
        self.unfreeze_button = self._button(self.tr("&Unfreeze…"), self.unfreeze_selected, "unfreeze_button")
        self.ledger_button = self._button(self.tr("Print &ledger"), lambda: self.print_month("ledger"),
                                          "print_frozen_ledger")
        self.dispatch_button = self._button(self.tr("Print &dispatch sheet"), lambda: self.print_month("dispatch"),
                                            "print_frozen_dispatch")
        self.stats_button = self._button(self.tr("Print &statistics"), lambda: self.print_month("stats"),
                                         "print_frozen_stats")
        self.export_button = self._button(self.tr("&Export Excel…"), self.export_month, "export_frozen")
        side = QVBoxLayout()
        for widget in (self.freeze_button, self.unfreeze_button):
            side.addWidget(widget)
        side.addSpacing(16)
        side.addWidget(QLabel(self.tr("Frozen month:")))
        for widget in (self.ledger_button, self.dispatch_button, self.stats_button, self.export_button):
            side.addWidget(widget)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        self.history = QListWidget()
        self.history.setObjectName("freeze_history")
        self.history.setMaximumHeight(110)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(QLabel(self.tr("Freezes and unfreezes:")))
        layout.addWidget(self.history)
        layout.addWidget(close)
        self.states: list[month_freeze.MonthState] = []
        self.refresh(select=month)

    def _button(self, text: str, slot, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    # --- data -----------------------------------------------------------------------------------
    def refresh(self, select: str = "") -> None:
        campaign_id = self.state.campaign_id
        self.states = month_freeze.month_states(campaign_id) if campaign_id else []
        today = context.today()
        due = month_freeze.month_due_for_freeze(today)  # the month the 首页 reminds of: in red
        self.table.setRowCount(len(self.states))
        for row, s in enumerate(self.states):
            late = not s.frozen and s.report_day <= today
            state = (self.tr("Frozen") if s.frozen else
                     self.tr("Not frozen — report day passed") if late else self.tr("Not frozen"))
            total = s.total
            values = [cn_month(s.month), state, s.report_day.isoformat(),
                      str(total.total) if total else "", f"{total.completion_rate:.1%}" if total else "",
                      str(total.overdue) if total else "",
                      f"{s.frozen_at:%Y-%m-%d %H:%M}  {s.frozen_by}" if s.frozen_at else ""]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.month)
                if column == 1 and (s.frozen or (late and s.month == due)):
                    item.setForeground(QBrush(FROZEN_COLOR if s.frozen else LATE_COLOR))
                if column in (3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        months = [s.month for s in self.states]
        wanted = select or month_freeze.month_due_for_freeze(today)
        self.table.selectRow(months.index(wanted) if wanted in months else 0)
        self.history.clear()
        for c in changelog.history(month_freeze.ENTITY, limit=50):
            what = f"{c.field}：{c.old or ''}" if c.action == "delete" else f"{c.field}：{c.new or ''}"
            reason = self.tr("  reason: %1").replace("%1", c.new or "") if c.action == "delete" else ""
            self.history.addItem(f"{c.at:%Y-%m-%d %H:%M}  {c.actor}  {what}{reason}")
        self._update_buttons()

    def selected(self) -> month_freeze.MonthState | None:
        row = self.table.currentRow()
        return self.states[row] if 0 <= row < len(self.states) else None

    def _update_buttons(self) -> None:
        s = self.selected()
        writable = not session.read_only()
        self.freeze_button.setEnabled(bool(s) and not s.frozen and writable)
        self.unfreeze_button.setEnabled(bool(s) and s.frozen and writable)
        for button in (self.ledger_button, self.dispatch_button, self.stats_button, self.export_button):
            button.setEnabled(bool(s) and s.frozen)

    # --- actions --------------------------------------------------------------------------------
    def ask_report_day(self, month: str) -> date | None:
        """The report day to freeze with: 设置's day (or today if that is still to come), changeable."""
        default = month_freeze.default_report_day(month)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Freeze %1").replace("%1", cn_month(month)))
        edit = QDateEdit(QDate(default.year, default.month, default.day))
        edit.setObjectName("report_day")
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        first = date(int(month[:4]), int(month[5:7]), 1)
        last = min(month_freeze.report_day_of(month, 31), context.today())
        edit.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
        note = QLabel(self.tr(
            "Statuses and progress are kept as they are recorded now; lights and overdue are counted as of the "
            "report day. Only entries found by the report day are included."))
        note.setWordWrap(True)
        early = QLabel()  # 封账 before the report day: how many have not reported, said before 封账
        early.setObjectName("early_freeze_warning")
        early.setWordWrap(True)
        early.setStyleSheet("color: #B00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        freeze = buttons.button(QDialogButtonBox.StandardButton.Ok)

        def day_changed() -> None:
            text = month_freeze_warnings.early_freeze_warning(self.state.campaign_id, month, edit.date().toPython())
            early.setText(text)
            early.setVisible(bool(text))
            freeze.setText(self.tr("Freeze early") if text else self.tr("Freeze"))

        edit.dateChanged.connect(day_changed)
        day_changed()
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form = QFormLayout(dialog)
        form.addRow(self.tr("Report day"), edit)
        form.addRow(note)
        form.addRow(early)
        form.addRow(buttons)
        self._report_day_dialog = dialog  # for tests
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return edit.date().toPython()

    def freeze_selected(self, report_day: date | None = None) -> Task | None:
        s = self.selected()
        if s is None or s.frozen:
            return None
        report_day = report_day or self.ask_report_day(s.month)
        if report_day is None:
            return None
        campaign_id, month = self.state.campaign_id, s.month

        def work(progress):
            return month_freeze.freeze_month(campaign_id, month, report_day=report_day, progress=progress)

        def done(frozen):
            self.state.data_changed.emit()
            self.refresh(select=month)
            t = frozen.figures.total
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "%1 frozen as of %2: %3 entries, completion rate %4, %5 overdue.")
                .replace("%1", cn_month(month)).replace("%2", frozen.report_day.isoformat())
                .replace("%3", str(t.total)).replace("%4", f"{t.completion_rate:.1%}").replace("%5", str(t.overdue)))

        self.task = run_exchange_task(self, self.tr("Freezing %1…").replace("%1", cn_month(month)), work, done)
        return self.task

    def unfreeze_selected(self, reason: str | None = None) -> bool:
        s = self.selected()
        if s is None or not s.frozen:
            return False
        if reason is None:
            reason, ok = QInputDialog.getMultiLineText(
                self, self.tr("Unfreeze %1").replace("%1", cn_month(s.month)),
                self.tr("Why is this month unfrozen? (kept in the change history)"))
            if not ok:
                return False
        try:
            month_freeze.unfreeze_month(self.state.campaign_id, s.month, reason)
        except Exception as exc:  # noqa: BLE001 - a DeskAppError carries the Chinese message
            QMessageBox.warning(self, self.windowTitle(), getattr(exc, "message", str(exc)))
            return False
        self.state.data_changed.emit()
        self.refresh(select=s.month)
        return True

    def print_options(self, kind: str) -> PrintOptions | None:
        s = self.selected()
        if s is None or not s.frozen:
            return None
        options = PrintOptions(filter=LedgerFilter(campaign_id=self.state.campaign_id), as_of_month=s.month)
        if kind == "dispatch":
            options.month = s.month
        return options

    def print_month(self, kind: str):
        options = self.print_options(kind)
        return show_preview(self, kind, options) if options else None

    def export_month(self):
        s = self.selected()
        if s is None or not s.frozen:
            return None
        from .exchange_export_dialog import ExportDialog  # noqa: PLC0415

        dialog = ExportDialog(self.state, LedgerFilter(campaign_id=self.state.campaign_id), parent=self)
        if hasattr(dialog, "set_as_of_month"):
            dialog.set_as_of_month(s.month)
        dialog.open()
        return dialog

