"""首页: the figures a clerk checks first, each a shortcut into the ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import Status
from desk_app.services import compliance, stats, supervision_overview
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.supervision import NodeState
from ui.tasks import LatestReading

from .chart_panel import ChartPanel
from .home_first_run import FirstRunPanel
from .warning_item import warning_item

MAX_NODE_ITEMS = 30  # 督办 nodes listed on 首页; the card opens all of them in the ledger
SUPERVISION_TAB = 4  # the entry editor's 督办 tab
CARD_STYLE = {
    "red": "#c62828", "yellow": "#b26a00", "green": "#2e7d32", "blue": "#1565c0", "grey": "#455a64",
}


class FigureCard(QPushButton):
    """A big number with a caption; clicking it (or Enter on it) opens the matching list."""

    def __init__(self, caption: str, color: str, parent=None):
        super().__init__(parent)
        self.caption = caption
        self.value = "—"
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(150, 84)
        self.setStyleSheet(
            f"QPushButton {{ border: 1px solid #cfd8dc; border-radius: 6px; background: white; }}"
            f"QPushButton:hover, QPushButton:focus {{ border: 2px solid {CARD_STYLE[color]}; }}")
        self.number = QLabel("—")
        self.number.setStyleSheet(f"color: {CARD_STYLE[color]}; font-size: 22pt; font-weight: bold;"
                                  " background: transparent; border: none;")
        self.label = QLabel(caption)
        self.label.setStyleSheet("color: #455a64; font-size: 11pt; background: transparent; border: none;")
        self.label.setWordWrap(True)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(14, 6, 14, 6)
        inner.addWidget(self.number)
        inner.addWidget(self.label)
        for child in (self.number, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(caption)

    def set_value(self, value: str) -> None:
        self.value = value
        self.number.setText(value)
        self.setAccessibleDescription(value)

    def text(self) -> str:  # noqa: D102 - what a screen reader (and a test) reads: number, then caption
        return f"{self.value}\n{self.caption}"


def read_reminders(campaign_id: int):
    """The 督办 overview and the campaign's compliance warnings (in a worker on a big ledger: the clocks of
    every open matter take about a second at 100,000 entries)."""
    return supervision_overview.overview(campaign_id), compliance.campaign_warnings(campaign_id)


class HomePage(QWidget):
    ledger_requested = Signal(object)  # a LedgerFilter
    # From this many entries the reminders are read on a worker thread; below it they take a few hundredths
    # of a second and are read at once (no "checking" line flashes by).
    BACKGROUND_FROM = 20_000

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Home"))
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(15)
        font.setBold(True)
        self.heading.setFont(font)
        self.cards: dict[str, FigureCard] = {}
        grid = QGridLayout()
        specs = [
            ("total", self.tr("Ledger entries"), "blue"),
            ("completion", self.tr("Completion rate"), "green"),
            ("overdue", self.tr("Overdue"), "red"),
            ("due_week", self.tr("Due within 7 days"), "yellow"),
            ("pending", self.tr("Awaiting close review"), "blue"),
            ("short", self.tr("People with fewer than 6 problems"), "grey"),
            ("supervision", self.tr("Supervision nodes due today / missed"), "red"),
        ]
        for i, (key, caption, color) in enumerate(specs):
            card = FigureCard(caption, color)
            card.setObjectName(f"card_{key}")
            card.clicked.connect(lambda _=False, k=key: self._open(k))
            self.cards[key] = card
            grid.addWidget(card, 0, i)  # one row: the charts need the height (1366×768)
        self.short_list = QListWidget()
        self.short_list.setObjectName("short_people")
        self.short_list.itemActivated.connect(self._open_person)
        self.short_label = QLabel(self.tr("People whose problem list has fewer than 6 entries:"))
        self.compliance_label = QLabel(self.tr("Compliance reminders"))
        self.compliance_list = QListWidget()
        self.compliance_list.setObjectName("compliance_warnings")
        self.compliance_list.setWordWrap(True)
        self.compliance_list.itemActivated.connect(self._open_warning)
        self.compliance_list.itemClicked.connect(self._open_warning)
        lists = QHBoxLayout()
        for label, widget, stretch in ((self.compliance_label, self.compliance_list, 3),
                                       (self.short_label, self.short_list, 2)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(widget, 1)
            lists.addLayout(column, stretch)
        self.first_run = FirstRunPanel(state, self)
        self.charts = ChartPanel()
        self.charts.setObjectName("home_charts")
        self.charts.ledger_requested.connect(self.ledger_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.first_run)
        layout.addLayout(grid)
        layout.addWidget(self.charts, 3)
        layout.addLayout(lists, 2)
        self._charts_stale = True
        state.data_changed.connect(self.refresh)
        state.campaign_changed.connect(self.refresh)
        state.data_changed.connect(self._charts_changed)
        state.campaign_changed.connect(self._charts_changed)
        self._reminders = LatestReading(self)  # the 督办 clocks and reminders, on a worker on a big ledger
        self.figures: stats.Overview | None = None
        self.supervision: supervision_overview.SupervisionOverview | None = None
        # No refresh here: the main window refreshes the page it opens on.

    def _charts_changed(self, *_) -> None:
        """Charts group every entry: redrawn when 首页 is in sight, not after each edit elsewhere."""
        self._charts_stale = True
        if self.isVisible():
            self._load_charts()

    def showEvent(self, event):  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._charts_stale:
            self._load_charts()

    def _load_charts(self) -> None:
        self._charts_stale = False
        self.charts.setVisible(self.state.campaign_id is not None)
        if self.state.campaign_id is not None:
            self.charts.load_in_background(LedgerFilter(campaign_id=self.state.campaign_id))

    def refresh(self) -> None:
        campaign_id = self.state.campaign_id
        self.first_run.setVisible(campaign_id is None)
        if campaign_id is None:
            self._reminders.drop()
            self.heading.setText(self.tr("No campaign yet. Create one, or start with demo data."))
            for card in self.cards.values():
                card.set_value("—")
            self.compliance_list.clear()
            self.short_list.clear()
            return
        figures = stats.overview(campaign_id)  # from the ledger's tally: a few hundredths of a second at 100,000
        self.figures = figures
        self.heading.setText(self.tr("Overview of the current campaign"))
        self.cards["total"].set_value(str(figures.total))
        self.cards["completion"].set_value(f"{figures.completion_rate:.1%}")
        self.cards["overdue"].set_value(str(figures.overdue))
        self.cards["due_week"].set_value(str(figures.due_within_7_days))
        self.cards["pending"].set_value(str(figures.pending_close))
        short = figures.people_short
        self.cards["short"].set_value(str(len(short)))
        self.short_list.clear()
        for p in short:
            self.short_list.addItem(self.tr("%1 (%2) — %3 problems").replace("%1", p.name)
                                    .replace("%2", p.department_name or p.level).replace("%3", str(p.count)))
            self.short_list.item(self.short_list.count() - 1).setData(Qt.ItemDataRole.UserRole, p.person_id)
        if figures.total >= self.BACKGROUND_FROM:
            self._read_reminders_in_background(campaign_id)
        else:
            self._reminders.drop()  # a reading still running for an earlier refresh is dropped when it arrives
            self._show_reminders(read_reminders(campaign_id))

    def _read_reminders_in_background(self, campaign_id: int) -> None:
        self.cards["supervision"].set_value("…")
        self.compliance_list.clear()
        self.compliance_list.addItem(self.tr("Checking the supervision clocks and the campaign's reminders…"))
        self._reminders.start(lambda: read_reminders(campaign_id), self._show_reminders, self._reminders_failed)

    def _reminders_failed(self, message: str) -> None:
        self.cards["supervision"].set_value("—")
        self.compliance_list.clear()
        self.compliance_list.addItem(self.tr("The reminders could not be read: %1").replace("%1", message))

    def _show_reminders(self, found) -> None:
        self.supervision, warnings = found
        self.cards["supervision"].set_value(f"{self.supervision.nodes_due_today} / {self.supervision.nodes_missed}")
        self.compliance_list.clear()
        for node in self.supervision.items[:MAX_NODE_ITEMS]:  # the 督办 nodes that need the clerk today first
            self.compliance_list.addItem(self._node_item(node))
        if self.supervision.estimate_note:  # due dates in a year without holiday data (fix-duban, review 2 #3)
            self.compliance_list.addItem(QListWidgetItem("⚠ " + self.supervision.estimate_note))
        for w in warnings:
            self.compliance_list.addItem(warning_item(w))
        if not self.compliance_list.count():
            self.compliance_list.addItem(self.tr("No reminders: meetings, plans and reports are all in order."))

    def _node_item(self, node) -> QListWidgetItem:
        if node.state == NodeState.MISSED:
            text = self.tr("%1 %2: node \"%3\" missed, %4 working days late").replace(
                "%4", str(node.late_workdays))
        else:
            text = self.tr("%1 %2: node \"%3\" due today")
        text = text.replace("%1", node.code).replace("%2", node.department_name or "").replace("%3", node.node_name)
        if node.level_name:
            text += f"（{node.level_name}）"
        if node.estimate:
            text += f"（{node.estimate}）"
        item = QListWidgetItem(("◆ " if node.state == NodeState.DUE_TODAY else "⚠ ") + text)
        item.setForeground(QBrush(QColor(node.level_color or ("#b26a00" if node.state == NodeState.DUE_TODAY
                                                              else "#c62828"))))
        item.setToolTip(node.description)
        item.setData(Qt.ItemDataRole.UserRole, node)
        return item

    def _open_node(self, node) -> None:
        """The ledger with the matters that need the clerk, this one selected and open on its 督办 tab."""
        window = self.window()
        self.ledger_requested.emit(LedgerFilter(campaign_id=self.state.campaign_id,
                                                supervision=supervision_overview.ATTENTION))
        page = getattr(window, "pages", {}).get("ledger")
        if page is not None and hasattr(page, "select_entry"):
            page.select_entry(node.entry_id)
            if page.current_id() == node.entry_id:
                page.actions.edit(tab=SUPERVISION_TAB)

    def _open_warning(self, item) -> None:
        """Go to the page that fixes the warning: the 专班 (its plan or report tab) or the meetings."""
        w = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(w, supervision_overview.NodeItem):
            self._open_node(w)
            return
        window = self.window()
        if w is None or not hasattr(window, "show_page"):
            return
        if w.page == "freeze" and hasattr(window, "exchange_menu"):  # a month not frozen: the 封账 dialog
            window.exchange_menu.monthly.open_freeze(w.period)
            return
        page = window.show_page(w.page)
        if w.task_force_id and hasattr(page, "select_task_force"):
            page.select_task_force(w.task_force_id, {"no_action_plan": "plan", "member_left": "members"}.get(w.kind, "report"))

    def _open_person(self, item) -> None:
        """The ledger of one person's own problems, to add the missing ones."""
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id is not None and self.state.campaign_id is not None:
            self.ledger_requested.emit(LedgerFilter(campaign_id=self.state.campaign_id, owner_ids=[person_id]))

    def _open(self, key: str) -> None:
        campaign_id = self.state.campaign_id
        if campaign_id is None:
            return
        f = LedgerFilter(campaign_id=campaign_id)
        if key == "overdue":
            f.overdue_only = True
        elif key == "due_week":
            f.due_within_days = 7
        elif key == "pending":
            f.statuses = [Status.PENDING_CLOSE]
        elif key == "short":
            self.short_list.setFocus()
            return
        elif key == "supervision":
            f.supervision = supervision_overview.ATTENTION
        self.ledger_requested.emit(f)
