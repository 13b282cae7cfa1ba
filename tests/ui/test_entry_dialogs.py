"""The entry editor and the 销号 workflow dialogs, driven as a clerk would."""

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from desk_app.domain import EventKind, Status
from desk_app.services import attachments, context, ledger, ledger_query, org, workflow
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def app(qtbot, demo):
    from ui.app import create_application

    return create_application()


def _entry(demo, status):
    return ledger_query.fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, statuses=[status]), limit=1)[0]


def test_editor_shows_the_services_message_at_the_field(app, qtbot, demo):
    from ui.views.entry_editor import EntryEditor

    entry = _entry(demo, Status.IN_PROGRESS)
    editor = EntryEditor(demo.campaign_id, entry.id)
    qtbot.addWidget(editor)
    editor.description.set_value("   ")
    editor.found_date.set_value(context.today() + timedelta(days=3))
    editor.save()
    assert editor.result() != QDialog.DialogCode.Accepted
    assert not editor.boxes["description"].error.isHidden()
    assert "不能为空" in editor.boxes["description"].error.text()
    assert "发现日期不能晚于今天" in editor.boxes["found_date"].error.text()
    assert editor.boxes["target"].error.isHidden()
    assert ledger.get_entry(entry.id).description == entry.description


def test_editor_refuses_a_person_not_in_the_list(app, qtbot, demo):
    from ui.views.entry_editor import EntryEditor

    editor = EntryEditor(demo.campaign_id, _entry(demo, Status.IN_PROGRESS).id)
    qtbot.addWidget(editor)
    editor.responsible.setEditText("不存在的人")
    editor.save()
    assert "不在列表中" in editor.boxes["responsible_id"].error.text()


def test_editor_saves_and_shows_the_four_essentials(app, qtbot, demo):
    from ui.views.entry_editor import EntryEditor

    editor = EntryEditor(demo.campaign_id, None)
    qtbot.addWidget(editor)
    assert "✘ 定目标" in editor.essentials.text()
    editor.layer.setCurrentIndex(editor.layer.findData("处级干部"))
    editor.description.set_value("会议室预订流程繁琐")
    editor.target.set_value("一周内简化流程")
    editor.standard.set_value("流程不超过两步")
    person = org.list_people()[0]
    editor.responsible.set_value(person.id)
    editor.deadline.set_value("按期", date(2026, 12, 31))
    assert "✘" not in editor.essentials.text()
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    saved = ledger.get_entry(editor.record.id)
    assert saved.description == "会议室预订流程繁琐" and saved.responsible_id == person.id
    assert saved.is_ready


def test_progress_tab_adds_dated_progress_and_history_lists_changes(app, qtbot, demo):
    from ui.views.entry_editor import EntryEditor

    entry = _entry(demo, Status.NOT_STARTED)
    pushed = []
    editor = EntryEditor(demo.campaign_id, entry.id, undo_push=lambda kind, added: pushed.append(added))
    qtbot.addWidget(editor)
    editor.progress_tab.text.set_value("已召开专题会议")
    editor.progress_tab.add()
    assert workflow.progress_of(entry.id)[-1].text == "已召开专题会议"
    assert ledger.get_entry(entry.id).status == Status.IN_PROGRESS
    assert len(pushed) == 1 and editor.progress_tab.table.rowCount() >= 1
    assert editor.history_tab.table.rowCount() >= 1
    from desk_app.services import ledger_bulk

    ledger_bulk.remove_progress(pushed[0])
    assert ledger.get_entry(entry.id).status == Status.NOT_STARTED


def test_apply_close_then_approve(app, qtbot, demo, tmp_path):
    from ui.views.entry_workflow import ApplyCloseDialog, ReviewDialog

    entry = _entry(demo, Status.IN_PROGRESS)
    dialog = ApplyCloseDialog(entry.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.summary.hasFocus())  # typing starts in 完成情况, not on a button
    assert dialog.cannot_undo.isVisible()  # said before 确定: the step clears the undo history
    dialog.summary.set_value("已全部完成")
    dialog._accept()
    assert "佐证材料" in dialog.boxes["evidence"].error.text()
    assert ledger.get_entry(entry.id).status == Status.IN_PROGRESS
    evidence = tmp_path / "整改报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    dialog.add_files([str(evidence)])
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ledger.get_entry(entry.id).status == Status.PENDING_CLOSE
    assert [a.file_name for a in attachments.list_attachments(entry.id)] == ["整改报告.pdf"]

    review = ReviewDialog(entry.id)
    qtbot.addWidget(review)
    last = workflow.last_reviewer_id()
    assert last is None or review.reviewer.value() == last  # the reviewer of the last 销号 by default
    review.reviewer.set_value(None)
    review._accept()
    assert "审核人" in review.boxes["reviewer_id"].error.text()
    reviewer = org.list_people()[0]
    review.reviewer.set_value(reviewer.id)
    review._accept()
    closed = ledger.get_entry(entry.id)
    assert closed.status == Status.CLOSED and closed.reviewer_id == reviewer.id
    assert closed.closed_date == context.today()


def test_review_returns_with_reason_and_new_deadline_then_reopen(app, qtbot, demo):
    from ui.views.entry_workflow import ReopenDialog, ReviewDialog

    entry = _entry(demo, Status.PENDING_CLOSE)
    review = ReviewDialog(entry.id)
    qtbot.addWidget(review)
    review.send_back.setChecked(True)
    # A return is a review too: who returned it and on which day stay editable and are recorded.
    assert review.boxes["reviewer_id"].isEnabled() and review.boxes["date"].isEnabled()
    review._accept()
    assert "理由" in review.boxes["reason"].error.text()
    reviewer = org.list_people()[1]
    review.reviewer.set_value(reviewer.id)
    review.on.set_value(context.today() - timedelta(days=1))
    review.reason.set_value("佐证材料不全")
    review.deadline.set_value(date(2027, 1, 31))
    review._accept()
    returned = ledger.get_entry(entry.id)
    assert returned.status == Status.IN_PROGRESS and returned.deadline == date(2027, 1, 31)
    assert returned.reviewer_id == reviewer.id and workflow.last_reviewer_id() == reviewer.id
    event = workflow.events_of(entry.id)[-1]
    day = context.today() - timedelta(days=1)
    assert event.kind == EventKind.RETURN
    assert event.text == f"佐证材料不全（审核人：{reviewer.name}，{day.year}年{day.month}月{day.day}日退回）"

    closed = _entry(demo, Status.CLOSED)
    reopen = ReopenDialog(closed.id)
    qtbot.addWidget(reopen)
    reopen.reason.set_value("问题反弹")
    reopen._accept()
    assert ledger.get_entry(closed.id).status == Status.IN_PROGRESS


def test_extension_needs_a_reason_and_counts(app, qtbot, demo):
    from ui.views.ledger_extend_dialog import ExtendDialog

    entry = _entry(demo, Status.IN_PROGRESS)
    dialog = ExtendDialog(entry.id)
    qtbot.addWidget(dialog)
    dialog._accept()
    assert "理由" in dialog.boxes["reason"].error.text()
    dialog.reason.set_value("汛期施工受阻")
    dialog._accept()
    assert ledger.get_entry(entry.id).extension_count == 1
    again = ExtendDialog(entry.id)
    qtbot.addWidget(again)
    assert "1" in again.findChild(QLabel, "extension_count").text()


def test_a_refusal_naming_no_field_shows_below_the_form_and_keeps_the_dialog_open(app, qtbot, demo, monkeypatch):
    from desk_app.errors import DeskAppError
    from desk_app.services import ledger_extend
    from ui.views.ledger_extend_dialog import ExtendDialog

    entry = _entry(demo, Status.IN_PROGRESS)
    dialog = ExtendDialog(entry.id)
    qtbot.addWidget(dialog)
    dialog.reason.set_value("汛期施工受阻")

    def refuse(*_args):
        raise DeskAppError("另一位同事刚刚修改了这条记录")

    monkeypatch.setattr(ledger_extend, "extend", refuse)
    dialog._accept()
    general = dialog.findChild(QLabel, "extend_error")
    assert not general.isHidden() and "刚刚修改" in general.text()
    assert dialog.boxes["reason"].error.isHidden() and dialog.result() != QDialog.DialogCode.Accepted
    monkeypatch.undo()
    dialog._accept()
    assert general.isHidden() and ledger.get_entry(entry.id).extension_count == 1
