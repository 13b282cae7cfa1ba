"""Working days: China's public holidays and 调休 working weekends, from the chinese-calendar package for
the years it knows, and the days the clerk adds in 设置 for the years it does not know yet (a new year's
holidays are announced each November; the package catches up later).

The clerk's days are data (setting "work_calendar"): extra holidays and extra working days, each with a
note. They win over the package, so a correction needs no program update. Years the package does not
cover count Monday to Friday as working days, plus the clerk's days.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta

from desk_app.errors import ValidationError

from . import context, settings

SETTING_KEY = "work_calendar"
MAX_SPAN_DAYS = 3660  # a node more than ten years out is a typing mistake, not a deadline


@dataclass(frozen=True)
class CalendarDay:
    day: date
    note: str = ""


@dataclass(frozen=True)
class CalendarDays:
    """What the clerk added: holidays the package does not know, and working days (调休) it does not know."""

    holidays: tuple[CalendarDay, ...] = ()
    workdays: tuple[CalendarDay, ...] = ()


@functools.lru_cache(maxsize=1)
def _package():
    """chinese_calendar's tables (about 20 ms to import), loaded once and only when a date is counted."""
    import chinese_calendar  # noqa: PLC0415

    return chinese_calendar


@functools.lru_cache(maxsize=1)
def known_years() -> tuple[int, int]:
    """The first and last year the installed chinese-calendar has official data for."""
    years = {d.year for d in _package().holidays} | {d.year for d in _package().workdays}
    return min(years), max(years)


@dataclass(frozen=True)
class WorkCalendar:
    extra_holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()
    _cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    # Running count of working days from _span["base"] (exclusive): counts[i] = working days in (base, base + i].
    _span: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def is_workday(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        if day in self.extra_workdays:
            working = True
        elif day in self.extra_holidays:
            working = False
        else:
            first, last = known_years()
            working = _package().is_workday(day) if first <= day.year <= last else day.weekday() < 5
        self._cache[day] = working
        return working

    def is_known(self, day: date) -> bool:
        """Whether the day's year has holiday data: the package's, or days the clerk entered for that year
        in 设置 (once the State Council's announcement is entered). Else the year is counted Monday to
        Friday, and every due date in it is an estimate the views and papers mark as such."""
        first, last = known_years()
        return first <= day.year <= last or day.year in self._clerk_years()

    def _clerk_years(self) -> frozenset[int]:
        years = self._cache.get("clerk_years")
        if years is None:
            years = frozenset(d.year for d in self.extra_holidays | self.extra_workdays)
            self._cache["clerk_years"] = years
        return years

    def on_or_after(self, day: date) -> date:
        """The day itself if it is a working day, else the next working day (期限遇节假日顺延)."""
        for _ in range(MAX_SPAN_DAYS):
            if self.is_workday(day):
                return day
            day += timedelta(days=1)
        raise ValidationError("日历中连续十年没有工作日，请检查设置中补录的节假日")

    def add_workdays(self, start: date, count: int) -> date:
        """The count-th working day after start (start itself not counted); count 0 is start rolled
        forward to a working day (当天接办 of a matter handed over on a holiday: the next working day)."""
        if count <= 0:
            return self.on_or_after(start)
        day = start
        for _ in range(MAX_SPAN_DAYS):
            day += timedelta(days=1)
            if self.is_workday(day):
                count -= 1
                if count == 0:
                    return day
        raise ValidationError("工作日数过大，请检查督办规则")

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after start up to and including end (0 when end <= start). Answered from a running
        count kept over the days asked about so far: 首页 asks this for every late node of every matter."""
        if end <= start:
            return 0
        if (end - start).days > MAX_SPAN_DAYS:
            end = start + timedelta(days=MAX_SPAN_DAYS)
        counts = self._counts(start, end)
        base = self._span["base"]
        return counts[(end - base).days] - counts[(start - base).days]

    def _counts(self, first: date, last: date) -> list[int]:
        span = self._span
        if not span or first < span["base"]:
            base = first - timedelta(days=366)
            span.clear()
            span.update(base=base, counts=[0])
        base, counts = span["base"], span["counts"]
        while len(counts) <= (last - base).days:
            counts.append(counts[-1] + self.is_workday(base + timedelta(days=len(counts))))
        return counts


def _parse_days(rows) -> tuple[CalendarDay, ...]:
    days = []
    for row in rows or ():
        try:
            days.append(CalendarDay(date.fromisoformat(str(row.get("date"))), str(row.get("note") or "")))
        except (AttributeError, TypeError, ValueError):
            continue  # a hand-edited setting with a bad row: the row is left out, the rest still counts
    return tuple(sorted(days, key=lambda d: d.day))


def clerk_days() -> CalendarDays:
    stored = settings.get(SETTING_KEY, {}) or {}
    return CalendarDays(_parse_days(stored.get("holidays")), _parse_days(stored.get("workdays")))


def _check(days: CalendarDays) -> None:
    both = {d.day for d in days.holidays} & {d.day for d in days.workdays}
    if both:
        shown = "、".join(sorted(d.isoformat() for d in both)[:5])
        raise ValidationError(f"{shown} 同时被设为节假日和工作日，请只保留一种", "work_calendar")
    for kind, rows in (("节假日", days.holidays), ("工作日", days.workdays)):
        seen = set()
        for d in rows:
            if d.day in seen:
                raise ValidationError(f"补录的{kind} {d.day.isoformat()} 重复了", "work_calendar")
            seen.add(d.day)


@context.writes
def save_clerk_days(days: CalendarDays) -> None:
    """Store the clerk's holidays and working days (logged as a setting change)."""
    _check(days)
    settings.put(SETTING_KEY, {
        "holidays": [{"date": d.day.isoformat(), "note": d.note} for d in sorted(days.holidays, key=lambda d: d.day)],
        "workdays": [{"date": d.day.isoformat(), "note": d.note} for d in sorted(days.workdays, key=lambda d: d.day)],
    })


def calendar_from(days: CalendarDays) -> WorkCalendar:
    return WorkCalendar(frozenset(d.day for d in days.holidays), frozenset(d.day for d in days.workdays))


def current() -> WorkCalendar:
    """The office's calendar: the package's data with the clerk's days on top."""
    return calendar_from(clerk_days())


def describe_coverage() -> str:
    """A line for 设置: which years the official data covers, and how to bring a new year in."""
    first, last = known_years()
    return (f"节假日和调休数据覆盖 {first}–{last} 年（chinese-calendar）；{last + 1} 年起按周一至周五估算，"
            "这些年份的督办时限在督办页、督办单、催办单和工作提醒中都标有“估算”。国务院办公厅公布放假安排后，"
            "请在这里补录该年的节假日和调休上班日（补录后即按补录的日子计算，不再标估算），"
            "或升级程序（其中的 chinese-calendar 会随新版本更新）。")

