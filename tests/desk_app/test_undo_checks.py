"""Undo and redo check the current state first and refuse what the workflow would refuse."""

import pytest

from desk_app.domain import Status
from desk_app.errors import WorkflowError
from desk_app.services import attachments, ledger, ledger_bulk, ledger_query, undo_history, workflow
from desk_app.services.ledger_query import LedgerFilter


def _ids(demo, status, n=2):
    # 问题整改 entries: a 重点任务 with measures takes its status from them (a bulk change leaves it as it is).
    return ledger_query.entry_ids(LedgerFilter(campaign_id=demo.campaign_id, statuses=[status],
                                               kinds=["问题整改"]), limit=n)


def _apply_close(entry_id, tmp_path):
    evidence = tmp_path / "佐证.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    attachments.add_attachment(entry_id, evidence)
    workflow.apply_close(entry_id, "已整改到位")


def test_bulk_status_undo_is_refused_once_an_entry_went_to_apply_close(demo, tmp_path):
    """The issue's case: bulk status, then 申请销号 on one entry, then Ctrl+Z."""
    first, second = _ids(demo, Status.IN_PROGRESS)
    change = ledger_bulk.bulk_update([first, second], "status", Status.NOT_STARTED)
    generation = undo_history.generation()
    _apply_close(first, tmp_path)
    assert undo_history.generation() > generation and undo_history.last_reason() == "申请销号"
    with pytest.raises(WorkflowError, match="不能撤销"):
        ledger_bulk.revert(change)
    entry = ledger.get_entry(first)
    assert entry.status == Status.PENDING_CLOSE and entry.completion_summary == "已整改到位"
    assert ledger.get_entry(second).status == Status.NOT_STARTED  # all or nothing


def test_redo_is_refused_when_the_entry_changed_after_the_undo(demo):
    ids = _ids(demo, Status.IN_PROGRESS)
    change = ledger_bulk.bulk_update(ids, "status", Status.ONGOING)
    ledger_bulk.revert(change)
    ledger_bulk.bulk_update(ids[:1], "status", Status.NOT_STARTED)
    with pytest.raises(WorkflowError, match="不能重做"):
        ledger_bulk.apply_again(change)


def test_an_edit_is_undone_only_while_the_entry_is_as_the_edit_left_it(demo):
    entry_id = _ids(demo, Status.IN_PROGRESS, 1)[0]
    before = ledger.get_entry(entry_id).as_input()
    after = ledger.EntryInput(**{**before.__dict__, "note": "第一次修改"})
    ledger.update_entry(entry_id, after)
    elsewhere = ledger.EntryInput(**{**after.__dict__, "target": "别处改的目标"})
    ledger.update_entry(entry_id, elsewhere)
    with pytest.raises(WorkflowError, match="整改目标"):
        ledger.replace_entry(entry_id, before, expected=after)
    assert ledger.get_entry(entry_id).target == "别处改的目标"
    ledger.replace_entry(entry_id, before, expected=elsewhere)
    assert ledger.get_entry(entry_id).note == before.note


def test_delete_and_restore_undo_check_the_bin(demo):
    ids = _ids(demo, Status.IN_PROGRESS)
    ledger.delete_entries(ids, strict=True)
    ledger.restore_entries(ids[:1])  # restored elsewhere (the recycle bin page)
    with pytest.raises(WorkflowError, match="已不在回收站"):
        ledger.restore_entries(ids, strict=True)
    assert ledger.get_entry(ids[1]).deleted_at is not None


def test_bulk_undo_refuses_entries_in_the_bin(demo):
    ids = _ids(demo, Status.IN_PROGRESS)
    change = ledger_bulk.bulk_update(ids, "status", Status.NOT_STARTED)
    ledger.delete_entries(ids[:1])
    with pytest.raises(WorkflowError, match="回收站"):
        ledger_bulk.revert(change)


def test_progress_undo_checks_the_text(demo):
    entry_id = _ids(demo, Status.IN_PROGRESS, 1)[0]
    change = ledger_bulk.set_month_progress(entry_id, "2026-11", "本月完成一半")
    ledger_bulk.set_month_progress(entry_id, "2026-11", "别人又改了")
    with pytest.raises(WorkflowError):
        ledger_bulk.undo_month_progress(change)
    assert ledger_bulk.month_progress_text(entry_id, "2026-11") == "别人又改了"
