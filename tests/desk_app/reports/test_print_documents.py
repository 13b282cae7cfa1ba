"""Every printable document, read back from the PDF: title, header row on every page, page numbers,
rows in order, Chinese line-break rules, embedded fonts, deterministic bytes."""

from __future__ import annotations

import pytest
from print_helpers import bad_breaks, fonts_of, gongwen_page_numbers, laid_out_lines, page_numbers, page_texts

from desk_app.domain import Attendance, EntryKind, Layer
from desk_app.reports import registry
from desk_app.reports.options import PrintOptions
from desk_app.services import meetings, taskforces
from desk_app.services.ledger_columns import cn_date
from desk_app.services.ledger_query import LedgerFilter, count_entries, entry_ids, fetch_entries


def build(kind: str, options: PrintOptions):
    doc = registry.get_kind(kind).build(options)
    data = doc.render()
    return doc, data, page_texts(data)


def assert_numbered(texts: list[str]) -> None:
    total = len(texts)
    assert page_numbers(texts) == [(i, total) for i in range(1, total + 1)]


def assert_gongwen_numbered(texts: list[str]) -> None:
    assert gongwen_page_numbers(texts) == list(range(1, len(texts) + 1))


def squash(text: str) -> str:
    return "".join(text.split())


def test_ledger_has_title_header_row_on_every_page_numbers_and_rows_in_order(demo):
    doc, data, texts = build("ledger", PrintOptions())
    assert len(texts) > 5
    assert "台账" in squash(texts[0]) and "问题整改台账" not in squash(texts[0])  # the demo mixes kinds
    assert "填报单位" in texts[0] and "填报日期" in texts[0] and cn_date(demo_today()) in squash(texts[0])
    codes = [e.code for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id))]
    for text in texts:
        flat = squash(text)
        if not any(code in flat for code in codes):
            assert text is texts[-1] and "签字" in flat  # only the signature foot may move to a page alone
            continue
        for label in ("序号", "问题编号", "问题表现", "整改措施", "责任单位", "整改时限", "状态"):
            assert label in flat
    assert_numbered(texts)
    flat_all = squash("".join(texts))
    positions = [flat_all.find(code) for code in codes]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert "签字" in squash(texts[-1])
    assert not bad_breaks(laid_out_lines(doc))


def demo_today():
    from desk_app.services import context

    return context.today()


def test_ledger_prints_only_the_chosen_columns_and_filter(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id, layers=[Layer.DIVISION])
    doc, data, texts = build("ledger", PrintOptions(filter=f, columns=["code", "owner", "deadline"]))
    flat = squash("".join(texts))
    assert "所属人员" in flat and "问题表现" not in flat
    assert "层级：处级干部" in flat
    for e in fetch_entries(f):
        assert e.code in flat
    other = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, layers=[Layer.STAFF]), limit=3)
    assert all(e.code not in flat for e in other)


def test_a3_needs_fewer_pages_than_a4(demo):
    a4 = registry.get_kind("ledger").build(PrintOptions())
    a3 = registry.get_kind("ledger").build(PrintOptions(a3=True))
    assert len(a3.pages) < len(a4.pages)
    assert a3.setup.width > a4.setup.width


def test_empty_filter_prints_one_page_saying_so(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id, text="不可能出现的文字组合")
    doc, data, texts = build("ledger", PrintOptions(filter=f))
    assert len(texts) == 1
    assert "无符合条件的记录" in squash(texts[0])


def test_output_is_deterministic_and_fonts_are_embedded(demo, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    registry.render_to_file("ledger", PrintOptions(), first)
    registry.render_to_file("ledger", PrintOptions(), second)
    assert first.read_bytes() == second.read_bytes()
    rows = fonts_of(first)
    assert rows and all(emb == "yes" for _name, emb in rows)


def _first_meeting_with_attendance():
    for m in meetings.list_meetings(_campaign_id()):
        record = meetings.get_meeting(m.id)
        if record.attendance and record.minutes:
            return record
    pytest.skip("the demo has no meeting with attendance")


def _campaign_id():
    from desk_app.services import campaigns

    return campaigns.require_current_campaign().id


@pytest.mark.parametrize("kind,title", [
    ("problem-list", "问题清单"), ("dispatch", "月度调度表"), ("key-tasks", "重点任务分工台账"),
    ("overdue", "逾期情况的通报"), ("rosters", "专班人员名单"), ("stats", "统计汇总"),
])
def test_every_campaign_document_renders_with_title_numbers_and_clean_breaks(demo, kind, title, tmp_path):
    doc, data, texts = build(kind, PrintOptions())
    assert title in squash(texts[0])
    (assert_gongwen_numbered if kind == "overdue" else assert_numbered)(texts)
    assert not bad_breaks(laid_out_lines(doc))
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(data)
    assert all(emb == "yes" for _name, emb in fonts_of(path))


def test_layer_problem_list_repeats_its_header_and_holds_only_that_layer(demo):
    doc, data, texts = build("problem-list", PrintOptions(layer=Layer.STAFF))
    assert len(texts) > 1
    for text in texts:
        assert "原因剖析" in squash(text)
    f = LedgerFilter(campaign_id=demo.campaign_id, layers=[Layer.STAFF], kinds=[EntryKind.RECTIFICATION])
    flat = squash("".join(texts))
    assert all(e.code in flat for e in fetch_entries(f))
    assert f"共{count_entries(f)}条" in flat and "局活动办" in flat


def test_person_lists_number_pages_per_person_and_carry_a_signature_line(demo):
    doc, data, texts = build("person-list", PrintOptions(layer=Layer.SECTION_CHIEF))
    numbers = page_numbers(texts)
    starts = [i for i, n in enumerate(numbers) if n[0] == 1]
    assert len(starts) > 1  # several people, each starting again at page 1
    for i in starts:
        assert "同志问题清单" in squash(texts[i])
    assert "本人签字" in squash(texts[-1])


def test_dispatch_shows_this_months_progress_for_open_entries_only(demo):
    doc, data, texts = build("dispatch", PrintOptions(month="2026-11"))
    flat = squash("".join(texts))
    assert "本月进展" in flat and "2026年11月" in flat
    closed = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, statuses=["已销号"]), limit=5)
    assert all(e.code not in flat for e in closed)


def test_supervision_sheet_is_red_for_an_overdue_entry(demo):
    # An entry off the 13710 clock (a 督办 matter on it takes its escalation level's colour: test_print_supervision).
    overdue = entry_ids(LedgerFilter(campaign_id=demo.campaign_id, overdue_only=True, kinds=[EntryKind.RECTIFICATION]))[0]
    doc, data, texts = build("supervision", PrintOptions(entry_id=overdue))
    flat = squash(texts[0])
    assert "督办单" in flat and "红色督办" in flat and "已逾期" in flat
    assert len(texts) == 1


def test_overdue_notice_groups_entries_by_department(demo):
    doc, data, texts = build("overdue", PrintOptions())
    flat = squash("".join(texts))
    overdue = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, overdue_only=True))
    assert f"共{len(overdue)}条" in flat
    for e in overdue:
        assert e.code in flat
    first_dept = overdue and sorted({e.department_name for e in overdue})[0]
    assert f"{first_dept}（" in flat


def test_rosters_and_action_plan(demo):
    forces = taskforces.list_task_forces(_campaign_id())
    doc, data, texts = build("rosters", PrintOptions())
    flat = squash("".join(texts))
    for tf in forces:
        assert tf.name in flat
        assert all(m.name in flat for m in tf.members)
    with_plan = next((tf for tf in forces if taskforces.current_plan(tf.id)), None)
    if with_plan is None:
        pytest.skip("no action plan in the demo")
    doc, data, texts = build("action-plan", PrintOptions(task_force_id=with_plan.id))
    flat = squash("".join(texts))
    assert f"{with_plan.name}行动方案" in flat
    for part in ("一、人员组成", "二、目标任务", "三、工作举措", "四、作风保障"):
        assert part in flat
    assert_gongwen_numbered(texts)


def test_meeting_notice_sign_in_sheet_and_minutes(demo):
    m = _first_meeting_with_attendance()
    options = PrintOptions(meeting_id=m.id)
    doc, data, texts = build("notice", options)
    assert f"关于召开{m.title}的通知" in squash("".join(texts))

    doc, data, texts = build("sign-in", options)
    flat = squash("".join(texts))
    assert "签到表" in flat and "签名" in flat
    names = [a.name for a in m.attendance]
    positions = [flat.find(n) for n in names]
    assert -1 not in positions and positions == sorted(positions)
    assert f"应到：{m.totals.expected}人" in flat and f"请假：{m.totals.leave}人" in flat
    assert "缺席" in flat

    doc, data, texts = build("minutes", options)
    flat = squash("".join(texts))
    assert f"{m.meeting_type}纪要" in flat and f"（第{m.issue_no or m.number}期）" in flat
    present = [a.name for a in m.attendance if a.status == Attendance.PRESENT]
    assert "出席：" in flat and all(n in flat for n in present)
    assert not bad_breaks(laid_out_lines(doc))
    assert_gongwen_numbered(texts)


def test_minutes_wrap_attendee_names_under_the_first_name(demo):
    m = _first_meeting_with_attendance()
    doc = registry.get_kind("minutes").build(PrintOptions(meeting_id=m.id))
    ops = [op for page in doc.pages for op in page.ops if op[0] in (0, 1)]  # TEXT, JUSTIFIED
    label = next(i for i, op in enumerate(ops) if op[5] == "出席：")
    first_names, next_line = ops[label + 1], ops[label + 2]
    assert next_line[3] == pytest.approx(first_names[3])  # same x as the text after the colon


def test_missing_target_gives_a_clear_message(demo):
    from desk_app.errors import ValidationError

    with pytest.raises(ValidationError, match="会议"):
        registry.get_kind("minutes").build(PrintOptions())
    with pytest.raises(ValidationError, match="没有名为"):
        registry.get_kind("nonsense")


def test_sign_in_sheet_falls_back_to_the_rosters_when_nobody_is_listed_yet(demo):
    from datetime import datetime

    from desk_app.domain import MeetingType

    m = meetings.create_meeting(demo.campaign_id, meetings.MeetingInput(
        meeting_type=MeetingType.TASK_FORCE, start_at=datetime(2026, 12, 20, 15, 0), place="三楼会议室"))
    doc, data, texts = build("sign-in", PrintOptions(meeting_id=m.id))
    flat = squash("".join(texts))
    from desk_app.services.meeting_attendance import DEFAULT_ROLES, build_from_rosters

    members = {mem.person_id: mem.name for tf in taskforces.list_task_forces(demo.campaign_id)
               for mem in tf.members_in(*DEFAULT_ROLES)}  # who the notice invites and the list is built from
    assert all(name in flat for name in members.values())
    seconded = {mem.name for tf in taskforces.list_task_forces(demo.campaign_id) for mem in tf.members} - set(
        members.values())
    assert seconded and not any(name in flat for name in seconded)
    notice = squash("".join(build("notice", PrintOptions(meeting_id=m.id))[2]))
    assert "参会人员：各专班牵头局领导、协管处级干部及联络员。" in notice
    assert build_from_rosters(m.id) == len(members)  # the list the clerk then builds holds the same people
    assert f"应到：{len(members)}人" in flat and "实到：＿＿人" in flat


def test_overdue_status_prints_in_red_and_the_foot_stays_with_the_last_row(demo):
    from desk_app.reports.layout import FILL_COLOR, RED

    doc = registry.get_kind("ledger").build(PrintOptions())
    ops = [op for page in doc.pages for op in page.ops]
    red_texts, in_red = [], False
    for op in ops:
        if op[0] == FILL_COLOR:
            in_red = op[1] == RED
        elif op[0] == 0 and in_red:
            red_texts.append(op[5])
    assert any("逾期" in t for t in red_texts)
    assert not any("已销号" in t for t in red_texts)
    last = doc.pages[-1].ops
    assert any(op[0] == 0 and op[5].startswith("ZG-") or op[0] == 0 and op[5][:3] in ("DB-", "RW-", "YD-")
               for op in last)  # the signature foot never sits on a page of its own
