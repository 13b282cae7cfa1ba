"""The merge view: someone else saved the record while you were editing it. Per field: yours, theirs, choose.

Shown instead of overwriting when a save is refused with StaleVersionError. Each row is a field whose
values differ: where only one side changed it, that side is chosen already; where both did, the row is
marked and the clerk picks (←/→ or a click). The panel below shows the current row's two texts in full.
"Save merged" saves the choice on top of the version now stored (save_merging does it for a whole save).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import StaleVersionError

from ..screen_fit import fit_to_screen

YOURS, THEIRS = "yours", "theirs"
UNDECIDED = QColor("#fff3e0")
SHOWN_CHARS = 60


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHOWN_CHARS else line[:SHOWN_CHARS - 1] + "…"


class MergeDialog(QDialog):
    """After exec() == Accepted: choices() (field -> 'yours'/'theirs') and resolved() (field -> value)."""

    def __init__(self, stale: StaleVersionError, parent=None):
        super().__init__(parent)
        self.stale = stale
        self.fields = list(stale.fields)
        self.setWindowTitle(self.tr("Merge changes: %1").replace("%1", stale.label))
        who = stale.changed_by or self.tr("someone else")
        when = stale.changed_at.strftime("%H:%M") if stale.changed_at else ""
        intro = QLabel(self.tr("<b>%1 saved this record at %2 while you were editing it.</b> Nothing of yours "
                               "is lost and nothing has been overwritten. For each field below choose which "
                               "version to keep, then save the result.").replace("%1", who).replace("%2", when))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(len(self.fields), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Yours"), self.tr("Theirs (%1)").replace("%1", who)])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.groups: list[QButtonGroup] = []
        for row, conflict in enumerate(self.fields):
            self._add_row(row, conflict)
        self.table.installEventFilter(self)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))
        self.yours_text, self.theirs_text = QPlainTextEdit(), QPlainTextEdit()
        for box in (self.yours_text, self.theirs_text):
            box.setReadOnly(True)
            box.setMaximumHeight(110)
        detail = QGridLayout()
        self.yours_label, self.theirs_label = QLabel(self.tr("Yours")), QLabel(self.tr("Theirs"))
        detail.addWidget(self.yours_label, 0, 0)
        detail.addWidget(self.theirs_label, 0, 1)
        detail.addWidget(self.yours_text, 1, 0)
        detail.addWidget(self.theirs_text, 1, 1)
        self.status = QLabel()
        self.status.setObjectName("merge_status")
        buttons = QDialogButtonBox()
        self.all_yours = QPushButton(self.tr("All mine"))
        self.all_theirs = QPushButton(self.tr("All theirs"))
        buttons.addButton(self.all_yours, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.all_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(self.tr("Save merged"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("Back to editing"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip(self.tr("Nothing is saved; your changes stay in the form"))
        self.all_yours.clicked.connect(lambda: self._choose_all(YOURS))
        self.all_theirs.clicked.connect(lambda: self._choose_all(THEIRS))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self._save_if_ready)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if not self.fields:
            none = QLabel(self.tr("Their changes do not touch the fields you changed: saving keeps both."))
            none.setWordWrap(True)
            layout.addWidget(none)
        layout.addWidget(self.table, 1)
        layout.addLayout(detail)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.table.setVisible(bool(self.fields))
        if self.fields:
            self.table.setCurrentCell(self._first_undecided(), 1)
        self._update()
        fit_to_screen(self, 900, 560)

    # -- rows ------------------------------------------------------------------------------------
    def _value_text(self, text: str) -> str:
        return _short(text) if text else self.tr("(empty)")

    def _add_row(self, row: int, conflict) -> None:
        name = QTableWidgetItem(conflict.label)
        if conflict.known_base:
            name.setToolTip(self.tr("Before either change: %1").replace("%1", conflict.base_text or self.tr("(empty)")))
        self.table.setItem(row, 0, name)
        group = QButtonGroup(self)
        for column, side, text in ((1, YOURS, conflict.yours_text), (2, THEIRS, conflict.theirs_text)):
            button = QRadioButton(self._value_text(text))
            button.setToolTip(text or self.tr("(empty)"))
            button.setProperty("side", side)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the keyboard: ←/→ choose
            group.addButton(button)
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(6, 0, 6, 0)
            cell_layout.addWidget(button)
            self.table.setCellWidget(row, column, cell)
            if conflict.suggestion == side:
                button.setChecked(True)
        group.buttonClicked.connect(lambda *_: self._update())
        self.groups.append(group)

    def _first_undecided(self) -> int:
        return next((row for row, group in enumerate(self.groups) if group.checkedButton() is None), 0)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.fields):
            return
        conflict = self.fields[row]
        self.yours_label.setText(self.tr("Yours: %1").replace("%1", conflict.label))
        self.theirs_label.setText(self.tr("Theirs: %1").replace("%1", conflict.label))
        self.yours_text.setPlainText(conflict.yours_text)
        self.theirs_text.setPlainText(conflict.theirs_text)

    def choose(self, row: int, side: str) -> None:
        for button in self.groups[row].buttons():
            if button.property("side") == side:
                button.setChecked(True)
        self._update()

    def _choose_all(self, side: str) -> None:
        for row in range(len(self.groups)):
            self.choose(row, side)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            row = self.table.currentRow()
            if row >= 0 and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.choose(row, YOURS if event.key() == Qt.Key.Key_Left else THEIRS)
                return True
        return super().eventFilter(watched, event)

    # -- state -----------------------------------------------------------------------------------
    def undecided(self) -> int:
        return sum(1 for group in self.groups if group.checkedButton() is None)

    def _update(self) -> None:
        left = self.undecided()
        for row, group in enumerate(self.groups):
            brush = QBrush(UNDECIDED) if group.checkedButton() is None else QBrush()
            self.table.item(row, 0).setBackground(brush)
        self.save_button.setEnabled(left == 0)
        if left:
            self.status.setText(self.tr("%1 fields changed on both sides: choose yours or theirs "
                                        "(← / → on the selected row)").replace("%1", str(left)))
        else:
            self.status.setText(self.tr("Every field is decided."))

    def _save_if_ready(self) -> None:
        if self.save_button.isEnabled():
            self.accept()

    def choices(self) -> dict[str, str]:
        return {conflict.name: group.checkedButton().property("side")
                for conflict, group in zip(self.fields, self.groups, strict=True) if group.checkedButton()}

    def resolved(self) -> dict[str, object]:
        chosen = self.choices()
        return {c.name: (c.yours if chosen.get(c.name) == YOURS else c.theirs) for c in self.fields}


def theirs_of(values: dict[str, object], stale: StaleVersionError) -> dict[str, object]:
    """The stored record's values for the fields of `values` (yours where the two did not differ)."""
    return {**values, **{c.name: c.theirs for c in stale.fields if c.name in values}}


def save_merging(parent, save, yours: dict[str, object], *, base_version: int, base: dict[str, object] | None,
                 dialog=None):
    """save(values, base_version, base) until it goes through; a stale save opens the merge view and
    tries again with the choice on the new version. (result, values saved, their base) or None when the
    clerk went back to editing (nothing saved)."""
    while True:
        try:
            return save(yours, base_version, base), yours, base
        except StaleVersionError as stale:
            view = (dialog or MergeDialog)(stale, parent)
            if view.exec() != QDialog.DialogCode.Accepted:
                return None
            base = theirs_of(yours, stale)
            yours = {**yours, **view.resolved()}
            base_version = stale.current_version


def save_text_merging(parent, field: str, save, record_id: int, text: str, base_version: int, base_text: str):
    """One text of a record (a meeting's 纪要 or 议程) saved as save(record_id, text, base_version=, base=);
    the text saved, or None when the clerk went back to editing."""
    outcome = save_merging(parent, lambda v, version, b: save(record_id, v[field], base_version=version, base=b[field]),
                           {field: text}, base_version=base_version, base={field: base_text})
    return None if outcome is None else outcome[1][field]
