"""打印 / 导出PDF for any page: a toolbar button with a menu of documents, rendered in the background
(with progress and 取消), then shown in the preview window or saved where the clerk chose.

A page adds them with one call:

    add_print_actions(toolbar, self, lambda: PrintOptions(filter=self.current_filter(),
                                                          columns=self.visible_column_keys()))

`options` is called when the clerk clicks, so it reads the page's state at that moment; it may
return None (after telling the user why, e.g. no meeting selected) to cancel.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from desk_app import safe_names
from desk_app.errors import DeskAppError
from desk_app.reports.options import PrintOptions
from desk_app.reports.registry import (
    LEDGER_KINDS,
    MEETING_KINDS,
    check_options,
    get_kind,
    render_in_worker,
)
from desk_app.services.ledger_query import LedgerFilter

from ..tasks import Task, TaskCancelled, run_with_progress

OptionsFactory = Callable[[], PrintOptions | None]
_open_windows: list = []  # keep previews alive while they are shown


def preview_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "desk_app-print"
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - 2 * 86400
    for old in folder.glob("*.pdf"):  # previews from earlier days; a viewer may still hold today's
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
    return folder


def safe_file_name(title: str) -> str:
    """A file name (without .pdf) for a document title that Windows takes: no device name (a title "CON" or
    "LPT1.台账"), no character Windows forbids, short enough for MAX_PATH in %TEMP% and Documents."""
    return safe_names.safe_component(re.sub(r"\s+", "_", title).strip("_. ") or "document", max_bytes=120)


def _work(kind: str, options: PrintOptions, path: Path):
    from desk_app.reports.layout import RenderCancelled  # noqa: PLC0415 - loaded with the first document

    def work(progress):
        try:
            return render_in_worker(kind, options, path, progress)
        except RenderCancelled:
            raise TaskCancelled() from None
    return work


def render_then(parent: QWidget | None, kind: str, options: PrintOptions, path: Path,
                done: Callable[[Path, int], None]) -> Task:
    """Render in the background behind a progress dialog; call done(path, pages) on success."""
    title = get_kind(kind).title
    label = QCoreApplication.translate("PrintActions", "Preparing %1…").replace("%1", title)
    task = Task(_work(kind, options, path), label)
    task.finished_ok.connect(lambda pages: done(path, pages))
    return run_with_progress(parent, task)


def show_preview(parent: QWidget | None, kind: str, options: PrintOptions) -> Task:
    from .print_preview import PrintPreviewWindow  # noqa: PLC0415 - pypdfium2 loads only when used

    title = options.title or get_kind(kind).title
    path = preview_folder() / f"{safe_file_name(title)}-{int(time.time() * 1000)}.pdf"

    def open_window(pdf: Path, pages: int) -> None:
        window = PrintPreviewWindow(pdf, title, f"{safe_file_name(title)}.pdf", parent)
        _open_windows.append(window)
        window.destroyed.connect(lambda *_: _open_windows.remove(window) if window in _open_windows else None)
        if options.advice:  # too many columns for the paper …: said beside the pages, not in a box to click away
            from PySide6.QtWidgets import QLabel  # noqa: PLC0415 - Qt's types load with their first use

            note = QLabel("\n".join(options.advice))
            note.setWordWrap(True)
            note.setStyleSheet("color: #9a5b00;")
            window.statusBar().addPermanentWidget(note, 1)
        window.show()
        window.raise_()

    return render_then(parent, kind, options, path, open_window)


def export_pdf(parent: QWidget | None, kind: str, options: PrintOptions, target: Path | None = None) -> Task | None:
    title = options.title or get_kind(kind).title
    if target is None:
        # Qt's types load with their first use (PySide6 builds each one's enums then), not with every page's buttons.
        from PySide6.QtCore import QStandardPaths  # noqa: PLC0415
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("PrintActions", "Export PDF"),
                                                str(Path(folder) / f"{safe_file_name(title)}.pdf"),
                                                QCoreApplication.translate("PrintActions", "PDF files (*.pdf)"))
        if not chosen:
            return None
        target = Path(chosen)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")

    def saved(pdf: Path, pages: int) -> None:
        message = (QCoreApplication.translate("PrintActions", "Saved %1 (%2 pages).")
                   .replace("%1", str(pdf)).replace("%2", str(pages)))
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("PrintActions", "PDF exported"),
                          message, QMessageBox.StandardButton.Ok, parent)
        if options.advice:
            box.setInformativeText("\n".join(options.advice))
        open_button = box.addButton(QCoreApplication.translate("PrintActions", "Open"),
                                    QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is open_button:
            from PySide6.QtCore import QUrl  # noqa: PLC0415
            from PySide6.QtGui import QDesktopServices  # noqa: PLC0415

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))

    return render_then(parent, kind, options, target, saved)


def _run(parent, options_factory: OptionsFactory, kind: str, export: bool):
    options = options_factory()
    if options is None:
        return None
    try:
        check_options(get_kind(kind), options)
    except DeskAppError as exc:  # e.g. no meeting selected: say so before any work starts
        QMessageBox.information(parent, get_kind(kind).title, exc.message)
        return None
    return export_pdf(parent, kind, options) if export else show_preview(parent, kind, options)


def add_print_actions(toolbar, parent: QWidget, options_factory: OptionsFactory,
                      kinds: list[str] | None = None) -> tuple[QToolButton, QToolButton]:
    """Add 打印 (preview, Ctrl+P) and 导出PDF buttons, each with a menu of `kinds`, to a QToolBar or layout."""
    kinds = kinds or LEDGER_KINDS
    buttons = []
    for export in (False, True):
        button = QToolButton(parent)
        button.setObjectName("export_pdf_button" if export else "print_button")
        button.setText(QCoreApplication.translate("PrintActions", "Export PDF") if export
                       else QCoreApplication.translate("PrintActions", "Print"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(button)
        for kind in kinds:
            action = QAction(get_kind(kind).title, menu)
            action.setObjectName(f"{'export' if export else 'print'}_{kind}")
            action.triggered.connect(lambda _=False, k=kind, e=export: _run(parent, options_factory, k, e))
            menu.addAction(action)
        button.setMenu(menu)
        default = menu.actions()[0]
        button.clicked.connect(default.trigger)
        tip = (QCoreApplication.translate("PrintActions", "Export %1 as a PDF file") if export
               else QCoreApplication.translate("PrintActions", "Preview and print %1 (Ctrl+P)"))
        button.setToolTip(tip.replace("%1", default.text()))
        if hasattr(toolbar, "addWidget"):
            toolbar.addWidget(button)
        buttons.append(button)
    shortcut = QAction(parent)
    shortcut.setShortcut("Ctrl+P")
    shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # one per page
    shortcut.triggered.connect(buttons[0].click)
    parent.addAction(shortcut)
    return buttons[0], buttons[1]


# --- ready-made wiring for the pages of other areas (one call each) ----------------------------
def add_ledger_print_actions(toolbar, page) -> tuple[QToolButton, QToolButton]:
    """整改台账 page: the filtered ledger with the visible columns and sort; 督办单 for the current entry."""
    def options() -> PrintOptions:
        sort, descending = page.sort_state() if hasattr(page, "sort_state") else ("code", False)
        return PrintOptions(filter=page.current_filter(), columns=page.visible_column_keys(), sort=sort,
                            descending=descending)

    buttons = add_print_actions(toolbar, page, options, LEDGER_KINDS)
    for button, export in zip(buttons, (False, True), strict=True):
        for kind in ("supervision", "urge"):  # 督办单 and 催办单 of the current entry
            action = QAction(get_kind(kind).title, button.menu())
            action.setObjectName(f"{'export' if export else 'print'}_{kind}")
            action.triggered.connect(lambda _=False, e=export, k=kind: _run(
                page, lambda: replace(options(), entry_id=page.current_id()), k, e))
            button.menu().addAction(action)
    return buttons


def add_meeting_print_actions(toolbar, page) -> tuple[QToolButton, QToolButton]:
    """例会 page: 会议通知 / 签到表 / 会议纪要 of the selected meeting."""
    return add_print_actions(toolbar, page, lambda: PrintOptions(meeting_id=page.current_meeting_id()),
                             MEETING_KINDS)


def add_task_force_print_actions(toolbar, page) -> tuple[QToolButton, QToolButton]:
    """专班 page: every 专班's roster (the first item), the selected 专班's own roster and its 行动方案."""
    def every() -> PrintOptions:
        campaign_id = getattr(getattr(page, "state", None), "campaign_id", None)
        return PrintOptions(filter=LedgerFilter(campaign_id=campaign_id))

    def selected() -> PrintOptions:
        return replace(every(), task_force_id=page.current_task_force_id())

    buttons = add_print_actions(toolbar, page, every, ["rosters"])
    extra = [("rosters", "one_roster", QCoreApplication.translate("PrintActions", "Roster of this task force")),
             ("action-plan", "action-plan", get_kind("action-plan").title)]
    for button, export in zip(buttons, (False, True), strict=True):
        for kind, name, text in extra:
            action = QAction(text, button.menu())
            action.setObjectName(f"{'export' if export else 'print'}_{name}")
            action.triggered.connect(lambda _=False, e=export, k=kind: _run(page, selected, k, e))
            button.menu().addAction(action)
    return buttons
