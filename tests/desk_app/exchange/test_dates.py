from datetime import date, datetime

import pytest

from desk_app.exchange.dates import DateParseError, parse_date, parse_deadline


@pytest.mark.parametrize("text", ["2022.6.30", "2022年6月30日", "2022-6-30", "2022/6/30", "2022-06-30",
                                  "20220630", " 2022 年 6 月 30 日 ", "2022.06.30前", "2022年6月底前",
                                  "2022年6月", "2022-06-30 00:00:00", "2022．6．30"])
def test_office_date_forms(text):
    assert parse_date(text) == date(2022, 6, 30)


def test_excel_serials_and_cells():
    assert parse_date(44742) == date(2022, 6, 30)
    assert parse_date(44742.0) == date(2022, 6, 30)
    assert parse_date("44742") == date(2022, 6, 30)
    assert parse_date(datetime(2022, 6, 30, 9, 15)) == date(2022, 6, 30)
    assert parse_date(date(2022, 6, 30)) == date(2022, 6, 30)
    assert parse_date("2022年底") == date(2022, 12, 31)
    assert parse_date(None) is None and parse_date("  ") is None


@pytest.mark.parametrize("bad", ["2022年2月30日", "明年", "3", 12, "2022.13", True])
def test_not_dates_say_why(bad):
    with pytest.raises(DateParseError) as info:
        parse_date(bad)
    assert "日期" in str(info.value)


def test_deadline_words():
    assert parse_deadline("立行立改") == ("立行立改", None)
    assert parse_deadline("长期坚持") == ("长期坚持", None)
    assert parse_deadline("立行立改（2022年6月30日）") == ("立行立改", date(2022, 6, 30))
    assert parse_deadline("2022.6.30") == ("按期", date(2022, 6, 30))
