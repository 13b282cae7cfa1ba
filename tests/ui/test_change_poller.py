"""The change poller reports other clerks' changes, never this program's own writes (review 2 #8)."""

from desk_app.db.models import ChangeLog
from desk_app.services import change_feed, context, org


def test_own_writes_are_not_announced_but_others_are(qtbot, db):
    from ui.change_poller import ChangePoller

    poller = ChangePoller(source=change_feed.PollingSource(interval=0.05))
    seen = []
    poller.changed.connect(seen.append)
    poller.start()
    try:
        qtbot.wait(200)  # the worker has its cursor
        # A write no page follows with data_changed (like the 议定事项 dialog's): still this program's own.
        org.create_department("国库科")
        qtbot.wait(400)
        assert seen == []
        # Another clerk's write reaches the change log without passing through this program's services.
        ChangeLog.create(actor="李四", entity="department", entity_id=99, action="create")
        qtbot.waitUntil(lambda: bool(seen), timeout=3000)
        assert seen[-1].actors == ("李四",)
    finally:
        poller.stop()
        context.forget_own_write_listener(poller.note_own_change)
