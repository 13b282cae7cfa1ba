"""延期 is the one way a set 整改时限 moves: a reason, a counted event, a history line; undo checks first."""

from dataclasses import replace
from datetime import date

import pytest

from desk_app.db.models import ChangeLog, EntryEvent
from desk_app.domain import DeadlineType, EventKind, Status
from desk_app.errors import ValidationError, WorkflowError
from desk_app.services import ledger, ledger_extend, ledger_query, workflow
from desk_app.services.ledger_query import LedgerFilter


def _open_dated(demo, n):
    f = LedgerFilter(campaign_id=demo.campaign_id, statuses=[Status.IN_PROGRESS])
    ids = [i for i in ledger_query.entry_ids(f, limit=50) if ledger.get_entry(i).deadline is not None]
    return ids[:n]


def test_the_editor_path_refuses_a_deadline_change_and_names_extension(demo):
    entry_id = _open_dated(demo, 1)[0]
    record = ledger.get_entry(entry_id)
    later = replace(record.as_input(), deadline=date(2027, 3, 31))
    with pytest.raises(ValidationError, match="延期") as err:
        ledger.edit_entry(entry_id, later)
    assert err.value.field == "deadline"
    with pytest.raises(ValidationError, match="延期"):
        ledger.edit_entry(entry_id, replace(record.as_input(), deadline_type=DeadlineType.LONG_TERM))
    assert ledger.get_entry(entry_id).deadline == record.deadline
    # Other fields still save through the same path.
    edited = ledger.edit_entry(entry_id, replace(record.as_input(), note="已约谈"))
    assert edited.note == "已约谈" and edited.deadline == record.deadline


def test_a_first_deadline_is_set_in_the_editor_without_counting(demo):
    created = ledger.create_entry(demo.campaign_id, ledger.EntryInput(
        layer="班子成员", description="制度未更新", deadline_type=DeadlineType.DATE, deadline=None))
    first = ledger.edit_entry(created.id, replace(created.as_input(), deadline=date(2026, 12, 31)))
    assert first.deadline == date(2026, 12, 31) and first.extension_count == 0


def test_bulk_extension_counts_each_entry_and_undo_puts_every_deadline_back(demo):
    ids = _open_dated(demo, 3)
    before = {i: ledger.get_entry(i).deadline for i in ids}
    new = max(before.values()).replace(year=2028)
    ext = ledger_extend.extend(ids, new, "需跨部门协调")
    assert ext.extended == 3 and ext.label == "延期 3 条"
    for i in ids:
        rec = ledger.get_entry(i)
        assert rec.deadline == new and rec.extension_count == 1
    events = EntryEvent.select().where(EntryEvent.entry.in_(ids), EntryEvent.kind == EventKind.EXTEND)
    assert {e.text for e in events} == {"需跨部门协调"}
    ledger_extend.undo(ext)
    assert {i: ledger.get_entry(i).deadline for i in ids} == before
    assert all(ledger.get_entry(i).extension_count == 0 for i in ids)
    assert ChangeLog.select().where(ChangeLog.entity == "entry_event", ChangeLog.new == "撤销延期").count() == 3
    again = ledger_extend.redo(ext)
    assert all(ledger.get_entry(i).extension_count == 1 for i in again.entry_ids)


def test_bulk_extension_refuses_closed_earlier_and_reasonless_changing_nothing(demo):
    ids = _open_dated(demo, 2)
    closed = ledger_query.entry_ids(LedgerFilter(campaign_id=demo.campaign_id, statuses=[Status.CLOSED]), limit=1)
    before = {i: ledger.get_entry(i).deadline for i in ids}
    with pytest.raises(ValidationError, match="理由"):
        ledger_extend.extend(ids, date(2028, 1, 1), "  ")
    with pytest.raises(WorkflowError) as err:
        ledger_extend.extend(ids + closed, date(2028, 1, 1), "原因")
    assert ledger.get_entry(closed[0]).code in err.value.message
    with pytest.raises(ValidationError, match="不晚于"):
        ledger_extend.extend(ids, max(before.values()), "原因")
    assert {i: ledger.get_entry(i).deadline for i in ids} == before


def test_undo_of_an_extension_refuses_once_the_workflow_moved_on(demo, tmp_path):
    from desk_app.services import attachments

    entry_id = _open_dated(demo, 1)[0]
    old = ledger.get_entry(entry_id).deadline
    ext = ledger_extend.extend([entry_id], old.replace(year=old.year + 1), "等待批复")
    evidence = tmp_path / "材料.pdf"
    evidence.write_bytes(b"%PDF-1.4")
    attachments.add_attachment(entry_id, evidence)
    workflow.apply_close(entry_id, "已完成")
    with pytest.raises(WorkflowError, match="变化"):
        ledger_extend.undo(ext)
    assert ledger.get_entry(entry_id).extension_count == 1


def test_single_extension_through_workflow_still_counts(demo):
    entry_id = _open_dated(demo, 1)[0]
    old = ledger.get_entry(entry_id).deadline
    after = workflow.extend_deadline(entry_id, old.replace(year=old.year + 1), "需上级批复")
    assert after.extension_count == 1
