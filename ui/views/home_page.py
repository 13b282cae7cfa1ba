"""首页: the figures a clerk checks first, each a shortcut into the ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import Status
from desk_app.services import compliance, stats
from desk_app.services.ledger_query import LedgerFilter

CARD_STYLE = {
    "red": "#c62828", "yellow": "#b26a00", "green": "#2e7d32", "blue": "#1565c0", "grey": "#455a64",
}


class FigureCard(QPushButton):
    """A big number with a caption; clicking it opens the matching list."""

    def __init__(self, caption: str, color: str, parent=None):
        super().__init__(parent)
        self.caption = caption
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(180, 96)
        self.setStyleSheet(
            f"QPushButton {{ text-align: left; padding: 12px; border: 1px solid #cfd8dc; border-radius: 6px;"
            f" background: white; color: {CARD_STYLE[color]}; }}"
            f"QPushButton:hover, QPushButton:focus {{ border: 2px solid {CARD_STYLE[color]}; }}")
        self.set_value("—")

    def set_value(self, value: str) -> None:
        self.setText(f"{value}\n{self.caption}")
        font = self.font()
        font.setPointSizeF(13)
        self.setFont(font)


class HomePage(QWidget):
    ledger_requested = Signal(object)  # a LedgerFilter

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
        ]
        for i, (key, caption, color) in enumerate(specs):
            card = FigureCard(caption, color)
            card.setObjectName(f"card_{key}")
            card.clicked.connect(lambda _=False, k=key: self._open(k))
            self.cards[key] = card
            grid.addWidget(card, i // 3, i % 3)
        self.short_list = QListWidget()
        self.short_list.setObjectName("short_people")
        self.short_list.itemActivated.connect(self._open_person)
        self.short_label = QLabel(self.tr("People whose problem list has fewer than 6 entries:"))
        layout = QVBoxLayout(self)
        self.compliance_label = QLabel(self.tr("Compliance reminders"))
        self.compliance_list = QListWidget()
        self.compliance_list.setObjectName("compliance_warnings")
        self.compliance_list.itemActivated.connect(self._open_warning)
        self.compliance_list.itemClicked.connect(self._open_warning)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.compliance_label)
        layout.addWidget(self.compliance_list)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        layout.addWidget(self.short_label)
        layout.addWidget(self.short_list, 1)
        state.data_changed.connect(self.refresh)
        state.campaign_changed.connect(self.refresh)
        self.figures: stats.Overview | None = None
        # No refresh here: the main window refreshes the page it opens on.

    def refresh(self) -> None:
        campaign_id = self.state.campaign_id
        if campaign_id is None:
            self.heading.setText(self.tr("No campaign yet. Create one, or start with demo data."))
            for card in self.cards.values():
                card.set_value("—")
            return
        figures = stats.overview(campaign_id)
        self.figures = figures
        self.heading.setText(self.tr("Overview of the current campaign"))
        self.cards["total"].set_value(str(figures.total))
        self.cards["completion"].set_value(f"{figures.completion_rate:.1%}")
        self.cards["overdue"].set_value(str(figures.overdue))
        self.cards["due_week"].set_value(str(figures.due_within_7_days))
        self.cards["pending"].set_value(str(figures.pending_close))
        short = figures.people_short
        self.cards["short"].set_value(str(len(short)))
        self._fill_compliance(campaign_id)
        self.short_list.clear()
        for p in short:
            self.short_list.addItem(self.tr("%1 (%2) — %3 problems").replace("%1", p.name)
                                    .replace("%2", p.department_name or p.level).replace("%3", str(p.count)))
            self.short_list.item(self.short_list.count() - 1).setData(Qt.ItemDataRole.UserRole, p.person_id)

    def _fill_compliance(self, campaign_id: int) -> None:
        from ui.views.meeting_page import warning_item  # noqa: PLC0415 - same colours as the meetings page

        self.compliance_list.clear()
        for w in compliance.campaign_warnings(campaign_id):
            self.compliance_list.addItem(warning_item(w))
        if not self.compliance_list.count():
            self.compliance_list.addItem(self.tr("No reminders: meetings, plans and reports are all in order."))
        self.compliance_list.setFixedHeight(min(140, 8 + 22 * self.compliance_list.count()))

    def _open_warning(self, item) -> None:
        """Go to the page that fixes the warning: the 专班 (its plan or report tab) or the meetings."""
        w = item.data(Qt.ItemDataRole.UserRole)
        window = self.window()
        if w is None or not hasattr(window, "show_page"):
            return
        page = window.show_page(w.page)
        if w.task_force_id and hasattr(page, "select_task_force"):
            page.select_task_force(w.task_force_id, "plan" if w.kind == "no_action_plan" else "report")

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
        self.ledger_requested.emit(f)
