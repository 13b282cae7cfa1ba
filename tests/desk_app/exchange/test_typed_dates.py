"""Dates as clerks type them into a field (the GUI's date widget and the command line share this)."""

from datetime import date

import pytest

from desk_app.exchange.dates import DateParseError, UnrecognisedDate, parse_typed_date


@pytest.mark.parametrize("text", ["2026-12-01", "20261201", "2026.12.1", "2026/12/1", "2026年12月1日",
                                  "12月1日", "12月1号", "12-1", "12.1", "12/1", "1201", " 12 月 1 日 ",
                                  "２０２６－１２－０１", "2026. 12. 1"])
def test_typed_forms(text):
    assert parse_typed_date(text, 2026) == date(2026, 12, 1)


def test_month_and_day_take_the_given_year_and_a_typed_year_wins():
    assert parse_typed_date("1月31日", 2027) == date(2027, 1, 31)
    assert parse_typed_date("2027-01-31", 2026) == date(2027, 1, 31)
    assert parse_typed_date("2026年6月底", 2030) == date(2026, 6, 30)


def test_empty_is_not_set():
    assert parse_typed_date("", 2026) is None
    assert parse_typed_date("  \u3000", 2026) is None


@pytest.mark.parametrize("text", ["abc", "46000", "3", "2026-1-1-1", "明天下午"])
def test_unrecognised_text_names_the_forms(text):
    with pytest.raises(UnrecognisedDate) as info:
        parse_typed_date(text, 2026)
    assert "12月1日" in str(info.value) and "2026-12-01" in str(info.value)


@pytest.mark.parametrize("text, day", [("2026-02-30", "2月30日"), ("13月1日", "13月1日"), ("20261301", "13月1日")])
def test_impossible_dates_say_which_day_does_not_exist(text, day):
    with pytest.raises(DateParseError) as info:
        parse_typed_date(text, 2026)
    assert day in str(info.value) and "不存在" in str(info.value)
