"""Printing on paper through QPrinter: Windows (GDI drivers) and Linux (CUPS) alike.

The printer is set up from the document — paper size and orientation from its pages, copies, page range
and duplex from its /ViewerPreferences where it says, else two-sided for documents of more than one page
(GB/T 9704 公文 are printed on both sides; landscape tables turn on the short edge) — and then shown
to the clerk in the system print dialog. Each chosen page is rasterised at the printer's resolution
(capped, see MAX_PRINT_DPI) and drawn at actual size on the paper (full-page mode: the document's own
margins place the 版心 exactly); a page larger than the paper is shrunk to fit, and a landscape page on
portrait paper is turned. Printing to a PDF-format QPrinter goes through the same code (the tests do).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from .print_pdf import POINTS_PER_INCH, PdfPages, PrintPreferences

MAX_PRINT_DPI = 300  # a text page at 300 dpi reads like a laser print; more only costs memory and time
_DUPLEX = {"simplex": QPrinter.DuplexMode.DuplexNone, "short": QPrinter.DuplexMode.DuplexShortSide,
           "long": QPrinter.DuplexMode.DuplexLongSide}


def page_size_for(points: QSizeF) -> QPageSize:
    """The standard paper (A4, A3 …) a page of this size in points is, or a custom size."""
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    known = QPageSize.id(portrait, QPageSize.Unit.Point, QPageSize.SizeMatchPolicy.FuzzyMatch)
    if known != QPageSize.PageSizeId.Custom:
        return QPageSize(known)
    return QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)


def is_landscape(points: QSizeF) -> bool:
    return points.width() > points.height()


def duplex_for(pages: PdfPages, preferences: PrintPreferences) -> QPrinter.DuplexMode:
    if preferences.duplex is not None:
        return _DUPLEX[preferences.duplex]
    if pages.count < 2:
        return QPrinter.DuplexMode.DuplexNone
    return (QPrinter.DuplexMode.DuplexShortSide if is_landscape(pages.page_size(0))
            else QPrinter.DuplexMode.DuplexLongSide)


def setup_printer(printer: QPrinter, pages: PdfPages, title: str) -> PrintPreferences:
    """Paper, orientation, copies, duplex and page range as the document asks, before the dialog opens."""
    preferences = pages.print_preferences()
    printer.setDocName(title)
    printer.setFullPage(True)  # paint from the paper's corner: the PDF page carries its own margins
    first = pages.page_size(0)
    printer.setPageSize(page_size_for(first))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if is_landscape(first)
                               else QPageLayout.Orientation.Portrait)
    printer.setCopyCount(preferences.copies)
    printer.setCollateCopies(True)
    printer.setDuplex(duplex_for(pages, preferences))
    if preferences.page_ranges:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        first_page, last_page = preferences.page_ranges[0]
        printer.setFromTo(first_page, last_page)
        ranges = printer.pageRanges()
        for first_page, last_page in preferences.page_ranges[1:]:
            ranges.addRange(first_page, last_page)
        printer.setPageRanges(ranges)
    return preferences


def chosen_pages(printer: QPrinter, count: int, current: int) -> list[int]:
    """0-based page indexes the dialog asked for, in order (page ranges like "1-3,7" included)."""
    chosen = printer.printRange()
    if chosen == QPrinter.PrintRange.CurrentPage:
        return [current]
    if chosen == QPrinter.PrintRange.PageRange:
        pages = []
        for page_range in printer.pageRanges().toRangeList():
            pages.extend(range(max(1, page_range.from_) - 1, min(page_range.to, count)))
        if not pages and printer.fromPage() > 0:
            pages = list(range(printer.fromPage() - 1, min(printer.toPage(), count)))
        return pages
    return list(range(count))


def print_sequence(pages: list[int], printer: QPrinter) -> list[int]:
    """The pages in the order they go onto paper: copies the driver cannot make are printed by us."""
    copies = printer.copyCount()
    if copies <= 1 or printer.supportsMultipleCopies():
        return pages
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def print_pages(printer: QPrinter, pages: PdfPages, sequence: list[int],
                keep_going: Callable[[int], bool] | None = None) -> bool:
    """Draw `sequence` (0-based page indexes) onto the printer. keep_going(n) is asked before each
    sheet; False cancels the job. Returns False when the printer could not start or was cancelled."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        device_per_point = printer.resolution() / POINTS_PER_INCH
        paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        for n, index in enumerate(sequence):
            if keep_going is not None and not keep_going(n):
                printer.abort()
                return False
            if n:
                printer.newPage()
            size = pages.page_size(index)
            image = pages.render(index, dpi / POINTS_PER_INCH)
            turn = is_landscape(size) != is_landscape(paper.size()) and size.width() != size.height()
            width, height = size.width() * device_per_point, size.height() * device_per_point
            room_w, room_h = (paper.height(), paper.width()) if turn else (paper.width(), paper.height())
            factor = min(1.0, room_w / width, room_h / height)  # actual size unless it does not fit
            painter.save()
            painter.translate(paper.center())
            if turn:
                painter.rotate(90)
            painter.scale(width * factor / image.width(), height * factor / image.height())
            painter.drawImage(QPointF(-image.width() / 2, -image.height() / 2), image)
            painter.restore()
    finally:
        if painter.isActive():
            painter.end()
    return True
