"""The box that says a file was written, with 打开 and 打开所在文件夹 (a clerk's next step is usually one
of them: look at the export, or attach it to a message)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> None:
    """The folder holding the file; on Windows with the file selected in Explorer."""
    if sys.platform == "win32":
        subprocess.Popen(["explorer", "/select,", str(path)])  # noqa: S603,S607 - Explorer of this PC
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def saved_box(parent: QWidget | None, title: str, path: Path | str, detail: str = "") -> QMessageBox:
    """The message box (not yet shown): 打开, 打开所在文件夹, 关闭."""
    path = Path(path)
    text = QCoreApplication.translate("FileSaved", "Saved to %1").replace("%1", str(path))
    box = QMessageBox(QMessageBox.Icon.Information, title, text + (f"\n{detail}" if detail else ""),
                      QMessageBox.StandardButton.Close, parent)
    box.open_button = box.addButton(QCoreApplication.translate("FileSaved", "Open"), QMessageBox.ButtonRole.AcceptRole)
    box.folder_button = box.addButton(QCoreApplication.translate("FileSaved", "Open folder"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.open_button)
    box.setEscapeButton(QMessageBox.StandardButton.Close)
    return box


def show_saved(parent: QWidget | None, title: str, path: Path | str, detail: str = "") -> None:
    box = saved_box(parent, title, path, detail)
    box.exec()
    if box.clickedButton() is box.open_button:
        open_file(Path(path))
    elif box.clickedButton() is box.folder_button:
        open_folder(Path(path))
