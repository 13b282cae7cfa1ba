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


def test_each_role_shows_its_face_a_rendered_sample_and_the_record_lines(qtbot, db, tmp_path):
    from desk_app.reports.gongwen_blocks import RECORD_SETTING
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.print_settings import PrintSettings

    create_application()
    section = PrintSettings(AppState())
    qtbot.addWidget(section)
    assert set(section.combos) == {"title", "heading", "heading2", "body", "table"}
    chosen = section.selected()
    # Without system fonts the roles get visibly different bundled faces: 宋 (title, body), 黑, 楷.
    assert chosen["heading"] != chosen["heading2"] and chosen["heading2"] != chosen["body"]
    pixmap = section.sample.pixmap()
    assert pixmap is not None and not pixmap.isNull() and pixmap.width() > 300
    section.cc.setText("市委督查室")
    section.save()
    assert settings.get(RECORD_SETTING) == {"cc": "市委督查室", "printer": ""}
    section.resize(700, 820)
    section.grab().save(str(tmp_path / "print-settings.png"))
