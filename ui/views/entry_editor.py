"""The entry editor: every field, pickers, validation messages at the field, 四定 check, and tabs for
progress, attachments and history."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import EntryKind, Layer
from desk_app.errors import DeskAppError, StaleVersionError, ValidationError, ValidationErrors
from desk_app.services import choices, ledger, ledger_extend, ledger_pickers, org, roles
from desk_app.services.ledger import EntryInput

from ..screen_fit import fit_to_screen
from . import measure_tab
from .assist_picker import AssistPicker
from .editing_banner import EditingBanner
from .entry_editor_guard import UnsavedChangesGuard
from .entry_fields import AmbiguousPick, DateField, DeadlineField, FieldBox, PickCombo, TextBox
from .entry_tabs import AttachmentsTab, HistoryTab, ProgressTab
from .merge_view import MergeDialog
from .supervision_tab import SupervisionTab

ESSENTIALS = ("定目标", "定责任", "定时限", "定标准")
SOURCE_FIELDS = ("task_source", "doc_number", "instructing_leader", "assigned_date")
LEFT_FIELDS = ("kind", "layer", "owner_id", "category", "source", "leader_id", "department_id", "co_departments",
               "responsible_id", "task_force_id", "found_date", "deadline", "rectify_mode", *SOURCE_FIELDS)
TEXT_FIELDS = ("description", "cause", "target", "measures", "standard", "schedule", "note")


class EntryEditor(UnsavedChangesGuard, QDialog):
    """Create (entry_id None) or edit one entry. After exec() == Accepted: self.record, self.before."""

    def __init__(self, campaign_id: int, entry_id: int | None = None, parent=None, *, undo_push=None,
                 defaults: EntryInput | None = None):
        super().__init__(parent)
        self.campaign_id = campaign_id
        self.entry_id = entry_id
        self.undo_push = undo_push
        self.record = ledger.get_entry(entry_id) if entry_id else None
        self.before = self.record.as_input() if self.record else None
        self.base_version = self.record.version if self.record else None  # a stale save opens the merge view
        self.banner = None
        if self.record:
            self.banner = EditingBanner("ledger_entry", entry_id, lambda: ledger.get_entry(entry_id).version, self)
            self.banner.base_version = self.base_version
            self.banner.remote_saved.connect(self._remote_saved)
            self.banner.editors_changed.connect(lambda *_: self._update_title())
        self._update_title()
        self.boxes: dict[str, FieldBox] = {}
        self._build_fields()
        self.header = QLabel()
        self.header.setObjectName("entry_header")
        self.essentials = QLabel()
        self.essentials.setObjectName("essentials")
        self.essentials.setTextFormat(Qt.TextFormat.RichText)
        self.form_error = QLabel()
        self.form_error.setStyleSheet("color: #c62828;")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._form_page(), self.tr("Details"))
        self.progress_tab = ProgressTab(self)
        self.attachments_tab = AttachmentsTab(self)
        self.history_tab = HistoryTab(self)
        self.tabs.addTab(self.progress_tab, self.tr("Progress"))
        self.tabs.addTab(self.attachments_tab, self.tr("Attachments"))
        self.tabs.addTab(self.history_tab, self.tr("History"))
        self.supervision_tab = SupervisionTab(self)
        self.tabs.addTab(self.supervision_tab, self.tr("Supervision"))
        measure_tab.attach(self)  # 措施 and 序时进度 (issue 15)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.essentials)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if self.banner is not None:
            layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)
        self.extended = False
        self._load(self.before or defaults or EntryInput())
        self.remember_loaded()
        self._lock_deadline()
        self._connect_changes()
        self._refresh_tabs()
        self._apply_role()
        fit_to_screen(self, 1080, 740)

    def _update_title(self) -> None:
        if not self.record:
            self.setWindowTitle(self.tr("New ledger entry"))
            return
        title = self.tr("Edit entry %1").replace("%1", self.record.code)
        editors = self.banner.editors_text() if self.banner is not None else ""
        if editors:
            title += " — " + self.tr("%1 is editing too").replace("%1", editors)
        self.setWindowTitle(title)

    def _apply_role(self) -> None:
        """A liaison reports progress on their own entries; only 活动办 edits the details (roles)."""
        if roles.allows():
            return
        identity = roles.current()
        self.tabs.widget(0).widget().setEnabled(False)
        self.save_button.hide()
        progress = self.record is not None and roles.allows(roles.PROGRESS, entry=self.record)
        for i in range(1, self.tabs.count()):  # history stays readable; 督办 and the rest are 活动办's
            widget = self.tabs.widget(i)
            if widget in (self.progress_tab, self.attachments_tab):
                widget.setEnabled(progress)
            elif widget is not self.history_tab:
                widget.setEnabled(False)
        note = (self.tr("Your role is %1: you can add progress and evidence here, not change the details.")
                if progress else self.tr("Your role is %1: you can read this entry but not change it."))
        if self.banner is not None:
            self.banner.set_note(note.replace("%1", identity.role))

    # -- building ---------------------------------------------------------------------------
    def _build_fields(self) -> None:
        people = ledger_pickers.people_choices()  # pinyin order; found by name, pinyin or initials
        self.kind = QComboBox()
        for k in EntryKind:
            self.kind.addItem(k.value, k.value)
        self.layer = QComboBox()
        self.layer.addItem("", "")
        for lv in Layer:
            self.layer.addItem(lv.value, lv.value)
        self.owner, self.leader, self.responsible = PickCombo(), PickCombo(), PickCombo()
        for combo in (self.owner, self.leader, self.responsible):
            combo.set_people(people)
        self.department = PickCombo()
        self.department.set_items([(d.name, d.id) for d in org.list_departments()])
        self.task_force = PickCombo()
        self.task_force.set_items([(t.name, t.id) for t in ledger_pickers.task_forces(self.campaign_id)])
        self.category, self.source, self.rectify_mode = (PickCombo(free_text=True) for _ in range(3))
        self.category.set_items([(v, v) for v in choices.values("category")])
        self.source.set_items([(v, v) for v in choices.values("source")])
        self.rectify_mode.set_items([(v, v) for v in choices.values("rectify_mode")])
        self.co_departments = AssistPicker()  # 配合处室: departments picked (or typed), others kept as text
        self.found_date = DateField()
        self.deadline = DeadlineField()
        self.deadline_row = self._deadline_row()
        self.description, self.cause = TextBox(4), TextBox(3)
        self.target, self.measures, self.standard = TextBox(3), TextBox(4), TextBox(3)
        self.schedule, self.note = TextBox(2), TextBox(2)
        # Where a 督办/交办 matter comes from; 交办日期 starts its 13710 clock (the 督办 tab).
        self.task_source = PickCombo(free_text=True)
        self.task_source.set_items([(v, v) for v in choices.values("task_source")])
        self.doc_number, self.instructing_leader = QLineEdit(), QLineEdit()
        self.doc_number.setPlaceholderText(self.tr("e.g. 财办〔2026〕12号"))
        self.assigned_date = DateField()
        for name in (*LEFT_FIELDS, *TEXT_FIELDS):  # in the order Tab walks them
            self.boxes[name] = FieldBox(self.deadline_row if name == "deadline" else self._widget(name))

    def _deadline_row(self) -> QWidget:
        """整改时限 with 延期… beside it: once set, a deadline moves only by 延期 (reason, count, history)."""
        self.extend_button = QPushButton(self.tr("Extend…"))
        self.extend_button.setObjectName("editor_extend_button")
        self.extend_button.setToolTip(self.tr("A set deadline changes only by an extension, with its reason; "
                                              "it is counted and kept in the history"))
        self.extend_button.clicked.connect(self.extend)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.deadline, 1)
        layout.addWidget(self.extend_button)
        row.setFocusProxy(self.deadline)
        return row

    def _lock_deadline(self) -> None:
        locked = self.record is not None and ledger_extend.has_set_deadline(self.record)
        self.deadline.setEnabled(not locked)
        self.extend_button.setVisible(self.record is not None)
        self.extend_button.setEnabled(self.record is not None and self.record.status not in ledger_extend.NOT_EXTENDABLE
                                      and self.record.deleted_at is None)
        self.deadline.setToolTip(self.tr("Set: change it with Extend… (reason required)") if locked else "")

    def extend(self) -> None:
        """延期 from the editor: its own undo step; the form keeps what else the clerk has typed."""
        from .ledger_extend_dialog import ExtendDialog  # noqa: PLC0415 - opened rarely

        if self.record is None:
            return
        dialog = ExtendDialog(self.record.id, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.extension is None:
            return
        record = ledger.get_entry(self.record.id)
        # The edit that Save may still record starts from the extended deadline and its version (the
        # extension is a step of its own, undone on its own; not someone else's change).
        self._rebase(replace(self.before, deadline_type=record.deadline_type, deadline=record.deadline),
                     record.version)
        self.deadline.set_value(self.record.deadline_type, self.record.deadline)
        self.remember_loaded("deadline")  # saved by the extension itself; what else was typed is still unsaved
        if self.undo_push is not None:
            self.undo_push("extend", dialog.extension)
        self.extended = True
        self._update_header()
        self._lock_deadline()
        self.history_tab.load(self.record.id)

    def _widget(self, name: str):
        return getattr(self, name.removesuffix("_id"))

    def _form_page(self) -> QWidget:
        labels = ledger.FIELD_LABELS
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.setVerticalSpacing(8)  # the text boxes' frames would touch
        for name in LEFT_FIELDS:
            left.addRow(labels[name] + "：", self.boxes[name])
        self.left_form = left
        for name in TEXT_FIELDS:
            right.addRow(labels[name] + "：", self.boxes[name])
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setHorizontalSpacing(24)
        page = QWidget()
        page.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _connect_changes(self) -> None:
        for combo in (self.kind, self.layer):
            combo.currentIndexChanged.connect(self._update_essentials)
        for combo in (self.department, self.responsible):
            combo.currentTextChanged.connect(self._update_essentials)
        self.deadline.changed.connect(self._update_essentials)
        for box in (self.target, self.standard):
            box.textChanged.connect(self._update_essentials)
        self.kind.currentIndexChanged.connect(self._update_labels)
        self.tabs.currentChanged.connect(self.tab_switched)

    # -- values -----------------------------------------------------------------------------
    def _load(self, data: EntryInput) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind)))
        self.layer.setCurrentIndex(max(0, self.layer.findData(data.layer)))
        for name in ("owner_id", "leader_id", "department_id", "responsible_id", "task_force_id",
                     "category", "source", "rectify_mode"):
            self._widget(name).set_value(getattr(data, name))
        self.co_departments.setText(data.co_departments)
        self.found_date.set_value(data.found_date)
        self.deadline.set_value(data.deadline_type, data.deadline)
        self.task_source.set_value(data.task_source)
        self.doc_number.setText(data.doc_number)
        self.instructing_leader.setText(data.instructing_leader)
        self.assigned_date.set_value(data.assigned_date)
        for name in TEXT_FIELDS:
            self._widget(name).set_value(getattr(data, name))
        self._update_essentials()
        self._update_labels()
        self._update_header()

    def collect(self, *, lenient: bool = False) -> EntryInput:
        """The form as an EntryInput; a picker holding text that matches nothing is a field error
        (lenient: such a field counts as empty, for the 四定 marks while the clerk is still typing)."""
        errors = {}
        values = {"kind": self.kind.currentData(), "layer": self.layer.currentData() or "",
                  "co_departments": self.co_departments.text(), "doc_number": self.doc_number.text(),
                  "instructing_leader": self.instructing_leader.text()}
        for name in ("found_date", "assigned_date"):
            try:
                values[name] = self._widget(name).value()
            except ValidationError as exc:
                errors[name], values[name] = exc.message, None
        for name in ("owner_id", "leader_id", "department_id", "responsible_id", "task_force_id",
                     "category", "source", "rectify_mode", "task_source"):
            try:
                values[name] = self._widget(name).value()
            except AmbiguousPick as exc:
                errors[name], values[name] = exc.message, None
            except ValueError as exc:
                errors[name] = self.tr("\"%1\" is not in the list; pick one from the list").replace("%1", str(exc))
                values[name] = None
        for name in ("category", "source", "rectify_mode", "task_source"):
            values[name] = values[name] or ""
        try:
            values["deadline_type"], values["deadline"] = self.deadline.value()
        except ValidationError as exc:
            errors["deadline"] = exc.message
            values["deadline_type"], values["deadline"] = self.deadline.kind.currentData(), None
        for name in TEXT_FIELDS:
            values[name] = self._widget(name).value()
        if errors and not lenient:
            raise ValidationErrors([ValidationError(m, f) for f, m in errors.items()])
        return EntryInput(**values)

    def _update_essentials(self, *_) -> None:
        data = self.collect(lenient=True)
        missing = ledger.missing_essentials(ledger.normalise(data))
        parts = []
        for item in ESSENTIALS:
            ok = item not in missing
            color, mark = ("#2e7d32", "✔") if ok else ("#c62828", "✘")
            parts.append(f"<span style='color:{color}'>{mark} {item}</span>")
        self.essentials.setText("&nbsp;&nbsp;".join(parts))
        self.essentials.setToolTip(self.tr("Target, responsibility, deadline and standard are all set")
                                   if not missing else self.tr("Still missing: %1").replace("%1", "、".join(missing)))

    def _update_labels(self, *_) -> None:
        rectification = self.kind.currentData() == EntryKind.RECTIFICATION
        # 任务来源 … 交办日期 belong to matters handed down (督办, 重点任务, 议定事项), not to a person's problems.
        shown = not rectification or any(self._source_values())
        for name in SOURCE_FIELDS:
            self.left_form.setRowVisible(self.boxes[name], shown)
        self.description.setPlaceholderText(self.tr("What the problem looks like (required)") if rectification
                                            else self.tr("What has to be done (required)"))

    def _source_values(self) -> list:
        return [self.task_source.currentText().strip(), self.doc_number.text().strip(),
                self.instructing_leader.text().strip(), self.assigned_date.text().strip()]

    def _update_header(self) -> None:
        if not self.record:
            self.header.setText(self.tr("New entry — the number is given when it is saved"))
            return
        r = self.record
        text = f"<b>{r.code}</b>　{r.status}"
        if r.extension_count:
            text += "　" + self.tr("extended %1 times").replace("%1", str(r.extension_count))
        self.header.setText(text)

    def _refresh_tabs(self) -> None:
        enabled = self.entry_id is not None
        for i in (1, 2, 3, 4):
            self.tabs.setTabEnabled(i, enabled)
        if enabled:
            self.progress_tab.load(self.entry_id)
            self.attachments_tab.load(self.entry_id)
            self.history_tab.load(self.entry_id)
            self.supervision_tab.load(self.entry_id)

    # -- saving -----------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        for name, box in self.boxes.items():
            box.show_error(errors.get(name, ""))
        if "deadline_type" in errors:
            self.boxes["deadline"].show_error(errors["deadline_type"])
        general = [m for f, m in errors.items() if f not in self.boxes and f != "deadline_type"]
        self.form_error.setText("；".join(general))
        self.form_error.setVisible(bool(general))
        first = next((self.boxes[f] for f in self.boxes if f in errors), None)
        if first is not None:
            self.tabs.setCurrentIndex(0)
            first.setFocus()

    def save(self) -> None:
        try:
            data = self.collect()
            if self.entry_id is None:
                self.record = ledger.create_entry(self.campaign_id, data)
            else:
                self.record = ledger.edit_entry(self.entry_id, data, base_version=self.base_version,
                                                base=self.before)
        except StaleVersionError as stale:
            self._merge(stale, data)
            return
        except ValidationErrors as exc:
            self.show_errors(exc.by_field())
            return
        except ValidationError as exc:
            self.show_errors({exc.field or "": exc.message})
            return
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        self.after = replace(self.record.as_input())
        self.accept()

    # -- other clerks ---------------------------------------------------------------------------
    def _merge(self, stale: StaleVersionError, data: EntryInput) -> None:
        """Someone saved the entry meanwhile: choose per field, then save that on top of their version."""
        dialog = MergeDialog(stale, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            if self.banner is not None:
                self.banner.set_note(self.tr("Not saved yet: %1 changed this entry meanwhile; saving again "
                                             "shows both versions.").replace("%1", stale.changed_by))
            return
        theirs = replace(data, **{c.name: c.theirs for c in stale.fields})
        self._rebase(theirs, stale.current_version)
        self._load(replace(data, **dialog.resolved()))
        self.save()

    def _rebase(self, before: EntryInput, version: int) -> None:
        """From now on the editor edits this version (undo goes back to `before`)."""
        self.before, self.base_version = before, version
        if self.banner is not None:
            self.banner.base_version = version
        self.record = ledger.get_entry(self.entry_id)
        self._update_header()

    def rebase_after_own_write(self) -> None:
        """After this editor's own progress tab wrote the entry (未启动 → 推进中): not someone else's change."""
        record = ledger.get_entry(self.entry_id)
        if record.as_input() == self.before:
            self._rebase(self.before, record.version)

    def _remote_saved(self, who: str) -> None:
        record = ledger.get_entry(self.entry_id)
        if record.version == self.base_version:
            return
        unchanged = ledger.normalise(self.collect(lenient=True)) == ledger.normalise(self.before)
        if unchanged and self.save_button.isVisibleTo(self):  # nothing typed yet: show theirs at once
            self._rebase(record.as_input(), record.version)
            self._load(self.before)
            self.remember_loaded()
            self._refresh_tabs()
            note = self.tr("%1 saved this entry just now; the form shows their version.")
        else:
            note = self.tr("%1 saved this entry just now. When you save you choose, field by field, what to keep.")
        if self.banner is not None:
            self.banner.set_note(note.replace("%1", who or self.tr("Someone")))

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: every way the dialog closes
        if self.banner is not None:
            self.banner.release()
        super().done(result)
