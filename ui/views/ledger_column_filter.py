"""A column header's ▾: sort commands and that column's filter — a checkable list of its values (with counts),
the search for text columns, 逾期 / 7天内到期 and a date range for 整改时限."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import EntryKind, Layer, Status

from .ledger_checklist import CheckListPopup

# Column key -> the LedgerFilter field its checkable list sets.
LIST_FILTERS = {"kind": "kinds", "layer": "layers", "status": "statuses", "category": "categories",
                "source": "sources", "department": "department_ids", "responsible": "responsible_ids",
                "owner": "owner_ids", "leader": "leader_ids", "task_force": "task_force_ids"}
# Text columns the search covers (编号, 问题表现, 整改目标, 整改措施, 进展, names): their filter is the search.
TEXT_FILTERS = {"code", "description", "target", "measures", "latest_progress"}
DEADLINE = "deadline"


def filterable(key: str) -> bool:
    return key in LIST_FILTERS or key in TEXT_FILTERS or key == DEADLINE


def is_filtered(key: str, f) -> bool:
    if key in LIST_FILTERS:
        return bool(getattr(f, LIST_FILTERS[key]))
    if key in TEXT_FILTERS:
        return bool(f.text.strip())
    if key == DEADLINE:
        return bool(f.overdue_only or f.due_within_days is not None or f.deadline_from or f.deadline_to)
    return False


class _SortRow(QWidget):
    """升序 / 降序 / 再按此列排序 (the next level), as at the top of Excel's filter list."""

    def __init__(self, page, key: str, sortable: bool, close):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, descending, add in ((self.tr("Sort ascending"), False, False),
                                      (self.tr("Sort descending"), True, False),
                                      (self.tr("Then by this column"), False, True)):
            button = QToolButton()
            button.setText(text)
            button.setEnabled(sortable)
            button.clicked.connect(lambda _=False, d=descending, a=add: (close(), page.sort_by(key, d, add=a)))
            layout.addWidget(button)
        layout.addStretch(1)


def _items(page, key: str) -> list[tuple[str, object]]:
    bar = page.filter_bar
    if key == "kind":
        return [(k.value, k.value) for k in EntryKind]
    if key == "layer":
        return [(v.value, v.value) for v in Layer]
    if key == "status":
        return [(s.value, s.value) for s in Status]
    buttons = {"category": bar.category, "source": bar.source, "department": bar.department,
               "responsible": bar.responsible, "task_force": bar.task_force}
    if key in buttons:
        return buttons[key].items()
    return bar.responsible.items()  # 所属人员, 责任领导: the people list


def open_column_filter(page, key: str, pos: QPoint):
    """Open the popup for one column under its header; returns it (tests drive it)."""
    bar = page.filter_bar
    current = bar.filter()
    sortable = page.model.sortable_key(key)
    if key in LIST_FILTERS:
        field = LIST_FILTERS[key]
        popup = None

        def close():
            popup.close()

        holder = QWidget()
        popup = CheckListPopup(_items(page, key), list(getattr(current, field)), page,
                               counts=bar.counts_for(field), extra=holder)
        row = _SortRow(page, key, sortable, close)
        QVBoxLayout(holder).addWidget(row)
        holder.layout().setContentsMargins(0, 0, 0, 0)
        popup.chosen.connect(lambda values: bar.set_filter(replace(bar.filter(), **{field: values})))
    else:
        popup = _FieldPopup(page, key, sortable)
    popup.setObjectName(f"column_filter_{key}")
    popup.popup_at(pos)
    return popup


class _FieldPopup(QFrame):
    """Text columns: the search (it covers them); 整改时限: 逾期, 7天内到期 and a date range."""

    def __init__(self, page, key: str, sortable: bool):
        super().__init__(page, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        bar = page.filter_bar
        layout = QVBoxLayout(self)
        layout.addWidget(_SortRow(page, key, sortable, self.close))
        if key == DEADLINE:
            self.overdue = QCheckBox(bar.overdue.text())
            self.overdue.setChecked(bar.overdue.isChecked())
            self.overdue.toggled.connect(bar.overdue.setChecked)
            self.due_soon = QCheckBox(bar.due_soon.text())
            self.due_soon.setChecked(bar.due_soon.isChecked())
            self.due_soon.toggled.connect(bar.due_soon.setChecked)
            layout.addWidget(self.overdue)
            layout.addWidget(self.due_soon)
            hint = QLabel(self.tr("A date range: use \"Deadline from … to …\" above the table."))
            hint.setStyleSheet("color: #607d8b;")
            layout.addWidget(hint)
        else:
            layout.addWidget(QLabel(self.tr("Contains (searches number, description, target, measures, progress "
                                            "and names):")))
            self.text = QLineEdit(bar.search.text())
            self.text.setObjectName("column_filter_text")
            self.text.setClearButtonEnabled(True)
            self.text.returnPressed.connect(lambda: (bar.search.setText(self.text.text()), bar._emit_now(),
                                                     self.close()))
            layout.addWidget(self.text)

    def popup_at(self, pos: QPoint) -> None:
        self.adjustSize()
        self.move(pos)
        self.show()
        if hasattr(self, "text"):
            self.text.setFocus()
