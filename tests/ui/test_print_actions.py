from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolBar, QWidget

from desk_app.reports.options import PrintOptions
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def page(qtbot, demo):
    from ui.app import create_application

    create_application()
    widget = QWidget()
    toolbar = QToolBar(widget)
    qtbot.addWidget(widget)
    widget.show()
    return widget, toolbar


def test_print_button_renders_in_the_background_and_opens_the_preview(page, qtbot, demo):
    from ui.views import print_actions

    widget, toolbar = page
    asked = []

    def options():
        asked.append(True)
        return PrintOptions(filter=LedgerFilter(campaign_id=demo.campaign_id, layers=["处级干部"]))

    print_button, export_button = print_actions.add_print_actions(toolbar, widget, options, ["ledger", "stats"])
    assert [a.text() for a in print_button.menu().actions()] == ["整改台账", "统计汇总"]
    before = len(print_actions._open_windows)
    print_button.click()
    qtbot.waitUntil(lambda: len(print_actions._open_windows) > before, timeout=15000)
    window = print_actions._open_windows[-1]
    assert asked and window.document.pageCount() >= 1
    assert "整改台账" in window.windowTitle()
    window.close()


def test_export_writes_the_chosen_file(page, qtbot, demo, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.views import print_actions

    widget, _toolbar = page
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # the "PDF exported" note
    target = tmp_path / "统计汇总"
    task = print_actions.export_pdf(widget, "stats", PrintOptions(filter=LedgerFilter(campaign_id=demo.campaign_id)),
                                    target)
    done = []
    task.finished_ok.connect(done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert (tmp_path / "统计汇总.pdf").read_bytes().startswith(b"%PDF")


def test_an_options_factory_returning_none_cancels_quietly(page):
    from ui.views import print_actions

    widget, toolbar = page
    before = len(print_actions._open_windows)
    print_button, _ = print_actions.add_print_actions(toolbar, widget, lambda: None)
    print_button.click()
    assert len(print_actions._open_windows) == before


def test_a_failed_render_reports_the_chinese_message(page, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.views import print_actions

    widget, _toolbar = page
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args))
    task = print_actions.show_preview(widget, "minutes", PrintOptions())  # no meeting chosen
    failed = []
    task.failed.connect(failed.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "会议" in shown[0][2]
