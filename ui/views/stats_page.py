"""统计: 完成率 and 逾期 by layer, department, 专班 and category, the monthly trend, and printing them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.reports.options import PrintOptions
from desk_app.reports.stats_rows import OTHER_LAYER, TOTAL, SummaryRow, breakdown_table
from desk_app.services import stats
from desk_app.services.ledger_query import LedgerFilter, summarize
from desk_app.services.ledger_summary import total_of
from desk_app.services.stats_trend import monthly_trend
from ui.tasks import LatestReading

from .chart_panel import ChartPanel, chart_data, group_filter
from .print_actions import add_print_actions, show_preview

RED = QColor("#c62828")
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1  # position of a summary row (其他事项, 合计) below the groups


def _summary_less(item: QTableWidgetItem, other: QTableWidgetItem) -> bool | None:
    """item < other when either is a summary row (其他事项, 合计): those stay at the bottom, in the
    order they were added, whichever way the column is sorted; None when neither is one."""
    mine, theirs = item.data(SUMMARY_ROLE), other.data(SUMMARY_ROLE)
    if mine is None and theirs is None:
        return None
    key_mine = (1, mine) if mine is not None else (0, 0)
    key_theirs = (1, theirs) if theirs is not None else (0, 0)
    table = item.tableWidget() or other.tableWidget()
    if table is not None and table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        return key_theirs < key_mine  # Qt sorts descending by asking other < item
    return key_mine < key_theirs


class TextItem(QTableWidgetItem):
    def __lt__(self, other):  # noqa: D105 - Qt sort hook
        pinned = _summary_less(self, other)
        return self.text() < other.text() if pinned is None else pinned


class NumberItem(QTableWidgetItem):
    """Sorts by the number it shows (42 after 9), displayed centred."""

    def __init__(self, value: float, text: str | None = None):
        super().__init__(text if text is not None else str(value))
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def __lt__(self, other):  # noqa: D105 - Qt sort hook
        pinned = _summary_less(self, other)
        return self.value < getattr(other, "value", 0) if pinned is None else pinned


def collect(f: LedgerFilter) -> dict:
    """Everything the page shows, read in one go (in a worker, within a frozen month's view)."""
    tables = {d: breakdown_table(f, d) for d in StatsPage.DIMENSIONS}
    trend = monthly_trend(f, last_months=24)
    known = {d: list(table.groups) for d, table in tables.items()}
    return {"summary": summarize(f), "on_time": stats.on_time_rate(f), "days": stats.average_days_to_close(f),
            "tables": tables, "trend": trend, "charts": chart_data(f, known=known, trend=trend[-12:])}


class StatsPage(QWidget):
    ledger_requested = Signal(object)  # a LedgerFilter, for the main window to open the ledger

    DIMENSIONS = ("layer", "department", "assist_department", "task_force", "category")
    # From this many entries the figures are read on a worker thread (100,000 entries: about three seconds
    # of grouping that must not hold the window); below it they take a few hundredths of a second and are
    # read at once, so switching to the page never flashes a "counting" line.
    BACKGROUND_FROM = 20_000

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self._reading = LatestReading(self)
        self.setWindowTitle(self.tr("Statistics"))
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(14)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("stats_summary")
        self.summary.setWordWrap(True)
        toolbar = QToolBar(self)
        self.print_summary_button = QPushButton(self.tr("Print statistics summary"))
        self.print_summary_button.setObjectName("print_summary_button")
        self.print_summary_button.clicked.connect(self.print_summary)
        toolbar.addWidget(self.print_summary_button)
        toolbar.addSeparator()
        self.print_button, self.export_button = add_print_actions(
            toolbar, self, self.print_options, ["stats", "overdue", "dispatch", "ledger"])
        self.freeze_button = QPushButton(self.tr("Freeze…"))
        self.freeze_button.setObjectName("stats_freeze_button")
        self.freeze_button.setToolTip(self.tr("Freeze a month, or unfreeze it (File › Monthly freeze)"))
        self.freeze_button.clicked.connect(self._open_freeze)
        toolbar.addWidget(self.freeze_button)
        self.as_of = QComboBox()
        self.as_of.setObjectName("stats_as_of")
        self.as_of.setToolTip(self.tr("Show and print the figures of now, or of a frozen month as it stood on its "
                                      "report day"))
        self.as_of.activated.connect(lambda *_: self.refresh())
        toolbar.addWidget(self.as_of)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        toolbar.addWidget(self.refresh_button)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(toolbar)
        self.tabs = QTabWidget()
        self.charts = ChartPanel()
        self.charts.setObjectName("stats_charts")
        self.charts.ledger_requested.connect(self.ledger_requested)
        self.tabs.addTab(self.charts, self.tr("Charts"))
        self.tables: dict[str, QTableWidget] = {}
        titles = {"layer": self.tr("By layer"), "department": self.tr("By department"),
                  "assist_department": self.tr("By assisting department"),
                  "task_force": self.tr("By task force"), "category": self.tr("By category")}
        names = {"layer": self.tr("Layer"), "department": self.tr("Department"),
                 "assist_department": self.tr("Assisting department"),
                 "task_force": self.tr("Task force"), "category": self.tr("Category")}
        for dimension in self.DIMENSIONS:
            table = self._table([names[dimension], self.tr("Total"), self.tr("Done"), self.tr("Open"),
                                 self.tr("Overdue"), self.tr("Completion rate")])
            table.setObjectName(f"stats_{dimension}")
            table.cellDoubleClicked.connect(lambda row, _c, d=dimension: self._open_group(d, row))
            self.tables[dimension] = table
            self.tabs.addTab(table, titles[dimension])
        self.trend = self._table([self.tr("Month"), self.tr("New"), self.tr("Closed"), self.tr("Cumulative"),
                                  self.tr("Cumulative done"), self.tr("Completion rate")])
        self.trend.setObjectName("stats_trend")
        self.tabs.addTab(self.trend, self.tr("Monthly trend"))
        self.hint = hint = QLabel(self.tr("Click a bar, or double-click a row, to open its entries in the ledger."))
        hint.setStyleSheet("color: #607d8b;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)
        self._groups: dict[str, list] = {}
        self.task = None
        state.data_changed.connect(self._refresh_if_visible)
        state.campaign_changed.connect(self._refresh_if_visible)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setAlternatingRowColors(True)
        return table

    # --- data -----------------------------------------------------------------------------------
    def base_filter(self) -> LedgerFilter:
        return LedgerFilter(campaign_id=self.state.campaign_id)

    def as_of_month(self) -> str:
        """'' for the live figures, else the frozen month the page shows (services/month_view)."""
        return self.as_of.currentData() or ""

    def print_options(self) -> PrintOptions:
        month = self.as_of_month()
        return PrintOptions(filter=self.base_filter(), as_of_month=month, month=month)

    def _open_freeze(self):
        window = self.window()
        if hasattr(window, "exchange_menu"):
            return window.exchange_menu.monthly.open_freeze(self.as_of_month())
        return None

    def _fill_months(self) -> None:
        from desk_app.services import month_freeze  # noqa: PLC0415

        chosen = self.as_of_month()
        months = month_freeze.frozen_months(self.state.campaign_id) if self.state.campaign_id else []
        self.as_of.blockSignals(True)
        self.as_of.clear()
        self.as_of.addItem(self.tr("Figures of now"), "")
        for month in reversed(months):
            self.as_of.addItem(self.tr("As of %1 (frozen)").replace("%1", f"{int(month[:4])}-{month[5:]}"), month)
        self.as_of.setCurrentIndex(max(self.as_of.findData(chosen), 0))
        self.as_of.blockSignals(False)

    def print_summary(self):
        return show_preview(self, "stats", self.print_options())

    def _refresh_if_visible(self, *_):
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.state.campaign_id is None:
            self.heading.setText(self.tr("Statistics"))
            self.summary.setText(self.tr("No campaign yet."))
            return
        self._fill_months()
        month = self.as_of_month()
        f = self.base_filter()
        if not month and total_of(f) >= self.BACKGROUND_FROM:
            self.summary.setText(self.tr("Counting the figures…"))
            self._reading.start(lambda: collect(f), lambda data: self._show(data, ""), self._failed)
            return
        self._reading.drop()  # a reading still running for an earlier refresh is dropped when it arrives
        if not month:
            self._show(collect(f), "")
            return
        from desk_app.services.month_view import run_as_of  # noqa: PLC0415

        from .exchange_common import run_exchange_task  # noqa: PLC0415

        campaign_id = self.state.campaign_id
        self.task = run_exchange_task(
            self, self.tr("Reading the frozen month…"),
            lambda progress: run_as_of(campaign_id, month, lambda: collect(f), progress),
            lambda data: self._show(data, month))

    def _failed(self, message: str) -> None:
        self.summary.setText(self.tr("The figures could not be read: %1").replace("%1", message))

    def _show(self, data: dict, month: str) -> None:
        s, on_time, days = data["summary"], data["on_time"], data["days"]
        self.hint.setVisible(not month)  # a frozen month's rows are not the live ledger's
        self.heading.setText(self.tr("Statistics") if not month else self.tr("Statistics as of %1 (frozen)")
                             .replace("%1", f"{int(month[:4])}-{month[5:]}"))
        self.summary.setText(
            self.tr("%1 entries, %2 done, completion rate %3; %4 open, %5 overdue; on-time rate %6; "
                    "average %7 days to close.")
            .replace("%1", str(s.total)).replace("%2", str(s.done)).replace("%3", f"{s.completion_rate:.1%}")
            .replace("%4", str(s.open)).replace("%5", str(s.overdue)).replace("%6", f"{on_time:.1%}")
            .replace("%7", "—" if days is None else str(days)))
        for dimension in self.DIMENSIONS:
            table = data["tables"][dimension]
            self._groups[dimension] = table.rows
            self._fill(self.tables[dimension], [self._group_items(g) for g in table.rows],
                       summary_from=len(table.groups))
        points = data["trend"]
        self.charts.show_data(self.base_filter(), data["charts"])
        self._fill(self.trend, [
            [QTableWidgetItem(f"{int(p.month[:4])}年{int(p.month[5:])}月"), NumberItem(p.new), NumberItem(p.closed),
             NumberItem(p.cumulative_total), NumberItem(p.cumulative_done),
             NumberItem(p.completion_rate, f"{p.completion_rate:.1%}")] for p in points])

    def _group_items(self, g) -> list[QTableWidgetItem]:
        label = {OTHER_LAYER: self.tr("Other entries (no layer)"), TOTAL: self.tr("Grand total")}.get(g.key, g.key)
        return [TextItem(label), NumberItem(g.total), NumberItem(g.done), NumberItem(g.total - g.done),
                NumberItem(g.overdue), NumberItem(g.completion_rate, f"{g.completion_rate:.1%}")]

    def _fill(self, table: QTableWidget, rows: list[list[QTableWidgetItem]], summary_from: int | None = None) -> None:
        """Rows from `summary_from` on sum the others (其他事项, 合计): bold, kept at the bottom."""
        table.setSortingEnabled(False)
        table.setRowCount(len(rows))
        for r, items in enumerate(rows):
            summary = summary_from is not None and r >= summary_from
            for c, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, r)
                if summary:
                    item.setData(SUMMARY_ROLE, r - summary_from)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
            overdue = items[4] if len(items) > 4 and table is not self.trend else None
            if overdue is not None and getattr(overdue, "value", 0) > 0:
                overdue.setForeground(QBrush(RED))
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order
        table.setSortingEnabled(True)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _open_group(self, dimension: str, row: int) -> None:
        if self.as_of_month():  # the ledger page lists the live entries, not the frozen month's
            return
        item = self.tables[dimension].item(row, 0)
        groups = self._groups.get(dimension, [])
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if index is None or index >= len(groups):
            return
        f = group_filter(self.base_filter(), dimension, groups[index].key,
                         summary=isinstance(groups[index], SummaryRow))
        if f is None:
            return
        self.ledger_requested.emit(f)
