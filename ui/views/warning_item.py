"""A compliance warning as a list row, coloured by severity: the meetings page and 首页 (which shows them
without importing the meetings page and everything it needs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidgetItem

from desk_app.services import compliance

WARNING_COLORS = {compliance.WARNING: "#c62828", compliance.REMINDER: "#b26a00"}


def warning_item(w) -> QListWidgetItem:
    item = QListWidgetItem(("⚠ " if w.severity == compliance.WARNING else "· ") + w.message)
    item.setForeground(QBrush(QColor(WARNING_COLORS.get(w.severity, "#455a64"))))
    item.setData(Qt.ItemDataRole.UserRole, w)
    return item
