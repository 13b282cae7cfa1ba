"""Working days over the official holidays, 调休 weekends and the clerk's own days."""

from datetime import date

import pytest

from desk_app.errors import ValidationError
from desk_app.services import work_calendar
from desk_app.services.work_calendar import CalendarDay, CalendarDays, WorkCalendar


def test_national_day_2026_and_its_saturday_working_day():
    cal = WorkCalendar()
    # 国庆 2026: 10月1日–7日 off; Saturday 10月10日 is a 调休 working day, Sunday 10月11日 is not.
    assert [cal.is_workday(date(2026, 10, d)) for d in range(1, 12)] == [
        False, False, False, False, False, False, False, True, True, True, False]
    # Three working days after Wednesday 30 September: 8, 9 and (Saturday) 10 October.
    assert cal.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert cal.add_workdays(date(2026, 9, 30), 4) == date(2026, 10, 12)
    # 当天 on a holiday is the next working day.
    assert cal.add_workdays(date(2026, 10, 3), 0) == date(2026, 10, 8)
    assert cal.workdays_between(date(2026, 9, 30), date(2026, 10, 12)) == 4


def test_years_the_package_does_not_know_count_weekdays_and_the_clerks_days():
    first, last = work_calendar.known_years()
    assert first <= 2026 <= last
    year = last + 1
    new_year = date(year, 1, 1)
    plain = WorkCalendar()
    assert not plain.is_known(new_year)
    assert plain.is_workday(new_year) == (new_year.weekday() < 5)
    monday = next(date(year, 3, d) for d in range(8, 15) if date(year, 3, d).weekday() == 0)
    saturday = date(year, 3, monday.day + 5)
    cal = WorkCalendar(frozenset({monday}), frozenset({saturday}))
    assert not cal.is_workday(monday) and cal.is_workday(saturday)
    friday_before = date(year, 3, monday.day - 3)
    # Friday + 1 working day skips the weekend and the added Monday holiday.
    assert cal.add_workdays(friday_before, 1) == date(year, 3, monday.day + 1)


def test_the_clerks_days_are_stored_and_checked(db):
    year = work_calendar.known_years()[1] + 1
    days = CalendarDays(holidays=(CalendarDay(date(year, 1, 1), "元旦"),),
                        workdays=(CalendarDay(date(year, 2, 6), "春节调休上班"),))
    work_calendar.save_clerk_days(days)
    assert work_calendar.clerk_days() == days
    assert not work_calendar.current().is_workday(date(year, 1, 1))
    with pytest.raises(ValidationError, match="同时被设为节假日和工作日"):
        work_calendar.save_clerk_days(CalendarDays(holidays=days.holidays,
                                                   workdays=(CalendarDay(date(year, 1, 1)),)))
    assert work_calendar.clerk_days() == days
    assert "chinese-calendar" in work_calendar.describe_coverage()
