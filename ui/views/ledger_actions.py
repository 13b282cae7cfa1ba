"""The ledger page's actions: toolbar, shortcuts, context menu, and what each one does."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QToolBar, QToolButton

from desk_app.domain import DONE_STATUSES, OPEN_STATUSES, Status
from desk_app.errors import DeskAppError
from desk_app.services import roles
from ui.models.ledger_table_model import RECORD_ROLE

from .ledger_undo import (
    AddProgressCommand,
    BulkCommand,
    CreateEntryCommand,
    DeleteCommand,
    EditEntryCommand,
    ExtendCommand,
    ReadableUndo,
)

# What only a click needs loads with that click (the page's first rows wait for none of it): the write services
# (desk_app.services.ledger), the bulk and columns dialogs (ledger_dialogs: the entry fields, the date picker; this
# module's BulkValueDialog and ColumnsDialog, see __getattr__), the saved views' input dialog.
_ON_CLICK = ("BulkValueDialog", "ColumnsDialog")

# The page's shortcuts work wherever the focus is in the window while the page is shown (Qt ignores the
# actions of a hidden page): after Ctrl+4 the focus may still sit in the navigation list.
SCOPE = Qt.ShortcutContext.WindowShortcut
TABLE_ONLY = Qt.ShortcutContext.WidgetWithChildrenShortcut  # keys a text field would also want (Delete)


def __getattr__(name: str):
    """The dialogs of ledger_dialogs named here, imported when first asked for (a test may put its own in)."""
    if name in _ON_CLICK:
        from . import ledger_dialogs  # noqa: PLC0415

        value = getattr(ledger_dialogs, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _dialog(name: str):
    return getattr(sys.modules[__name__], name)  # through __getattr__ the first time


class LedgerActions(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("ledger_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setStyleSheet("QToolBar { border: none; spacing: 2px; }"
                                   "QToolButton { padding: 4px 8px; }")
        stack = page.undo_stack
        self.new_action = self._action(self.tr("New"), self.new_entry, "Ctrl+N")
        self.edit_action = self._action(self.tr("Edit"), self.edit, "F2")
        self.delete_action = self._action(self.tr("Delete"), self.delete, QKeySequence.StandardKey.Delete,
                                          context=TABLE_ONLY)
        self.restore_action = self._action(self.tr("Restore"), self.restore)
        self.progress_action = self._action(self.tr("Progress"), self.progress, "Ctrl+G")
        self.extend_action = self._action(self.tr("Extend…"), self.extend)
        self.apply_action = self._action(self.tr("Apply to close"), lambda: self._workflow("ApplyCloseDialog"))
        self.review_action = self._action(self.tr("Review"), lambda: self._workflow("ReviewDialog"))
        self.reopen_action = self._action(self.tr("Reopen"), lambda: self._workflow("ReopenDialog"))
        self.bulk_actions = {
            field: self._action(label, lambda _=False, f=field: self.bulk(f)) for field, label in (
                ("status", self.tr("Status…")), ("department_id", self.tr("Department…")),
                ("responsible_id", self.tr("Responsible person…")))}
        self.bulk_extend_action = self._action(self.tr("Extend the deadline…"), self.extend)
        self.readable_undo = ReadableUndo(stack, page)
        self.undo_action, self.redo_action = self.readable_undo.undo_action, self.readable_undo.redo_action
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(SCOPE)
            page.addAction(action)
        self.dispatch_action = self._action(self.tr("Monthly dispatch"), self.dispatch, "Ctrl+D")
        self.columns_action = self._action(self.tr("Columns…"), self.choose_columns)
        self.save_view_action = self._action(self.tr("Save view…"), self.save_view)
        self.search_action = self._action(self.tr("Search"), page.filter_bar.focus_search, "Ctrl+F")
        # Ctrl+C in the table copies the selected rows with headers (the view alone would copy one cell).
        self.copy_action = QAction(self.tr("Copy rows with headers"), page.table)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(lambda *_: self.copy_rows())
        page.table.addAction(self.copy_action)
        # Everything must fit a 1280-wide screen (an overflow » hides what a clerk needs most), so
        # the less frequent steps of the close-out workflow sit behind one 办理 menu.
        for action in (self.new_action, self.edit_action, self.delete_action, self.restore_action,
                       self.progress_action):
            self.toolbar.addAction(action)
        self.workflow_menu = QMenu(self.tr("Handle"), page)
        for action in (self.extend_action, self.apply_action, self.review_action, self.reopen_action):
            self.workflow_menu.addAction(action)
        self.workflow_button = self._menu_button(self.tr("Handle"), self.workflow_menu, "ledger_workflow_button")
        self.workflow_button.setToolTip(self.tr("Extend, apply to close, review, reopen"))
        self.toolbar.addSeparator()
        self.bulk_menu = QMenu(self.tr("Bulk change"), page)
        for action in self.bulk_actions.values():
            self.bulk_menu.addAction(action)
        self.bulk_menu.addAction(self.bulk_extend_action)
        self._menu_button(self.tr("Bulk change"), self.bulk_menu, "ledger_bulk_button")
        # 撤销 with the history beside it (▾); the full "撤销“延期 ZG-2026-0012”" is its tooltip and the
        # status line's, so the toolbar keeps its width.
        self.undo_button = self.readable_undo.button(self.tr("Undo"))
        self.undo_button.setObjectName("ledger_undo_button")
        self.toolbar.addWidget(self.undo_button)
        self.toolbar.addAction(self.redo_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.dispatch_action)
        more = QMenu(self.tr("More"), page)
        more.addAction(self.columns_action)
        self.freeze_action = more.addAction(self.tr("Freeze number and description columns"))
        self.freeze_action.setCheckable(True)
        self.freeze_action.setChecked(page.table.freeze_on)
        self.freeze_action.toggled.connect(page.table.set_freeze)
        self.wrap_action = more.addAction(self.tr("Wrap text in rows"))
        self.wrap_action.setCheckable(True)
        self.wrap_action.setChecked(page.table.wordWrap())
        self.wrap_action.toggled.connect(page.table.set_wrap)
        self.clear_sort_action = more.addAction(self.tr("Sort by type and number again"),
                                                lambda: page.table.model().set_sort_levels([]) or
                                                page.table.show_sort_indicator())
        more.addSeparator()
        more.addAction(self.save_view_action)
        self.delete_view_action = more.addAction(self.tr("Delete a saved view…"), self.delete_view)
        self._menu_button(self.tr("View"), more, "ledger_view_button")
        page.table.installEventFilter(self)

    def _menu_button(self, text: str, menu: QMenu, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(button)
        return button

    def put_first(self, widgets) -> None:
        """Put widgets (the page's 打印 / 导出PDF) at the start of the toolbar, before 新建."""
        for widget in widgets:
            self.toolbar.insertWidget(self.new_action, widget)
        self.toolbar.insertSeparator(self.new_action)

    def _action(self, text, slot, shortcut=None, context=SCOPE) -> QAction:
        action = QAction(text, self.page)
        action.triggered.connect(lambda *_: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(context)
            action.setToolTip(f"{text}（{QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)}）")
        self.page.addAction(action)
        return action

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override: Enter edits the current row
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers():
            self.edit()
            return True
        return False

    def context_menu(self, pos) -> None:
        menu = QMenu(self.page)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        for action in (self.edit_action, self.progress_action, self.extend_action, self.apply_action,
                       self.review_action, self.reopen_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addMenu(self.bulk_menu)
        menu.addAction(self.restore_action if self.page.model.ledger_filter.deleted else self.delete_action)
        menu.exec(self.page.table.viewport().mapToGlobal(pos))

    # -- enabling ----------------------------------------------------------------------------
    def update_enabled(self) -> None:
        page = self.page
        in_bin = page.model.ledger_filter.deleted
        index = page.table.currentIndex()
        record = page.model.data(page.model.index(index.row(), 0), RECORD_ROLE) if index.isValid() else None
        status = record.status if record else None
        has = record is not None
        self.restore_action.setVisible(in_bin)
        self.delete_action.setVisible(not in_bin)
        self.new_action.setEnabled(page.state.campaign_id is not None and not in_bin)
        for action in (self.edit_action, self.progress_action):
            action.setEnabled(has and not in_bin)
        self.delete_action.setEnabled(has)
        self.restore_action.setEnabled(has)
        self.extend_action.setEnabled(has and not in_bin and status in (*OPEN_STATUSES, Status.PENDING_CLOSE))
        self.bulk_extend_action.setEnabled(has and not in_bin)
        self.apply_action.setEnabled(has and not in_bin and status in OPEN_STATUSES)
        self.review_action.setEnabled(has and not in_bin and status == Status.PENDING_CLOSE)
        self.reopen_action.setEnabled(has and not in_bin and status in DONE_STATUSES)
        self.workflow_button.setEnabled(any(a.isEnabled() for a in self.workflow_menu.actions()))
        for action in self.bulk_actions.values():
            action.setEnabled(has and not in_bin)
        if not roles.allows():  # a liaison or a leader (services/roles): reading, progress on their own entries
            for action in (self.new_action, self.delete_action, self.restore_action, self.extend_action,
                           self.apply_action, self.review_action, self.reopen_action, *self.bulk_actions.values()):
                action.setEnabled(False)
            self.workflow_button.setEnabled(False)
            self.progress_action.setEnabled(has and not in_bin and roles.allows(roles.PROGRESS, entry=record))

    # -- doing -------------------------------------------------------------------------------
    def _push_from_editor(self, kind, payload) -> None:
        """A step the editor did while open (a progress update, a 延期, the 督办 tab's node dates, rule set,
        催办) joins the page's one history."""
        page = self.page
        from . import measure_undo  # noqa: PLC0415 - loaded with the first measure change

        command = measure_undo.command_for(kind, payload, page.after_change, page)  # 措施, 序时进度
        if command is not None:
            page.undo_stack.push(command)
            page.after_change()
            return
        if kind == "extend":
            page.undo_stack.push(ExtendCommand(payload, page.after_change, page))
        elif kind != "progress":  # the 督办 tab
            from desk_app.services import ledger  # noqa: PLC0415

            from .supervision_undo import command  # noqa: PLC0415

            code = ledger.get_entry(payload.entry_id).code
            page.undo_stack.push(command(kind, payload, code, page.after_change, page))
        else:
            from desk_app.services import ledger  # noqa: PLC0415

            code = ledger.get_entry(payload.entry_id).code
            page.undo_stack.push(AddProgressCommand(payload, code, page.after_change, page))
        page.after_change()

    def extend(self) -> None:
        """延期 of the selected entries (one or many): reason required, counted, undoable."""
        page = self.page
        ids = page.selected_ids()
        if not ids or page.model.ledger_filter.deleted:
            return
        from .ledger_extend_dialog import ExtendDialog  # noqa: PLC0415 - dialogs load when first opened

        dialog = ExtendDialog(ids, page)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.extension is not None:
            page.undo_stack.push(ExtendCommand(dialog.extension, page.after_change, page))
            page.after_change()

    def new_entry(self) -> None:
        page = self.page
        if page.state.campaign_id is None:
            return
        from .entry_editor import EntryEditor  # noqa: PLC0415 - the editor loads when first opened

        editor = EntryEditor(page.state.campaign_id, None, page, undo_push=self._push_from_editor)
        if editor.exec() == QDialog.DialogCode.Accepted:
            page.undo_stack.push(CreateEntryCommand(editor.record.id, editor.record.code, page.after_change, page))
            page.model.reload()
            page.after_change()
            page.show_new_entry(editor.record.id, editor.record.code)

    def edit(self, tab: int = 0) -> None:
        page = self.page
        entry_id = page.current_id()
        if entry_id is None or page.model.ledger_filter.deleted:
            return
        from .entry_editor import EntryEditor  # noqa: PLC0415

        editor = EntryEditor(page.state.campaign_id, entry_id, page, undo_push=self._push_from_editor)
        editor.tabs.setCurrentIndex(tab)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.before != editor.after:
            page.undo_stack.push(EditEntryCommand(entry_id, editor.before, editor.after, editor.record.code,
                                                  page.after_change, page))
        page.after_change()

    def progress(self) -> None:
        self.edit(tab=1)

    def delete(self) -> None:
        page = self.page
        ids = page.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(page, self.tr("Delete"), self.tr(
            "Move %1 entries to the recycle bin? You can restore them there, or undo with Ctrl+Z.")
            .replace("%1", str(len(ids))))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from desk_app.services import ledger  # noqa: PLC0415

        self._run(lambda: ledger.delete_entries(ids),
                  lambda: DeleteCommand(ids, page.after_change, page))

    def restore(self) -> None:
        page = self.page
        ids = page.selected_ids()
        if ids:
            from desk_app.services import ledger  # noqa: PLC0415

            self._run(lambda: ledger.restore_entries(ids),
                      lambda: DeleteCommand(ids, page.after_change, page, restoring=True))

    def bulk(self, field: str) -> None:
        page = self.page
        ids = page.selected_ids()
        if not ids:
            return
        from desk_app.services import ledger_bulk  # noqa: PLC0415 - loaded with the first bulk change

        dialog = _dialog("BulkValueDialog")(field, len(ids), page)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                change = ledger_bulk.bulk_update(ids, field, dialog.value())
            except DeskAppError as exc:
                dialog.box.show_error(exc.message)
                continue
            label = self.tr("%1 on %2 entries").replace("%1", dialog.windowTitle()).replace("%2", str(change.changed))
            page.undo_stack.push(BulkCommand(change, label, page.after_change, page))
            page.after_change()
            return

    def _run(self, work, command) -> None:
        try:
            work()
        except DeskAppError as exc:
            QMessageBox.warning(self.page, self.tr("Cannot do that"), exc.message)
            return
        self.page.undo_stack.push(command())
        self.page.model.reload()
        self.page.after_change()

    def _workflow(self, dialog_name: str) -> None:
        from . import entry_workflow  # noqa: PLC0415 - dialogs load when first opened, not on the page's first paint

        page = self.page
        entry_id = page.current_id()
        if entry_id is None:
            return
        if getattr(entry_workflow, dialog_name)(entry_id, page).exec() == QDialog.DialogCode.Accepted:
            page.after_change()

    def dispatch(self) -> None:
        from .dispatch_dialog import DispatchDialog  # noqa: PLC0415 - opened rarely

        page = self.page
        conditions = [c.text for c in page.filter_bar.chip_list()]
        DispatchDialog(page.current_filter(), page.undo_stack, page.after_change, page, conditions=conditions).exec()
        page.after_change()

    def copy_rows(self) -> None:
        """Ctrl+C: the selected rows with their headers, as text and as a table."""
        from .ledger_copy import copy_selected  # noqa: PLC0415 - loaded with the first copy

        copy_selected(self.page)

    def choose_columns(self) -> None:
        dialog = _dialog("ColumnsDialog")(self.page.visible_column_keys(), self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.keys():
            self.page.set_columns(dialog.keys())

    def save_view(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415

        from desk_app.services import saved_views  # noqa: PLC0415

        name, ok = QInputDialog.getText(self.page, self.tr("Save view"), self.tr("Name of the view:"))
        if not ok:
            return
        try:
            saved_views.save_view(name, self.page.current_filter())
        except DeskAppError as exc:
            QMessageBox.warning(self.page, self.tr("Cannot save the view"), exc.message)
            return
        self.page.side.load(self.page.state.campaign_id)

    def delete_view(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415

        from desk_app.services import saved_views  # noqa: PLC0415

        names = [v.name for v in saved_views.user_views()]
        if not names:
            QMessageBox.information(self.page, self.tr("Saved views"), self.tr("There are no saved views yet."))
            return
        name, ok = QInputDialog.getItem(self.page, self.tr("Delete a saved view"), self.tr("View:"), names, 0, False)
        if ok:
            saved_views.delete_view(name)
            self.page.side.load(self.page.state.campaign_id)
