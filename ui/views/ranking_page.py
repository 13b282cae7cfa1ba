"""评价排名: 作风指数评价 and any other ranked activity — rounds, the score grid (typed in or imported from
the scorer's Excel), the ranking with the last three and who is due a 提醒约谈, the 约谈 list, printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.reports.options import PrintOptions
from desk_app.reports.ranking_pdf import change_text, mark_text, score_text
from desk_app.services import rankings, rankings_rules
from desk_app.services.rankings import ScoreInput

from ..tasks import Task, run_with_progress
from .bulletin_export import _in_worker, add_export_buttons, export_file
from .print_actions import add_print_actions
from .ranking_dialogs import ImportPreviewDialog, InterviewDialog, KindDialog, RoundDialog

FLAG = QColor("#fdecea")
DUE = QColor("#c62828")
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ScoresTab(QWidget):
    def __init__(self, page, parent=None):
        super().__init__(parent)
        self.page = page
        self.rounds = QListWidget()
        self.rounds.setObjectName("ranking_rounds")
        self.rounds.currentRowChanged.connect(lambda *_: self.show_round())
        new_round = QPushButton(self.tr("New round…"))
        new_round.clicked.connect(self.new_round)
        delete_round = QPushButton(self.tr("Delete round"))
        delete_round.clicked.connect(self.delete_round)
        left = QVBoxLayout()
        left.addWidget(self.rounds, 1)
        row = QHBoxLayout()
        row.addWidget(new_round)
        row.addWidget(delete_round)
        left.addLayout(row)
        self.info = QLabel()
        self.info.setObjectName("ranking_info")
        self.info.setWordWrap(True)
        self.grid = QTableWidget(0, 0)
        self.grid.setObjectName("ranking_grid")
        self.grid.verticalHeader().setVisible(False)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.itemChanged.connect(lambda *_: self._mark_dirty())
        bar = QHBoxLayout()
        self.add_row = QPushButton(self.tr("Add row"))
        self.add_row.clicked.connect(self._add_row)
        self.remove_row = QPushButton(self.tr("Remove row"))
        self.remove_row.clicked.connect(self._remove_row)
        self.save_button = QPushButton(self.tr("Save scores"))
        self.save_button.setObjectName("save_scores")
        self.save_button.setToolTip(self.tr("Save the scores and rank them again (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.clicked.connect(lambda: self.import_scores())
        for button in (self.add_row, self.remove_row, self.save_button, self.import_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.print_button, self.pdf_button = add_print_actions(bar, self, self.print_options, ["ranking", "interviews"])
        add_export_buttons(bar, self, self.export)
        right = QVBoxLayout()
        right.addWidget(self.info)
        right.addLayout(bar)
        right.addWidget(self.grid, 1)
        hint = QLabel(self.tr("Type or paste the scores, then Save: the places, the last three (shaded) and who is "
                              "due a reminder talk (red) are worked out across the rounds."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #607d8b;")
        right.addWidget(hint)
        splitter = QSplitter()
        lw, rw = QWidget(), QWidget()
        lw.setLayout(left)
        rw.setLayout(right)
        splitter.addWidget(lw)
        splitter.addWidget(rw)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.grid)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        self.item_names: list[str] = []
        self.dirty = False
        self.shown_id: int | None = None

    # --- rounds -----------------------------------------------------------------------------------
    def kind(self) -> rankings.KindRecord | None:
        return self.page.kind()

    def current_round(self) -> rankings.RoundRecord | None:
        item = self.rounds.currentItem()
        return rankings.get_round(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def refresh(self, select: int | None = None) -> None:
        kind = self.kind()
        current = self.current_round()
        wanted = select if select is not None else (current.id if current else None)
        self.rounds.blockSignals(True)
        self.rounds.clear()
        rounds = list(reversed(rankings.list_rounds(kind.id))) if kind else []
        for r in rounds:
            item = QListWidgetItem(f"{r.label}（{r.score_count}）")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.rounds.addItem(item)
        row = next((i for i, r in enumerate(rounds) if r.id == wanted), 0)
        self.rounds.setCurrentRow(row if rounds else -1)
        self.rounds.blockSignals(False)
        self.show_round()

    def new_round(self) -> None:
        kind = self.kind()
        if kind is None:
            return
        dialog = RoundDialog(kind, self)
        if dialog.exec():
            self.page.state.data_changed.emit()
            self.refresh(select=dialog.result_record.id)

    def delete_round(self) -> None:
        r = self.current_round()
        if r is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete round"),
                                      self.tr("Delete %1 with its %2 scores and recorded talks? The history keeps "
                                              "the scores.").replace("%1", r.display_title)
                                      .replace("%2", str(r.score_count)))
        if answer == QMessageBox.StandardButton.Yes:
            rankings.delete_round(r.id)
            self.page.state.data_changed.emit()
            self.refresh()

    # --- the grid ---------------------------------------------------------------------------------
    def _keep_typed_scores(self, leaving: int | None) -> None:
        """Scores typed but not saved when the clerk moves to another round: offer to save them."""
        if not self.dirty or leaving is None:
            return
        self.dirty = False
        answer = QMessageBox.question(self, self.tr("Save scores"),
                                      self.tr("Save the scores typed for the round you left?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            rankings.set_scores(leaving, self.grid_scores())
            self.page.state.data_changed.emit()
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Save scores"), exc.message)

    def show_round(self) -> None:
        r = self.current_round()
        if self.shown_id is not None and (r is None or r.id != self.shown_id):
            self._keep_typed_scores(self.shown_id)
        self.shown_id = r.id if r else None
        kind = self.kind()
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.setRowCount(0)
        for w in (self.add_row, self.remove_row, self.save_button, self.import_button):
            w.setEnabled(r is not None)
        if r is None or kind is None:
            self.info.setText(self.tr("No round yet. Create one, then type the scores or import the scorer's Excel.")
                              if kind else "")
            self.grid.blockSignals(False)
            return
        result = rankings_rules.ranking(r.id)
        self.item_names = list(result.item_names)
        labels = [kind.subject_label, *self.item_names, self.tr("Score"), self.tr("Place"),
                  self.tr("Change"), self.tr("Note")]
        self.grid.setColumnCount(len(labels))
        self.grid.setHorizontalHeaderLabels(labels)
        rows = result.rows or [None] * 0
        subjects = [row.subject for row in rows] or rankings.default_subjects(kind.id)
        self.grid.setRowCount(len(subjects))
        by_subject = {row.subject: row for row in rows}
        for n, subject in enumerate(subjects):
            row = by_subject.get(subject)
            values = [subject, *(score_text(row.items.get(i)) if row and i in row.items else "" for i in self.item_names),
                      score_text(row.score) if row else ""]
            for c, text in enumerate(values):
                self.grid.setItem(n, c, self._item(text, EDITABLE))
            fixed = [str(row.rank) if row else "", change_text(row) if row and result.previous else "",
                     mark_text(row, kind) if row else ""]
            for c, text in enumerate(fixed, start=len(values)):
                self.grid.setItem(n, c, self._item(text, READ_ONLY))
            if row is not None and (row.bottom or row.interview_due):
                for c in range(self.grid.columnCount()):
                    self.grid.item(n, c).setBackground(QBrush(FLAG))
                if row.interview_due:
                    self.grid.item(n, self.grid.columnCount() - 1).setForeground(QBrush(DUE))
        self.grid.resizeColumnsToContents()
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.grid.blockSignals(False)
        due = "、".join(row.subject for row in result.interviews) or self.tr("none")
        self.info.setText(
            self.tr("%1 — scored by %2 on %3; %4 scored; rule: %5. Due a reminder talk: %6.")
            .replace("%1", r.display_title).replace("%2", r.scorer or "—")
            .replace("%3", str(r.scored_on or "—")).replace("%4", str(len(rows)))
            .replace("%5", kind.rule_text).replace("%6", due))
        self.dirty = False

    def _item(self, text: str, flags) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(flags)
        if flags == READ_ONLY:
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    def paste(self, text: str | None = None) -> None:
        """Cells copied from Excel or WPS (tab-separated lines) go in from the current cell on, adding rows
        as needed; the computed columns (名次, 较上轮, 备注) are left alone."""
        if text is None:
            from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

            text = QGuiApplication.clipboard().text()
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").rstrip("\n").split("\n") if line.strip()]
        if not rows or self.current_round() is None:
            return
        top, left = max(self.grid.currentRow(), 0), max(self.grid.currentColumn(), 0)
        editable = len(self.item_names) + 2
        for r, values in enumerate(rows, start=top):
            if r >= self.grid.rowCount():
                self._add_row()
            for c, value in enumerate(values, start=left):
                if c < editable:
                    self.grid.item(r, c).setText(value.strip())
        self.dirty = True

    def _mark_dirty(self) -> None:
        self.dirty = True

    def _add_row(self, edit: bool = True) -> None:
        n = self.grid.rowCount()
        self.grid.insertRow(n)
        for c in range(self.grid.columnCount()):
            self.grid.setItem(n, c, self._item("", EDITABLE if c <= len(self.item_names) + 1 else READ_ONLY))
        self.grid.setCurrentCell(n, 0)
        self.grid.editItem(self.grid.item(n, 0))

    def _remove_row(self) -> None:
        rows = sorted({i.row() for i in self.grid.selectedIndexes()}, reverse=True)
        for n in rows:
            self.grid.removeRow(n)
        self.dirty = bool(rows) or self.dirty

    def grid_scores(self) -> list[ScoreInput]:
        """The grid as scores: rows without a score are left out (not scored this round)."""
        out = []
        score_col = len(self.item_names) + 1
        for n in range(self.grid.rowCount()):
            cell = self.grid.item(n, 0)
            subject = cell.text().strip() if cell else ""
            score_cell = self.grid.item(n, score_col)
            score = score_cell.text().strip() if score_cell else ""
            if not subject and not score:
                continue
            if not score:
                continue
            items = {}
            for i, name in enumerate(self.item_names, start=1):
                value = self.grid.item(n, i).text().strip() if self.grid.item(n, i) else ""
                if value:
                    items[name] = value
            out.append(ScoreInput(subject, score, items))
        return out

    def save(self) -> bool:
        r = self.current_round()
        if r is None:
            return False
        try:
            rankings.set_scores(r.id, self.grid_scores())
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Save scores"), exc.message)
            return False
        self.page.state.data_changed.emit()
        self.refresh(select=r.id)
        return True

    def import_scores(self, path: str | None = None, confirm: bool = True) -> bool:
        from desk_app.exchange.scores_import import apply_scores, preview_scores  # noqa: PLC0415

        r, kind = self.current_round(), self.kind()
        if r is None or kind is None:
            return False
        if path is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import scores"), folder, "Excel (*.xlsx)")
            if not path:
                return False
        try:
            preview = preview_scores(path, r.period, kind.name)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Import scores"), exc.message)
            return False
        if confirm and not ImportPreviewDialog(preview, self).exec():
            return False
        task = Task(_in_worker(lambda progress: apply_scores(preview, progress=progress)),
                    self.tr("Importing %1…").replace("%1", Path(path).name))
        task.finished_ok.connect(lambda result: (self.page.state.data_changed.emit(), self.refresh(select=r.id)))
        run_with_progress(self, task)
        return True

    def print_options(self) -> PrintOptions | None:
        r = self.current_round()
        if r is None:
            return None
        return PrintOptions(period=r.period, ranking_kind=r.kind_name)

    def export(self, suffix: str):
        r = self.current_round()
        if r is None:
            return None
        return export_file(self, "ranking", self.page.state.campaign_id or 0, suffix, f"{r.display_title}通报",
                           period=r.period, kind=r.kind_name)


class InterviewsTab(QWidget):
    def __init__(self, page, parent=None):
        super().__init__(parent)
        self.page = page
        labels = [self.tr("Activity"), self.tr("Round"), self.tr("Who"), self.tr("Why"), self.tr("Planned on"),
                  self.tr("Held on"), self.tr("Talk held by"), self.tr("Talked to"), self.tr("Outcome"),
                  self.tr("Status")]
        self.table = QTableWidget(0, len(labels))
        self.table.setObjectName("interviews_table")
        self.table.setHorizontalHeaderLabels(labels)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.cellDoubleClicked.connect(lambda *_: self.record())
        record = QPushButton(self.tr("Record talk…"))
        record.clicked.connect(self.record)
        bar = QHBoxLayout()
        bar.addWidget(record)
        bar.addStretch(1)
        add_print_actions(bar, self, lambda: PrintOptions(), ["interviews"])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.rows: list[rankings_rules.InterviewRow] = []

    def refresh(self) -> None:
        self.rows = rankings_rules.interviews()
        self.table.setRowCount(len(self.rows))
        for n, x in enumerate(self.rows):
            values = [x.kind_name, x.round_label, x.subject, x.reason, str(x.planned_on or ""), str(x.held_on or ""),
                      x.interviewer, x.attendees, x.outcome, x.status]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == len(values) - 1 and not x.held_on and x.due:
                    item.setForeground(QBrush(DUE))
                self.table.setItem(n, c, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 300))  # 约谈原因 wraps
        self.table.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

    def record(self) -> None:
        n = self.table.currentRow()
        if not 0 <= n < len(self.rows):
            return
        if InterviewDialog(self.rows[n], self).exec():
            self.page.state.data_changed.emit()
            self.refresh()
            self.table.selectRow(n)


class RankingPage(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Rankings"))
        heading = QLabel(self.tr("Rankings"))
        font = heading.font()
        font.setPointSizeF(14)
        font.setBold(True)
        heading.setFont(font)
        self.kinds = QComboBox()
        self.kinds.setObjectName("ranking_kinds")
        self.kinds.currentIndexChanged.connect(lambda *_: self.scores.refresh())
        new_kind = QPushButton(self.tr("New activity…"))
        new_kind.clicked.connect(self.new_kind)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Activity:")))
        top.addWidget(self.kinds)
        top.addWidget(new_kind)
        self.scores = ScoresTab(self)
        self.interviews = InterviewsTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.scores, self.tr("Scores and ranking"))
        self.tabs.addTab(self.interviews, self.tr("Reminder talks"))
        self.tabs.currentChanged.connect(lambda *_: self.refresh())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def kind(self) -> rankings.KindRecord | None:
        kind_id = self.kinds.currentData()
        return rankings.get_kind(kind_id) if kind_id else None

    def refresh(self) -> None:
        current = self.kinds.currentData()
        self.kinds.blockSignals(True)
        self.kinds.clear()
        for k in rankings.list_kinds():
            self.kinds.addItem(k.name, k.id)
        index = self.kinds.findData(current)
        self.kinds.setCurrentIndex(index if index >= 0 else 0)
        self.kinds.blockSignals(False)
        self.tabs.currentWidget().refresh()

    def new_kind(self) -> None:
        dialog = KindDialog(self)
        if dialog.exec():
            self.refresh()
            self.kinds.setCurrentIndex(self.kinds.findData(dialog.result_record.id))
