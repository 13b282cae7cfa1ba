"""Who is editing what: leases shown to other programs, ignored once stale, swept when long dead; and the
change feed a window polls to see what others changed."""

from datetime import timedelta

import pytest
from statement_helpers import record_statements

from desk_app.db.models import ChangeLog, EditingLease
from desk_app.services import change_feed, concurrency, context, editing_lease, org


@pytest.fixture
def two_programs(db, monkeypatch):
    """Switch this process between two program runs (clients) of two clerks."""

    def be(client, clerk):
        monkeypatch.setattr(editing_lease, "_client", client)
        context.set_actor(clerk)

    return be


def test_a_lease_is_shown_to_others_not_to_its_holder(two_programs):
    two_programs("pc-a", "张三")
    assert editing_lease.hold("ledger_entry", 7) == []
    assert editing_lease.holders("ledger_entry", 7) == []  # not our own
    two_programs("pc-b", "李四")
    others = editing_lease.hold("ledger_entry", 7)
    assert [h.name for h in others] == ["张三"]
    assert editing_lease.active("ledger_entry") == {("ledger_entry", 7): others}
    two_programs("pc-a", "张三")
    assert [h.name for h in editing_lease.holders("ledger_entry", 7)] == ["李四"]
    editing_lease.release("ledger_entry", 7)
    two_programs("pc-b", "李四")
    assert editing_lease.holders("ledger_entry", 7) == []


def test_a_lease_nobody_renews_expires_and_is_swept(two_programs):
    two_programs("pc-a", "张三")
    editing_lease.hold("meeting", 3)
    old = concurrency.db_now() - editing_lease.STALE_AFTER - timedelta(seconds=1)
    EditingLease.update(heartbeat=old).execute()
    two_programs("pc-b", "李四")
    assert editing_lease.holders("meeting", 3) == []  # the program died: no longer shown
    two_programs("pc-a", "张三")
    editing_lease.renew([("meeting", 3)])  # it was only slow: the heartbeat brings it back
    two_programs("pc-b", "李四")
    assert [h.name for h in editing_lease.holders("meeting", 3)] == ["张三"]
    EditingLease.update(heartbeat=concurrency.db_now() - editing_lease.FORGET_AFTER - timedelta(seconds=1)).execute()
    assert editing_lease.sweep() == 1 and EditingLease.select().count() == 0


def test_holding_again_renews_instead_of_adding(two_programs):
    two_programs("pc-a", "张三")
    editing_lease.hold("ledger_entry", 1)
    editing_lease.hold("ledger_entry", 1)
    assert EditingLease.select().count() == 1


def test_the_feed_reports_what_changed_and_nothing_when_nothing_did(db):
    start = change_feed.cursor()
    assert change_feed.poll(start) is None
    context.set_actor("李四")
    dept = org.create_department("国库科")
    batch = change_feed.poll(start)
    assert batch is not None and batch.actors == ("李四",) and "department" in batch.tables and batch.complete
    assert change_feed.poll(batch.cursor) is None
    assert dept.id


def test_a_late_commit_below_the_cursor_is_noticed(db):
    org.create_department("甲")
    org.create_department("乙")
    cursor = change_feed.cursor()
    first = ChangeLog.select().order_by(ChangeLog.id).first()
    # A transaction that took its id before the cursor was read but committed after (PostgreSQL): here a
    # row whose id lies below the cursor's last id appears.
    ChangeLog.delete().where(ChangeLog.id == first.id).execute()
    cursor = change_feed.cursor()
    ChangeLog.insert(id=first.id, at=first.at, actor="迟到的", entity="ledger_entry", entity_id=5, action="update",
                     field="note").execute()
    batch = change_feed.poll(cursor)
    assert batch is not None and not batch.complete  # the details miss it: the window refreshes everything


def test_the_feeds_cursor_is_one_statement_over_the_window_below_the_last_id(db, monkeypatch):
    assert change_feed.cursor() == change_feed.Cursor(0, 0)
    for name in ("甲", "乙", "丙", "丁"):
        org.create_department(name)
    ids = [r.id for r in ChangeLog.select(ChangeLog.id).order_by(ChangeLog.id)]
    monkeypatch.setattr(change_feed, "WINDOW", 3)
    seen = record_statements(monkeypatch)
    assert change_feed.cursor() == change_feed.Cursor(ids[-1], sum(1 for i in ids if i > ids[-1] - 3))
    assert len(seen) == 1
