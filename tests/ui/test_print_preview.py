from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.reports.options import PrintOptions
from desk_app.reports.registry import render_to_file


@pytest.fixture
def ledger_pdf(demo, tmp_path):
    path = tmp_path / "ledger.pdf"
    pages = render_to_file("ledger", PrintOptions(), path)
    return path, pages


@pytest.fixture
def preview(qtbot, ledger_pdf):
    from ui.app import create_application
    from ui.views.print_preview import PrintPreviewWindow

    create_application()
    path, _pages = ledger_pdf
    window = PrintPreviewWindow(path, "整改台账")
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    qtbot.addWidget(window)
    window.show()
    return window


def test_preview_shows_every_page_and_navigates(preview, ledger_pdf, qtbot):
    _path, pages = ledger_pdf
    assert preview.document.pageCount() == pages
    assert preview.page_box.maximum() == pages
    preview.go_to(3)
    qtbot.waitUntil(lambda: preview.current_page() == 3)
    assert preview.page_box.value() == 4
    preview.findChild(type(preview.print_action), "last_page").trigger()
    qtbot.waitUntil(lambda: preview.current_page() == pages - 1)
    preview.go_to(10_000)  # clamped, no error
    assert preview.current_page() == pages - 1


def test_zoom_steps_in_and_out(preview):
    preview.fit_page()
    preview._set_zoom(1.0)
    preview.zoom_in()
    assert preview.zoom_factor() > 1.0
    preview.zoom_out()
    preview.zoom_out()
    assert preview.zoom_factor() < 1.0


def test_save_as_copies_the_pdf_and_reports_a_folder_that_cannot_be_written(preview, ledger_pdf, tmp_path,
                                                                            monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    path, _pages = ledger_pdf
    target = preview.save_to(tmp_path / "台账副本")
    assert target.suffix == ".pdf" and target.read_bytes() == path.read_bytes()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args))
    assert preview.save_to(tmp_path / "missing" / "x.pdf") is None
    assert warnings and "missing" in warnings[0][2]


def test_printing_renders_the_chosen_pages_into_the_printer(preview, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert preview.print_pages(printer, [0, 1, 2])
    assert len(PdfReader(out).pages) == 3
