"""The banner of an editor on a shared database: who else is editing this record, and that someone saved it.

While the editor is open it holds the program's editing lease on the record (through the window's change
poller, off the GUI thread) and lets go when it closes. It listens to the poller: others' leases become
"张三 is also editing this (since 10:32)", and a change to the record that moves its stored version past
the editor's base becomes ``remote_saved(who)``, for the editor to reload or to merge at save time.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel

from desk_app.services import editing_lease

from .. import change_poller


class EditingBanner(QLabel):
    remote_saved = Signal(str)  # who saved (from the change log), '' if unknown
    editors_changed = Signal(str)  # "张三、李四" or ''

    def __init__(self, entity: str, record_id: int, stored_version, parent=None):
        """stored_version(): the record's version as stored now (read when a change may concern it)."""
        super().__init__(parent)
        self.setObjectName("editing_banner")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#editing_banner { background: #fff8e1; border: 1px solid #ffcc80; "
                           "border-radius: 3px; padding: 4px 8px; }")
        self.entity, self.record_id = entity, record_id
        self.stored_version = stored_version
        self.base_version: int | None = None
        self.others: list = []
        self.note = ""
        self.poller = change_poller.active()
        if self.poller is not None:
            self.poller.hold(entity, record_id)
            self.poller.editing_changed.connect(self._editing)
            self.poller.changed.connect(self._changed)
            self.others = self.poller.editors_of(entity, record_id)
        else:
            try:
                self.others = editing_lease.holders(entity, record_id)
            except Exception:  # noqa: BLE001 - a courtesy, never a reason not to open the editor
                self.others = []
        self._show()

    def release(self) -> None:
        if self.poller is not None:
            self.poller.editing_changed.disconnect(self._editing)
            self.poller.changed.disconnect(self._changed)
            self.poller.let_go(self.entity, self.record_id)
            self.poller = None

    def set_note(self, text: str) -> None:
        self.note = text
        self._show()

    def editors_text(self) -> str:
        return "、".join(dict.fromkeys(h.name or self.tr("(no name)") for h in self.others))

    def _editing(self, editing: dict) -> None:
        others = editing.get((self.entity, self.record_id), [])
        if others != self.others:
            self.others = others
            self._show()
            self.editors_changed.emit(self.editors_text())

    def _changed(self, batch) -> None:
        concerned = self.record_id in (batch.entries if self.entity == "ledger_entry" else batch.meetings)
        if not concerned and batch.complete:
            return
        try:
            version = self.stored_version()
        except Exception:  # noqa: BLE001 - deleted for good meanwhile: the save will say so
            return
        if self.base_version is not None and version != self.base_version:
            who = batch.actors[-1] if batch.actors else ""
            self.remote_saved.emit(who)

    def _show(self) -> None:
        parts = []
        if self.others:
            first = min(h.since_local for h in self.others)
            parts.append(self.tr("%1 is also editing this (since %2). If you both save, whoever saves second "
                                 "chooses field by field what to keep.").replace("%1", self.editors_text())
                         .replace("%2", first.strftime("%H:%M")))
        if self.note:
            parts.append(self.note)
        self.setText("\n".join(parts))
        self.setVisible(bool(parts))
