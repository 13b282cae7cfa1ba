"""设置 › 科室与人员: departments in the clerk's fixed order, and the people who work in them."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import org

from .org_person_dialog import PersonDialog


class OrgSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Departments and people"))
        # Departments
        self.departments = QListWidget()
        self.departments.setObjectName("departments")
        self.departments.itemDoubleClicked.connect(lambda _item: self.rename_department())
        add_dept = QPushButton(self.tr("Add…"))
        add_dept.clicked.connect(self.add_department)
        rename = QPushButton(self.tr("Rename…"))
        rename.clicked.connect(self.rename_department)
        up = QPushButton(self.tr("Move up"))
        up.setToolTip(self.tr("Alt+Up"))
        up.clicked.connect(lambda: self.move_department(-1))
        down = QPushButton(self.tr("Move down"))
        down.setToolTip(self.tr("Alt+Down"))
        down.clicked.connect(lambda: self.move_department(1))
        self.toggle_dept = QPushButton(self.tr("Deactivate"))
        self.toggle_dept.clicked.connect(self.toggle_department)
        QShortcut(QKeySequence("Alt+Up"), self.departments, lambda: self.move_department(-1))
        QShortcut(QKeySequence("Alt+Down"), self.departments, lambda: self.move_department(1))
        dept_buttons = QHBoxLayout()
        for b in (add_dept, rename, up, down, self.toggle_dept):
            dept_buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("Departments (printed lists follow this order):")))
        left_layout.addWidget(self.departments)
        left_layout.addLayout(dept_buttons)
        # People
        self.people_model = QStandardItemModel(0, 6, self)
        self.people_model.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Department"), self.tr("Title"), self.tr("Level"), self.tr("Phone"),
            self.tr("Status")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.people_model)
        self.proxy.setFilterKeyColumn(-1)
        self.people = QTableView()
        self.people.setObjectName("people")
        self.people.setModel(self.proxy)
        self.people.setSortingEnabled(True)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people.verticalHeader().hide()
        self.people.doubleClicked.connect(lambda _i: self.edit_person())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a person…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.show_inactive = QCheckBox(self.tr("Show people who left"))
        self.show_inactive.toggled.connect(self.refresh)
        add_person = QPushButton(self.tr("Add person…"))
        add_person.clicked.connect(self.add_person)
        edit_person = QPushButton(self.tr("Edit…"))
        edit_person.clicked.connect(self.edit_person)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        top.addWidget(add_person)
        top.addWidget(edit_person)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(top)
        right_layout.addWidget(self.people)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.departments.currentRowChanged.connect(self._update_toggle)
        self.refresh()

    # -- departments ------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self._current_department_id()
        self.departments.clear()
        for d in org.list_departments(include_inactive=True):
            text = d.name if d.active else self.tr("%1 (inactive)").replace("%1", d.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, d.active)
            self.departments.addItem(item)
            if d.id == current:
                self.departments.setCurrentItem(item)
        self._fill_people()

    def _current_department_id(self):
        item = self.departments.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_toggle(self, *_):
        item = self.departments.currentItem()
        active = item.data(Qt.ItemDataRole.UserRole + 1) if item else True
        self.toggle_dept.setText(self.tr("Deactivate") if active else self.tr("Activate"))

    def _run(self, action) -> bool:
        try:
            action()
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return False
        self.refresh()
        self.state.data_changed.emit()
        return True

    def add_department(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New department"), self.tr("Name:"))
        if ok:
            self._run(lambda: org.create_department(name))

    def rename_department(self) -> None:
        dept_id = self._current_department_id()
        if dept_id is None:
            return
        old = next(d for d in org.list_departments(include_inactive=True) if d.id == dept_id)
        name, ok = QInputDialog.getText(self, self.tr("Rename department"), self.tr("Name:"), text=old.name)
        if ok and name.strip() != old.name:
            self._run(lambda: org.update_department(dept_id, name=name))

    def move_department(self, step: int) -> None:
        row = self.departments.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.departments.count():
            return
        ids = [self.departments.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.departments.count())]
        ids.insert(target, ids.pop(row))
        self._run(lambda: org.reorder_departments(ids))
        self.departments.setCurrentRow(target)

    def toggle_department(self) -> None:
        item = self.departments.currentItem()
        if item is None:
            return
        dept_id, active = item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)
        self._run(lambda: org.update_department(dept_id, active=not active))

    # -- people -----------------------------------------------------------------------------
    def _fill_people(self) -> None:
        self.people_model.removeRows(0, self.people_model.rowCount())
        for p in org.list_people(include_inactive=self.show_inactive.isChecked()):
            status = self.tr("Active") if p.active else self.tr("Left")
            row = [QStandardItem(v) for v in (p.name, p.department_name, p.title, p.level, p.phone, status)]
            row[0].setData(p.id, Qt.ItemDataRole.UserRole)
            self.people_model.appendRow(row)

    def _selected_person(self) -> org.PersonRecord | None:
        index = self.people.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        person_id = self.people_model.item(source.row(), 0).data(Qt.ItemDataRole.UserRole)
        return org.get_person(person_id)

    def add_person(self) -> None:
        dialog = PersonDialog(parent=self)
        if dialog.exec():
            self.refresh()
            self.state.data_changed.emit()

    def edit_person(self) -> None:
        person = self._selected_person()
        if person is None:
            return
        dialog = PersonDialog(person, self)
        if dialog.exec():
            self.refresh()
            self.state.data_changed.emit()
