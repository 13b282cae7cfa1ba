"""例会: meetings filtered by type and year on the left, one meeting's record in tabs on the right."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import MeetingType
from desk_app.errors import NotFoundError
from desk_app.services import compliance, meetings
from desk_app.services.ledger_query import LedgerFilter

from ..models.meeting_models import MeetingListModel
from .meeting_agenda_tab import AgendaTab
from .meeting_attendance_tab import AttendanceTab
from .meeting_common import FittedList, ServiceFailed, call, page_action, undo_redo_actions
from .meeting_info_tab import MeetingInfoTab, NewMeetingDialog
from .meeting_minutes_tab import MinutesTab
from .merge_view import save_merging
from .print_actions import add_meeting_print_actions
from .role_gate import gate, refusal
from .warning_item import warning_item


class MeetingPage(QWidget):
    meeting_changed = Signal(int)  # the print engineer hooks 打印 actions on this

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Meetings"))
        self.undo_stack = QUndoStack(self)
        self.meeting = None

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("meeting_toolbar")
        self.new_action = self._action(self.tr("New meeting"), QKeySequence.StandardKey.New, self.new_meeting)
        self.delete_action = self._action(self.tr("Delete meeting"), None, self.delete_meeting)
        self.toolbar.addSeparator()
        self.undo_action, self.redo_action = undo_redo_actions(self, self.toolbar, self.undo_stack,
                                                               self.tr("Undo"), self.tr("Redo"))
        self.toolbar.addSeparator()
        self.refresh_action = self._action(self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.refresh)
        self.toolbar.addSeparator()
        self.print_button, self.export_pdf_button = add_meeting_print_actions(self.toolbar, self)

        self.type_filter = QComboBox()
        self.type_filter.setObjectName("type_filter")
        self.type_filter.addItem(self.tr("All types"), None)
        for t in MeetingType:
            self.type_filter.addItem(t.value, t.value)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("year_filter")
        self.type_filter.currentIndexChanged.connect(self.reload_list)
        self.year_filter.currentIndexChanged.connect(self.reload_list)
        self.model = MeetingListModel(self)
        self.list = QTableView()
        self.list.setObjectName("meeting_list")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(26)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the name takes what the others leave
        header.setMinimumSectionSize(40)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.warnings = FittedList()
        self.warnings.setObjectName("meeting_warnings")
        self.warnings.itemActivated.connect(self._warning_activated)
        self.warnings.itemClicked.connect(self._warning_activated)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Type:")))
        filters.addWidget(self.type_filter, 1)
        filters.addWidget(QLabel(self.tr("Year:")))
        filters.addWidget(self.year_filter)
        left = QWidget()
        left.setMinimumWidth(440)  # type, number and date (with year) always visible
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(filters)
        ll.addWidget(self.list, 1)
        self.warnings_label = QLabel(self.tr("Reminders:"))
        ll.addWidget(self.warnings_label)
        ll.addWidget(self.warnings)

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(13)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # a long title must not widen the window
        self.info_tab = MeetingInfoTab()
        self.info_tab.save_requested.connect(self.save_info)
        self.info_tab.revert_button.clicked.connect(lambda *_: self.show_meeting_again())
        self.attendance_tab = AttendanceTab(self.undo_stack)
        self.attendance_tab.changed.connect(self._attendance_changed)
        self.agenda_tab = AgendaTab()
        self.agenda_tab.changed.connect(self.reload_meeting)
        self.minutes_tab = MinutesTab()
        self.minutes_tab.changed.connect(self.reload_meeting)
        self.minutes_tab.ledger_requested.connect(self._open_ledger)
        self.tabs = QTabWidget()
        for tab in (self.info_tab, self.attendance_tab, self.agenda_tab, self.minutes_tab):
            self.tabs.addTab(tab, tab.windowTitle())
        save = QAction(self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(lambda *_: self._save_current_tab())
        self.info_tab.addAction(save)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.heading)
        rl.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([600, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        state.data_changed.connect(self.refresh)
        state.campaign_changed.connect(self.refresh)
        self.refresh()

    def _action(self, text, shortcut, slot) -> QAction:
        return page_action(self, self.toolbar, text, shortcut, slot)

    def _apply_role(self) -> None:
        """Meetings are 活动办's: other roles read them (the tabs stay browsable, their contents disabled)."""
        reason = refusal()
        contents = [self.tabs.widget(i) for i in range(self.tabs.count())]
        if not reason:
            self.new_action.setEnabled(True)
            for widget in contents:
                widget.setEnabled(True)
        gate([self.new_action, self.delete_action, *contents], reason)

    # -- for other areas (print, exchange) ------------------------------------------------------
    def current_meeting_id(self) -> int | None:
        return self.meeting.id if self.meeting else None

    def select_meeting(self, meeting_id: int) -> bool:
        row = self.model.row_of(meeting_id)
        if row < 0:
            self.type_filter.setCurrentIndex(0)
            self.year_filter.setCurrentIndex(0)
            row = self.model.row_of(meeting_id)
        if row < 0:
            return False
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return True

    # -- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        campaign_id = self.state.campaign_id
        years = meetings.meeting_years(campaign_id) if campaign_id else []
        chosen = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("All years"), None)
        for y in years:
            self.year_filter.addItem(str(y), y)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(chosen)))
        self.year_filter.blockSignals(False)
        self.reload_list()
        self.reload_warnings()

    def reload_warnings(self) -> None:
        self.warnings.clear()
        campaign_id = self.state.campaign_id
        if not campaign_id:
            return
        for w in compliance.campaign_warnings(campaign_id):
            if w.page == "meetings":
                self.warnings.addItem(warning_item(w))
        self.warnings.setVisible(self.warnings.count() > 0)
        self.warnings.fit_height()
        self.warnings_label.setVisible(self.warnings.count() > 0)

    def reload_list(self) -> None:
        keep = self.current_meeting_id()
        campaign_id = self.state.campaign_id
        rows = meetings.list_meetings(campaign_id, meeting_type=self.type_filter.currentData(),
                                      year=self.year_filter.currentData()) if campaign_id else []
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            if self.model.rows[row].id == keep:
                self.reload_meeting()
        else:
            self._show(None)

    def _row_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        meeting_id = self.model.rows[current.row()].id
        if self.meeting and self.meeting.id == meeting_id:
            return
        if self.meeting and self.minutes_tab.has_unsaved_minutes():
            self.minutes_tab.save_minutes()  # never lose typed minutes when moving on
        self.undo_stack.clear()
        try:
            self._show(meetings.get_meeting(meeting_id))
        except NotFoundError:
            self._show(None)

    def reload_meeting(self) -> None:
        if not self.meeting:
            return
        try:
            meeting = meetings.get_meeting(self.meeting.id)
        except NotFoundError:
            meeting = None
        self._show(meeting, keep_minutes=self.minutes_tab.has_unsaved_minutes())
        row = self.model.row_of(meeting.id) if meeting else -1
        if row >= 0:  # update the counts in the list without losing the selection
            fresh = {m.id: m for m in meetings.list_meetings(meeting.campaign_id)}
            if meeting.id in fresh:
                self.model.rows[row] = fresh[meeting.id]
                self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, 5))

    def _info_typed(self, meeting) -> bool:
        """The basics form holds edits not yet saved (kept when others' changes reload the meeting)."""
        if not (self.meeting and meeting and self.meeting.id == meeting.id):
            return False
        try:
            typed = self.info_tab.form.value()
        except Exception:  # noqa: BLE001 - a half-typed date: certainly typed
            return True
        return typed not in (meetings.input_of(self.meeting), meetings.input_of(meeting))

    def _show(self, meeting, keep_minutes: bool = False) -> None:
        keep_info = self._info_typed(meeting)
        keep_agenda = bool(self.meeting and meeting and self.meeting.id == meeting.id
                           and self.agenda_tab.text.document().isModified())
        agenda = self.agenda_tab.text.toPlainText() if keep_agenda else None
        self.meeting = meeting
        self.tabs.setEnabled(meeting is not None)
        self.delete_action.setEnabled(meeting is not None)
        self._apply_role()
        if meeting is None:
            self.heading.setText(self.tr("No meeting selected. Press Ctrl+N to add one."))
            self.attendance_tab.set_meeting(None)
            self.agenda_tab.set_meeting(None)
            self.minutes_tab.set_meeting(None)
            return
        self.heading.setText(f"{meeting.title}　{meeting.start_at:%Y-%m-%d %H:%M}　{meeting.place}")
        if not keep_info:
            self.info_tab.form.load(meeting)
        if self.attendance_tab.meeting_id != meeting.id:
            self.attendance_tab.set_meeting(meeting.id)
        self.agenda_tab.set_meeting(meeting)
        if agenda is not None:  # others' changes reload the meeting: the clerk's typing stays
            self.agenda_tab.text.setPlainText(agenda)
            self.agenda_tab.text.document().setModified(True)
        minutes = self.minutes_tab.minutes.toPlainText() if keep_minutes else None
        self.minutes_tab.set_meeting(meeting)
        if minutes is not None:
            self.minutes_tab.minutes.setPlainText(minutes)
            self.minutes_tab.minutes.document().setModified(True)
        self.meeting_changed.emit(meeting.id)

    def show_meeting_again(self) -> None:
        if self.meeting:
            self.info_tab.form.load(self.meeting)

    def _attendance_changed(self) -> None:
        row = self.model.row_of(self.attendance_tab.meeting_id) if self.attendance_tab.meeting_id else -1
        if row >= 0 and self.meeting:
            t = meetings.totals_of(self.attendance_tab.model.rows)
            old = self.model.rows[row]
            from dataclasses import replace  # noqa: PLC0415

            self.model.rows[row] = replace(old, expected=t.expected, present=t.present)
            self.model.dataChanged.emit(self.model.index(row, 4), self.model.index(row, 4))

    # -- actions --------------------------------------------------------------------------------
    def new_meeting(self, data=None):
        """Create a meeting (with data given no dialog is shown); a 推进会 gets its agenda at once."""
        campaign_id = self.state.campaign_id
        if not campaign_id:
            QMessageBox.information(self, self.tr("New meeting"), self.tr("Create a campaign first."))
            return None
        if data is None:
            dialog = NewMeetingDialog(self.type_filter.currentData() or MeetingType.TASK_FORCE, self, campaign_id)
            while True:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                try:
                    record = call(self, meetings.create_meeting, campaign_id, dialog.form.value())
                    break
                except ServiceFailed:
                    continue
        else:
            try:
                record = call(self, meetings.create_meeting, campaign_id, data)
            except ServiceFailed:
                return None
        if record.meeting_type == MeetingType.TASK_FORCE:
            from desk_app.services import meeting_agenda  # noqa: PLC0415

            meeting_agenda.build_agenda(record.id)
        self.type_filter.setCurrentIndex(max(0, self.type_filter.findData(self.type_filter.currentData())))
        self.refresh()
        self.select_meeting(record.id)
        self.state.data_changed.emit()
        return record

    def delete_meeting(self) -> None:
        if not self.meeting:
            return
        m = self.meeting
        answer = QMessageBox.question(
            self, self.tr("Delete meeting"),
            self.tr("Move %1 to the recycle bin? Its %2 decisions go to the ledger's recycle bin too. "
                    "Its number is not reused.").replace("%1", m.title).replace("%2", str(len(m.decisions))))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            call(self, meetings.delete_meeting, m.id)
        except ServiceFailed:
            return
        self.meeting = None
        self.undo_stack.clear()
        self.state.data_changed.emit()

    def save_info(self, data) -> None:
        if not self.meeting:
            return
        m = self.meeting
        try:  # someone else saved the basics meanwhile: the merge view, not an overwrite
            outcome = call(self, save_merging, self, lambda values, version, base: meetings.update_meeting(
                m.id, meetings.MeetingInput(**values), base_version=version, base=meetings.MeetingInput(**base)),
                asdict(data), base_version=m.version, base=asdict(meetings.input_of(m)))
        except ServiceFailed:
            return
        if outcome is None:
            return
        self.refresh()
        self.state.data_changed.emit()

    def _save_current_tab(self) -> None:
        if self.tabs.currentWidget() is self.info_tab:
            self.info_tab.request_save()

    def _warning_activated(self, item: QListWidgetItem) -> None:
        w = item.data(Qt.ItemDataRole.UserRole)
        if w.kind == "no_study_session":
            self.type_filter.setCurrentIndex(self.type_filter.findData(MeetingType.STUDY_GROUP))
        elif w.kind == "no_progress_meeting":
            self.type_filter.setCurrentIndex(self.type_filter.findData(MeetingType.TASK_FORCE))

    def _open_ledger(self, meeting_id: int) -> None:
        window = self.window()
        if hasattr(window, "open_ledger") and self.meeting:
            window.open_ledger(LedgerFilter(campaign_id=self.meeting.campaign_id, meeting_id=meeting_id))
