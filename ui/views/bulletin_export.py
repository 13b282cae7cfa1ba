"""导出Word / 导出Excel for a 通报 (月度, 季度, 排名): asks where, writes in the background, offers to open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton, QWidget

from desk_app.services import session

from ..tasks import Task, run_with_progress
from .print_actions import safe_file_name

FILTERS = {".docx": "Word (*.docx)", ".xlsx": "Excel (*.xlsx)"}


def _in_worker(work):
    """Run `work` on a pool thread and close that thread's own database connection afterwards."""
    def run(progress):
        import threading  # noqa: PLC0415

        try:
            return work(progress)
        finally:
            if threading.current_thread() is not threading.main_thread():
                session.close_data()  # connections are per thread: this closes the worker's only
    return run


def export_file(parent: QWidget, what: str, campaign_id: int, suffix: str, default_name: str,
                target: Path | None = None, **options) -> Task | None:
    """Write the 通报 `what` (bulletin / quarter / ranking) as .docx or .xlsx."""
    from desk_app.exchange.bulletin_files import export_notice  # noqa: PLC0415

    if target is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("BulletinExport", "Export"),
                                                str(Path(folder) / f"{safe_file_name(default_name)}{suffix}"),
                                                FILTERS[suffix])
        if not chosen:
            return None
        target = Path(chosen)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    task = Task(_in_worker(lambda progress: export_notice(what, campaign_id, target, progress=progress, **options)),
                QCoreApplication.translate("BulletinExport", "Exporting %1…").replace("%1", default_name))

    def done(result) -> None:
        path, _label = result
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("BulletinExport", "Exported"),
                          QCoreApplication.translate("BulletinExport", "Saved %1.").replace("%1", str(path)),
                          QMessageBox.StandardButton.Ok, parent)
        open_button = box.addButton(QCoreApplication.translate("BulletinExport", "Open"),
                                    QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    task.finished_ok.connect(done)
    return run_with_progress(parent, task)


def add_export_buttons(layout, parent: QWidget, export) -> tuple[QToolButton, QToolButton]:
    """导出Word and 导出Excel buttons calling export(suffix)."""
    buttons = []
    for suffix, text in ((".docx", QCoreApplication.translate("BulletinExport", "Export Word")),
                         (".xlsx", QCoreApplication.translate("BulletinExport", "Export Excel"))):
        button = QToolButton(parent)
        button.setText(text)
        button.setObjectName(f"export{suffix.replace('.', '_')}")
        button.clicked.connect(lambda _=False, s=suffix: export(s))
        layout.addWidget(button)
        buttons.append(button)
    return buttons[0], buttons[1]
