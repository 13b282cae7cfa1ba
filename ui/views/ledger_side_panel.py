"""The ledger's left panel: saved views, layered lists, per-person lists (with the "at least 6
problems" check) and the recycle bin. Choosing a node asks the page for that scope."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desk_app.domain import MIN_PROBLEMS_PER_PERSON, EntryKind, Layer
from desk_app.services import ledger_pickers, ledger_summary, org, saved_views
from desk_app.services.ledger_query import LedgerFilter
from ui.models.ledger_cell_look import solid_brush

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 10
SHORT = QColor("#c62828")


class LedgerSidePanel(QTreeWidget):
    scope_chosen = Signal(object, str)  # LedgerFilter (campaign left empty), what it is
    view_chosen = Signal(object)  # saved_views.SavedView

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ledger_side_panel")
        self.setHeaderHidden(True)
        self.setMinimumWidth(190)
        self.setMaximumWidth(300)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.short_item: QTreeWidgetItem | None = None

    def load(self, campaign_id: int | None, people: list | None = None) -> None:
        """`people`, when given, is org.list_people() as the caller has just read it (the active ones)."""
        self.clear()
        everything = self._node(None, self.tr("All entries"), ("scope", LedgerFilter()))
        views = self._node(None, self.tr("Views"), None)
        for view in saved_views.list_views():
            self._node(views, view.name, ("view", view))
        by_layer = self._node(None, self.tr("By layer"), None)
        layer_counts = {}
        if campaign_id is not None:
            f = LedgerFilter(campaign_id=campaign_id, kinds=[EntryKind.RECTIFICATION])
            layer_counts = ledger_summary.counts_by(f, "layer")  # from the tally, not a scan
        for layer in Layer:
            self._node(by_layer, f"{layer.value}（{layer_counts.get(layer.value, 0)}）",
                       ("scope", LedgerFilter(kinds=[EntryKind.RECTIFICATION], layers=[layer.value])))
        counts = ledger_pickers.owner_counts(campaign_id)
        if people is None:
            people = org.list_people()
        by_person = self._node(None, self.tr("By person"), None)
        departments: dict[str, QTreeWidgetItem] = {}
        short = []
        for p in people:
            dept = departments.get(p.department_name)
            if dept is None:
                dept = departments[p.department_name] = self._node(
                    by_person, p.department_name or self.tr("(no department)"), None)
            n = counts.get(p.id, 0)
            item = self._node(dept, f"{p.name}（{n}）", ("person", p.id, p.name))
            if n < MIN_PROBLEMS_PER_PERSON:
                item.setForeground(0, solid_brush(SHORT))
                item.setToolTip(0, self.tr("Fewer than %1 problems").replace("%1", str(MIN_PROBLEMS_PER_PERSON)))
                short.append((p, n))
        self.short_item = self._node(
            None, self.tr("Fewer than %1 problems (%2 people)").replace("%1", str(MIN_PROBLEMS_PER_PERSON))
            .replace("%2", str(len(short))), None)
        self.short_item.setForeground(0, solid_brush(SHORT if short else QColor("#2e7d32")))
        for p, n in short:
            item = self._node(self.short_item, f"{p.name}（{p.department_name}，{n}）", ("person", p.id, p.name))
            item.setForeground(0, solid_brush(SHORT))
        self._node(None, self.tr("Recycle bin"), ("scope", LedgerFilter(deleted=True)))
        for node in (views, by_layer, self.short_item):
            node.setExpanded(True)
        self.setCurrentItem(everything)

    def _node(self, parent, text, scope) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setToolTip(0, text)  # long department names are cut off in the narrow panel
        item.setData(0, SCOPE_ROLE, scope)
        if parent is None:
            self.addTopLevelItem(item)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        else:
            parent.addChild(item)
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        scope = item.data(0, SCOPE_ROLE)
        if scope is None:
            return
        if scope[0] == "view":
            self.view_chosen.emit(scope[1])
        elif scope[0] == "person":
            self.scope_chosen.emit(LedgerFilter(owner_ids=[scope[1]]), scope[2])
        else:
            self.scope_chosen.emit(scope[1], item.text(0))

    def select_person(self, person_id: int) -> None:
        """Highlight a person's node (when the ledger is opened for that person from 首页)."""
        for item in self._walk():
            scope = item.data(0, SCOPE_ROLE)
            if scope and scope[0] == "person" and scope[1] == person_id:
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)
                return

    def _walk(self):
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))
