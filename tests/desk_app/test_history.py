"""The change history reads as Chinese: field and setting names, setting values, items by name, the person."""

import re

from desk_app.db.models import Department, Person
from desk_app.services import context, history, org, settings
from desk_app.services.history_labels import actor_label, field_label


def _latest(**where) -> history.HistoryRow:
    return next(r for r in history.page() if all(getattr(r, k) == v for k, v in where.items()))


def test_setting_changes_show_labels_not_keys_or_python_dicts(demo):
    settings.save_report_header(settings.ReportHeader(unit="市财政局活动办", filled_by="易春燕", phone=""))
    row = _latest(entity="setting", field="report_header")
    assert row.field_label == "打印表头（填报单位等）"
    assert row.subject == "设置"
    assert "填报单位：市财政局活动办" in row.new and "填报人：易春燕" in row.new
    assert "{" not in row.new and "unit" not in row.new and "'" not in row.new
    settings.save_preferences(settings.Preferences(due_soon_days=5, clerk_name="李文员"))
    row = _latest(entity="setting", field="preferences")
    assert row.field_label == "常规设置" and "黄灯提前天数：5" in row.new and "经办人姓名：李文员" in row.new


def test_the_demo_campaign_row_is_readable(demo):
    row = _latest(entity="campaign", action="create")
    assert row.field_label == "演示数据"
    assert row.subject and not row.subject.startswith("#")


def test_items_are_named_and_id_values_become_names(demo):
    person = Person.select().where(Person.department.is_null(False)).first()
    other = Department.select().where(Department.id != person.department_id).first()
    org.update_person(person.id, department_id=other.id)
    row = _latest(entity="person", entity_id=person.id, field_label="科室")
    assert row.subject == person.name
    assert row.old == person.department.name and row.new == other.name
    org.reorder_departments([d.id for d in Department.select().order_by(Department.id.desc())])
    row = _latest(entity="department", field="sort_order")
    assert row.subject == "全部科室" and row.field_label == "排列顺序"


def test_no_english_field_names_in_the_demo_history(demo):
    rows = history.page(limit=1000)
    assert rows
    for row in rows:
        assert not re.fullmatch(r"[a-z_]+", row.field_label or "x"), row
        assert not re.fullmatch(r"#?\d+", row.subject), row


def test_a_bare_login_name_says_where_to_set_the_clerk_name():
    assert actor_label("root", "", "root") == "root（未设置经办人姓名，可在 设置 › 常规 填写）"
    assert actor_label("root", "李文员", "root") == "root（电脑登录名）"
    assert actor_label("李文员", "李文员", "root") == "李文员"
    assert actor_label("张三", "", "root") == "张三"


def test_history_rows_carry_the_hint_for_login_names(demo, monkeypatch):
    from desk_app.services import history_labels

    monkeypatch.setattr(history_labels, "login_name", lambda: "clerkpc")
    context.set_actor("clerkpc")
    settings.save_report_header(settings.ReportHeader(unit="某单位"))
    row = _latest(entity="setting", field="report_header")
    assert row.actor == "clerkpc" and "未设置经办人姓名" in row.actor_label and "设置 › 常规" in row.actor_label
    assert ("clerkpc", "clerkpc（电脑登录名）") not in history.actor_choices()


def test_items_deleted_for_good_keep_their_name_in_older_rows(demo):
    from desk_app.db.models import LedgerEntry
    from desk_app.services import ledger, recycle_bin

    entry = LedgerEntry.select().order_by(LedgerEntry.id).first()
    ledger.delete_entries([entry.id])
    recycle_bin.purge_items([i for i in recycle_bin.list_items("ledger_entry", "") if i.id == entry.id])
    rows = [r for r in history.page() if r.entity == "ledger_entry" and r.entity_id == entry.id]
    assert {r.action for r in rows} >= {"delete", "purge"}
    assert all(entry.code in r.subject for r in rows)


def test_every_setting_written_reads_as_a_name_not_its_key(demo):
    """A fill-in round is kept under fillin/<campaign id>/<month>: the 修改记录 shows what it is, and its value as
    counts, not the internal key and an empty value."""
    from desk_app.services import fillin_rounds

    department = Department.select().first()
    fillin_rounds.record_export(demo.campaign_id, "2026-12", {department.id: {"name": department.name, "entries": 3,
                                                                             "file": "x.xlsx", "at": "2026-12-01"}})
    row = _latest(entity="setting", field=f"fillin/{demo.campaign_id}/2026-12")
    assert row.field_label == "2026年12月科室填报表收发记录"
    assert "已发出填报表的科室：1 个" in row.new and "{" not in row.new
    for key in ("import_words", "import_mappings", "supervision_rules", "work_calendar", "report_header",
                "preferences", "backup_policy", "print_fonts", "ledger_saved_views", "progress_plan_tolerance"):
        assert field_label("setting", key) != key
