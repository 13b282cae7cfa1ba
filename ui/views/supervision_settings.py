"""设置 › 督办: the office's rule sets (one row per node: 一般事项 当天接办 / 3个工作日反馈 / 7个工作日办结 …),
the escalation levels (name, colour, after how many missed nodes or working days late), the kinds of entry
on the clock, and the holidays and working days the calendar package does not know yet."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import EntryKind
from desk_app.errors import DeskAppError, ValidationErrors
from desk_app.services import supervision_rules as rules_service
from desk_app.services import work_calendar
from desk_app.services.supervision_rules import UNITS, EscalationLevel, NodeRule, RuleSet, SupervisionRules
from desk_app.services.work_calendar import CalendarDay, CalendarDays

from .settings_form import FormWatch


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item else ""


def _int(text: str) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return -1  # reported by the rules' own check as a negative number


class SupervisionSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Supervision"))
        self.nodes = _table([self.tr("Rule set"), self.tr("Node"), self.tr("Time limit"), self.tr("Unit")],
                            "supervision_rule_nodes")
        self.levels = _table([self.tr("Level"), self.tr("Colour"), self.tr("Missed nodes ≥"),
                              self.tr("Working days late ≥")], "supervision_levels")
        self.levels.itemChanged.connect(self._colour_cell)
        self.holidays = _table([self.tr("Date"), self.tr("Note")], "calendar_holidays")
        self.workdays = _table([self.tr("Date"), self.tr("Note")], "calendar_workdays")
        self.kinds = {k.value: QCheckBox(k.value) for k in EntryKind}
        kinds_row = QHBoxLayout()
        kinds_row.addWidget(QLabel(self.tr("Kinds on the clock:")))
        for box in self.kinds.values():
            kinds_row.addWidget(box)
        kinds_row.addStretch(1)
        rules_box = self._box(self.tr("Rule sets (one row per node; 0 working days = the same day)"), self.nodes)
        levels_box = self._box(self.tr("Escalation as nodes are missed"), self.levels)
        self.coverage = QLabel(work_calendar.describe_coverage())
        self.coverage.setWordWrap(True)
        calendar_box = QGroupBox(self.tr("Working calendar"))
        cal = QGridLayout(calendar_box)
        cal.addWidget(self.coverage, 0, 0, 1, 2)
        cal.addWidget(QLabel(self.tr("Extra holidays")), 1, 0)
        cal.addWidget(QLabel(self.tr("Extra working days (调休)")), 1, 1)
        cal.addWidget(self.holidays, 2, 0)
        cal.addWidget(self.workdays, 2, 1)
        cal.addLayout(self._buttons(self.holidays), 3, 0)
        cal.addLayout(self._buttons(self.workdays), 3, 1)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.refresh)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Matters already on a rule set keep their nodes; changes apply to new "
                                        "matters and to a rule set chosen again.")), 1)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("saved_note")
        bottom.addWidget(self.saved_note)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        grid = QGridLayout()
        grid.addWidget(rules_box, 0, 0)
        grid.addWidget(levels_box, 0, 1)
        grid.addWidget(calendar_box, 1, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(kinds_row)
        layout.addLayout(grid, 1)
        layout.addLayout(bottom)
        self.watch = FormWatch([*self.kinds.values(), self.nodes, self.levels, self.holidays, self.workdays], self)
        self.refresh()

    def _box(self, title: str, table: QTableWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(table, 1)
        inner.addLayout(self._buttons(table))
        return box

    def _buttons(self, table: QTableWidget) -> QHBoxLayout:
        add, remove = QPushButton(self.tr("Add row")), QPushButton(self.tr("Remove row"))
        add.clicked.connect(lambda: self._add_row(table))
        remove.clicked.connect(lambda: table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    def _add_row(self, table: QTableWidget, values: list[str] | None = None) -> None:
        row = table.rowCount()
        table.insertRow(row)
        if values is None and table is self.nodes and row:
            values = [_text(table, row - 1, 0), "", "3", table.cellWidget(row - 1, 3).currentText()]
        if values is None and table is self.levels:
            values = ["", "#1565c0", "1", "0"]
        values = values or [""] * table.columnCount()
        for col, value in enumerate(values):
            if table is self.nodes and col == 3:
                unit = QComboBox()
                unit.addItems(list(UNITS))
                unit.setCurrentText(value or UNITS[0])
                table.setCellWidget(row, col, unit)
            else:
                table.setItem(row, col, QTableWidgetItem(value))
        if table in (self.holidays, self.workdays) and not values[0]:
            table.setItem(row, 0, QTableWidgetItem(date.today().isoformat()))
        table.setCurrentCell(row, 0)

    def _colour_cell(self, item: QTableWidgetItem) -> None:
        if item.column() == 1 and QColor.isValidColorName(item.text().strip()):
            self.levels.blockSignals(True)
            item.setBackground(QColor(item.text().strip()))
            self.levels.blockSignals(False)

    def refresh(self) -> None:
        rules = rules_service.load_rules()
        self._notes = {r.name: r.note for r in rules.rule_sets}
        for table in (self.nodes, self.levels, self.holidays, self.workdays):
            table.setRowCount(0)
        for r in rules.rule_sets:
            for n in r.nodes:
                self._add_row(self.nodes, [r.name, n.name, str(n.count), n.unit])
        for lv in rules.levels:
            self._add_row(self.levels, [lv.name, lv.color, str(lv.missed_nodes), str(lv.overdue_workdays)])
        for kind, box in self.kinds.items():
            box.setChecked(kind in rules.kinds)
        days = work_calendar.clerk_days()
        for table, rows in ((self.holidays, days.holidays), (self.workdays, days.workdays)):
            for d in rows:
                self._add_row(table, [d.day.isoformat(), d.note])
        for table in (self.nodes, self.levels):
            table.resizeColumnsToContents()
        self.watch.mark_saved()

    def collect(self) -> tuple[SupervisionRules, CalendarDays]:
        sets: dict[str, list[NodeRule]] = {}
        for row in range(self.nodes.rowCount()):
            name = _text(self.nodes, row, 0)
            if not (name or _text(self.nodes, row, 1)):
                continue
            sets.setdefault(name, []).append(NodeRule(_text(self.nodes, row, 1), _int(_text(self.nodes, row, 2)),
                                                      self.nodes.cellWidget(row, 3).currentText()))
        levels = tuple(EscalationLevel(_text(self.levels, r, 0), _text(self.levels, r, 1),
                                       _int(_text(self.levels, r, 2)), _int(_text(self.levels, r, 3)))
                       for r in range(self.levels.rowCount()) if _text(self.levels, r, 0) or _text(self.levels, r, 1))
        rules = SupervisionRules(tuple(RuleSet(name, tuple(nodes), self._notes.get(name, ""))
                                       for name, nodes in sets.items()), levels,
                                 tuple(k for k, box in self.kinds.items() if box.isChecked()))
        return rules, CalendarDays(self._days(self.holidays), self._days(self.workdays))

    def _days(self, table: QTableWidget) -> tuple[CalendarDay, ...]:
        days = []
        for row in range(table.rowCount()):
            text = _text(table, row, 0)
            if not text:
                continue
            try:
                days.append(CalendarDay(date.fromisoformat(text), _text(table, row, 1)))
            except ValueError:
                raise DeskAppError(self.tr("\"%1\" is not a date: write it as 2027-01-01").replace("%1", text)) from None
        return tuple(days)

    def save(self) -> None:
        try:
            rules, days = self.collect()
            rules_service.save_rules(rules)
            work_calendar.save_clerk_days(days)
        except ValidationErrors as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), "\n".join(e.message for e in exc.errors))
            return
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        self.refresh()
        self.watch.saved(self.saved_note)
        if hasattr(self.state, "data_changed"):
            self.state.data_changed.emit()
