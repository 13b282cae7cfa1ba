"""Periods of ranked rounds and of quarterly reports: "2026-Q1" (a quarter) or "2026-03" (a month)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from desk_app.errors import ValidationError

QUARTER_RE = re.compile(r"^\s*(\d{4})\s*[-－]?\s*[Qq]\s*([1-4])\s*$")
QUARTER_CN_RE = re.compile(r"^\s*(\d{4})\s*年?\s*第?\s*([1-4一二三四])\s*季度?\s*$")
MONTH_RE = re.compile(r"^\s*(\d{4})\s*[-－/.年]\s*(\d{1,2})\s*月?\s*$")
CN_QUARTER = "一二三四"


def parse_quarter(text: str) -> str:
    """"2026-Q1", "2026Q1", "2026年第一季度" → "2026-Q1"; anything else is a clear error."""
    text = (text or "").strip()
    m = QUARTER_RE.match(text)
    if m:
        return f"{m.group(1)}-Q{m.group(2)}"
    m = QUARTER_CN_RE.match(text)
    if m and "季" in text:
        q = m.group(2)
        return f"{m.group(1)}-Q{CN_QUARTER.index(q) + 1 if q in CN_QUARTER else q}"
    raise ValidationError(f"季度“{text}”格式不正确，应写成 YYYY-Qn，例如 2026-Q1（2026年第一季度）", "quarter")


def parse_period(text: str) -> str:
    """A round's period: a quarter ("2026-Q1") or a month ("2026-03")."""
    text = (text or "").strip()
    try:
        return parse_quarter(text)
    except ValidationError:
        pass
    m = MONTH_RE.match(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    raise ValidationError(f"轮次“{text}”格式不正确，应写成季度 YYYY-Qn（如 2026-Q1）或月份 YYYY-MM（如 2026-03）",
                          "period")


def is_quarter(period: str) -> bool:
    return "Q" in period


def period_label(period: str) -> str:
    """"2026-Q1" → 2026年第一季度, "2026-03" → 2026年3月."""
    year, rest = period.split("-", 1)
    if rest.startswith("Q"):
        return f"{year}年第{CN_QUARTER[int(rest[1]) - 1]}季度"
    return f"{year}年{int(rest)}月"


def quarter_months(quarter: str) -> list[str]:
    """"2026-Q2" → ["2026-04", "2026-05", "2026-06"]."""
    year, q = quarter.split("-Q")
    first = (int(q) - 1) * 3 + 1
    return [f"{year}-{m:02d}" for m in range(first, first + 3)]


def quarter_of(month: str) -> str:
    year, mon = month.split("-")
    return f"{year}-Q{(int(mon) - 1) // 3 + 1}"


def previous_quarter(quarter: str) -> str:
    year, q = quarter.split("-Q")
    return f"{year}-Q{int(q) - 1}" if q != "1" else f"{int(year) - 1}-Q4"


def quarter_end(quarter: str) -> date:
    last = quarter_months(quarter)[-1]
    year, mon = (int(x) for x in last.split("-"))
    first_next = date(year + (mon == 12), mon % 12 + 1, 1)
    return first_next - timedelta(days=1)


def previous_month(month: str) -> str:
    year, mon = (int(x) for x in month.split("-"))
    return f"{year - (mon == 1)}-{(mon - 2) % 12 + 1:02d}"


def sort_key(period: str) -> tuple[int, int, int]:
    """Quarters and months of one year in time order (a quarter sorts after its last month)."""
    year, rest = period.split("-", 1)
    if rest.startswith("Q"):
        return int(year), int(rest[1]) * 3, 1
    return int(year), int(rest), 0
