"""打印预览: a PDF's pages rendered as they come into view (pypdfium2, no QtPdf), with page navigation and
zoom; print on paper through the system dialog, save as, or open in the system's PDF viewer."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QToolBar,
)

from ..screen_fit import fit_to_screen
from . import print_paper
from .print_pageview import FIT_PAGE, FIT_WIDTH, PageView
from .print_pdf import PdfError, PdfPages


class PrintPreviewWindow(QMainWindow):
    def __init__(self, pdf_path: str | Path, title: str, suggested_name: str = "", parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf_path = Path(pdf_path)
        self.doc_title = title
        self.suggested_name = suggested_name or f"{title}.pdf"
        self.setWindowTitle(self.tr("Print preview — %1").replace("%1", title))
        self.view = PageView(self)
        self.setCentralWidget(self.view)
        self._build_toolbar()
        self.pages: PdfPages | None = None
        try:
            self.pages = PdfPages(self.pdf_path)
        except PdfError:
            QMessageBox.warning(self, self.tr("Cannot show the document"),
                                self.tr("The PDF file could not be opened: %1").replace("%1", str(self.pdf_path)))
        self.view.set_pages(self.pages)
        count = self.page_count()
        self.page_box.setRange(1, max(1, count))
        self.page_count_label.setText(self.tr(" of %1").replace("%1", str(count)))
        self.view.currentPageChanged.connect(self._on_page_changed)
        self.statusBar().showMessage(self.tr("%1 pages").replace("%1", str(count)))
        fit_to_screen(self, 1100, 820)  # 1366×768 laptops: never taller than the screen

    def page_count(self) -> int:
        return self.view.page_count()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.pages is not None:
            self.view.set_pages(None)
            self.pages.close()  # let the temporary file go (Windows keeps open files from deletion)
        super().closeEvent(event)

    # --- toolbar --------------------------------------------------------------------------------
    def _action(self, text: str, shortcut, slot, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Preview"), self)
        bar.setMovable(False)
        self.addToolBar(bar)
        self.print_action = self._action(self.tr("Print…"), QKeySequence.StandardKey.Print, self.print_document,
                                         "print")
        self.save_action = self._action(self.tr("Save as…"), QKeySequence.StandardKey.Save, self.save_as, "save_as")
        self.open_action = self._action(self.tr("Open in PDF viewer"), "Ctrl+Shift+O", self.open_external,
                                        "open_external")
        for a in (self.print_action, self.save_action, self.open_action):
            bar.addAction(a)
        bar.addSeparator()
        self.first_action = self._action(self.tr("First page"), "Home", lambda: self.go_to(0), "first_page")
        self.prev_action = self._action(self.tr("Previous page"), "PgUp",
                                        lambda: self.go_to(self.current_page() - 1), "previous_page")
        self.page_box = QSpinBox()
        self.page_box.setObjectName("page_box")
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.page_count_label = QLabel()
        self.next_action = self._action(self.tr("Next page"), "PgDown",
                                        lambda: self.go_to(self.current_page() + 1), "next_page")
        self.last_action = self._action(self.tr("Last page"), "End",
                                        lambda: self.go_to(self.page_count() - 1), "last_page")
        bar.addAction(self.first_action)
        bar.addAction(self.prev_action)
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_count_label)
        bar.addAction(self.next_action)
        bar.addAction(self.last_action)
        bar.addSeparator()
        bar.addAction(self._action(self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, self.zoom_out, "zoom_out"))
        bar.addAction(self._action(self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, self.zoom_in, "zoom_in"))
        bar.addAction(self._action(self.tr("Fit width"), "Ctrl+1", self.fit_width, "fit_width"))
        bar.addAction(self._action(self.tr("Whole page"), "Ctrl+2", self.fit_page, "fit_page"))
        bar.addSeparator()
        bar.addAction(self._action(self.tr("Close"), QKeySequence.StandardKey.Close, self.close, "close"))
        self._action(self.tr("Close"), "Esc", self.close, "close_esc")

    # --- navigation and zoom --------------------------------------------------------------------
    def current_page(self) -> int:
        return self.view.current_page()

    def go_to(self, page: int) -> None:
        self.view.go_to(page)

    def _on_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def zoom_factor(self) -> float:
        return self.view.zoom_factor()

    def _show_zoom(self) -> None:
        self.statusBar().showMessage(self.tr("Zoom %1%").replace("%1", str(round(self.zoom_factor() * 100))), 2000)

    def _set_zoom(self, factor: float) -> None:
        self.view.set_zoom(factor)
        self._show_zoom()

    def zoom_in(self) -> None:
        self.view.zoom_in()
        self._show_zoom()

    def zoom_out(self) -> None:
        self.view.zoom_out()
        self._show_zoom()

    def fit_width(self) -> None:
        self.view.set_fit(FIT_WIDTH)

    def fit_page(self) -> None:
        self.view.set_fit(FIT_PAGE)

    # --- output ---------------------------------------------------------------------------------
    def save_as(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF as"), str(Path(folder) / self.suggested_name),
                                                self.tr("PDF files (*.pdf)"))
        if not target:
            return None
        return self.save_to(Path(target))

    def save_to(self, target: Path) -> Path | None:
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            tmp = target.with_name(f".{target.name}.part")
            shutil.copyfile(self.pdf_path, tmp)
            tmp.replace(target)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"),
                                self.tr("Could not write %1: %2\nClose the file if it is open in another program, "
                                        "or choose another folder.").replace("%1", str(target))
                                .replace("%2", exc.strerror or str(exc)))
            return None
        self.statusBar().showMessage(self.tr("Saved to %1").replace("%1", str(target)), 5000)
        return target

    def open_external(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path))):
            QMessageBox.information(self, self.tr("No PDF viewer"),
                                    self.tr("No program is set up to open PDF files. Use Save as… instead."))

    def print_document(self) -> bool:
        """打印 (Ctrl+P): the system print dialog, set up from the document, then the pages on paper."""
        count = self.page_count()
        if count == 0:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        print_paper.setup_printer(printer, self.pages, self.doc_title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", self.doc_title))
        dialog.setMinMax(1, count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        pages = print_paper.chosen_pages(printer, count, self.current_page())
        if not pages:
            QMessageBox.information(self, self.tr("Nothing to print"),
                                    self.tr("The chosen page range has no pages of this document (1–%1).")
                                    .replace("%1", str(count)))
            return False
        return self.print_pages(printer, print_paper.print_sequence(pages, printer))

    def print_pages(self, printer: QPrinter, sequence: list[int]) -> bool:
        """Send the pages to the printer behind a progress dialog with 取消."""
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, len(sequence), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def keep_going(done: int) -> bool:
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            ok = print_paper.print_pages(printer, self.pages, sequence, keep_going)
            cancelled = progress.wasCanceled()
        finally:
            progress.close()  # (closing counts as cancelling: asked before)
        if not ok and not cancelled:
            QMessageBox.warning(self, self.tr("Cannot print"),
                                self.tr("The printer could not be started. Check that it is switched on and "
                                        "connected, or choose another printer."))
        elif ok:
            self.statusBar().showMessage(self.tr("Sent %1 pages to the printer.").replace("%1", str(len(sequence))),
                                         5000)
        return ok
