"""作风指数评价 and other ranked activities: rounds, ranks, the last three, 提醒约谈 across rounds."""

from datetime import date

import pytest

from desk_app.errors import ValidationError
from desk_app.services import org, rankings, rankings_rules
from desk_app.services.rankings import ScoreInput
from desk_app.services.rankings_periods import parse_period, parse_quarter, period_label, previous_quarter

SECTIONS = ["办公室", "预算管理科", "国库科", "政府采购监督管理科", "税政科", "经济建设科", "农业农村科", "社会保障科"]


@pytest.fixture
def sections(db):
    return [org.create_department(name) for name in SECTIONS]


def _round(period: str, values: dict[str, float], kind: str = "作风指数评价"):
    k = rankings.kind_by_name(kind)
    r = rankings.round_by_period(k.id, period) or rankings.create_round(k.id, period)
    rankings.set_scores(r.id, [ScoreInput(name, score) for name, score in values.items()])
    return r


def _scores(*values: float) -> dict[str, float]:
    return dict(zip(SECTIONS, values, strict=True))


def test_periods_read_the_ways_clerks_write_them():
    assert parse_quarter("2026-Q1") == parse_quarter("2026q1") == parse_quarter("2026年第一季度") == "2026-Q1"
    assert parse_period("2026-3") == parse_period("2026年3月") == "2026-03"
    assert period_label("2026-Q4") == "2026年第四季度" and period_label("2026-03") == "2026年3月"
    assert previous_quarter("2026-Q1") == "2025-Q4"
    for bad in ("2026-Q5", "2026", "Q1", "2026-13", ""):
        with pytest.raises(ValidationError):
            parse_period(bad)


def test_the_seed_kinds_exist_and_a_new_kind_is_data(db):
    names = [k.name for k in rankings.list_kinds()]
    assert names[:2] == ["作风指数评价", "财政大讲堂"]
    lecture = rankings.create_kind("读书分享会", subject_label="主讲人", bottom_count=2, consecutive=3)
    assert lecture.rule_text == "连续三轮后两名 → 提醒约谈"
    with pytest.raises(ValidationError):
        rankings.create_kind("读书分享会")


def test_rank_shares_places_on_ties_and_the_last_three_take_boundary_ties(sections):
    r = _round("2026-Q1", _scores(95, 90, 90, 88, 85, 80, 80, 70))
    result = rankings_rules.ranking(r.id)
    assert [(row.subject, row.rank) for row in result.rows][:4] == [
        ("办公室", 1), ("预算管理科", 2), ("国库科", 2), ("政府采购监督管理科", 4)]
    # 80, 80 and 70: two score worse than nobody-but-one; 85 has three worse → not in the last three.
    assert [row.subject for row in result.bottom] == ["经济建设科", "农业农村科", "社会保障科"]
    r2 = _round("2026-Q2", _scores(95, 90, 90, 88, 80, 80, 80, 70))
    assert {row.subject for row in rankings_rules.ranking(r2.id).bottom} == {"税政科", "经济建设科", "农业农村科",
                                                                            "社会保障科"}


def test_a_round_of_three_flags_nobody(sections):
    r = _round("2026-Q1", {"办公室": 90, "国库科": 80, "税政科": 70})
    result = rankings_rules.ranking(r.id)
    assert not result.bottom_applies and result.bottom == []


def test_two_rounds_running_in_the_last_three_call_for_a_reminder_talk(sections):
    _round("2025-Q4", _scores(95, 90, 89, 88, 65, 86, 60, 70))
    r1 = _round("2026-Q1", _scores(95, 90, 89, 88, 85, 80, 75, 70))
    result = rankings_rules.ranking(r1.id)
    due = {row.subject: row for row in result.interviews}
    # 农业农村科 and 社会保障科 were in the last three of 2025-Q4 too (the year boundary is no gap).
    assert set(due) == {"农业农村科", "社会保障科"}
    assert due["农业农村科"].history == (("2025-Q4", 8), ("2026-Q1", 7))
    assert result.previous.period == "2025-Q4"
    assert due["农业农村科"].rank_change == 1
    # 经济建设科 is new in the last three: flagged, not yet called in.
    assert {row.subject for row in result.bottom} - set(due) == {"经济建设科"}


def test_three_rounds_rule_and_an_unscored_round_is_no_gap(sections):
    kind = rankings.create_kind("财政业务比武", bottom_count=1, consecutive=3)
    low = {"办公室": 90, "国库科": 80, "税政科": 70}
    _round("2026-Q1", low, kind.name)
    rankings.create_round(kind.id, "2026-Q2")  # created, never scored
    _round("2026-Q3", low, kind.name)
    r = _round("2026-Q4", low, kind.name)
    assert [row.subject for row in rankings_rules.ranking(r.id).interviews] == ["税政科"]
    assert rankings_rules.ranking(rankings.round_by_period(kind.id, "2026-Q3").id).interviews == []


def test_a_subject_renamed_between_rounds_is_followed_by_its_department(sections):
    _round("2026-Q1", _scores(95, 90, 89, 88, 85, 84, 60, 70))
    dept = org.department_by_name("社会保障科")
    org.update_department(dept.id, name="社会保障处")
    r = _round("2026-Q2", {**{k: v for k, v in _scores(95, 90, 89, 88, 85, 80, 75, 70).items()
                              if k != "社会保障科"}, "社会保障处": 70})
    assert "社会保障处" in {row.subject for row in rankings_rules.ranking(r.id).interviews}


def test_interview_list_records_when_who_and_outcome(sections):
    _round("2025-Q4", _scores(95, 90, 89, 88, 65, 86, 60, 70))
    r = _round("2026-Q1", _scores(95, 90, 89, 88, 85, 80, 75, 70))
    rows = rankings_rules.interviews()
    assert {(x.period, x.subject, x.status) for x in rows} == {("2026-Q1", "农业农村科", "待约谈"),
                                                             ("2026-Q1", "社会保障科", "待约谈")}
    assert "2025年第四季度第8名、2026年第一季度第7名" in next(x.reason for x in rows if x.subject == "农业农村科")
    with pytest.raises(ValidationError, match="约谈结果"):
        rankings_rules.record_interview(r.id, "农业农村科", held_on=date(2026, 11, 20))
    with pytest.raises(ValidationError, match="不需要提醒约谈"):
        rankings_rules.record_interview(r.id, "办公室", planned_on=date(2026, 12, 1))
    done = rankings_rules.record_interview(r.id, "农业农村科", held_on=date(2026, 11, 20), interviewer="张局长",
                                           attendees="李科长", outcome="已提醒，限一个月内报送整改报告")
    assert done.status == "已约谈" and done.interviewer == "张局长"
    # Scores corrected afterwards: the recorded talk stays on the list, marked.
    rankings.set_scores(r.id, [ScoreInput(n, s) for n, s in _scores(95, 90, 89, 88, 85, 80, 99, 70).items()])
    after = {x.subject: x for x in rankings_rules.interviews()}
    assert after["农业农村科"].status.startswith("已约谈（") and not after["农业农村科"].due


def test_set_scores_refuses_bad_values_and_writes_nothing(sections):
    r = _round("2026-Q1", _scores(95, 90, 89, 88, 85, 84, 60, 70))
    before = rankings.scores(r.id)
    for bad in ([ScoreInput("办公室", "九十")], [ScoreInput("办公室", -1)], [ScoreInput("办公室", 90), ScoreInput("办公室", 91)],
                [ScoreInput("", 90)], [ScoreInput("办公室", float("nan"))]):
        with pytest.raises(ValidationError):
            rankings.set_scores(r.id, bad)
    assert rankings.scores(r.id) == before


def test_names_are_matched_to_departments(sections):
    dept, how = rankings.match_department("预算管理科")
    assert dept.name == "预算管理科" and how == ""
    dept, how = rankings.match_department("政府采购")
    assert dept.name == "政府采购监督管理科" and "按" in how
    assert rankings.match_department("科")[0] is None  # fits several: not guessed


def test_old_rounds_list_a_renamed_department_under_its_current_name(sections):
    """国库科 renamed 国库支付科 after two rounds: its old scores, ranks and 约谈 show the name it has now."""
    q4 = _round("2025-Q4", _scores(95, 90, 60, 88, 65, 86, 89, 70))
    q1 = _round("2026-Q1", _scores(95, 90, 62, 88, 85, 80, 75, 70))
    rankings_rules.record_interview(q1.id, "国库科", planned_on=date(2026, 12, 1))
    dept = org.department_by_name("国库科")
    org.update_department(dept.id, name="国库支付科")
    old = rankings_rules.ranking(q4.id)
    assert "国库支付科" in [row.subject for row in old.rows] and "国库科" not in [row.subject for row in old.rows]
    assert [s.subject for s in rankings.scores(q1.id)][2] == "国库支付科"
    talks = [x for x in rankings_rules.interviews() if x.period == "2026-Q1"]
    assert [(x.subject, x.status) for x in talks if x.department_id == dept.id] == [("国库支付科", "已安排")]
    held = rankings_rules.record_interview(q1.id, "国库支付科", held_on=date(2026, 11, 20), outcome="已提醒")
    assert held.status == "已约谈" and len([x for x in rankings_rules.interviews() if x.period == "2026-Q1"]) == len(talks)
