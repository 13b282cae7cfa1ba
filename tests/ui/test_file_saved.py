"""The "saved" box after an export: 打开 opens the file, 打开所在文件夹 its folder."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture
def opened(monkeypatch, qtbot):
    from ui.app import create_application

    create_application()
    urls = []
    monkeypatch.setattr("ui.views.file_saved.QDesktopServices.openUrl", lambda url: urls.append(url.toLocalFile()))
    return urls


def _click_later(qtbot, which: str) -> None:
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert [b.text() for b in box.buttons()].count("打开") == 1 and "打开所在文件夹" in [b.text() for b in box.buttons()]
        getattr(box, which).click() if which != "close" else box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(50, click)


@pytest.mark.parametrize("which, expected", [("open_button", "file"), ("folder_button", "folder"), ("close", None)])
def test_saved_box_buttons(opened, qtbot, tmp_path, which, expected):
    from ui.views.file_saved import show_saved

    path = tmp_path / "导出.xlsx"
    path.write_bytes(b"x")
    _click_later(qtbot, which)
    show_saved(None, "导出", path)
    assert opened == ({"file": [str(path)], "folder": [str(tmp_path)], None: []}[expected])


def test_saved_box_text_names_the_file(opened, tmp_path):
    from ui.views.file_saved import saved_box

    box = saved_box(None, "导出", tmp_path / "a.xlsx")
    assert str(tmp_path / "a.xlsx") in box.text() and box.defaultButton() is box.open_button
