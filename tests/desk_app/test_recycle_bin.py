import os
import time

import pytest

from desk_app.db.models import Attachment, ChangeLog, LedgerEntry, Meeting, ProgressUpdate, TaskForce
from desk_app.errors import ReadOnlyError, ValidationError
from desk_app.services import attachments, changelog, ledger, meetings, recycle_bin, taskforces


def _ids(model, n):
    return [r.id for r in model.select(model.id).where(model.deleted_at.is_null()).order_by(model.id).limit(n)]


def test_bin_lists_deleted_items_of_every_kind_with_who_and_when(demo, tmp_path):
    e1, e2 = _ids(LedgerEntry, 2)
    source = tmp_path / "佐证.txt"
    source.write_text("内容", encoding="utf-8")
    att = attachments.add_attachment(e1, source)
    attachments.remove_attachment(att.id)
    ledger.delete_entries([e2])
    tf = _ids(TaskForce, 1)[0]
    taskforces.delete_task_force(tf)
    meeting = _ids(Meeting, 1)[0]
    meetings.delete_meeting(meeting)

    items = recycle_bin.list_items()
    kinds = {i.kind for i in items}
    assert kinds == {"ledger_entry", "task_force", "meeting", "attachment"}
    entry = [i for i in items if i.kind == "ledger_entry" and i.id == e2][0]
    assert entry.title == LedgerEntry.get_by_id(e2).code and entry.deleted_by == "测试员"
    assert entry.kind_label == "台账事项"
    assert [i.title for i in recycle_bin.list_items("attachment")] == ["佐证.txt"]
    assert recycle_bin.counts()["task_force"] == 1
    assert recycle_bin.list_items("ledger_entry", search=entry.title)[0].id == e2


def test_restore_brings_each_kind_back_and_logs_it(demo, tmp_path):
    e1 = _ids(LedgerEntry, 1)[0]
    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    att = attachments.add_attachment(e1, source)
    attachments.remove_attachment(att.id)
    ledger.delete_entries([e1])
    tf = _ids(TaskForce, 1)[0]
    taskforces.delete_task_force(tf)
    items = recycle_bin.list_items()
    assert recycle_bin.restore_items(items) == 3
    assert recycle_bin.list_items() == []
    assert LedgerEntry.get_by_id(e1).deleted_at is None
    assert TaskForce.get_by_id(tf).deleted_at is None
    assert Attachment.get_by_id(att.id).deleted_at is None
    restored = {(c.entity, c.entity_id) for c in changelog.history() if c.action == "restore"}
    assert {("ledger_entry", e1), ("task_force", tf), ("attachment", att.id)} <= restored


def test_a_meeting_comes_back_with_the_decisions_deleted_with_it(demo):
    meeting = (Meeting.select().join(LedgerEntry, on=(LedgerEntry.meeting == Meeting.id))
               .where(LedgerEntry.deleted_at.is_null()).first())
    decisions = [e.id for e in LedgerEntry.select().where(LedgerEntry.meeting == meeting.id)]
    assert decisions
    meetings.delete_meeting(meeting.id)
    assert all(LedgerEntry.get_by_id(i).deleted_at for i in decisions)
    recycle_bin.restore("meeting", [meeting.id])
    assert Meeting.get_by_id(meeting.id).deleted_at is None
    assert all(LedgerEntry.get_by_id(i).deleted_at is None for i in decisions)


def test_purge_deletes_for_good_with_dependent_rows_and_logs_it(demo):
    entry = LedgerEntry.select().join(ProgressUpdate).first()
    assert ProgressUpdate.select().where(ProgressUpdate.entry == entry.id).exists()
    ledger.delete_entries([entry.id])
    assert recycle_bin.purge("ledger_entry", [entry.id]) == 1
    assert LedgerEntry.get_or_none(LedgerEntry.id == entry.id) is None
    assert not ProgressUpdate.select().where(ProgressUpdate.entry == entry.id).exists()
    log = ChangeLog.get((ChangeLog.entity == "ledger_entry") & (ChangeLog.entity_id == entry.id)
                        & (ChangeLog.action == "purge"))
    assert log.old == entry.code


def test_purge_only_touches_items_already_in_the_bin(demo):
    live = _ids(LedgerEntry, 1)[0]
    assert recycle_bin.purge("ledger_entry", [live]) == 0
    assert LedgerEntry.get_by_id(live)
    with pytest.raises(ValidationError):
        recycle_bin.purge("person", [1])


def test_purge_older_than_empties_only_old_items(demo):
    old, new = _ids(LedgerEntry, 2)
    ledger.delete_entries([old, new])
    from desk_app.services import context

    LedgerEntry.update(deleted_at=context.now().replace(year=2025)).where(LedgerEntry.id == old).execute()
    assert recycle_bin.purge_older_than(30) == 1
    assert [i.id for i in recycle_bin.list_items("ledger_entry")] == [new]


def test_unused_attachment_files_are_cleared_after_purge(demo, tmp_path):
    e1 = _ids(LedgerEntry, 1)[0]
    source = tmp_path / "b.txt"
    source.write_text("只属于一个附件", encoding="utf-8")
    att = attachments.add_attachment(e1, source)
    stored = attachments.stored_path(att.sha256)
    attachments.remove_attachment(att.id)
    recycle_bin.purge("attachment", [att.id])
    assert recycle_bin.purge_unused_files() == 0  # too new: it might be in the middle of an upload
    past = time.time() - 7200
    os.utime(stored, (past, past))
    assert recycle_bin.purge_unused_files() == 1 and not stored.exists()


def test_read_only_mode_refuses_restore_and_purge(demo, monkeypatch):
    e1 = _ids(LedgerEntry, 1)[0]
    ledger.delete_entries([e1])
    from desk_app.db import database as dbmod

    monkeypatch.setattr(dbmod, "_read_only", True)
    with pytest.raises(ReadOnlyError):
        recycle_bin.restore("ledger_entry", [e1])
    with pytest.raises(ReadOnlyError):
        recycle_bin.purge("ledger_entry", [e1])
