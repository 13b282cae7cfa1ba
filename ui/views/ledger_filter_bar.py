"""The ledger's filter bar: search-as-you-type, quick toggles and one picker per filter field."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
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
from desk_app.services import choices, ledger_pickers, org
from desk_app.services.ledger_query import LedgerFilter

from .entry_fields import DateField

SEARCH_DELAY_MS = 120  # a keystroke pause, so typing 督办 runs one query, not two


class LedgerFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._base = LedgerFilter()  # conditions without a widget (from 首页, the side panel, views)
        self._loading = False
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
        self.kind = self._combo(self.tr("All kinds"), [(k.value, k.value) for k in EntryKind])
        self.layer = self._combo(self.tr("All layers"), [(v.value, v.value) for v in Layer])
        self.status = self._combo(self.tr("All statuses"), [(s.value, s.value) for s in Status])
        self.category = self._combo(self.tr("All categories"), [])
        self.source = self._combo(self.tr("All sources"), [])
        self.department = self._combo(self.tr("All departments"), [])
        # What the department picked means: it leads (责任单位), leads or assists, or assists (services/assists).
        self.department_role = QComboBox()
        self.department_role.setObjectName("department_role")
        for text, role in ((self.tr("Leads"), ""), (self.tr("Leads or assists"), "lead_or_assist"),
                           (self.tr("Assists"), "assist")):
            self.department_role.addItem(text, role)
        self.department_role.setToolTip(self.tr("Whether the department picked leads the entries, assists "
                                                "with them, or either"))
        self.department_role.currentIndexChanged.connect(self._changed)
        self.responsible = self._combo(self.tr("All responsible"), [])
        self.task_force = self._combo(self.tr("All task forces"), [])
        self.deadline_from, self.deadline_to = DateField(), DateField()
        for field in (self.deadline_from, self.deadline_to):
            field.dateChanged.connect(self._changed)
        self.extra = QLabel()
        self.extra.setObjectName("extra_conditions")
        self.extra.setStyleSheet("color: #1565c0;")
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        for b in (self.overdue, self.due_soon, self.mine, self.lagging):
            top.addWidget(b)
        top.addWidget(self.extra, 1)
        top.addWidget(self.clear_button)
        grid = QGridLayout()
        widgets = [self.kind, self.layer, self.status, self.category, self.source, self.department,
                   self.department_role, self.responsible, self.task_force]
        for i, w in enumerate(widgets):
            grid.addWidget(w, 0, i)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Deadline from")))
        dates.addWidget(self.deadline_from)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.deadline_to)
        dates.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 0, 0)
        layout.addLayout(grid, 1, 0)
        layout.addLayout(dates, 2, 0)
        self.me_id: int | None = None

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

    def _combo(self, everything: str, items) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._changed)
        combo.setMaxVisibleItems(25)
        return combo

    def load_choices(self, campaign_id: int | None) -> None:
        """Fill the pickers from the database (people, departments, lists may have changed)."""
        self._loading = True
        for combo, items in (
                (self.category, [(v, v) for v in choices.values("category")]),
                (self.source, [(v, v) for v in choices.values("source")]),
                (self.department, [(d.name, d.id) for d in org.list_departments()]),
                (self.responsible, [(f"{p.name}（{p.department_name}）" if p.department_name else p.name, p.id)
                                    for p in org.list_people()]),
                (self.task_force, [(t.name, t.id) for t in ledger_pickers.task_forces(campaign_id)])):
            current = combo.currentData()
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        self._loading = False

    # -- reading and writing the filter -----------------------------------------------------
    def filter(self) -> LedgerFilter:
        f = replace(self._base)

        def one(combo):
            value = combo.currentData()
            return [value] if value is not None else []

        for combo, name in self._combos():
            setattr(f, name, one(combo) or getattr(f, name))
        f.deadline_from, f.deadline_to = self.deadline_from.value(), self.deadline_to.value()
        f.overdue_only = self.overdue.isChecked()
        if self.department.currentData() is not None:
            f.department_role = self.department_role.currentData()
        f.lagging = self.lagging.isChecked() or self._base.lagging
        f.due_within_days = 7 if self.due_soon.isChecked() else None
        f.person_id = self.me_id if self.mine.isChecked() else self._base.person_id
        f.text = self.search.text().strip()
        return f

    def _combos(self):
        return ((self.kind, "kinds"), (self.layer, "layers"), (self.status, "statuses"),
                (self.category, "categories"), (self.source, "sources"), (self.department, "department_ids"),
                (self.responsible, "responsible_ids"), (self.task_force, "task_force_ids"))

    def set_filter(self, f: LedgerFilter) -> None:
        """Show a filter: fields with a widget go into it, the rest is kept and named beside the toggles."""
        self._loading = True

        def pick(combo, values):
            combo.setCurrentIndex(combo.findData(values[0]) if len(values) == 1 and combo.findData(values[0]) > 0
                                  else 0)
            return len(values) == 1 and combo.findData(values[0]) > 0

        base = replace(f)
        for combo, name in self._combos():
            if pick(combo, getattr(f, name)):
                setattr(base, name, [])
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
        self._describe_extra()
        self._emit_now()

    def set_base(self, base: LedgerFilter) -> None:
        """Conditions from the side panel (a layer, a person, the recycle bin)."""
        self._base = replace(base)
        self._describe_extra()
        self._emit_now()

    def clear(self) -> None:
        self.set_filter(LedgerFilter(deleted=self._base.deleted))

    def _describe_extra(self) -> None:
        parts = []
        b = self._base
        if b.owner_ids:
            names = {p.id: p.name for p in org.list_people(include_inactive=True)}
            parts.append(self.tr("Owner: %1").replace("%1", "、".join(names.get(i, "?") for i in b.owner_ids)))
        if b.statuses and len(b.statuses) > 1:
            parts.append("、".join(b.statuses))
        if b.layers and len(b.layers) > 1:
            parts.append("、".join(b.layers))
        if b.open_only:
            parts.append(self.tr("Open only"))
        if b.meeting_id is not None:
            parts.append(self.tr("Decisions of one meeting"))
        if b.supervision:
            parts.append({"due_today": self.tr("Supervision nodes due today"),
                          "missed": self.tr("Supervision nodes missed")}.get(
                b.supervision, self.tr("Supervision nodes due today or missed")))
        if b.deleted:
            parts.append(self.tr("Recycle bin"))
        self.extra.setText("　".join(parts))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _changed(self, *_) -> None:
        if not self._loading:
            self._emit_now()

    def _emit_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def _emit(self) -> None:
        self.changed.emit()
