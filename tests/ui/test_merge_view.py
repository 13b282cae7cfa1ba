"""Two clerks on one entry: the merge view instead of an overwrite, who is editing, others' changes shown.

The other clerk is a second connection to the same database file (another thread: peewee keeps one
connection per thread), as another program on a shared SQLite file would be."""

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desk_app"))
from other_clerk import elsewhere  # noqa: E402

from desk_app.db.models import EditingLease, LedgerEntry  # noqa: E402
from desk_app.services import concurrency, context, ledger, roles, roles_admin  # noqa: E402
from ui.views.entry_editor import EntryEditor  # noqa: E402
from ui.views.merge_view import MergeDialog  # noqa: E402


@pytest.fixture
def entry(demo):
    row = LedgerEntry.select().where(LedgerEntry.deleted_at.is_null(), LedgerEntry.status == "推进中").first()
    return ledger.get_entry(row.id)


def edit_elsewhere(entry, **changes):
    """李四 saves the entry from another program (the change log names him)."""

    return elsewhere(ledger.update_entry, entry.id, replace(entry.as_input(), **changes),
                     base_version=entry.version, actor="李四")


def when_modal(qtbot, handler):
    """Run handler(dialog) on the next modal dialog, once it is up."""

    def check():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and not getattr(dialog, "_handled", False):
            dialog._handled = True
            handler(dialog)
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)


def test_a_stale_save_opens_the_merge_view_and_saves_the_choice(qtbot, entry):
    editor = EntryEditor(entry.campaign_id, entry.id)
    qtbot.addWidget(editor)
    editor.show()
    edit_elsewhere(entry, note="李四的备注", target="李四的目标")
    editor.measures.set_value("我的措施")
    editor.target.set_value("我的目标")
    seen = {}

    def merge(dialog):
        seen["fields"] = [f.name for f in dialog.fields]
        seen["undecided"] = dialog.undecided()
        seen["save_enabled_before"] = dialog.save_button.isEnabled()
        row = [f.name for f in dialog.fields].index("target")
        dialog.table.setCurrentCell(row, 1)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Left)  # ← keeps mine
        seen["choices"] = dialog.choices()
        dialog.save_button.click()

    when_modal(qtbot, merge)
    editor.save()
    assert set(seen["fields"]) == {"measures", "target", "note"}
    assert seen["undecided"] == 1 and not seen["save_enabled_before"]  # only 目标 changed on both sides
    assert seen["choices"] == {"measures": "yours", "target": "yours", "note": "theirs"}
    stored = ledger.get_entry(entry.id)
    assert (stored.measures, stored.target, stored.note) == ("我的措施", "我的目标", "李四的备注")
    assert stored.version == entry.version + 2 and editor.result() == QDialog.DialogCode.Accepted
    assert editor.before.note == "李四的备注"  # undo goes back to what was stored before this save


def test_going_back_from_the_merge_view_saves_nothing_and_keeps_the_form(qtbot, entry):
    editor = EntryEditor(entry.campaign_id, entry.id)
    qtbot.addWidget(editor)
    edit_elsewhere(entry, note="李四的备注")
    editor.note.set_value("我的备注")
    when_modal(qtbot, lambda dialog: dialog.reject())
    editor.save()
    assert ledger.get_entry(entry.id).note == "李四的备注"
    assert editor.note.value() == "我的备注" and editor.result() != QDialog.DialogCode.Accepted
    assert "李四" in editor.banner.text()


def test_the_merge_dialog_suggests_the_side_that_changed(qtbot, entry):
    from desk_app.errors import StaleVersionError

    edit_elsewhere(entry, note="李四的备注")
    with pytest.raises(StaleVersionError) as err:
        ledger.update_entry(entry.id, replace(entry.as_input(), measures="我的"), base_version=entry.version,
                            base=entry.as_input())
    dialog = MergeDialog(err.value)
    qtbot.addWidget(dialog)
    assert dialog.undecided() == 0 and dialog.save_button.isEnabled()
    assert dialog.resolved() == {"measures": "我的", "note": "李四的备注"}
    dialog.all_theirs.click()
    assert dialog.resolved() == {"measures": entry.measures, "note": "李四的备注"}
    assert "李四" in dialog.table.horizontalHeaderItem(2).text()


def test_own_progress_is_not_taken_for_someone_elses_change(qtbot, demo):
    row = LedgerEntry.select().where(LedgerEntry.deleted_at.is_null(), LedgerEntry.status == "未启动").first()
    editor = EntryEditor(row.campaign_id, row.id, undo_push=lambda *a: None)
    qtbot.addWidget(editor)
    editor.progress_tab.text.set_value("已召开专题会")
    editor.progress_tab.add()  # 未启动 → 推进中 writes the entry
    editor.note.set_value("补充说明")
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted and ledger.get_entry(row.id).note == "补充说明"


def test_someone_elses_lease_shows_in_the_banner_and_title_until_it_expires(qtbot, main_window):
    from ui.models.ledger_table_model import RECORD_ROLE

    ledger_page = main_window.show_page("ledger")
    entry = ledger_page.model.data(ledger_page.model.index(0, 0), RECORD_ROLE)
    now = concurrency.db_now()
    EditingLease.create(entity="ledger_entry", entity_id=entry.id, holder="张三", client="pc-of-zhang",
                        since=now, heartbeat=now)
    main_window.poller.poll_now()
    qtbot.waitUntil(lambda: ("ledger_entry", entry.id) in main_window.poller.editing, timeout=8000)
    for column in (0, 2):
        tip = ledger_page.model.data(ledger_page.model.index(0, column), Qt.ItemDataRole.ToolTipRole)
        assert "张三" in tip
    editor = EntryEditor(entry.campaign_id, entry.id, ledger_page)
    qtbot.addWidget(editor)
    assert "张三" in editor.banner.text() and editor.banner.isVisibleTo(editor) and "张三" in editor.windowTitle()
    qtbot.waitUntil(lambda: EditingLease.select().where(EditingLease.client != "pc-of-zhang").exists(),
                    timeout=8000)  # our own lease, taken by the poller's thread
    EditingLease.update(heartbeat=now.replace(year=now.year - 1)).where(EditingLease.client == "pc-of-zhang").execute()
    main_window.poller.poll_now()
    qtbot.waitUntil(lambda: "张三" not in editor.banner.text(), timeout=8000)
    editor.reject()
    qtbot.waitUntil(lambda: not EditingLease.select().where(EditingLease.client != "pc-of-zhang").exists(),
                    timeout=8000)


def test_others_changes_reach_the_window_within_seconds(qtbot, main_window, entry):
    editor = EntryEditor(entry.campaign_id, entry.id, main_window.show_page("ledger"))
    qtbot.addWidget(editor)
    with qtbot.waitSignal(main_window.state.remote_changed, timeout=8000) as blocker:
        edit_elsewhere(entry, note="李四刚改的")
    assert entry.id in blocker.args[0].entries and "李四" in blocker.args[0].actors
    qtbot.waitUntil(lambda: editor.note.value() == "李四刚改的", timeout=3000)  # nothing typed: theirs shown
    assert "李四" in editor.banner.text() and editor.base_version == entry.version + 1


def test_a_read_only_leader_sees_the_entry_but_cannot_save(qtbot, entry):
    from desk_app.services import org

    me = org.create_person("测试员")
    roles_admin.set_role(me.id, "活动办")
    leader = org.create_person("局领导甲")
    roles_admin.set_role(leader.id, "只读")
    context.set_actor("局领导甲")
    roles.forget_cached()
    editor = EntryEditor(entry.campaign_id, entry.id)
    qtbot.addWidget(editor)
    assert not editor.save_button.isVisibleTo(editor) and not editor.tabs.widget(0).widget().isEnabled()
    assert not editor.tabs.widget(1).isEnabled() and "只读" in editor.banner.text()


def test_the_ledger_offers_a_liaison_progress_on_own_entries_only(qtbot, main_window):
    from desk_app.db.models import Person, TaskForceMember
    from desk_app.services import org

    me = org.create_person("测试员")
    roles_admin.set_role(me.id, "活动办")
    from desk_app.services.ledger_filter import LedgerFilter
    from ui.models.ledger_table_model import RECORD_ROLE

    member = TaskForceMember.select().order_by(TaskForceMember.id).first()
    roles_admin.set_role(member.person_id, "专班联络员")
    context.set_actor(Person.get_by_id(member.person_id).name)
    roles.forget_cached()
    page = main_window.show_page("ledger")
    other_tf = TaskForceMember.select().where(TaskForceMember.task_force != member.task_force_id).first()
    page.show_filter(LedgerFilter(task_force_ids=[member.task_force_id, other_tf.task_force_id]))
    rows = {page.model.data(page.model.index(r, 0), RECORD_ROLE).task_force_id == member.task_force_id: r
            for r in range(page.model.rowCount())}
    for allowed in (True, False):
        page.table.setCurrentIndex(page.model.index(rows[allowed], 1))
        actions = page.actions
        assert actions.progress_action.isEnabled() is allowed
        assert not actions.new_action.isEnabled() and not actions.bulk_actions["status"].isEnabled()
        assert actions.edit_action.isEnabled()  # opens the editor to read (and report progress)
    main_window.state.data_changed.emit()
    assert "专班联络员" in main_window.role_label.text()
