"""A centred grey 暂无记录 over a list or table while it has no rows, instead of a blank box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel
from shiboken6 import isValid


class EmptyPlaceholder(QObject):
    """Shows `text` (暂无记录 by default) in the middle of `view` whenever its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str | None = None):
        super().__init__(view)
        self.view = view
        self.label = QLabel(text or self.tr("No records"), view.viewport())
        self.label.setObjectName("empty_placeholder")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #8a8a8a; background: transparent;")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # menus and drops still work
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update)
        self.update()

    def is_shown(self) -> bool:
        return not self.label.isHidden()

    def update(self, *_) -> None:
        if not isValid(self.view) or not isValid(self.label):  # the model empties itself as the view goes
            return
        self.label.setGeometry(self.view.viewport().rect())
        self.label.setHidden(self.view.model().rowCount() > 0)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override: follow the viewport's size
        if event.type() == QEvent.Type.Resize:
            self.label.setGeometry(self.view.viewport().rect())
        return False
