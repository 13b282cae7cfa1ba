from __future__ import annotations

import sys

import pytest
from print_fixtures import mark_slot, numbered_pdf
from PySide6.QtCore import Qt

from desk_app.reports.options import PrintOptions
from desk_app.reports.registry import render_to_file


@pytest.fixture
def ledger_pdf(demo, tmp_path, built_once):
    def build():  # the demo's whole ledger, rendered once for the module (the preview only reads it)
        path = tmp_path / "ledger.pdf"
        return path, render_to_file("ledger", PrintOptions(), path)

    return built_once("ledger_pdf", build)


def open_preview(qtbot, path, title="整改台账"):
    from ui.app import create_application
    from ui.views.print_preview import PrintPreviewWindow

    create_application()
    window = PrintPreviewWindow(path, title)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def preview(qtbot, ledger_pdf):
    return open_preview(qtbot, ledger_pdf[0])


def test_preview_shows_every_page_and_navigates(preview, ledger_pdf, qtbot):
    _path, pages = ledger_pdf
    assert preview.page_count() == pages
    assert preview.page_box.maximum() == pages
    preview.go_to(3)
    qtbot.waitUntil(lambda: preview.current_page() == 3)
    assert preview.page_box.value() == 4
    preview.findChild(type(preview.print_action), "last_page").trigger()
    qtbot.waitUntil(lambda: preview.current_page() == pages - 1)
    assert preview.page_box.value() == pages
    preview.go_to(10_000)  # clamped, no error
    assert preview.current_page() == pages - 1
    preview.page_box.setValue(2)
    assert preview.current_page() == 1


def test_the_preview_needs_no_qtpdf(preview, qtbot):
    qtbot.waitUntil(lambda: preview.view.rendered_count > 0)
    assert "PySide6.QtPdf" not in sys.modules and "PySide6.QtPdfWidgets" not in sys.modules


def test_scrolling_by_hand_moves_the_page_number(preview, qtbot):
    bar = preview.view.verticalScrollBar()
    bar.setValue(preview.view.page_rect(2).top() + bar.value() + 5)
    assert preview.current_page() == 2 and preview.page_box.value() == 3
    bar.setValue(bar.maximum())
    assert preview.current_page() == preview.page_count() - 1


def test_pages_render_lazily_the_visible_ones_first(qtbot, tmp_path):
    """A 400-page document shows its first page at once and renders only what comes into view."""
    pdf = numbered_pdf(tmp_path / "long.pdf", 400)
    window = open_preview(qtbot, pdf, "长文档")
    with qtbot.waitSignal(window.view.pageRendered, timeout=5000) as first:
        pass
    assert first.args == [0]
    qtbot.wait(200)  # idle: nothing more than what is visible and the next page
    assert 1 <= window.view.rendered_count <= 4
    with qtbot.waitSignal(window.view.pageRendered, timeout=5000,
                          check_params_cb=lambda page: page == 317):
        window.go_to(317)
    assert window.view.rendered_count <= 8
    qtbot.wait(50)
    image = window.view.viewport().grab().toImage()
    rect = window.view.page_rect(317).intersected(image.rect())
    assert mark_slot(image.copy(window.view.page_rect(317))) == 317 % 10, "page 318's own content is drawn"
    assert rect.height() > 50


def test_zoom_steps_in_and_out_and_ctrl_wheel(preview):
    preview.fit_page()
    preview._set_zoom(1.0)
    preview.zoom_in()
    assert preview.zoom_factor() > 1.0
    preview.zoom_out()
    preview.zoom_out()
    assert preview.zoom_factor() < 1.0
    preview.fit_width()
    width = preview.view.page_rect(0).width()
    assert abs(width - (preview.view.viewport().width() - 24)) <= 2
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    before = preview.zoom_factor()
    centre = QPointF(preview.view.viewport().rect().center())
    wheel = QWheelEvent(centre, preview.view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(preview.view.viewport(), wheel)
    assert preview.zoom_factor() > before, "Ctrl + wheel zooms in"


def test_zoom_keeps_the_current_page(preview, qtbot):
    preview.go_to(5)
    preview.zoom_in()
    preview.zoom_in()
    assert preview.current_page() == 5
    rect = preview.view.page_rect(5)
    assert 0 <= rect.top() <= 12 < rect.bottom(), "page 6 still at the top of the view"


def test_the_window_fits_the_screen(preview):
    area = preview.screen().availableGeometry()
    assert preview.width() <= area.width() and preview.height() <= area.height()


def test_a_damaged_pdf_says_so(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args))
    window = open_preview(qtbot, bad)
    assert window.page_count() == 0 and warnings and "bad.pdf" in warnings[0][2]
    assert window.print_document() is False


def test_closing_releases_the_file(qtbot, tmp_path):
    """Windows cannot delete an open file: the preview lets go of its temporary PDF when it closes."""
    pdf = numbered_pdf(tmp_path / "short.pdf", 3)
    window = open_preview(qtbot, pdf)
    qtbot.waitUntil(lambda: window.view.rendered_count > 0)
    window.close()
    assert window.pages.closed and window.page_count() == 0


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
