"""月度调度: the open entries of the current filter with an inline 本月进展 field.

Keyboard only: Enter (or typing) starts editing the current row's progress, Enter saves and moves
to the next row, Esc cancels the edit, Ctrl+Z undoes the last saved progress.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
)

from desk_app.domain import OPEN_STATUSES
from desk_app.services import context, ledger
from ui.models import dispatch_schedule
from ui.models.ledger_dispatch_model import PROGRESS_COLUMN, DispatchModel, previous_month

from ..screen_fit import fit_to_screen, keep_on_screen
from .ledger_empty import EmptyPlaceholder
from .ledger_undo import MonthProgressCommand
from .measure_undo import PlanCommand

MONTHS_OFFERED = 6
PREFERRED_WIDTH = 1350  # a 1366-wide screen, frame included: the problem text is what the clerk reads
GEOMETRY_KEY = "dispatch_dialog/geometry"
# The columns that share what the fixed ones leave: 问题表现, 本月进展 (typed into), 上月进展; weight, least width.
SHARED_COLUMNS = ((2, 4, 160), (PROGRESS_COLUMN, 4, 220), (6, 2, 110))


class ProgressDelegate(QStyledItemDelegate):
    """A one-line editor: what a clerk types for a month's progress, Enter to save."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        editor = QLineEdit(parent)
        editor.setObjectName("month_progress_editor")
        editor.setFrame(False)
        editor.setMaxLength(2000)
        return editor


class DispatchTable(QTableView):
    """Enter on a row edits its progress; Enter in the editor saves and goes on to the next row. The columns
    follow the window's width, so 问题编号 and 问题表现 stay in view beside the 本月进展 being typed."""

    def resizeEvent(self, event):  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        metrics = self.fontMetrics()
        pad = 18
        fixed = {0: 30, 1: metrics.horizontalAdvance("ZG-2026-00000") + pad,
                 3: metrics.horizontalAdvance("经济建设科 / 董国庆") + pad,
                 4: metrics.horizontalAdvance("2026年12月31日") + pad}
        if not self.isColumnHidden(dispatch_schedule.SCHEDULE_COLUMN):
            fixed[dispatch_schedule.SCHEDULE_COLUMN] = 180
        left = self.viewport().width() - sum(fixed.values())
        weights = sum(weight for _col, weight, _least in SHARED_COLUMNS)
        for col, width in fixed.items():
            self.setColumnWidth(col, width)
        for col, weight, least in SHARED_COLUMNS:
            self.setColumnWidth(col, max(least, left * weight // weights))

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self.edit_row(self.currentIndex().row() if self.currentIndex().isValid() else 0)
            return
        super().keyPressEvent(event)

    def edit_row(self, row: int) -> None:
        if not 0 <= row < self.model().rowCount():
            return
        index = self.model().index(row, PROGRESS_COLUMN)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)

    def editor_closed(self, _editor, hint) -> None:
        """Connected to the delegate's closeEditor signal (a Python override of the view's virtual
        closeEditor upsets PySide's reference counts over hundreds of edits)."""
        row = self.currentIndex().row()
        # The next editor opens once this one is gone (opening it while it closes fails).
        if hint in (QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                    QAbstractItemDelegate.EndEditHint.EditNextItem):
            QTimer.singleShot(0, lambda: self.edit_row(row + 1))
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            QTimer.singleShot(0, lambda: self.edit_row(row - 1))


class DispatchDialog(QDialog):
    def __init__(self, ledger_filter, undo_stack, on_change, parent=None, *, conditions: list[str] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Monthly dispatch"))
        self.undo_stack = undo_stack
        self.on_change = on_change
        today = context.today()
        month = today.strftime("%Y-%m")
        self.month = QComboBox()
        m = month
        for _ in range(MONTHS_OFFERED):
            self.month.addItem(m, m)
            m = previous_month(m)
        self.model = DispatchModel(ledger_filter, month, self)
        self.model.saved.connect(self._saved)
        self.model.plan_saved.connect(lambda change: self.undo_stack.push(  # 序时进度 typed in (issue 15)
            PlanCommand(change, self._after_undo, self)))
        self.model.failed.connect(lambda message: QMessageBox.warning(self, self.tr("Cannot save"), message))
        self.table = DispatchTable()
        self.table.setObjectName("dispatch_table")
        self.table.setModel(self.model)
        self.placeholder = EmptyPlaceholder(self.table, self.empty_reason(ledger_filter, conditions or []))
        delegate = ProgressDelegate(self.table)
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, delegate)
        delegate.closeEditor.connect(self.table.editor_closed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        if not dispatch_schedule.shown(ledger_filter):  # 重点任务: their 序时进度, typed in as the month's actual %
            self.table.setColumnHidden(dispatch_schedule.SCHEDULE_COLUMN, True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.count_label = QLabel()
        self.count_label.setObjectName("dispatch_count")
        self.month.currentIndexChanged.connect(self._month_changed)
        undo = undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(undo)
        self.addAction(redo)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month:")))
        top.addWidget(self.month)
        top.addWidget(QLabel(self.tr("Enter: edit / save and go to the next row · Esc: cancel the edit · "
                                     "Ctrl+Z: undo")), 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        undo_stack.indexChanged.connect(self._undo_moved)
        fit_to_screen(self, PREFERRED_WIDTH, 740)
        geometry = QSettings().value(GEOMETRY_KEY)
        if geometry is not None and self.restoreGeometry(geometry):  # the size the clerk gave it last time
            keep_on_screen(self)
        self._update_count()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, PROGRESS_COLUMN))
        self.table.setFocus()

    def empty_reason(self, f, conditions: list[str]) -> str:
        """Why the list is empty, and what to do: the dispatch lists the open entries of the ledger's filter."""
        open_statuses = {s.value for s in OPEN_STATUSES}
        if f.statuses and not open_statuses.intersection(f.statuses):
            return self.tr("The monthly dispatch lists open entries (not started or in progress), but the ledger "
                           "is filtered to %1. Remove that condition in the ledger (or choose All entries) and "
                           "open the dispatch again.").replace("%1", "、".join(f.statuses))
        if conditions:
            return self.tr("No open entry (not started or in progress) matches the ledger's filter: %1. Remove a "
                           "condition in the ledger and open the dispatch again.").replace("%1", "，".join(conditions))
        return self.tr("This campaign has no open entries (not started or in progress): there is no progress "
                       "to report this month.")

    def _month_changed(self) -> None:
        self.model.set_month(self.month.currentData())
        self._update_count()

    def _saved(self, change) -> None:
        code = ledger.get_entry(change.entry_id).code
        self.undo_stack.push(MonthProgressCommand(change, code, self._after_undo, self))
        self._update_count()

    def _after_undo(self) -> None:
        self.model.reload_all()
        self._update_count()

    def _undo_moved(self, *_) -> None:
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(self.tr("Filled %1 of %2").replace("%1", str(self.model.filled()))
                                 .replace("%2", str(total)))

    def done(self, result):  # noqa: D102 - disconnect from the page's stack when closing
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        try:
            self.undo_stack.indexChanged.disconnect(self._undo_moved)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
