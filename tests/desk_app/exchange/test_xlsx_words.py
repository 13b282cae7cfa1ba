"""Status and deadline words as offices write them, read through the editable word tables."""

from datetime import date

import pytest

from desk_app.exchange.dates import DateParseError
from desk_app.exchange.xlsx_people import TitleReader, split_units
from desk_app.exchange.xlsx_words import DeadlineReader, StatusReader, add_working_days, read_flag
from desk_app.services import import_words

SHEET_DAY = date(2023, 6, 1)  # a Thursday


@pytest.fixture
def deadlines(db):
    return DeadlineReader(import_words.table("deadlines"), 2023, SHEET_DAY, "表格日期")


@pytest.fixture
def statuses(db):
    return StatusReader(import_words.table("statuses"))


@pytest.mark.parametrize(("text", "kind", "when", "long_too"), [
    ("2023年6月30日", "按期", date(2023, 6, 30), False),
    ("全年", "按期", date(2023, 12, 31), False),
    ("年底前", "按期", date(2023, 12, 31), False),
    ("9月底前", "按期", date(2023, 9, 30), False),
    ("九月底前", "按期", date(2023, 9, 30), False),
    ("9月30日前", "按期", date(2023, 9, 30), False),
    ("10月中旬", "按期", date(2023, 10, 20), False),
    ("三季度末", "按期", date(2023, 9, 30), False),
    ("上半年", "按期", date(2023, 6, 30), False),
    ("持续推进", "长期坚持", None, False),
    ("长期", "长期坚持", None, False),
    ("立行立改", "立行立改", None, False),
    ("3天", "按期", date(2023, 6, 4), False),
    ("5天内", "按期", date(2023, 6, 6), False),
    ("5个工作日", "按期", date(2023, 6, 8), False),
    ("1个月", "按期", date(2023, 7, 1), False),
    ("立行立改并长期坚持", "立行立改", None, True),
    ("2023年6月底前完成并长期坚持", "按期", date(2023, 6, 30), True),
    ("2023年12月31日前完成，长期坚持", "按期", date(2023, 12, 31), True),
    ("2023年6月底前（阶段性），2023年12月底前全面完成", "按期", date(2023, 12, 31), False),
])
def test_deadline_words(deadlines, text, kind, when, long_too):
    result = deadlines.read(text)
    assert (result.kind, result.when, result.long_term_too) == (kind, when, long_too)
    # Every reading but a plain date or the ledger's own word says what it made of the words.
    assert bool(result.note) == (text not in ("2023年6月30日", "立行立改"))


def test_relative_deadlines_count_from_the_rows_own_date(deadlines):
    assert deadlines.read("3天", base=date(2023, 6, 5)).when == date(2023, 6, 8)
    assert "交办日期" in deadlines.read("3天", base=date(2023, 6, 5)).note


def test_working_days_skip_holidays_and_count_makeup_days():
    assert add_working_days(date(2023, 9, 28), 1) == date(2023, 10, 7)  # 国庆 off; Saturday 10-7 is a 调休 workday
    assert add_working_days(date(2031, 1, 3), 1) == date(2031, 1, 6)  # beyond the calendar: Monday–Friday


def test_unknown_deadline_word_names_the_settings_page(deadlines):
    with pytest.raises(DateParseError) as info:
        deadlines.read("等上级通知")
    assert "等上级通知" in str(info.value) and "导入词表" in str(info.value)


@pytest.mark.parametrize(("text", "status"), [
    ("已完成整改", "已销号"), ("正在办理", "推进中"), ("序时推进", "推进中"), ("部分整改", "推进中"),
    ("阶段性办结", "推进中"), ("持续整改", "长期坚持"), ("已经完成，长期坚持", "长期坚持"), ("已办结", "已销号"),
    ("未整改", "未启动"), ("待销号", "申请销号"), ("推进中（逾期）", "推进中"), ("已完成。建立制度3项", "已销号"),
])
def test_status_words(statuses, text, status):
    assert statuses.read(text).status == status


def test_a_longer_progress_text_counts_only_when_it_opens_with_a_word(statuses):
    assert statuses.read("已完成初稿", leading_only=True) is None
    reading = statuses.read("已完成，形成调研报告4篇", leading_only=True)
    assert reading.status == "已销号" and reading.rest == "形成调研报告4篇"


def test_flags():
    assert read_flag("是") is True and read_flag("√") is True and read_flag("否") is False
    assert read_flag("待定") is None


def test_clerks_word_tables_change_the_reading(db):
    assert "基本办结" not in import_words.table("statuses")
    import_words.set_word("statuses", "基本办结", "申请销号")
    import_words.remove_word("statuses", "完成")
    assert StatusReader(import_words.table("statuses")).read("基本办结").status == "申请销号"
    assert "完成" not in import_words.table("statuses")
    row = next(r for r in import_words.rows("statuses") if r.word == "基本办结")
    assert not row.shipped
    import_words.set_word("deadlines", "随时", "immediate")
    assert DeadlineReader(import_words.table("deadlines"), 2023, SHEET_DAY, "").read("随时").kind == "立行立改"
    import_words.reset_table("statuses")
    assert "完成" in import_words.table("statuses") and "基本办结" not in import_words.table("statuses")
    with pytest.raises(Exception, match="不是可选的含义"):
        import_words.set_word("statuses", "好了", "差不多")


def test_units_split_outside_brackets_only():
    assert split_units("各县（市、区）人民政府、区财政局（牵头）,市生态环境局 区水务局") == [
        "各县（市、区）人民政府", "区财政局", "市生态环境局", "区水务局"]


@pytest.mark.parametrize(("text", "people"), [
    ("党组书记 周建华", [("周建华", "党组书记")]),
    ("区长 张国栋", [("张国栋", "区长")]),
    ("党组书记、局长周建华", [("周建华", "党组书记、局长")]),
    ("周建华（副局长）", [("周建华", "副局长")]),
    ("应急局局长 赵刚", [("赵刚", "应急局局长")]),
    ("张三、李四", [("张三", ""), ("李四", "")]),
    ("区长", [("", "区长")]),
    # A title after a surname: the whole title comes off, 副/常务/党组 with it.
    ("李副局长", [("李", "副局长")]),
    ("王局长", [("王", "局长")]),
    ("张常务副县长", [("张", "常务副县长")]),
    ("刘常务副镇长", [("刘", "常务副镇长")]),
    ("赵党组副书记", [("赵", "党组副书记")]),
    ("周建华副局长", [("周建华", "副局长")]),
    ("欧阳副行长", [("欧阳", "副行长")]),
    ("常务副镇长 孙立", [("孙立", "常务副镇长")]),
    ("李副局长、王局长", [("李", "副局长"), ("王", "局长")]),
    ("代局长", [("", "代局长")]),
    ("原副县长 钱进", [("钱进", "原副县长")]),
    # Names that only look like titles stay whole.
    ("王建行", [("王建行", "")]),
    ("段长江", [("段长江", "")]),
    ("石长春", [("石长春", "")]),
    ("何主", [("何主", "")]),
    ("李副", [("李副", "")]),
    ("任科", [("任科", "")]),
    # The department written beside a name is the person's department, not a title.
    ("张伟（预算科）", [("张伟", "")]),
])
def test_titles_come_off_names(db, text, people):
    reader = TitleReader(import_words.titles())
    assert [(p.name, p.title) for p in reader.people(text)] == people


def test_a_department_beside_a_name_is_read_as_its_department(db):
    reader = TitleReader(import_words.titles())
    assert [(p.name, p.unit) for p in reader.people("张伟（预算科）、张伟（国库科）、李四")] == [
        ("张伟", "预算科"), ("张伟", "国库科"), ("李四", "")]
