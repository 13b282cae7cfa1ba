from __future__ import annotations

from desk_app.reports import fonts
from desk_app.services import settings


def test_font_section_lists_the_bundled_font_and_saves_the_choice(qtbot, db):
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.print_settings import PrintSettings

    create_application()
    section = PrintSettings(AppState())
    qtbot.addWidget(section)
    combo = section.combos["body"]
    assert combo.count() >= 1 and combo.itemData(0) == fonts.BUNDLED
    assert section.selected() == fonts.configured_choices()
    section.save()
    assert settings.get(fonts.SETTING_KEY) == section.selected()


def test_an_unusable_font_file_is_refused(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import create_application
    from ui.state import AppState
    from ui.views.print_settings import PrintSettings

    create_application()
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font")
    section = PrintSettings(AppState())
    qtbot.addWidget(section)
    section.combos["title"].addItem("broken", str(bad))
    section.combos["title"].setCurrentIndex(section.combos["title"].count() - 1)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args))
    section.save()
    assert shown and "broken.ttf" in shown[0][2]
    assert settings.get(fonts.SETTING_KEY) is None
