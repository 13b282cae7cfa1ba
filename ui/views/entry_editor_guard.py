"""The entry editor's care for what the clerk typed: 放弃修改？ before 取消 / Esc / the close button throws away a
changed form or progress typed and not yet added, and the keyboard focus where the work starts (the first
editable field; the 做了什么 box when the editor opens on, or switches to, the 进展 tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QMessageBox, QPlainTextEdit, QWidget

from desk_app.services import ledger

from .entry_fields import DeadlineField


def widget_text(widget: QWidget) -> str:
    """What a field shows, as typed: a half-typed name or date counts, unlike the value it would save."""
    if isinstance(widget, DeadlineField):
        return f"{widget.kind.currentText()}|{widget.date.text()}"
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if hasattr(widget, "text"):  # QLineEdit, DateField, AssistPicker
        return widget.text()
    raise TypeError(f"no text for {type(widget).__name__}")


class UnsavedChangesGuard:
    """Mixed into EntryEditor (a QDialog with `boxes`, `_widget`, `progress_tab`, `tabs`, `save`). The editor
    calls remember_loaded() whenever it (re)loads the form, so a change is a difference from what was loaded,
    not a key pressed and typed back."""

    loaded_form: dict[str, str]

    def remember_loaded(self, *names: str) -> None:
        """The form as loaded (or only the named fields, after the editor set them itself)."""
        current = self.form_state()
        if names and hasattr(self, "loaded_form"):
            self.loaded_form.update({name: current[name] for name in names})
        else:
            self.loaded_form = current

    def form_state(self) -> dict[str, str]:
        return {name: widget_text(self._widget(name)) for name in self.boxes}

    def changed_fields(self) -> list[str]:
        """The labels of the fields that differ from the loaded form."""
        now = self.form_state()
        return [ledger.FIELD_LABELS.get(name, name) for name, text in now.items()
                if text.strip() != self.loaded_form.get(name, "").strip()]

    def progress_typed(self) -> bool:
        tab = self.progress_tab
        return tab.isEnabled() and tab.entry_id is not None and bool(tab.text.value().strip())

    # -- closing without saving ----------------------------------------------------------------
    def reject(self) -> None:  # noqa: D401 - Qt override: 取消, Esc and the close button all come here
        if self.confirm_discard():
            super().reject()

    def confirm_discard(self) -> bool:
        """True when the editor may close without saving: nothing changed, or the clerk chose 放弃. 保存 saves
        first (and closes on success); 继续编辑 (also Esc) keeps the editor open."""
        changed = self.changed_fields() if self.save_button.isVisibleTo(self) else []
        progress = self.progress_typed()
        if not changed and not progress:
            return True
        lines = []
        if changed:
            lines.append(QCoreApplication.translate("EntryEditorGuard", "Changed and not saved: %1.")
                         .replace("%1", "、".join(changed)))
        if progress:
            lines.append(QCoreApplication.translate("EntryEditorGuard",
                                                    "Progress typed in the Progress tab and not added yet."))
        box = QMessageBox(QMessageBox.Icon.Question,
                          QCoreApplication.translate("EntryEditorGuard", "Discard changes?"), "\n".join(lines),
                          parent=self)
        save = box.addButton(QCoreApplication.translate("EntryEditorGuard", "Save"),
                             QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(QCoreApplication.translate("EntryEditorGuard", "Discard"),
                                QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(QCoreApplication.translate("EntryEditorGuard", "Keep editing"),
                             QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        clicked: QAbstractButton | None = box.clickedButton()
        if clicked is discard:
            return True
        if clicked is save:
            self._save_from_guard(changed, progress)
        return False

    def _save_from_guard(self, changed: list[str], progress: bool) -> None:
        if progress:
            self.progress_tab.add()
            if self.progress_typed():  # refused: its message is shown, the text is still there
                return
        if changed:
            self.save()  # closes the editor when it saved; otherwise shows why at the field
        else:
            super().reject()  # the progress was added (its own undo step); nothing else to save

    # -- focus -----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not getattr(self, "_focus_placed", False):
            self._focus_placed = True
            self.focus_current_tab()

    def tab_switched(self, *_) -> None:
        if not self.tabs.tabBar().hasFocus():  # arrowing along the tab bar keeps the focus there
            self.focus_current_tab()

    def focus_current_tab(self) -> None:
        """The details: the first field the clerk can edit; 进展: the 做了什么 box."""
        if self.tabs.currentWidget() is self.progress_tab:
            if self.progress_tab.isEnabled():
                self.progress_tab.text.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self.tabs.currentIndex() != 0:
            return
        for name in self.boxes:
            widget = self._widget(name)
            if widget.isEnabled() and widget.isVisibleTo(self) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        if self.progress_tab.isEnabled() and self.tabs.isTabEnabled(1):  # a liaison: only progress is theirs
            self.tabs.setCurrentWidget(self.progress_tab)
