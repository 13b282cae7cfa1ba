from collections import Counter
from datetime import date

import pytest

from desk_app.db.models import (
    ActionPlanVersion,
    LedgerEntry,
    Meeting,
    MeetingAttendance,
    Person,
    TaskForce,
    TaskForceMember,
)
from desk_app.domain import EntryKind, Layer, MeetingType, Role
from desk_app.errors import ValidationError

SEED_TASK_FORCES = [
    "优化营商环境提升专班", "政府基金提升专班", "服务城市更新提质提升专班", "支持企业创新发展提升专班",
    "推进乡村振兴提升专班", "地方政府债券提升专班", "市属功能类公司管理提升专班",
]


def test_seven_task_forces_with_the_seed_names_and_leaders(demo):
    forces = list(TaskForce.select().order_by(TaskForce.sort_order))
    assert [t.name for t in forces] == SEED_TASK_FORCES
    for tf in forces:
        roles = Counter(m.role for m in TaskForceMember.select().where(TaskForceMember.task_force == tf))
        assert roles[Role.LEAD] == 1 and roles[Role.LIAISON] == 1 and roles[Role.SECONDED] >= 5
        lead = TaskForceMember.get(task_force=tf, role=Role.LEAD).person
        assert lead.level == "局领导"
        people = {m.person_id for m in TaskForceMember.select().where(TaskForceMember.task_force == tf)}
        for plan in ActionPlanVersion.select().where(ActionPlanVersion.task_force == tf):  # its 人员组成 counts people
            assert plan.composition.endswith(f"等{len(people)}人。")
    assert 55 <= Person.select().count() <= 80


def test_twelve_monthly_meetings_and_quarterly_study(demo):
    progress_meetings = Meeting.select().where(Meeting.meeting_type == MeetingType.TASK_FORCE)
    assert progress_meetings.count() == 12
    assert len({m.start_at.strftime("%Y-%m") for m in progress_meetings}) == 12
    assert Meeting.select().where(Meeting.meeting_type == MeetingType.STUDY_GROUP).count() == 4
    assert MeetingAttendance.select().where(MeetingAttendance.status == "请假").exists()
    decisions = LedgerEntry.select().where(LedgerEntry.kind == EntryKind.DECISION)
    assert decisions.count() >= 24 and all(d.meeting_id for d in decisions)


def test_every_layer_and_status_and_most_people_have_six(demo):
    layers = {e.layer for e in LedgerEntry.select(LedgerEntry.layer).where(LedgerEntry.layer != "")}
    assert layers == {lv.value for lv in Layer}
    statuses = {e.status for e in LedgerEntry.select(LedgerEntry.status)}
    assert statuses == {"未启动", "推进中", "申请销号", "已销号", "长期坚持"}
    owned = Counter(e.owner_id for e in LedgerEntry.select().where(LedgerEntry.owner.is_null(False)))
    people = Person.select().count()
    assert sum(1 for n in owned.values() if n >= 6) >= 0.9 * people
    assert demo.entries == LedgerEntry.select().count() == 450


def test_same_seed_same_data(user_folders, tmp_path):
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.demo import build_demo

    def snapshot(folder):
        paths.set_data_dir(folder)
        open_database()
        build_demo(entries=120, seed=7, today=date(2026, 11, 23))
        rows = [(e.uuid, e.code, e.description, e.status, e.deadline)
                for e in LedgerEntry.select().order_by(LedgerEntry.id)]
        close_database()
        return rows

    first = snapshot(tmp_path / "a")
    assert first == snapshot(tmp_path / "b")
    assert len(first) == 120


def test_demo_refuses_a_folder_with_data(demo):
    from desk_app.demo import build_demo

    with pytest.raises(ValidationError, match="已经有数据"):
        build_demo()


@pytest.mark.parametrize(("entries", "frozen"), [(60, True), (120, False)])
def test_past_months_are_frozen_up_to_a_size(db, monkeypatch, entries, frozen):
    from desk_app.services import demo_data, month_freeze

    monkeypatch.setattr(demo_data, "FREEZE_HISTORY_UP_TO", 100)
    result = demo_data.build(entries=entries, seed=7)
    months = month_freeze.frozen_months(result.campaign_id)
    if frozen:  # every month from the one its first entry was found in to the last before today's (2026-11)
        first = min(e.found_date for e in LedgerEntry.select(LedgerEntry.found_date))
        span = (2026 * 12 + 10) - (first.year * 12 + first.month) + 1
        assert len(months) == span and months[0] == first.strftime("%Y-%m") and months[-1] == "2026-10"
        assert len(set(months)) == span
    else:
        assert months == []
    assert LedgerEntry.select().count() == entries


def test_a_big_demo_leaves_its_search_index_to_the_background_step(tmp_path, monkeypatch, capsys):
    from desk_app import cli
    from desk_app.db.models import LedgerEntry as Entry
    from desk_app.services import demo_data, search

    def open_database(folder):
        from desk_app import db, paths

        paths.set_data_dir(folder)
        db.open_database()

    from desk_app.db import close_database

    monkeypatch.setattr(demo_data, "INDEX_INLINE_UP_TO", 50)
    assert cli.main(["--data-dir", str(tmp_path / "big"), "demo", "--entries", "60", "--quiet"]) == 0
    assert "后台建立" in capsys.readouterr().out
    open_database(tmp_path / "big")
    assert search.pending() == Entry.select().count() == 60  # every entry queued, none lost
    assert search.sync() == 60 and search.is_current()
    close_database()
    assert cli.main(["--data-dir", str(tmp_path / "now"), "demo", "--entries", "60", "--index", "--quiet"]) == 0
    assert "后台建立" not in capsys.readouterr().out
    open_database(tmp_path / "now")
    assert search.is_current() and Entry.select().count() == 60
    close_database()


def test_the_command_says_when_a_big_demo_leaves_its_months_unfrozen(tmp_path, monkeypatch, capsys):
    from desk_app import cli
    from desk_app.services import demo_data

    monkeypatch.setattr(demo_data, "FREEZE_HISTORY_UP_TO", 50)
    assert cli.main(["--data-dir", str(tmp_path / "big"), "demo", "--entries", "60", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "60 条台账" in out and "超过 50 条的演示数据不封存以往月份" in out and "desk-app freeze" in out


def test_no_monthly_report_is_saved_after_the_demos_today(db):
    from datetime import date

    from desk_app.db.models import TaskForceReport
    from desk_app.demo import build_demo
    from desk_app.services import context

    with context.today_in_this_thread(date(2026, 12, 2)):  # early in the month: its 18th is still ahead
        build_demo(entries=60, index=False)
    assert TaskForceReport.select().where(TaskForceReport.month == "2026-12").count() > 0
    assert max(r.updated_at.date() for r in TaskForceReport.select()) == date(2026, 12, 2)
