"""`--meeting` names a meeting the way the 例会 page shows it (2026年第8次), or by id; never a wrong one."""

from __future__ import annotations

from datetime import datetime

import pytest
from print_helpers import page_texts

from desk_app.cli import main
from desk_app.domain import MeetingType
from desk_app.errors import NotFoundError, ValidationError
from desk_app.reports.lookups import meeting_by_reference
from desk_app.services import context, meetings


def _add(campaign_id: int, meeting_type: str, when: datetime):
    return meetings.create_meeting(campaign_id, meetings.MeetingInput(meeting_type=meeting_type, start_at=when))


@pytest.fixture
def held(db):
    """Meetings whose ids and 第N次 differ: id 1 = 2025年第1次, ids 2..4 = 2026年第1..3次, id 5 = 中心组第1次."""
    from desk_app.services import campaigns

    campaign = campaigns.create_campaign("测试活动", 2026)
    made = [_add(campaign.id, MeetingType.TASK_FORCE, datetime(2025, 12, 20, 15))]
    made += [_add(campaign.id, MeetingType.TASK_FORCE, datetime(2026, month, 20, 15)) for month in (1, 2, 3)]
    made.append(_add(campaign.id, MeetingType.STUDY_GROUP, datetime(2026, 3, 14, 15)))
    return campaign.id, made


def test_year_and_number_name_the_nth_meeting_of_that_type(held):
    campaign_id, made = held
    assert context.today().year == 2026
    assert meeting_by_reference(campaign_id, "2026-3").id == made[3].id
    assert meeting_by_reference(campaign_id, "2026年第2次").id == made[2].id
    assert meeting_by_reference(campaign_id, "2025-1").id == made[0].id
    assert meeting_by_reference(campaign_id, "2026-1", "中心组").id == made[4].id
    assert meeting_by_reference(campaign_id, "id:3").id == made[2].id == 3


def test_a_plain_number_is_this_years_nth_meeting_of_the_type_as_the_help_says(held):
    campaign_id, made = held  # 今年第2次 is id 3, while id 2 is 第1次: the number counts, not the id
    assert meeting_by_reference(campaign_id, "2").id == made[2].id == 3
    assert meeting_by_reference(campaign_id, "3").id == made[3].id
    assert meeting_by_reference(campaign_id, "1", "中心组").id == made[4].id
    assert meeting_by_reference(campaign_id, "第1次", "中心组学习研讨").id == made[4].id


def test_a_plain_number_that_is_only_an_id_does_not_print_another_meeting(held):
    campaign_id, made = held
    with pytest.raises(NotFoundError) as exc:  # the bug: "--meeting 5" printed 中心组第1次
        meeting_by_reference(campaign_id, "5")
    message = str(exc.value)
    assert "找不到 2026年第5次专班推进会" in message and "id:5" in message
    for m in made:  # every meeting listed with what to type for it, its id, date and title
        assert f"{m.year}-{m.number}" in message and f"id:{m.id}" in message and m.title in message
        assert f"{m.start_at:%Y-%m-%d}" in message
    with pytest.raises(NotFoundError, match="找不到 2026年第3次中心组学习研讨"):
        meeting_by_reference(campaign_id, "3", "中心组")


def test_unknown_references_and_types_list_what_there_is(held):
    campaign_id, made = held
    with pytest.raises(NotFoundError, match="找不到 2026年第9次专班推进会") as exc:
        meeting_by_reference(campaign_id, "2026-9")
    assert made[1].title in str(exc.value)
    with pytest.raises(ValidationError, match="看不懂"):
        meeting_by_reference(campaign_id, "上个月那次")
    with pytest.raises(ValidationError, match="会议类型"):
        meeting_by_reference(campaign_id, "2026-1", "座谈会")
    with pytest.raises(NotFoundError, match="id 为 99|编号为 99"):
        meeting_by_reference(campaign_id, "id:99")


def test_cli_prints_the_meeting_the_clerk_sees_and_says_which(held, tmp_path, capsys):
    campaign_id, made = held
    out = tmp_path / "通知.pdf"
    assert main(["print", "notice", "--meeting", "2026-3", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "2026年第3次专班推进会" in said and f"id:{made[3].id}" in said
    assert made[3].title in "".join("".join(t.split()) for t in page_texts(out.read_bytes()))
    assert main(["print", "notice", "--meeting", "2", "--out", str(out)]) == 0
    assert "2026年第2次专班推进会" in capsys.readouterr().out
    assert main(["print", "notice", "--meeting", "5", "--out", str(out)]) == 2
    assert "id:5" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["print", "--help"])
    helped = "".join(capsys.readouterr().out.split())
    assert "--meeting-type" in helped and "8=今年第8次" in helped and "会议id须写成id:12" in helped
