"""The charts of 首页 and 统计: 完成率 by 科室 and by 专班 (bars), the monthly trend (line) and 逾期 by 层级;
a bar opens its entries in the ledger, with the same filter a double-click on 统计's table row gives."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desk_app.reports.stats_rows import NO_LAYER_KINDS, OTHER_LAYER, TOTAL, layer_filter
from desk_app.services import org, stats, taskforces
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.stats_trend import monthly_trend
from ui.tasks import LatestReading

from .chart_bars import RED, Bar, BarChart
from .chart_line import LineChart, MonthFigure


def group_filter(base: LedgerFilter, dimension: str, key: str, *, summary: bool = False) -> LedgerFilter | None:
    """The ledger filter of one group of a breakdown (a 统计 row, a bar); None when the group is gone."""
    if key == TOTAL and summary:
        return base  # 合计: every entry the page counts
    if key == OTHER_LAYER and dimension == "layer":
        return replace(base, kinds=list(NO_LAYER_KINDS))
    if dimension == "layer":
        return replace(layer_filter(base), layers=[key])
    if dimension == "category":
        return replace(base, categories=[key])
    if dimension in ("department", "assist_department"):  # 配合单位: the entries it assists (services/assists)
        dept = org.department_by_name(key)
        role = "assist" if dimension == "assist_department" else base.department_role
        return replace(base, department_ids=[dept.id], department_role=role) if dept else None
    if dimension == "task_force":
        ids = [tf.id for tf in taskforces.list_task_forces(base.campaign_id) if tf.name == key]
        return replace(base, task_force_ids=ids) if ids else None
    return None


@dataclass(frozen=True)
class ChartData:
    """What the charts show, read from the services (safe on a worker thread: no widgets)."""

    department: list
    task_force: list
    layer: list  # groups of layer_filter(base)
    trend: list  # stats_trend.MonthPoint


def chart_data(base: LedgerFilter, *, trend_months: int = 12, known: dict | None = None,
               trend=None) -> ChartData:
    """known: breakdowns the caller already has ({"department": groups, "task_force": …, "layer": … of
    layer_filter(base)}) and trend its monthly points: not asked twice."""
    known = known or {}
    department = known.get("department") or stats.breakdown(base, "department")
    task_force = known.get("task_force") or stats.breakdown(base, "task_force")
    layer = known.get("layer") or stats.breakdown(layer_filter(base), "layer")
    points = trend if trend is not None else monthly_trend(base, last_months=trend_months)
    return ChartData([g for g in department if g.total], [g for g in task_force if g.total],
                     [g for g in layer if g.total], list(points))


class ChartBox(QWidget):
    """A caption over a chart; bar charts scroll when there are more bars than room."""

    def __init__(self, caption: str, chart: QWidget, scroll: bool, parent=None):
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("font-weight: bold; color: #37474f;")
        self.chart = chart
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setWidget(chart)
            layout.addWidget(area, 1)
        else:
            layout.addWidget(chart, 1)


class ChartPanel(QWidget):
    ledger_requested = Signal(object)  # a LedgerFilter
    loaded = Signal()  # a background reading was drawn

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base: LedgerFilter | None = None
        self.groups: dict[str, list] = {}
        self._reading = LatestReading(self)
        self.department = BarChart()
        self.task_force = BarChart()
        self.overdue = BarChart(rates=False, color=RED)
        self.trend = LineChart()
        for name, chart in (("department", self.department), ("task_force", self.task_force),
                            ("overdue_layer", self.overdue), ("trend", self.trend)):
            chart.setObjectName(f"chart_{name}")
        self.department.activated.connect(lambda i: self._open("department", i))
        self.task_force.activated.connect(lambda i: self._open("task_force", i))
        self.overdue.activated.connect(lambda i: self._open("overdue_layer", i))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(ChartBox(self.tr("Completion by department"), self.department, True), 0, 0, 2, 1)
        grid.addWidget(ChartBox(self.tr("Completion by task force"), self.task_force, True), 0, 1, 2, 1)
        grid.addWidget(ChartBox(self.tr("Monthly trend"), self.trend, False), 0, 2)
        grid.addWidget(ChartBox(self.tr("Overdue by layer"), self.overdue, True), 1, 2)
        for column, stretch in enumerate((1, 1, 1)):
            grid.setColumnStretch(column, stretch)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

    def load(self, base: LedgerFilter, **kwargs) -> None:
        """Read and draw now (统计 passes what it has already read: see chart_data)."""
        self._reading.drop()  # a background reading still running would draw older figures over these
        self.show_data(base, chart_data(base, **kwargs))

    def load_in_background(self, base: LedgerFilter) -> None:
        """Read on a worker thread and draw when done (首页 at 100,000 entries: about a second of
        grouping that must not hold the window); an older reading that arrives late is dropped."""
        self._reading.start(lambda: chart_data(base), lambda data: self._arrived(base, data))

    def _arrived(self, base: LedgerFilter, data: ChartData) -> None:
        self.show_data(base, data)
        self.loaded.emit()

    def show_data(self, base: LedgerFilter, data: ChartData) -> None:
        self.base = base
        self.groups = {"department": data.department, "task_force": data.task_force,
                       "overdue_layer": data.layer}
        self.department.set_bars([self._rate_bar(g) for g in data.department], self.tr("No entries yet"))
        self.task_force.set_bars([self._rate_bar(g) for g in data.task_force], self.tr("No entries yet"))
        self.overdue.set_bars([Bar(g.key, g.overdue, str(g.overdue),
                                   self.tr("%1: %2 overdue of %3 open").replace("%1", g.key)
                                   .replace("%2", str(g.overdue)).replace("%3", str(g.total - g.done)))
                               for g in data.layer], self.tr("No entries yet"))
        months = []
        for p in data.trend:
            year, month = int(p.month[:4]), int(p.month[5:])
            label = f"{year}年{month}月" if month == 1 or not months else f"{month}月"
            months.append(MonthFigure(label, p.completion_rate, p.new, p.closed,
                                      self.tr("%1: %2 new, %3 closed; completion rate %4")
                                      .replace("%1", f"{year}年{month}月").replace("%2", str(p.new))
                                      .replace("%3", str(p.closed)).replace("%4", f"{p.completion_rate:.1%}")))
        self.trend.set_months(months, (self.tr("Completion rate"), self.tr("New"), self.tr("Closed")),
                              self.tr("No entries yet"))

    def _rate_bar(self, g) -> Bar:
        text = f"{g.done}/{g.total}  {g.completion_rate:.0%}"
        tip = (self.tr("%1: %2 of %3 done (%4), %5 overdue — click to open them in the ledger")
               .replace("%1", g.key).replace("%2", str(g.done)).replace("%3", str(g.total))
               .replace("%4", f"{g.completion_rate:.1%}").replace("%5", str(g.overdue)))
        return Bar(g.key, g.completion_rate, text, tip)

    def _open(self, chart: str, index: int) -> None:
        groups = self.groups.get(chart, [])
        if self.base is None or not 0 <= index < len(groups):
            return
        if chart == "overdue_layer":
            f = group_filter(self.base, "layer", groups[index].key)
            f = replace(f, overdue_only=True) if f else None
        else:
            f = group_filter(self.base, chart, groups[index].key)
        if f is not None:
            self.ledger_requested.emit(f)
