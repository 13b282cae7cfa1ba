"""Application state shared by pages: the current campaign and a 'data changed' signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desk_app.services import campaigns


class AppState(QObject):
    """Pages listen to data_changed to refresh; they emit it after any write they make."""

    data_changed = Signal()
    campaign_changed = Signal(int)
    remote_changed = Signal(object)  # a ChangeBatch: other clerks' changes (ui/change_poller)
    editing_changed = Signal(object)  # {(entity, id): [Holder]}: who else is editing what

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        current = campaigns.current_campaign()
        self._campaign_id = current.id if current else None

    @property
    def campaign_id(self) -> int | None:
        return self._campaign_id

    def set_campaign(self, campaign_id: int) -> None:
        if campaign_id != self._campaign_id:
            campaigns.set_current(campaign_id)
            self._campaign_id = campaign_id
            self.campaign_changed.emit(campaign_id)
            self.data_changed.emit()

    def reload_campaign(self) -> None:
        current = campaigns.current_campaign()
        self._campaign_id = current.id if current else None
        self.campaign_changed.emit(self._campaign_id or 0)
