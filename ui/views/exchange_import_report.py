"""The import wizard's last two views: the column mapping the clerk can change, and the row-by-row
report (problems, hints, values read as words, rows skipped, merged cells filled)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from desk_app.exchange.xlsx_header import column_letter
from desk_app.exchange.xlsx_vocab import IGNORE, KEEP, field_labels

SAMPLE_ROWS = 3
COLORS = {"problem": "#b71c1c", "warning": "#8a6d00", "update": "#1a4f8b", "reading": "#2e5d34",
          "already": "#555555", "skipped": "#555555", "filled": "#555555"}


class MappingTable(QTableWidget):
    """One row per column of the sheet: its header, sample values, and what it imports as."""

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([self.tr("Column in the sheet"), self.tr("Sample values"),
                                        self.tr("Imports as"), self.tr("Why")])
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def show_columns(self, content, mapping: dict[int, str]) -> None:
        self.setRowCount(len(content.headers))
        for index, header in enumerate(content.headers):
            name = f"{column_letter(index)}  {header}" if header else f"{column_letter(index)}  {self.tr('(no header)')}"
            self.setItem(index, 0, QTableWidgetItem(name))
            samples = [str(values[index]) for _, values, _ in content.rows[:SAMPLE_ROWS]
                       if index < len(values) and values[index] is not None]
            self.setItem(index, 1, QTableWidgetItem(" | ".join(s[:40] for s in samples)))
            combo = QComboBox()
            combo.addItem(self.tr("Keep in 备注 (原表其他列)"), KEEP)
            combo.addItem(self.tr("Leave out"), IGNORE)
            for key, label in field_labels().items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(mapping.get(index, IGNORE)), 0))
            self.setCellWidget(index, 2, combo)
            self.setItem(index, 3, QTableWidgetItem(content.why.get(index, "")))
        for column in (0, 2, 3):
            self.resizeColumnToContents(column)

    def mapping(self) -> dict[int, str]:
        return {index: self.cellWidget(index, 2).currentData() for index in range(self.rowCount())}

    def set_mapping(self, mapping: dict[int, str]) -> None:
        for index in range(self.rowCount()):
            combo = self.cellWidget(index, 2)
            combo.setCurrentIndex(max(combo.findData(mapping.get(index, IGNORE)), 0))


class ReportTable(QTableWidget):
    """Every line of the plan's report, problems first; the kind filter narrows it down."""

    KINDS = ("problem", "warning", "update", "already", "reading", "skipped", "filled")

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("What"), self.tr("Kind")])
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lines: list[tuple[int, str, str, str]] = []

    def kind_labels(self) -> dict[str, str]:
        return {"problem": self.tr("Problem"), "warning": self.tr("Hint"), "update": self.tr("Update"),
                "already": self.tr("Already here"),
                "reading": self.tr("Read as"), "skipped": self.tr("Skipped row"), "filled": self.tr("Merged cells")}

    def show_plan(self, plan, kind: str = "") -> None:
        lines = ([(p.row, p.column, p.message, "problem") for r in plan.rows for p in r.problems]
                 + [(p.row, p.column, p.message, "warning") for r in plan.rows for p in r.warnings]
                 + [(r.row, r.existing.code, self.tr("Updates: %1").replace("%1", "；".join(r.changes)), "update")
                    for r in plan.rows if r.ok and r.is_update]
                 + [(r.row, r.existing.code, self.tr("Already in the ledger (the same problem, unit and person as "
                                                     "this entry): not imported again"), "already")
                    for r in plan.rows if r.ok and r.is_unchanged and r.matched_by_content]
                 + [(p.row, p.column, p.message, "reading") for r in plan.rows for p in r.readings]
                 + [(s.row, "", f"{s.reason}" + (f"“{s.text}”" if s.text else ""), "skipped") for s in plan.skipped]
                 + [(f.first, f.label, self.tr("Rows %1–%2 are one merged cell: its value was given to every row")
                     .replace("%1", str(f.first)).replace("%2", str(f.last)), "filled") for f in plan.filled])
        order = {k: i for i, k in enumerate(self.KINDS)}
        lines.sort(key=lambda line: (order[line[3]], line[0]))
        self.lines = lines
        self.filter(kind)

    def filter(self, kind: str = "") -> None:
        shown = [line for line in self.lines if not kind or line[3] == kind]
        labels = self.kind_labels()
        self.setUpdatesEnabled(False)
        self.setRowCount(len(shown))
        for r, (row, column, message, what) in enumerate(shown):
            for c, text in enumerate((str(row), column, message, labels[what])):
                item = QTableWidgetItem(text)
                item.setForeground(QColor(COLORS[what]))
                self.setItem(r, c, item)
        self.setUpdatesEnabled(True)
        for column in (0, 1, 3):
            self.resizeColumnToContents(column)
        self.setColumnWidth(1, min(self.columnWidth(1), 240))
