"""Every active condition of the ledger's filter as a chip above the table — 状态：申请销号 ×, 搜索“台账” × —
so the list never looks complete while something narrows it; × removes that condition.

describe() names the conditions (one chip per field), without() takes one away; the heading uses the
same words.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QWidget

from desk_app.services import ledger_columns
from desk_app.services.ledger_query import LedgerFilter

# Fields whose chip names its values, by the ledger column whose header a clerk knows them by.
LIST_FIELDS = (("statuses", "status"), ("kinds", "kind"), ("layers", "layer"), ("categories", "category"),
               ("sources", "source"), ("department_ids", "department"), ("responsible_ids", "responsible"),
               ("owner_ids", "owner"), ("leader_ids", "leader"), ("task_force_ids", "task_force"),
               ("source_units", None))
NOT_CONDITIONS = {"campaign_id"}
MAX_NAMES = 3


@dataclass(frozen=True)
class Chip:
    key: str  # the LedgerFilter field(s) it stands for: removing the chip empties them
    text: str


def describe(f: LedgerFilter, names: dict[str, dict] | None = None, me_id: int | None = None) -> list[Chip]:
    """One chip per active condition. names: {"department_ids": {id: name}, "people": {id: name},
    "task_force_ids": {id: name}} for fields that hold ids."""
    names = names or {}
    people = names.get("people", {})
    lookups = {"department_ids": names.get("department_ids", {}), "responsible_ids": people,
               "owner_ids": people, "leader_ids": people, "task_force_ids": names.get("task_force_ids", {})}
    chips = []
    if f.deleted:
        chips.append(Chip("deleted", QCoreApplication.translate("FilterChips", "Recycle bin")))
    if f.text.strip():
        chips.append(Chip("text", QCoreApplication.translate("FilterChips", "Search “%1”").replace("%1", f.text.strip())))
    for key, column in LIST_FIELDS:
        values = getattr(f, key)
        if not values:
            continue
        label = ledger_columns.COLUMNS_BY_KEY[column].label if column else QCoreApplication.translate("FilterChips", "Sent by")
        lookup = lookups.get(key)
        shown = [str(lookup.get(v, "?")) if lookup is not None else str(v) for v in values]
        text = "、".join(shown[:MAX_NAMES]) + (QCoreApplication.translate("FilterChips", " and %1 more").replace("%1", str(len(shown) - MAX_NAMES))
                                                if len(shown) > MAX_NAMES else "")
        chips.append(Chip(key, f"{label}：{text}"))
    if f.overdue_only:
        chips.append(Chip("overdue_only", QCoreApplication.translate("FilterChips", "Overdue")))
    if f.due_within_days is not None:
        chips.append(Chip("due_within_days", QCoreApplication.translate("FilterChips", "Due in %1 days").replace("%1", str(f.due_within_days))))
    if f.open_only:
        chips.append(Chip("open_only", QCoreApplication.translate("FilterChips", "Open only")))
    if f.deadline_from or f.deadline_to:
        start = f.deadline_from.isoformat() if f.deadline_from else "…"
        end = f.deadline_to.isoformat() if f.deadline_to else "…"
        chips.append(Chip("deadline", QCoreApplication.translate("FilterChips", "Deadline %1 to %2").replace("%1", start).replace("%2", end)))
    if f.person_id is not None:
        chips.append(Chip("person_id", QCoreApplication.translate("FilterChips", "Mine") if f.person_id == me_id else
                          QCoreApplication.translate("FilterChips", "Involving %1").replace("%1", str(people.get(f.person_id, "?")))))
    if f.meeting_id is not None:
        chips.append(Chip("meeting_id", QCoreApplication.translate("FilterChips", "Decisions of one meeting")))
    if f.supervision:  # 首页's 督办 figures
        chips.append(Chip("supervision", {
            "due_today": QCoreApplication.translate("FilterChips", "Supervision nodes due today"),
            "missed": QCoreApplication.translate("FilterChips", "Supervision nodes missed")}.get(
            f.supervision, QCoreApplication.translate("FilterChips", "Supervision nodes due today or missed"))))
    if f.lagging:  # 月度序时进度 below plan
        chips.append(Chip("lagging", QCoreApplication.translate("FilterChips", "Behind schedule")))
    if f.department_role and f.department_ids:
        chips.append(Chip("department_role", {
            "assist": QCoreApplication.translate("FilterChips", "Departments assist"),
        }.get(f.department_role, QCoreApplication.translate("FilterChips", "Departments lead or assist"))))
    if f.found_to is not None:
        chips.append(Chip("found_to", QCoreApplication.translate("FilterChips", "Found by %1").replace("%1", f.found_to.isoformat())))
    return chips


def without(f: LedgerFilter, key: str) -> LedgerFilter:
    """The filter with one chip's condition taken away."""
    if key == "deadline":
        return replace(f, deadline_from=None, deadline_to=None)
    default = {fl.name: fl for fl in fields(LedgerFilter)}[key]
    empty = default.default_factory() if callable(default.default_factory) else default.default  # type: ignore[misc]
    return replace(f, **{key: empty})


def is_empty(f: LedgerFilter) -> bool:
    """No condition at all (the campaign aside)."""
    return replace(f, campaign_id=None) == LedgerFilter()


class FilterChips(QWidget):
    """The chips in one scrollable row; removed(key) when a chip's × is clicked."""

    removed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("filter_chips")
        self._row = QWidget()
        self._layout = QHBoxLayout(self._row)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(self._row)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.empty = QLabel(QCoreApplication.translate("FilterChips", "No filter: every entry is listed"))
        self.empty.setStyleSheet("color: #78909c;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self.setFixedHeight(self.fontMetrics().height() + 14)
        self.buttons: list[QToolButton] = []

    def set_chips(self, chips: list[Chip]) -> None:
        """The chips of a filter. A condition's chip stays the same button while the condition stays (its text
        follows the value: each search keystroke): a new button parses its style sheet and lays out the row."""
        existing = {button.objectName(): button for button in self.buttons}
        self.buttons = []
        for n, chip in enumerate(chips):
            button = existing.pop(f"chip_{chip.key}", None)
            if button is None:
                button = self._chip_button(chip.key)
            text = f"{chip.text}  ×"
            if button.text() != text:
                button.setText(text)
            if self._layout.indexOf(button) != n:
                self._layout.removeWidget(button)
                self._layout.insertWidget(n, button)
            self.buttons.append(button)
        for button in existing.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.empty.setVisible(not chips)

    def _chip_button(self, key: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(f"chip_{key}")
        button.setToolTip(QCoreApplication.translate("FilterChips", "Remove this condition"))
        button.setStyleSheet("QToolButton { padding: 1px 8px; border: 1px solid #90caf9; border-radius: 9px; "
                             "background: #e3f2fd; color: #0d47a1; }"
                             "QToolButton:hover { background: #bbdefb; }")
        button.clicked.connect(lambda _=False, key=key: self.removed.emit(key))
        return button

    def texts(self) -> list[str]:
        return [b.text().removesuffix("  ×") for b in self.buttons]
