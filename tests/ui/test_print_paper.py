"""Printing on paper: 打印 / Ctrl+P in the preview goes through the system print dialog and QPrinter.
The dialog is answered by the test (printer output set to a PDF file, as "Print to file" does), and
the sheets that come out are checked: how many, their paper size and orientation, and which page of
the document each one shows."""

from __future__ import annotations

import pytest
from print_fixtures import A3, A4, landscape, mark_slot, numbered_pdf
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageRanges, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest

A4_LANDSCAPE_POINTS = (842, 595)


def open_preview(qtbot, path, title="文档"):
    from ui.app import create_application
    from ui.views.print_preview import PrintPreviewWindow

    create_application()
    window = PrintPreviewWindow(path, title)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    return window


class ClerkAtTheDialog:
    """Stands in for the clerk at QPrintDialog: notes what the program set up, then picks a PDF file
    as the printer (what "Print to file" does) with the given range and copies, and presses Print."""

    def __init__(self, monkeypatch, out, ranges=None, copies=None, collate=True, orientation=None,
                 current_page=False, accept=True):
        self.out, self.ranges, self.copies, self.collate = out, ranges, copies, collate
        self.orientation, self.current_page, self.accept = orientation, current_page, accept
        self.seen: dict = {}
        clerk = self

        def exec_(dialog):
            clerk.answer(dialog)
            return QPrintDialog.DialogCode.Accepted if accept else QPrintDialog.DialogCode.Rejected

        monkeypatch.setattr(QPrintDialog, "exec", exec_)

    def answer(self, dialog) -> None:
        printer = dialog.printer()
        layout = printer.pageLayout()
        self.seen = {"page_size": layout.pageSize().id(), "orientation": layout.orientation(),
                     "copies": printer.copyCount(), "full_page": printer.fullPage(),
                     "range": printer.printRange(), "ranges": [(r.from_, r.to) for r in
                                                               printer.pageRanges().toRangeList()],
                     "title": dialog.windowTitle(), "doc_name": printer.docName()}
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.out))
        printer.setResolution(150)  # a lower-resolution printer keeps the test quick; the path is the same
        if self.orientation is not None:
            printer.setPageOrientation(self.orientation)
        if self.ranges:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            ranges = QPageRanges()
            for first, last in self.ranges:
                ranges.addRange(first, last)
            printer.setPageRanges(ranges)
        if self.current_page:
            printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
        if self.copies:
            printer.setCopyCount(self.copies)
        printer.setCollateCopies(self.collate)


def sheets(out):
    """(width, height) in points and the page mark of every sheet printed into `out`."""
    from PySide6.QtGui import QTransform

    from ui.views.print_pdf import PdfPages

    printed = PdfPages(out)
    try:
        result = []
        for i in range(printed.count):
            size = printed.page_size(i)
            image = printed.render(i, 0.5)
            if size.height() > size.width():  # a landscape page turned onto portrait paper: turn it back
                image = image.transformed(QTransform().rotate(-90))
            result.append(((round(size.width()), round(size.height())), mark_slot(image)))
        return result
    finally:
        printed.close()


def test_ctrl_p_prints_the_chosen_range_and_copies_at_actual_size(qtbot, tmp_path, monkeypatch):
    pdf = numbered_pdf(tmp_path / "ledger.pdf", 12)
    window = open_preview(qtbot, pdf, "整改台账")
    out = tmp_path / "printed.pdf"
    clerk = ClerkAtTheDialog(monkeypatch, out, ranges=[(2, 3), (11, 11)], copies=2)
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    # set up from the document before the dialog opened: A4 landscape, full page, one copy
    assert clerk.seen["page_size"] == QPageSize.PageSizeId.A4
    assert clerk.seen["orientation"] == QPageLayout.Orientation.Landscape
    assert clerk.seen["full_page"] and clerk.seen["copies"] == 1
    assert clerk.seen["doc_name"] == "整改台账" and "整改台账" in clerk.seen["title"]
    printed = sheets(out)
    assert [mark for _size, mark in printed] == [1, 2, 0, 1, 2, 0], "pages 2, 3, 11, collated, twice"
    assert {size for size, _mark in printed} == {A4_LANDSCAPE_POINTS}
    from ui.views.print_pdf import PdfPages

    sheet = PdfPages(out)
    image = sheet.render(0, 1.0)  # one pixel per point
    sheet.close()
    middle = image.height() // 2
    left = next(x for x in range(image.width()) if image.pixelColor(x, middle).lightness() < 80)
    assert abs(left - 842 / 10) <= 2, "actual size: page 2's block starts a tenth of the way across"


def test_uncollated_copies_repeat_each_page(qtbot, tmp_path, monkeypatch):
    window = open_preview(qtbot, numbered_pdf(tmp_path / "d.pdf", 4))
    out = tmp_path / "printed.pdf"
    ClerkAtTheDialog(monkeypatch, out, ranges=[(1, 2)], copies=3, collate=False)
    window.print_action.trigger()
    assert [mark for _s, mark in sheets(out)] == [0, 0, 0, 1, 1, 1]


def test_current_page_and_all_pages(qtbot, tmp_path, monkeypatch):
    window = open_preview(qtbot, numbered_pdf(tmp_path / "d.pdf", 5))
    window.go_to(3)
    out = tmp_path / "current.pdf"
    ClerkAtTheDialog(monkeypatch, out, current_page=True)
    assert window.print_document()
    assert [mark for _s, mark in sheets(out)] == [3]
    out_all = tmp_path / "all.pdf"
    ClerkAtTheDialog(monkeypatch, out_all)
    assert window.print_document()
    assert [mark for _s, mark in sheets(out_all)] == [0, 1, 2, 3, 4]


def test_a_real_ledger_prints_with_its_content(demo, qtbot, tmp_path, monkeypatch):
    """The real 整改台账 PDF: the printed sheet is the page, not a blank or a shrunken copy."""
    from desk_app.reports.options import PrintOptions
    from desk_app.reports.registry import render_to_file
    from ui.views.print_pdf import PdfPages

    pdf = tmp_path / "ledger.pdf"
    render_to_file("ledger", PrintOptions(), pdf)
    window = open_preview(qtbot, pdf, "整改台账")
    out = tmp_path / "printed.pdf"
    ClerkAtTheDialog(monkeypatch, out, ranges=[(1, 2)])
    window.print_action.trigger()
    source, printed = PdfPages(pdf), PdfPages(out)
    try:
        assert printed.count == 2
        for page in range(2):
            assert (round(printed.page_size(page).width()), round(printed.page_size(page).height())) == \
                A4_LANDSCAPE_POINTS
            a, b = small_grey(source.render(page, 1.0)), small_grey(printed.render(page, 1.0))
            other = small_grey(source.render(page + 2, 1.0))
            ink = sum(255 - v for v in a) / len(a)
            assert ink > 8, "the source page has text and rules"
            assert mean_difference(a, b) < 0.4 * ink, "the sheet shows the page, in the same place"
            if page == 0:  # the first page has the title block the others lack
                assert mean_difference(a, other) > 2 * mean_difference(a, b), "and not some other page"
    finally:
        source.close()
        printed.close()


def small_grey(image) -> list[int]:
    """The page shrunk to 84×60 (averaging, like squinting at it) as grey levels."""
    small = image.scaled(84, 60, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return [small.pixelColor(x, y).lightness() for y in range(60) for x in range(84)]


def mean_difference(a: list[int], b: list[int]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


@pytest.mark.parametrize(("size", "paper", "orientation", "duplex"), [
    (landscape(A4), QPageSize.PageSizeId.A4, QPageLayout.Orientation.Landscape, QPrinter.DuplexMode.DuplexShortSide),
    (A4, QPageSize.PageSizeId.A4, QPageLayout.Orientation.Portrait, QPrinter.DuplexMode.DuplexLongSide),
    (landscape(A3), QPageSize.PageSizeId.A3, QPageLayout.Orientation.Landscape, QPrinter.DuplexMode.DuplexShortSide),
])
def test_the_printer_is_set_up_from_the_document(tmp_path, qapp, size, paper, orientation, duplex):
    """Paper and orientation from the pages; two-sided for a multi-page document, turning on the edge
    that keeps the pages upright (a QPrinter printing to PDF ignores duplex, so a recording one checks)."""
    from ui.views.print_paper import setup_printer
    from ui.views.print_pdf import PdfPages

    class RecordingPrinter(QPrinter):
        def setDuplex(self, mode):  # noqa: N802 - Qt name
            self.duplex_asked = mode
            super().setDuplex(mode)

    pages = PdfPages(numbered_pdf(tmp_path / "d.pdf", 3, size=size))
    printer = RecordingPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, pages, "文档")
    pages.close()
    assert printer.pageLayout().pageSize().id() == paper
    assert printer.pageLayout().orientation() == orientation
    assert printer.duplex_asked == duplex
    single = PdfPages(numbered_pdf(tmp_path / "one.pdf", 1, size=size))
    setup_printer(printer, single, "一页")
    single.close()
    assert printer.duplex_asked == QPrinter.DuplexMode.DuplexNone


def test_the_documents_own_print_preferences_win(tmp_path, qapp):
    """/ViewerPreferences: NumCopies, PrintPageRange and Duplex as the PDF's author set them."""
    from ui.views.print_paper import chosen_pages, setup_printer
    from ui.views.print_pdf import PdfPages

    pdf = numbered_pdf(tmp_path / "d.pdf", 8, viewer_preferences={
        "NumCopies": 3, "PrintPageRange": [1, 2, 5, 5], "Duplex": "Simplex"})
    pages = PdfPages(pdf)
    preferences = pages.print_preferences()
    assert preferences.copies == 3 and preferences.page_ranges == [(2, 3), (6, 6)]
    assert preferences.duplex == "simplex"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, pages, "文档")
    pages.close()
    assert printer.copyCount() == 3
    assert chosen_pages(printer, 8, current=0) == [1, 2, 5]


def test_a_custom_size_and_a_rotated_page(tmp_path, qapp):
    from ui.views.print_paper import page_size_for

    assert page_size_for(QSizeF(842, 595)).id() == QPageSize.PageSizeId.A4
    custom = page_size_for(QSizeF(600, 400))
    assert custom.id() == QPageSize.PageSizeId.Custom
    assert round(custom.size(QPageSize.Unit.Point).width()) == 400  # stored portrait, turned by orientation


def test_landscape_pages_on_portrait_paper_are_turned(qtbot, tmp_path, monkeypatch):
    window = open_preview(qtbot, numbered_pdf(tmp_path / "d.pdf", 3))
    out = tmp_path / "printed.pdf"
    ClerkAtTheDialog(monkeypatch, out, ranges=[(2, 2)], orientation=QPageLayout.Orientation.Portrait)
    assert window.print_document()
    [(size, mark)] = sheets(out)
    assert size == (595, 842) and mark == 1


def test_a_range_outside_the_document_prints_nothing_and_says_so(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = open_preview(qtbot, numbered_pdf(tmp_path / "d.pdf", 3))
    out = tmp_path / "printed.pdf"
    ClerkAtTheDialog(monkeypatch, out, ranges=[(7, 9)])
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args))
    assert window.print_document() is False
    assert told and "1–3" in told[0][2] and not out.exists()


def test_a_printer_that_cannot_start_is_reported(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = open_preview(qtbot, numbered_pdf(tmp_path / "d.pdf", 2))
    ClerkAtTheDialog(monkeypatch, tmp_path / "no such folder" / "x.pdf")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args))
    assert window.print_document() is False
    assert warnings


def test_cancelling_the_dialog_prints_nothing(qtbot, tmp_path, monkeypatch):
    window = open_preview(qtbot, numbered_pdf(tmp_path / "d.pdf", 2))
    out = tmp_path / "printed.pdf"
    ClerkAtTheDialog(monkeypatch, out, accept=False)
    assert window.print_document() is False and not out.exists()


def test_cancel_during_printing_stops_the_job(tmp_path, qapp):
    from ui.views.print_paper import print_pages
    from ui.views.print_pdf import PdfPages

    pages = PdfPages(numbered_pdf(tmp_path / "d.pdf", 5))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    asked = []
    assert print_pages(printer, pages, [0, 1, 2, 3, 4], lambda n: asked.append(n) or n < 2) is False
    pages.close()
    assert asked == [0, 1, 2]
