"""The editor's 督办 tab (nodes, done dates, 催办, undo through the ledger), the source fields, 首页's 督办
card and the 设置 section, driven as a clerk would. Screenshots go to $DESK_APP_SHOTS when it is set."""

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desk_app.db.models import LedgerEntry
from desk_app.domain import EntryKind
from desk_app.services import context, ledger, supervision, supervision_overview, supervision_rules, supervision_urges
from desk_app.services.ledger_query import LedgerFilter, entry_ids


def _shot(widget, name):
    folder = os.environ.get("DESK_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _late_matter():
    for e in LedgerEntry.select().where(LedgerEntry.kind == EntryKind.SUPERVISION).order_by(LedgerEntry.id.desc()):
        clock = supervision.clock(e.id)
        if clock and clock.missed and not clock.closed:
            return e
    raise AssertionError("no late matter in the demo")


@pytest.fixture
def app(qtbot, demo):
    from ui.app import create_application

    return create_application()


def test_the_supervision_tab_records_nodes_and_urges_with_undo(app, qtbot, demo):
    from PySide6.QtGui import QUndoStack

    from ui.views.entry_editor import EntryEditor
    from ui.views.supervision_undo import command

    entry = _late_matter()
    stack = QUndoStack()
    editor = EntryEditor(demo.campaign_id, entry.id, undo_push=lambda kind, payload: stack.push(
        command(kind, payload, entry.code, lambda: None)))
    qtbot.addWidget(editor)
    editor.resize(1280, 720)
    editor.show()
    tab = editor.supervision_tab
    editor.tabs.setCurrentWidget(tab)
    assert editor.tabs.isTabEnabled(editor.tabs.indexOf(tab))
    clock = supervision.clock(entry.id)
    assert tab.nodes.rowCount() == len(clock.nodes) and tab.rule.currentText() == clock.rule_name
    assert clock.level_name in tab.status.text()
    _shot(editor, "editor_supervision_tab")
    missed = next(n for n in clock.nodes if n.state == supervision.NodeState.MISSED)
    tab.nodes.selectRow(missed.seq - 1)
    tab.done.set_value(context.today())
    qtbot.mouseClick(tab.set_done, Qt.MouseButton.LeftButton)
    assert supervision.clock(entry.id).nodes[missed.seq - 1].done == context.today()
    before = len(supervision_urges.list_urges(entry.id))
    tab.urge_way.set_value("电话")
    tab.urge_target.setText("预算科 吴敏")
    tab.urge_answer.setText("明天上午报送")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.urge_table.rowCount() == before + 1
    assert supervision_urges.list_urges(entry.id)[-1].answer == "明天上午报送"
    stack.undo()  # the 催办
    assert len(supervision_urges.list_urges(entry.id)) == before
    stack.undo()  # the done date
    assert supervision.clock(entry.id).nodes[missed.seq - 1].done is None
    stack.redo()
    stack.redo()
    assert len(supervision_urges.list_urges(entry.id)) == before + 1
    tab.load(entry.id)
    tab.urge_table.selectRow(tab.urge_table.rowCount() - 1)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert len(supervision_urges.list_urges(entry.id)) == before
    stack.undo()
    assert supervision_urges.list_urges(entry.id)[-1].answer == "明天上午报送"
    editor.reject()


def test_source_fields_are_edited_and_hidden_for_problems(app, qtbot, demo):
    from ui.views.entry_editor import EntryEditor

    entry = _late_matter()
    editor = EntryEditor(demo.campaign_id, entry.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.left_form.isRowVisible(editor.boxes["doc_number"])
    editor.doc_number.setText("财办〔2026〕99号")
    editor.instructing_leader.setText("赵副市长")
    editor.save()
    saved = ledger.get_entry(entry.id)
    assert (saved.doc_number, saved.instructing_leader) == ("财办〔2026〕99号", "赵副市长")
    problem = entry_ids(LedgerFilter(campaign_id=demo.campaign_id, kinds=[EntryKind.RECTIFICATION]))[0]
    other = EntryEditor(demo.campaign_id, problem)
    qtbot.addWidget(other)
    other.show()
    assert not other.left_form.isRowVisible(other.boxes["doc_number"])
    assert not other.tabs.widget(4).rule.isEnabled()  # not on the clock


def test_home_card_counts_nodes_and_opens_them_in_the_ledger(main_window, qtbot, demo):
    home = main_window.pages["home"]
    figures = supervision_overview.overview(demo.campaign_id)
    assert figures.nodes_missed > 0
    assert home.cards["supervision"].text().startswith(f"{figures.nodes_due_today} / {figures.nodes_missed}")
    first = home.compliance_list.item(0).data(Qt.ItemDataRole.UserRole)
    assert isinstance(first, supervision_overview.NodeItem) and first.code in home.compliance_list.item(0).text()
    main_window.resize(1366, 768)
    _shot(main_window, "home_1366x768")
    with qtbot.waitSignal(home.ledger_requested) as blocker:
        qtbot.mouseClick(home.cards["supervision"], Qt.MouseButton.LeftButton)
    assert blocker.args[0].supervision == supervision_overview.ATTENTION
    ledger_page = main_window.pages["ledger"]
    shown = set(entry_ids(ledger_page.current_filter()))
    assert shown == set(supervision_overview.entry_ids(demo.campaign_id, supervision_overview.ATTENTION))
    _shot(main_window, "ledger_supervision_filter")


def test_home_reads_the_clocks_and_reminders_on_a_worker_on_a_big_ledger(main_window, qtbot, demo, monkeypatch):
    """From HomePage.BACKGROUND_FROM entries the 督办 clocks and the reminders arrive from a worker (a second at
    100,000 entries): the cards from the tally show at once, the supervision card says … until then."""
    from desk_app.services import compliance
    from ui.views.home_page import HomePage

    home = main_window.pages["home"]
    monkeypatch.setattr(HomePage, "BACKGROUND_FROM", 1)
    figures = supervision_overview.overview(demo.campaign_id)
    warnings = compliance.campaign_warnings(demo.campaign_id)
    home.refresh()
    assert home.cards["supervision"].value == "…" and home.cards["total"].value == str(demo.entries)
    qtbot.waitUntil(lambda: home.cards["supervision"].value != "…", timeout=30000)
    assert home.cards["supervision"].value == f"{figures.nodes_due_today} / {figures.nodes_missed}"
    shown = [home.compliance_list.item(i).text() for i in range(home.compliance_list.count())]
    assert len(shown) == min(len(figures.items), 30) + len(warnings)
    assert all(any(w.message in text for text in shown) for w in warnings)
    home.refresh()
    home.refresh()  # a reading overtaken by a newer refresh is dropped: the list is filled once
    qtbot.waitUntil(lambda: home.cards["supervision"].value != "…", timeout=30000)
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10000)
    assert home.compliance_list.count() == len(shown)


def test_settings_section_saves_rules_and_calendar(app, qtbot, demo, monkeypatch):
    from ui.views.supervision_settings import SupervisionSettings

    class State:
        campaign_id = demo.campaign_id

    page = SupervisionSettings(State())
    qtbot.addWidget(page)
    page.resize(1200, 640)
    page.show()
    _shot(page, "settings_supervision")
    assert page.nodes.rowCount() == 6 and page.levels.rowCount() == 3
    page.nodes.item(2, 2).setText("5")  # 一般事项 办结: 5 working days
    page.levels.item(0, 0).setText("提醒督办")
    page._add_row(page.holidays, ["2027-01-04", "元旦补休"])
    page.save()
    rules = supervision_rules.load_rules()
    assert rules.default.nodes[2].count == 5 and rules.levels[0].name == "提醒督办"
    from desk_app.services import work_calendar

    assert not work_calendar.current().is_workday(date(2027, 1, 4))
    page.levels.item(1, 1).setText("yellow")
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    page.save()
    assert shown and "#RRGGBB" in shown[0]


def test_recording_banjie_leads_on_to_apply_to_close(app, qtbot, demo, monkeypatch):
    """Review 2 #2: 办结 entered on the tab offers 申请销号 with that day as 完成日期; until then the
    tab says the matter is late (as the ledger does), with the reported day."""
    from PySide6.QtWidgets import QMessageBox

    from ui.views import entry_workflow
    from ui.views.entry_editor import EntryEditor

    entry = _late_matter()
    editor = EntryEditor(demo.campaign_id, entry.id)
    qtbot.addWidget(editor)
    tab = editor.supervision_tab
    opened = []

    class FakeApply:
        DialogCode = entry_workflow.ApplyCloseDialog.DialogCode

        def __init__(self, entry_id, parent=None, *, completed_on=None):
            opened.append((entry_id, completed_on))

        def exec(self):
            return self.DialogCode.Rejected

    monkeypatch.setattr(entry_workflow, "ApplyCloseDialog", FakeApply)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    last = len(tab.clock.nodes) - 1
    tab.nodes.selectRow(last)
    tab.done.set_value(context.today())
    tab.record_done()
    assert opened == [(entry.id, context.today())]
    clock = supervision.clock(entry.id)
    assert clock.awaiting_close and clock.nodes[-1].reported == context.today()
    assert supervision.situation(clock) in tab.status.text()
    editor.reject()
