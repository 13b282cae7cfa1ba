"""The layout rules of issue 14, checked on the rendered PDF (pdftotext word boxes, pdfinfo) of every
table kind: nothing alone on a page, continued pages that say who they are, widths from every row,
no break inside a label, a number and its unit or a date, titles that fit, filters stated."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from print_helpers import all_word_boxes, laid_out_lines, page_texts

from desk_app.cli import main
from desk_app.domain import Layer, Status
from desk_app.reports import registry
from desk_app.reports.layout import Document, ledger_page
from desk_app.reports.options import PrintOptions
from desk_app.services import campaigns, ledger, org, taskforces
from desk_app.services.ledger_columns import cn_date
from desk_app.services.ledger_query import LedgerFilter, count_entries, fetch_entries

LONG_DEPARTMENT = "政府采购监督管理科（行政审批服务科）暨财政投资评审中心"
LONG_NAME = "阿卜杜热合曼·买买提"
LONG_TITLE = "关于2026年度“观念能力作风建设年”活动整改问题清单及整改台账落实情况的统计汇总表（第三季度）"


def squash(text: str) -> str:
    return "".join(text.split())


def render(kind: str, options: PrintOptions, tmp_path, name: str = "out"):
    path = tmp_path / f"{name}.pdf"
    pages = registry.render_to_file(kind, options, path)
    return path, pages


def frame_words(path, setup):
    """Words outside the frame (more than a hairline): text cut at or past the paper edge."""
    return [w for w in all_word_boxes(path)
            if w[1] < setup.left - 1 or w[3] > setup.width - setup.right + 1]


@pytest.fixture
def long_names(demo):
    """A department, a person and a 专班 member with names longer than any in the demo."""
    dept = org.create_department(LONG_DEPARTMENT)
    person = org.create_person(LONG_NAME, dept.id, title="党组成员、副局长、一级调研员", level="处级干部",
                               phone="+86 797 8888 8888")
    for i in range(3):
        ledger.create_entry(demo.campaign_id, ledger.EntryInput(
            layer=Layer.DIVISION, owner_id=person.id, department_id=dept.id, responsible_id=person.id,
            description=f"整改满意率未达到95%以上，群众反映的第{i + 1}类问题办结时限超过30天。" * 3,
            deadline=date(2026, 12, 31), found_date=date(2026, 11, 2)))
    return dept, person


# --- widths from every row ----------------------------------------------------------------------
def test_serials_past_1000_codes_and_dates_never_wrap(tmp_path, db):
    from desk_app.demo import build_demo
    from desk_app.services import context

    build_demo(entries=1100, seed=2, today=context.today())
    f = LedgerFilter(campaign_id=campaigns.require_current_campaign().id)
    total = count_entries(f)
    assert total >= 1000
    path, pages = render("ledger", PrintOptions(columns=["code", "owner", "description", "leader", "deadline",
                                                        "status"]), tmp_path)
    words = all_word_boxes(path)
    setup = ledger_page()
    serial_right = next(w[3] for w in words if w[5] == "序号") + 12  # the 序号 column and a little
    serials = [w[5] for w in words if w[3] <= serial_right and w[1] < setup.left + 40 and w[5] != "序号"]
    assert set(serials) <= {str(n) for n in range(1, total + 1)} | {"（续）"}
    assert {str(n) for n in range(1, total + 1)} <= set(serials)  # 1000 never prints as 100 / 0
    flat = {w[5] for w in words}
    entries = fetch_entries(f)
    assert {e.code for e in entries} <= flat
    dated = [cn_date(e.deadline) for e in entries if e.deadline_type == "按期" and e.deadline]
    assert dated and set(dated) <= flat  # 2026年7月1日 on one line, never 2026年7月1 / 日
    for label in ("序号", "问题编号", "所属人员", "责任领导", "整改时限"):
        assert sum(1 for w in words if w[5] == label) == pages  # whole on every page's header row
    assert not frame_words(path, setup)


def test_header_labels_numbers_with_units_and_dates_stay_whole(long_names, tmp_path):
    path, _pages = render("problem-list", PrintOptions(layer=Layer.DIVISION), tmp_path)
    words = {w[5] for w in all_word_boxes(path)}
    for label in ("序号", "所属人员", "责任人", "整改时限", "问题编号"):
        assert label in words
    assert "2026年12月31日" in words
    for size_a3 in (False, True):  # two column widths, so the lines break in different places
        doc = registry.get_kind("problem-list").build(PrintOptions(layer=Layer.DIVISION, a3=size_a3))
        lines = laid_out_lines(doc)
        assert sum("95%" in line for line in lines) >= 3
        for this, after in zip(lines, lines[1:], strict=False):
            assert not (re.search(r"\d$", this) and re.match(r"^[\d%％天日个]", after)), (this, after)


# --- continued pages ----------------------------------------------------------------------------
@pytest.fixture
def long_entry(demo):
    text = "".join(f"第{i}项：对照整改要求逐条核查，（一）建立台账；（二）明确责任，确保满意率达到95%以上。"
                   for i in range(90))
    assert len(text) > 3000
    return ledger.create_entry(demo.campaign_id, ledger.EntryInput(layer=Layer.DIVISION, description=text,
                                                                   measures=text[:1200]))


def test_every_fragment_of_a_long_entry_carries_its_serial_code_and_continued_mark(long_entry, tmp_path):
    f = LedgerFilter(campaign_id=long_entry.campaign_id, text=long_entry.code)
    path, pages = render("ledger", PrintOptions(filter=f), tmp_path)
    assert pages >= 3
    texts = page_texts(path.read_bytes())
    for number, text in enumerate(texts, start=1):
        flat = squash(text)
        assert long_entry.code in flat, number  # 编号 on every fragment
        assert "问题表现" in flat  # the header row repeats
        if number > 1:
            assert "（续）" in flat
    assert "签字" in squash(texts[-1]) and "第89项" in squash(texts[-1])  # the foot came with the last lines


def test_person_list_foot_stays_with_entries_and_continued_pages_name_the_person(demo, tmp_path):
    path, pages = render("person-list", PrintOptions(layer=Layer.DIVISION), tmp_path)
    texts = [squash(t) for t in page_texts(path.read_bytes())]
    people = [p for p in org.list_people() if p.level == "处级干部"]
    for text in texts:
        name = next((p.name for p in people if f"{p.name}同志问题清单" in text), None)
        assert name, text[:60]  # every page names its person: the title, or the continued heading
        if "本人签字" in text:
            assert re.search(r"(ZG|DB|RW|YD)-\d{4}-\d{4}|尚未列出问题", text)  # never a foot alone
    assert any("同志问题清单（续）" in t for t in texts)


def test_roster_groups_continue_with_their_heading_and_count_people_not_rows(demo, tmp_path):
    tf = taskforces.list_task_forces(demo.campaign_id)[0]
    person = tf.members[0]
    taskforces.add_member(tf.id, person.person_id, "联络员" if person.role != "联络员" else "抽调人员")
    tf = taskforces.get_task_force(tf.id)
    assert len(tf.members) > tf.people_count  # someone listed twice
    path, _pages = render("rosters", PrintOptions(), tmp_path)
    texts = [squash(t) for t in page_texts(path.read_bytes())]
    assert f"{tf.name}（{tf.people_count}人）" in texts[0]
    assert "、联络员" in "".join(texts) or "联络员、" in "".join(texts)
    for text in texts[1:]:
        first_line = text[:80]
        assert "（续）" in first_line or re.search(r"^[一二三四五六七八九十]+、", text), first_line


# --- keep with next -----------------------------------------------------------------------------
@pytest.mark.parametrize("kind,extra", [("ledger", {}), ("problem-list", {"layer": Layer.STAFF}),
                                        ("dispatch", {}), ("key-tasks", {}), ("stats", {}), ("rosters", {})])
def test_no_closing_block_alone_on_a_page(demo, tmp_path, kind, extra):
    path, _pages = render(kind, PrintOptions(**extra), tmp_path)
    last = squash(page_texts(path.read_bytes())[-1])
    body = re.sub(r"第\d+页共\d+页", "", last)
    for foot in ("填报人（签字）：", "审核人（签字）：", "单位负责人（签字）：", "年月日", "＿", r"制表日期：\d+年\d+月\d+日"):
        body = re.sub(foot, "", body)
    assert len(body) > 20, last  # rows, a chart's labels or a table came along with the foot


def test_table_pulls_the_last_lines_of_a_tall_last_row_onto_the_foot_page(db):
    from desk_app.reports.fonts import font_set
    from desk_app.reports.table import Table, TableColumn

    doc = Document("t", ledger_page(), fonts=font_set())
    table = Table(doc, [TableColumn("序号", 1, "c", repeat=True), TableColumn("内容", 9)], size=9)
    table.begin()
    while doc.space_left() > 80:
        table.add_row(["1", "一行"])
    foot = 56.0
    table.add_row(["2", "很长的内容" * 60], keep_after=foot)  # fits here, but not with the foot
    table.end()
    assert doc.space_left() >= foot  # the foot's page has room for it …
    last_page = doc.pages[-1].ops
    assert sum(1 for op in last_page if op[0] == 0 and op[5] not in ("序号", "内容")) >= 2  # … and lines


def test_paragraph_keeps_two_lines_together_at_a_page_break(db):
    from desk_app.reports.fonts import font_set

    fonts = font_set()
    doc = Document("t", ledger_page(portrait=True), fonts=fonts)
    doc.advance(doc.space_left() - 20)  # room for one line of 15 pt
    doc.paragraph("这是一段需要换行的正文。" * 20, fonts.body, 10, leading=15)
    first_page = [op for op in doc.pages[0].ops if op[0] == 0]
    assert not first_page  # no orphan line at the bottom
    doc = Document("t", ledger_page(portrait=True), fonts=fonts)
    lines = len(doc.paragraph_lines("这是一段需要换行的正文。" * 20, fonts.body, 10, doc.width, doc.width))
    doc.advance(doc.space_left() - 15 * (lines - 1) - 1)  # all but the last line would fit
    doc.paragraph("这是一段需要换行的正文。" * 20, fonts.body, 10, leading=15)
    assert sum(1 for op in doc.pages[-1].ops if op[0] == 0) >= 2  # no widow on the next page


# --- filters, titles, fit-or-shrink -----------------------------------------------------------------
@pytest.mark.parametrize("kind", ["ledger", "problem-list", "dispatch", "key-tasks", "stats"])
def test_filtered_prints_say_what_they_hold(demo, tmp_path, kind, capsys):
    dept = org.list_departments()[0]
    out = tmp_path / f"{kind}.pdf"
    assert main(["print", kind, "--out", str(out), "--department", dept.name, "--status", "推进中"]) == 0
    first = squash(page_texts(out.read_bytes())[0])
    assert f"责任单位：{dept.name}，状态：推进中" in first


def test_ledger_title_does_not_follow_what_the_filter_matches(demo):
    only_supervision = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, kinds=["督办事项"]))[0]
    plain = registry.get_kind("ledger").build(PrintOptions()).title
    narrowed = registry.get_kind("ledger").build(PrintOptions(
        filter=LedgerFilter(campaign_id=demo.campaign_id, text=only_supervision.code))).title
    assert plain == narrowed


def test_all_layer_problem_list_has_a_layer_column(demo, tmp_path):
    path, _pages = render("problem-list", PrintOptions(), tmp_path)
    first = page_texts(path.read_bytes())[0]
    assert "层级" in squash(first) and "全部层级" in squash(first)
    assert any(layer.value in squash(first) for layer in Layer)


def test_empty_ledger_message_reads_across_the_table(demo, tmp_path):
    f = LedgerFilter(campaign_id=demo.campaign_id, text="不可能出现的文字组合")
    path, _pages = render("ledger", PrintOptions(filter=f), tmp_path)
    assert "（无符合条件的记录）" in [w[5] for w in all_word_boxes(path)]


@pytest.mark.parametrize("kind", ["ledger", "stats", "rosters", "dispatch"])
def test_long_titles_and_names_fit_the_page(long_names, tmp_path, kind):
    c = campaigns.require_current_campaign()
    from desk_app.db.models import Campaign

    Campaign.update(name="2026年度“观念能力作风建设年”暨“优化营商环境攻坚年”双年活动（财政系统）").where(
        Campaign.id == c.id).execute()
    for title in ("", LONG_TITLE):
        path, _pages = render(kind, PrintOptions(title=title), tmp_path, f"{kind}-{bool(title)}")
        setup = ledger_page(portrait=kind in ("stats", "rosters"))
        assert not frame_words(path, setup)
        flat = squash("".join(page_texts(path.read_bytes())))
        assert squash(title or "双年活动（财政系统）") in flat
        if kind == "stats":
            assert LONG_DEPARTMENT in flat  # the chart label wraps, all of it printed


def test_stats_has_one_completion_rate(demo, tmp_path):
    doc = registry.get_kind("stats").build(PrintOptions())
    flat = squash("".join(page_texts(doc.render())))
    overall = re.search(r"整改完成率(\d+\.\d%)", flat).group(1)
    lines = laid_out_lines(doc)
    last_month = max(i for i, line in enumerate(lines) if re.fullmatch(r"\d{4}年\d{1,2}月", line))
    assert lines[last_month + 5] == overall  # 月份, 新增, 办结, 累计问题, 累计办结, 累计完成率


def test_today_in_the_past_leaves_out_entries_found_later(demo, tmp_path):
    day = date(2026, 3, 31)
    found_by_then = [e for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id))
                     if (e.found_date or e.created_at.date()) <= day]
    out = tmp_path / "then.pdf"
    assert main(["--today", day.isoformat(), "print", "ledger", "--out", str(out)]) == 0
    assert f"共{len(found_by_then)}条" in squash(page_texts(out.read_bytes())[0])
    assert len(found_by_then) < count_entries(LedgerFilter(campaign_id=demo.campaign_id))


# --- the file -----------------------------------------------------------------------------------
def test_pdf_dates_are_the_print_date_and_bytes_repeat(demo, tmp_path):
    from desk_app.services import context

    # One entry's ledger: the dates do not depend on the rows (the whole ledger's bytes repeating is
    # test_print_documents' test_output_is_deterministic_and_fonts_are_embedded).
    code = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id), limit=1)[0].code
    one = PrintOptions(filter=LedgerFilter(campaign_id=demo.campaign_id, text=code))
    first, _ = render("ledger", one, tmp_path, "a")
    second, _ = render("ledger", one, tmp_path, "b")
    assert first.read_bytes() == second.read_bytes()
    info = subprocess.run(["pdfinfo", "-isodates", str(first)], capture_output=True, text=True, check=True).stdout
    today = context.today().isoformat()
    assert re.search(rf"CreationDate:\s+{today}T00:00:00", info) and re.search(rf"ModDate:\s+{today}T", info)
    context.set_today(date(2026, 12, 1))
    third, _ = render("ledger", one, tmp_path, "c")
    assert "2026-12-01T00:00:00" in subprocess.run(["pdfinfo", "-isodates", str(third)], capture_output=True,
                                                   text=True, check=True).stdout


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o027, 0o640)])
def test_printed_files_get_the_umask_mode(demo, tmp_path, mask, mode):
    import os

    old = os.umask(mask)
    try:
        path, _ = render("stats", PrintOptions(), tmp_path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == mode


def test_fonts_embedded_in_every_table_kind(long_names, tmp_path):
    from print_helpers import fonts_of

    for kind in ("ledger", "problem-list", "dispatch", "key-tasks", "rosters", "stats"):
        path, _ = render(kind, PrintOptions(), tmp_path, kind)
        rows = fonts_of(path)
        assert rows and all(emb == "yes" for _name, emb in rows), kind


# --- 5,000 rows ---------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_5000_row_ledger_prints_every_row_whole(tmp_path, db):
    from desk_app.demo import build_demo
    from desk_app.services import context

    build_demo(entries=5000, seed=3, today=context.today())
    f = LedgerFilter(campaign_id=campaigns.require_current_campaign().id)
    total = count_entries(f)
    path, pages = render("ledger", PrintOptions(), tmp_path)
    words = all_word_boxes(path)
    setup = ledger_page()
    serial_right = next(w[3] for w in words if w[5] == "序号") + 12
    serials = {w[5] for w in words if w[3] <= serial_right and w[1] < setup.left + 40}
    assert {str(n) for n in range(1, total + 1)} <= serials
    assert {e.code for e in fetch_entries(f)} <= {w[5] for w in words}
    assert not frame_words(path, setup)
    texts = page_texts(path.read_bytes())
    assert len(texts) == pages and f"第{pages}页共{pages}页" in squash(texts[-1])
    assert Status.CLOSED.value in squash("".join(texts[:3]))
