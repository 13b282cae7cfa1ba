"""Multi-value filters as Excel has them: a drop-down list of checkable values with their counts, a search
line over the values, 全选, and 确定 / 取消. Used by the filter bar's buttons and by each column header.

Nothing checked and everything checked both mean "no condition on this field" (an empty list).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_EMS = 7  # the widest value a button shows in full, in widths of "M" (科长(主任), 未启动、推进中)


class CheckListPopup(QFrame):
    """A popup list; emits chosen(values) on 确定 (Enter), nothing on 取消 (Esc)."""

    chosen = Signal(list)

    def __init__(self, items: list[tuple[str, object]], selected: list, parent=None, *,
                 counts: dict | None = None, extra=None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("checklist_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit()
        self.search.setObjectName("checklist_search")
        self.search.setPlaceholderText(self.tr("Find a value…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_items)
        self.all_box = QCheckBox(self.tr("(Select all)"))
        self.all_box.setObjectName("checklist_all")
        self.all_box.setTristate(False)
        self.all_box.clicked.connect(self._all_clicked)
        self.list = QListWidget()
        self.list.setObjectName("checklist_list")
        chosen = set(selected) if selected else {value for _, value in items}  # no condition: all ticked
        for text, value in items:
            count = counts.get(value) if counts is not None else None
            item = QListWidgetItem(text if count is None else f"{text}（{count:,}）")
            item.setData(VALUE_ROLE, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda *_: self._sync_all_box())
        self.list.setMinimumWidth(220)
        self.list.setMaximumHeight(320)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.close)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        if extra is not None:  # e.g. the header's sort commands, above the values
            layout.addWidget(extra)
        layout.addWidget(self.search)
        layout.addWidget(self.all_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        self._sync_all_box()
        self.list.setFocus()
        if self.list.count():
            self.list.setCurrentRow(0)

    def values(self) -> list:
        """The checked values; [] when none or all are checked (no condition)."""
        checked = [self.list.item(i).data(VALUE_ROLE) for i in range(self.list.count())
                   if self.list.item(i).checkState() == Qt.CheckState.Checked]
        return [] if len(checked) == self.list.count() else checked

    def check(self, values) -> None:
        wanted = set(values)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(VALUE_ROLE) in wanted else Qt.CheckState.Unchecked)

    def accept(self) -> None:
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return
        values = self.values()
        self.close()
        self.chosen.emit(values)

    def popup_at(self, pos: QPoint) -> None:
        self.adjustSize()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            pos = QPoint(min(pos.x(), screen.right() - self.width()), min(pos.y(), screen.bottom() - self.height()))
        self.move(pos)
        self.show()
        self.list.setFocus()

    def _filter_items(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _all_clicked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            if not self.list.item(i).isHidden():
                self.list.item(i).setCheckState(state)
        self.list.blockSignals(False)
        self._sync_all_box()

    def _sync_all_box(self) -> None:
        checked = sum(1 for i in range(self.list.count())
                      if self.list.item(i).checkState() == Qt.CheckState.Checked)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(checked > 0)  # a filter listing nothing
        self.all_box.blockSignals(True)
        self.all_box.setChecked(checked == self.list.count() and checked > 0)
        self.all_box.blockSignals(False)


class CheckListButton(QToolButton):
    """A filter field in the bar: "状态：全部" / "状态：申请销号" / "状态：3 项", a checkable list when clicked."""

    changed = Signal()

    def __init__(self, label: str, parent=None):
        super().__init__(parent)
        self.label = label
        self._items: list[tuple[str, object]] = []
        self._values: list = []
        self.counts_for = None  # callable returning {value: count} when the popup opens
        self.popup: CheckListPopup | None = None
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may narrow (minimumSizeHint)
        self.setStyleSheet("QToolButton { padding: 3px 6px; border: 1px solid #b0bec5; border-radius: 3px; }"
                           "QToolButton[active=\"true\"] { border-color: #1565c0; color: #0d47a1; "
                           "background: #e3f2fd; }")
        self.clicked.connect(self.open_popup)
        # Not active, as _show() would find: it restyles only on a change, and a restyle here (before the button
        # is ever polished) would build Qt's style types before the first paint, for nothing.
        self.setProperty("active", False)
        self._show()

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        """As narrow as the button showing 全部, whatever it shows: a bar short of room narrows the buttons
        showing a (longer) value, and what a button shows never changes how wide the bar, the page and the
        window must be (each such change laid out and repainted all of them)."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        padding = hint.width() - metrics.horizontalAdvance(self.text())
        least = padding + metrics.horizontalAdvance(f"{self.label}：{self.tr('all')} ▾")
        return QSize(min(hint.width(), least), hint.height())

    def set_items(self, items: list[tuple[str, object]]) -> None:
        self._items = list(items)
        known = {v for _, v in self._items}
        self._values = [v for v in self._values if v in known]
        self._show()

    def items(self) -> list[tuple[str, object]]:
        return list(self._items)

    def values(self) -> list:
        return list(self._values)

    def set_values(self, values, *, emit: bool = True) -> None:
        values = list(values or [])
        if values == self._values:
            return
        self._values = values
        self._show()
        if emit:
            self.changed.emit()

    def text_of(self, value) -> str:
        return next((t for t, v in self._items if v == value), str(value))

    def _show(self) -> None:
        if not self._values:
            shown = self.tr("all")
        elif len(self._values) <= 2:
            shown = "、".join(self.text_of(v) for v in self._values)
        else:
            shown = self.tr("%1 chosen").replace("%1", str(len(self._values)))
        # A long value (主要业务经办人员, two departments) is cut short with …, the tooltip names it in full: a
        # button as wide as its value would widen the bar, and with it the window, and lay out everything again.
        metrics = self.fontMetrics()
        shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, metrics.horizontalAdvance("M") * SHOWN_EMS)
        self.setText(f"{self.label}：{shown} ▾")
        self.setToolTip("、".join(self.text_of(v) for v in self._values) if self._values else "")
        if self.property("active") != bool(self._values):  # restyling costs more than the rest of a change here
            self.setProperty("active", bool(self._values))
            self.style().unpolish(self)
            self.style().polish(self)

    def open_popup(self) -> CheckListPopup:
        counts = self.counts_for() if self.counts_for is not None else None
        self.popup = CheckListPopup(self._items, self._values, self, counts=counts)
        self.popup.chosen.connect(self.set_values)
        self.popup.popup_at(self.mapToGlobal(QPoint(0, self.height())))
        return self.popup
