"""催报通知: the deadline it sets is the month's report day while that is to come, else working days on."""

from datetime import date

import pytest

from desk_app.reports.fillin_notice_pdf import answer_by


@pytest.mark.parametrize(("today", "due", "expected"), [
    (date(2026, 12, 1), date(2026, 12, 25), date(2026, 12, 25)),  # a reminder: never earlier than the 25th
    (date(2026, 12, 25), date(2026, 12, 25), date(2026, 12, 25)),  # on the day: today
    (date(2026, 9, 29), date(2026, 9, 25), date(2026, 10, 8)),  # 9-30, then National Day: two working days
    (date(2026, 11, 27), date(2026, 11, 25), date(2026, 12, 1)),  # Friday: over the weekend
])
def test_the_notice_never_asks_before_the_report_day_nor_on_a_holiday(db, today, due, expected):
    assert answer_by(today, due) == expected
