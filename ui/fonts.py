"""Register the bundled CJK font so Chinese renders on a machine without Chinese fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desk_app import paths

# Families that look right to clerks, in the order we prefer them when the system has them.
PREFERRED_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"]


def install_fonts(app: QApplication, point_size: float = 10.0) -> str:
    """Returns the family the UI uses."""
    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_path()))
    bundled = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    available = set(QFontDatabase.families())
    family = next((f for f in PREFERRED_FAMILIES if f in available), bundled[0] if bundled else "")
    if family:
        font = QFont(family)
        font.setPointSizeF(point_size)
        # The bundled family is the fallback for every glyph the chosen one lacks.
        if bundled and bundled[0] != family:
            font.setFamilies([family, bundled[0]])
        app.setFont(font)
    return family
