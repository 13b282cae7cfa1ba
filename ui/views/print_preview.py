"""打印预览: a rendered PDF with page navigation and zoom; print through the system dialog, save as,
or open in the system's PDF viewer."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
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

MAX_PRINT_DPI = 300  # higher printer resolutions only cost memory for a rasterised page
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class PrintPreviewWindow(QMainWindow):
    def __init__(self, pdf_path: str | Path, title: str, suggested_name: str = "", parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf_path = Path(pdf_path)
        self.doc_title = title
        self.suggested_name = suggested_name or f"{title}.pdf"
        self.setWindowTitle(self.tr("Print preview — %1").replace("%1", title))
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setCentralWidget(self.view)
        self._build_toolbar()
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            QMessageBox.warning(self, self.tr("Cannot show the document"),
                                self.tr("The PDF file could not be opened: %1").replace("%1", str(self.pdf_path)))
        self.page_box.setRange(1, max(1, self.document.pageCount()))
        self.page_count_label.setText(self.tr(" of %1").replace("%1", str(self.document.pageCount())))
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self.statusBar().showMessage(self.tr("%1 pages").replace("%1", str(self.document.pageCount())))
        fit_to_screen(self, 1100, 820)  # 1366×768 laptops: never taller than the screen

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
                                        lambda: self.go_to(self.document.pageCount() - 1), "last_page")
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
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        count = self.document.pageCount()
        if count == 0:
            return
        page = max(0, min(count - 1, page))
        if page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _on_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.statusBar().showMessage(self.tr("Zoom %1%").replace("%1", str(round(factor * 100))), 2000)

    def zoom_in(self) -> None:
        current = self.view.zoomFactor()
        self._set_zoom(next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self.view.zoomFactor()
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < current - 0.01), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

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

    def _page_layout_for(self, printer: QPrinter) -> None:
        size = self.document.pagePointSize(0)
        if size.isEmpty():
            return
        landscape = size.width() > size.height()
        page_size = QPageSize(QSize(round(min(size.width(), size.height())), round(max(size.width(), size.height()))),
                              QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        printer.setPageSize(page_size)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)

    def print_document(self) -> None:
        count = self.document.pageCount()
        if count == 0:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.doc_title)
        self._page_layout_for(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", self.doc_title))
        dialog.setMinMax(1, count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        pages = self.pages_to_print(printer, dialog.printRange(), count)
        self.print_pages(printer, pages)

    def pages_to_print(self, printer: QPrinter, print_range, count: int) -> list[int]:
        if print_range == QAbstractPrintDialog.PrintRange.PageRange and printer.fromPage() > 0:
            return list(range(printer.fromPage() - 1, min(printer.toPage(), count)))
        if print_range == QAbstractPrintDialog.PrintRange.CurrentPage:
            return [self.current_page()]
        return list(range(count))

    def print_pages(self, printer: QPrinter, pages: list[int]) -> bool:
        """Rasterise each page at the printer's resolution (capped) and draw it onto the paper."""
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, len(pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Cannot print"), self.tr("The printer could not be started."))
            return False
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            scale = printer.resolution() / dpi
            target = painter.viewport()
            for i, page in enumerate(pages):
                if progress.wasCanceled():
                    printer.abort()
                    return False
                if i:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                image_size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.document.render(page, image_size)
                w = image.width() * scale
                h = image.height() * scale
                factor = min(target.width() / w, target.height() / h, 1.0)
                painter.save()
                painter.translate(target.x() + (target.width() - w * factor) / 2,
                                  target.y() + (target.height() - h * factor) / 2)
                painter.scale(scale * factor, scale * factor)
                painter.drawImage(0, 0, image)
                painter.restore()
                progress.setValue(i + 1)
                QApplication.processEvents()
        finally:
            painter.end()
            progress.close()
        return True
