"""Dates in every form offices type them: 2022.6.30, 2022年6月30日, 2022-6-30, 2022/6/30, 20220630,
Excel serial numbers, real date cells, and month-end forms like 2022年6月底前."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, timedelta

from desk_app.domain import DeadlineType

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 counting Excel's phantom 1900-02-29
SERIAL_RANGE = (10_000, 100_000)  # 1927 … 2173: anything else is not a date someone meant

_DAY = re.compile(r"^(\d{4})\s*[.\-/年．]\s*(\d{1,2})\s*[.\-/月．]\s*(\d{1,2})\s*[日号]?$")
_MONTH = re.compile(r"^(\d{4})\s*[.\-/年．]\s*(\d{1,2})\s*月?\s*(底|末|月底|月末)?$")
_YEAR_END = re.compile(r"^(\d{4})\s*年?\s*(底|末|年底|年末)$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_BEFORE = re.compile(r"(之前|以前|前|止)$")
_DATETIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*[日号]?$")
_COMPACT_MONTH_DAY = re.compile(r"^(\d{2})(\d{2})$")
TYPED_FORMS = "2026-12-01、20261201、2026.12.1、2026/12/1 或 12月1日"


class DateParseError(ValueError):
    """The text is not a date; the message says what was expected."""


class UnrecognisedDate(DateParseError):
    """The text has no date form at all (as opposed to a date that does not exist, like 2月30日)."""


def _build(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"“{text}”不是有效日期（{year}年{month}月{day}日不存在）") from None


def from_serial(number: float) -> date:
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        raise DateParseError(f"数字“{number:g}”不是日期")
    return EXCEL_EPOCH + timedelta(days=int(number))


def parse_date(value) -> date | None:
    """A date from a cell value; None for an empty cell; DateParseError for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise DateParseError(f"“{value}”不是日期")
    if isinstance(value, int | float):
        return from_serial(value)
    text = str(value).strip().replace("\u3000", "")
    if not text:
        return None
    original = text
    text = _DATETIME_TAIL.sub("", _BEFORE.sub("", text)).strip()
    if match := _DAY.match(text):
        return _build(int(match[1]), int(match[2]), int(match[3]), original)
    if match := _COMPACT.match(text):
        return _build(int(match[1]), int(match[2]), int(match[3]), original)
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise DateParseError(f"“{original}”不是有效日期（没有{month}月）")
        return date(year, month, calendar.monthrange(year, month)[1])
    if match := _YEAR_END.match(text):
        return date(int(match[1]), 12, 31)
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return from_serial(float(text))
    raise UnrecognisedDate(f"“{original[:30]}”不是能识别的日期，请写成 2022年6月30日、2022.6.30 或 2022-6-30")


def parse_deadline(value) -> tuple[str, date | None]:
    """整改时限: a date, or 立行立改 / 长期坚持 (with an optional date in brackets)."""
    if isinstance(value, str):
        text = value.strip()
        for deadline_type, words in ((DeadlineType.IMMEDIATE, ("立行立改", "立即整改", "即知即改")),
                                     (DeadlineType.LONG_TERM, ("长期坚持", "长期", "持续整改", "常态化"))):
            if any(text.startswith(w) for w in words):
                inner = re.search(r"[（(](.+?)[）)]", text)
                return deadline_type.value, parse_date(inner[1]) if inner else None
    return DeadlineType.DATE.value, parse_date(value)


def parse_typed_date(text: str, year: int) -> date | None:
    """A date as a clerk types it into a date field: every form parse_date reads from a cell except
    serial numbers, plus a month and day without the year (12月1日, 12-1, 12.1, 1201) in `year` (the
    campaign's). Full-width digits count. None for an empty field; DateParseError says what to type."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        return None
    compact = cleaned.replace(" ", "")
    if match := _MONTH_DAY.match(compact) or _COMPACT_MONTH_DAY.match(compact):
        return _build(year, int(match[1]), int(match[2]), cleaned)
    if re.fullmatch(r"[\d.]+", compact) and not _COMPACT.match(compact) and not _DAY.match(compact):
        raise UnrecognisedDate(f"“{cleaned[:30]}”不是能识别的日期，请写成 {TYPED_FORMS}")
    try:
        return parse_date(compact)
    except UnrecognisedDate:
        raise UnrecognisedDate(f"“{cleaned[:30]}”不是能识别的日期，请写成 {TYPED_FORMS}") from None
