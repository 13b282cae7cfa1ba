"""Every window fits the smallest screen in use, 1366×768 (the tests' offscreen screen), and Qt's own
dialogs speak Chinese."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from ui.screen_fit import FRAME_WIDTH, TITLE_BAR


def _fits(window) -> bool:
    area = window.screen().availableGeometry()
    assert (area.width(), area.height()) == (1366, 768)
    # On the screen, with room left for the title bar and frame a window manager adds (offscreen adds 2 px).
    return (area.contains(window.frameGeometry()) and window.height() + TITLE_BAR <= area.height()
            and window.width() + FRAME_WIDTH <= area.width())


def test_first_start_window_fits(main_window):
    assert _fits(main_window) and main_window.width() >= 1200


def test_a_size_saved_on_a_bigger_screen_is_brought_back(qtbot, demo):
    from ui.app import create_application
    from ui.main_window import MainWindow

    create_application()
    first = MainWindow()
    qtbot.addWidget(first)
    first.setGeometry(0, 0, 1900, 1040)  # a docking station's screen
    QSettings().setValue("main_window/geometry", first.saveGeometry())
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert _fits(again)


def test_print_preview_fits(qtbot, demo, tmp_path):
    from desk_app.reports.options import PrintOptions
    from desk_app.reports.registry import render_to_file
    from ui.app import create_application
    from ui.views.print_preview import PrintPreviewWindow

    create_application()
    pdf = tmp_path / "ledger.pdf"
    render_to_file("ledger", PrintOptions(), pdf)
    preview = PrintPreviewWindow(pdf, "台账")
    qtbot.addWidget(preview)
    preview.show()
    assert _fits(preview) and preview.width() >= 1000


@pytest.mark.parametrize("dialog", ["entry_editor", "import_wizard", "package_dialog", "missing_dialog"])
def test_dialogs_fit(qtbot, demo, dialog):
    from ui.app import create_application
    from ui.state import AppState

    create_application()
    state = AppState()
    if dialog == "entry_editor":
        from ui.views.entry_editor import EntryEditor

        window = EntryEditor(demo.campaign_id, None)
    elif dialog == "import_wizard":
        from ui.views.exchange_import_wizard import XlsxImportWizard

        window = XlsxImportWizard(state)
    elif dialog == "package_dialog":
        from ui.views.exchange_package_dialog import PackageImportDialog

        window = PackageImportDialog(state)
    else:
        from ui.views.exchange_missing_dialog import MissingUnitsDialog

        window = MissingUnitsDialog(state)
    qtbot.addWidget(window)
    window.show()
    assert _fits(window)


def test_qt_dialogs_speak_chinese(qtbot):
    from ui.app import create_application

    create_application()
    files = QFileDialog(None, "x")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    labels = [label.text() for label in files.findChildren(QLabel)]
    # Qt 6.8's catalogue has no accelerators there ("查找范围："), newer ones do ("查找范围(&L)：").
    assert any(t.startswith("查找范围") for t in labels) and any(t.startswith("文件类型") for t in labels)
    assert not [t for t in labels if t.isascii() and t]
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.findChildren(QPushButton)) == ["取消", "打开"]
    assert QApplication.translate("QPlatformTheme", "&Yes") == "是(&Y)"
