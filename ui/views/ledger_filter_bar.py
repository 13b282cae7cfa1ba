"""The ledger's filter bar: search-as-you-type, quick toggles and one picker per filter field."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from desk_app.domain import EntryKind, Layer, Status
from desk_app.services import choices, ledger_columns, ledger_pickers, ledger_summary, org
from desk_app.services.ledger_query import LedgerFilter

from . import ledger_filter_chips as chips_module
from .date_field import DateField
from .ledger_checklist import CheckListButton
from .ledger_filter_chips import FilterChips

# The ledger column each picker filters (its header names the picker), and the tally column that counts it.
FIELD_COLUMNS = {"kinds": "kind", "layers": "layer", "statuses": "status", "categories": "category",
                 "sources": "source", "department_ids": "department", "responsible_ids": "responsible",
                 "task_force_ids": "task_force", "owner_ids": "owner", "leader_ids": "leader"}
TALLY_COLUMNS = {"kinds": "kind", "layers": "layer", "statuses": "status", "categories": "category",
                 "department_ids": "department_id", "owner_ids": "owner_id"}

SEARCH_DELAY_MS = 120  # a keystroke pause, so typing 督办 runs one query, not two


class LedgerFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ledger_filter_bar")
        self._base = LedgerFilter()  # conditions without a widget (from 首页, the side panel, views)
        self._hint_width: int | None = None
        self._loading = False
        self.campaign_id: int | None = None
        self.search = QLineEdit()
        self.search.setObjectName("ledger_search")
        self.search.setPlaceholderText(self.tr("Search description, measures, target, progress, names, number…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda *_: self._timer.start())
        self.search.returnPressed.connect(self._emit_now)
        self.overdue = self._toggle(self.tr("Overdue"), "#c62828")
        self.due_soon = self._toggle(self.tr("Due in 7 days"), "#b26a00")
        self.mine = self._toggle(self.tr("Mine"), "#1565c0")
        self.mine.setToolTip(self.tr("Entries where the clerk named in Settings is responsible, owner or leader"))
        self.mine.toggled.connect(self._check_me)
        self.lagging = self._toggle(self.tr("Behind schedule"), "#6a1b9a")
        self.lagging.setObjectName("lagging_toggle")
        self.lagging.setToolTip(self.tr("Key tasks whose reported monthly progress is below plan"))
        self.kind = self._checklist("kinds", [(k.value, k.value) for k in EntryKind])
        self.layer = self._checklist("layers", [(v.value, v.value) for v in Layer])
        self.status = self._checklist("statuses", [(st.value, st.value) for st in Status])
        self.category = self._checklist("categories", [])
        self.source = self._checklist("sources", [])
        self.department = self._checklist("department_ids", [])
        # What the department picked means: it leads (责任单位), leads or assists, or assists (services/assists).
        self.department_role = QComboBox()
        self.department_role.setObjectName("department_role")
        for text, role in ((self.tr("Leads"), ""), (self.tr("Leads or assists"), "lead_or_assist"),
                           (self.tr("Assists"), "assist")):
            self.department_role.addItem(text, role)
        self.department_role.setToolTip(self.tr("Whether the department picked leads the entries, assists "
                                                "with them, or either"))
        self.department_role.currentIndexChanged.connect(self._changed)
        self.responsible = self._checklist("responsible_ids", [])
        self.task_force = self._checklist("task_force_ids", [])
        self.deadline_from, self.deadline_to = DateField(), DateField()
        for field in (self.deadline_from, self.deadline_to):
            field.dateChanged.connect(self._changed)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        self.chips = FilterChips()
        self.chips.removed.connect(self.remove_condition)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        for b in (self.overdue, self.due_soon, self.mine, self.lagging):
            top.addWidget(b)
        top.addStretch(1)
        top.addWidget(self.clear_button)
        pickers = QHBoxLayout()
        pickers.setSpacing(4)
        for w in self.checklists():
            pickers.addWidget(w)
        pickers.addStretch(1)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Deadline from")))
        dates.addWidget(self.deadline_from)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.deadline_to)
        dates.addSpacing(12)
        dates.addWidget(QLabel(self.tr("Departments picked")))  # what 科室 above means: leads, assists or either
        dates.addWidget(self.department_role)
        dates.addSpacing(12)
        dates.addWidget(self.chips, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(3)
        layout.addLayout(top, 0, 0)
        layout.addLayout(pickers, 1, 0)
        layout.addLayout(dates, 2, 0)
        self.names: dict[str, dict] = {}
        self.me_id: int | None = None

    def sizeHint(self):  # noqa: N802 - Qt override
        """The width the bar asks for is the one it had with no condition: the pickers show their values and
        change width with each, and a splitter sharing the window by its panes' wishes would otherwise move
        its handle, resizing and repainting the table and everything beside it, on every change."""
        hint = super().sizeHint()
        if self._hint_width is None:
            self._hint_width = hint.width()
        return QSize(self._hint_width, hint.height())

    def _toggle(self, text: str, color: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setStyleSheet(f"QToolButton {{ padding: 3px 10px; border: 1px solid #b0bec5; border-radius: 3px; }}"
                             f"QToolButton:checked {{ background: {color}; color: white; border-color: {color}; }}")
        button.toggled.connect(self._changed)
        return button

    def _check_me(self, checked: bool) -> None:
        if checked and self.me_id is None and not self._loading:
            self.mine.setChecked(False)
            QMessageBox.information(self, self.tr("Mine"), self.tr(
                "Enter your name under Settings → General (the clerk's name, as in the people list) "
                "to see the entries you are responsible for."))

    def _checklist(self, field: str, items) -> CheckListButton:
        label = ledger_columns.COLUMNS_BY_KEY[FIELD_COLUMNS[field]].label
        button = CheckListButton(label)
        button.setObjectName(f"filter_{field}")
        button.field = field
        button.set_items(items)
        button.changed.connect(self._changed)
        button.counts_for = lambda f=field: self.counts_for(f)
        return button

    def checklists(self) -> list[CheckListButton]:
        return [self.kind, self.layer, self.status, self.category, self.source, self.department,
                self.responsible, self.task_force]

    def counts_for(self, field: str) -> dict | None:
        """How many entries each value would list, given the other conditions (from the tally where it can)."""
        column = TALLY_COLUMNS.get(field)
        if column is None or self.campaign_id is None:
            return None
        f = replace(self.filter(), campaign_id=self.campaign_id, **{field: []})
        try:
            return ledger_summary.counts_by(f, column)
        except Exception:  # noqa: BLE001 - counts are a convenience; the list works without them
            return None

    def load_choices(self, campaign_id: int | None, people: list | None = None) -> None:
        """Fill the pickers from the database (people, departments, lists may have changed); `people`, when
        given, is org.list_people(include_inactive=True) as the caller has just read it."""
        self._loading = True
        self.campaign_id = campaign_id
        if people is None:
            people = org.list_people(include_inactive=True)
        departments = org.list_departments()
        task_forces = ledger_pickers.task_forces(campaign_id)
        self.names = {"people": {p.id: p.name for p in people}, "department_ids": {d.id: d.name for d in departments},
                      "task_force_ids": {t.id: t.name for t in task_forces}}
        for button, items in (
                (self.category, [(v, v) for v in choices.values("category")]),
                (self.source, [(v, v) for v in choices.values("source")]),
                (self.department, [(d.name, d.id) for d in departments]),
                (self.responsible, [(f"{p.name}（{p.department_name}）" if p.department_name else p.name, p.id)
                                    for p in people if p.active]),
                (self.task_force, [(t.name, t.id) for t in task_forces])):
            button.set_items(items)
        self._loading = False

    # -- reading and writing the filter -----------------------------------------------------
    def filter(self) -> LedgerFilter:
        f = replace(self._base)
        for button in self.checklists():
            setattr(f, button.field, button.values() or getattr(f, button.field))
        f.deadline_from, f.deadline_to = self.deadline_from.value(), self.deadline_to.value()
        f.overdue_only = self.overdue.isChecked()
        if self.department.values():
            f.department_role = self.department_role.currentData()
        f.lagging = self.lagging.isChecked() or self._base.lagging
        f.due_within_days = 7 if self.due_soon.isChecked() else None
        f.person_id = self.me_id if self.mine.isChecked() else self._base.person_id
        f.text = self.search.text().strip()
        return f

    def set_filter(self, f: LedgerFilter) -> None:
        """Show a filter: fields with a widget go into it, the rest is kept (and shown as chips)."""
        self._loading = True
        base = replace(f)
        for button in self.checklists():
            values = list(getattr(f, button.field))
            known = {v for _, v in button.items()}
            if all(v in known for v in values):
                button.set_values(values, emit=False)
                setattr(base, button.field, [])
            else:  # values the picker does not list (an inactive person …): kept as a condition of their own
                button.set_values([], emit=False)
        self.deadline_from.set_value(f.deadline_from)
        self.deadline_to.set_value(f.deadline_to)
        self.overdue.setChecked(f.overdue_only)
        self.lagging.setChecked(f.lagging)
        self.department_role.setCurrentIndex(max(0, self.department_role.findData(f.department_role)))
        self.due_soon.setChecked(f.due_within_days is not None)
        self.mine.setChecked(f.person_id is not None and f.person_id == self.me_id)
        self.search.blockSignals(True)
        self.search.setText(f.text)
        self.search.blockSignals(False)
        base.text, base.overdue_only, base.due_within_days, base.lagging = "", False, None, False
        if not base.department_ids:
            base.department_role = ""
        base.deadline_from = base.deadline_to = None
        if f.person_id == self.me_id:
            base.person_id = None
        self._base = base
        self._loading = False
        self._emit_now()

    def remove_condition(self, key: str) -> None:
        """A chip's ×: the list without that condition."""
        self.set_filter(chips_module.without(self.filter(), key))

    def chip_list(self, f: LedgerFilter | None = None) -> list:
        return chips_module.describe(f if f is not None else self.filter(), self.names, self.me_id)

    def set_base(self, base: LedgerFilter) -> None:
        """Conditions from the side panel (a layer, a person, the recycle bin)."""
        self._base = replace(base)
        self._emit_now()

    def clear(self) -> None:
        self.set_filter(LedgerFilter(deleted=self._base.deleted))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _changed(self, *_) -> None:
        if not self._loading:
            self._emit_now()

    def _emit_now(self) -> None:
        self._timer.stop()
        self._emit()

    def _emit(self) -> None:
        self.chips.set_chips(self.chip_list())
        self.changed.emit()
