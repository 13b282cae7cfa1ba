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
    assert asked and window.page_count() >= 1
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


class FakeMeetingPage(QWidget):
    def __init__(self, meeting_id):
        super().__init__()
        self.meeting_id = meeting_id

    def current_meeting_id(self):
        return self.meeting_id


def test_meeting_actions_ask_for_a_meeting_first_and_then_print_it(qtbot, demo, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desk_app.services import meetings
    from ui.app import create_application
    from ui.views import print_actions

    create_application()
    page = FakeMeetingPage(None)
    qtbot.addWidget(page)
    toolbar = QToolBar(page)
    print_button, _ = print_actions.add_meeting_print_actions(toolbar, page)
    assert [a.text() for a in print_button.menu().actions()] == ["会议通知", "签到表", "会议纪要"]
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args))
    print_button.menu().actions()[2].trigger()
    assert told and "会议" in told[0][2]
    page.meeting_id = meetings.list_meetings(demo.campaign_id)[0].id
    before = len(print_actions._open_windows)
    print_button.menu().actions()[1].trigger()
    qtbot.waitUntil(lambda: len(print_actions._open_windows) > before, timeout=15000)
    assert "签到表" in print_actions._open_windows[-1].windowTitle()
    print_actions._open_windows[-1].close()


class FakeLedgerPage(QWidget):
    def __init__(self, campaign_id, entry_id):
        super().__init__()
        self.campaign_id, self.entry_id = campaign_id, entry_id

    def current_filter(self):
        return LedgerFilter(campaign_id=self.campaign_id, overdue_only=True)

    def visible_column_keys(self):
        return ["code", "status"]

    def sort_state(self):
        return "deadline", True

    def current_id(self):
        return self.entry_id


def test_ledger_actions_print_the_pages_filter_and_the_current_entrys_supervision_sheet(qtbot, demo, tmp_path,
                                                                                        monkeypatch):

    from desk_app.reports import registry
    from desk_app.services.ledger_query import entry_ids
    from ui.app import create_application
    from ui.views import print_actions

    create_application()
    overdue = entry_ids(LedgerFilter(campaign_id=demo.campaign_id, overdue_only=True))
    page = FakeLedgerPage(demo.campaign_id, overdue[0])
    qtbot.addWidget(page)
    seen = []
    real_render = registry.render_in_worker
    monkeypatch.setattr(print_actions, "render_in_worker",
                        lambda kind, options, path, progress: seen.append((kind, options))
                        or real_render(kind, options, path, progress))
    print_button, _ = print_actions.add_ledger_print_actions(QToolBar(page), page)
    names = [a.objectName() for a in print_button.menu().actions()]
    assert names[0] == "print_ledger" and names[-2:] == ["print_supervision", "print_urge"]
    before = len(print_actions._open_windows)
    print_button.click()
    qtbot.waitUntil(lambda: len(print_actions._open_windows) > before, timeout=15000)
    kind, options = seen[-1]
    assert kind == "ledger" and options.filter.overdue_only and options.columns == ["code", "status"]
    assert options.sort == "deadline" and options.descending
    print_button.menu().actions()[-2].trigger()  # 督办单 (催办单 is last)
    qtbot.waitUntil(lambda: len(print_actions._open_windows) > before + 1, timeout=15000)
    assert seen[-1][0] == "supervision" and seen[-1][1].entry_id == overdue[0]
    for window in list(print_actions._open_windows):
        window.close()
