"""The words clerks write in 状态 and 整改时限 cells, read through the editable word tables:
已完成整改 / 正在办理 / 序时推进…, 全年 / 年底前 / 9月底前 / 3天 / 5个工作日 / 持续推进 /
"6月底前完成并长期坚持". Every reading that is more than a plain date says what it made of the words."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from desk_app.domain import DeadlineType, Status

from .dates import DateParseError, parse_date

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－／（）", "0123456789.-/()")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12}
_DONE_TAIL = re.compile(r"(之前|以前|前)?(全面)?(完成|办结|完成整改|整改到位|整改完成|落实到位|销号|见效)+$")
_COMBINED = re.compile(r"^(.+?)(?:[，,；;、。]|并且?|后|且|，并|基础上)\s*([^，,；;、。]+)$")
_MONTH_ONLY = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})月(份)?(底|末|上旬|中旬|下旬|中)?(前|之前|以前|内)?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})[日号]?(前|之前|以前)?$")
_QUARTER = re.compile(r"^((?:19|20)\d{2}年)?(第)?([一二三四1-4])季度(末|底)?(前|之前)?$")
_HALF = re.compile(r"^((?:19|20)\d{2}年)?(上半年|年中|下半年)(前|底前|末)?$")
_RELATIVE = re.compile(r"^(\d{1,3}|[一二两三四五六七八九十]{1,2})个?(天|日|工作日|周|星期|个月|月)(内|以内)?$")
_REMARK = re.compile(r"[（(][^（）()]*[）)]")
_DATE_TEXT = re.compile(r"((?:19|20)\d{2}\s*[年.\-/]\s*\d{1,2}\s*(?:[月.\-/]\s*\d{1,2}\s*[日号]?|月\s*(?:底|末)?)?)")
_STATUS_PUNCT = "，,。；;、：:（( \n\t！!"
_OVERDUE = re.compile(r"[（(]\s*(已)?逾期[^）)]*[）)]$")


@dataclass(frozen=True)
class Deadline:
    kind: str  # DeadlineType value
    when: date | None
    long_term_too: bool = False  # "…并长期坚持": the entry's 整改方式 records 长期坚持
    note: str = ""  # what the words were read as ('' for a plain date)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGITS[text]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_working_days(start: date, days: int) -> date:
    """Working days after start: the official calendar (调休 included) where chinese-calendar knows the
    year, Monday to Friday beyond it."""
    try:
        import chinese_calendar  # noqa: PLC0415
    except ImportError:  # pragma: no cover - a dependency; the fallback keeps a broken install working
        chinese_calendar = None
    day = start
    while days > 0:
        day += timedelta(days=1)
        try:
            working = chinese_calendar.is_workday(day) if chinese_calendar else day.weekday() < 5
        except NotImplementedError:
            working = day.weekday() < 5
        days -= working
    return day


class DeadlineReader:
    def __init__(self, words: dict[str, str], campaign_year: int, base: date, base_name: str):
        self.words = sorted(words.items(), key=lambda wm: -len(wm[0]))
        self.year = campaign_year
        self.base = base  # relative deadlines count from here (the sheet's date, or the import day)
        self.base_name = base_name
        self._cache: dict[tuple, Deadline | DateParseError] = {}

    def read(self, value, *, base: date | None = None) -> Deadline:
        """base: the row's own date (交办时间) when it has one: relative deadlines count from it.
        Results are kept per cell text: a ledger repeats the same few words on every row."""
        if not isinstance(value, str):
            return self._read(value, base)
        key = (value, base)
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = self._read(value, base)
            except DateParseError as exc:
                cached = exc
            self._cache[key] = cached
        if isinstance(cached, DateParseError):
            raise cached
        return cached

    def _read(self, value, base: date | None = None) -> Deadline:
        if base is not None and base != self.base:
            saved = self.base, self.base_name
            self.base, self.base_name = base, "交办日期"
            try:
                return self._read(value)
            finally:
                self.base, self.base_name = saved
        if not isinstance(value, str):
            return Deadline(DeadlineType.DATE.value, parse_date(value))
        text = "".join(value.split()).translate(_FULLWIDTH)
        if not text:
            return Deadline(DeadlineType.DATE.value, None)
        try:
            return Deadline(DeadlineType.DATE.value, parse_date(text))
        except DateParseError:
            pass
        result = self._words(text)
        if result is None:
            raise DateParseError(f"“{value.strip()[:30]}”不是能识别的时限。请写成日期（2023年6月30日），或"
                                 "立行立改、长期坚持、年底前、9月底前、5个工作日等；也可以在“设置 › 导入词表”中添加这个词")
        return result

    def _words(self, text: str) -> Deadline | None:
        single = self._single(text)
        if single is not None:
            return single
        match = _COMBINED.match(text)
        if match:
            first, second = self._single(match[1]), self._single(match[2])
            if first and second and second.kind == DeadlineType.LONG_TERM and first.kind != DeadlineType.LONG_TERM:
                return Deadline(first.kind, first.when, True,
                                f"“{text}” → {_shown(first)}，此后长期坚持（整改方式记为长期坚持）")
            if first and second and first.kind == DeadlineType.IMMEDIATE and second.kind == DeadlineType.DATE:
                return Deadline(DeadlineType.IMMEDIATE.value, second.when, False,
                                f"“{text}” → 立行立改，{second.when}前完成")
        bare = _REMARK.sub("", text)
        if bare != text and bare:
            inner = self._single(bare)
            if inner is not None:
                return Deadline(inner.kind, inner.when, inner.long_term_too,
                                f"“{text}” → {_shown(inner)}（括号中的说明已记入备注）")
        dates = _DATE_TEXT.findall(text)
        parsed = []
        for found in dates:
            try:
                parsed.append(parse_date(found))
            except DateParseError:
                continue
        if parsed:
            last = max(parsed)
            return Deadline(DeadlineType.DATE.value, last, False,
                            f"“{text[:30]}” → 取最后的日期 {last.isoformat()}（原文已记入备注）")
        return None

    def _single(self, text: str) -> Deadline | None:
        stripped = _DONE_TAIL.sub("", text) or text
        for candidate in dict.fromkeys((text, stripped)):
            for word, meaning in self.words:
                if candidate == word or (candidate.startswith(word) and _bracketed_date(candidate[len(word):])):
                    when = _bracketed_date(candidate[len(word):]) if candidate != word else None
                    if meaning in ("immediate", "long_term"):
                        kind = DeadlineType.IMMEDIATE.value if meaning == "immediate" else DeadlineType.LONG_TERM.value
                        return Deadline(kind, when, note="" if word == kind else f"“{text}” → {kind}")
                    end = date(self.year, 12, 31)
                    return Deadline(DeadlineType.DATE.value, end, note=f"“{text}” → {end.isoformat()}（活动年度年底）")
            try:
                when = parse_date(candidate)
            except DateParseError:
                when = None
            if when is not None:
                return Deadline(DeadlineType.DATE.value, when, note="" if candidate == text else
                                f"“{text}” → {when.isoformat()}")
            found = self._calendar_words(candidate, text)
            if found is not None:
                return found
        return None

    def _calendar_words(self, text: str, original: str) -> Deadline | None:
        year = self.year
        if match := _MONTH_ONLY.match(text):
            month = _number(match[1])
            if not 1 <= month <= 12:
                return None
            part = match[3] or ""
            day = {"上旬": 10, "中旬": 20, "中": 15}.get(part)
            when = date(year, month, day) if day else _month_end(year, month)
            return Deadline(DeadlineType.DATE.value, when, note=f"“{original}” → {when.isoformat()}（没有写年份，按活动年度）")
        if match := _MONTH_DAY.match(text):
            try:
                when = date(year, int(match[1]), int(match[2]))
            except ValueError:
                return None
            return Deadline(DeadlineType.DATE.value, when, note=f"“{original}” → {when.isoformat()}（没有写年份，按活动年度）")
        if match := _QUARTER.match(text):
            y = int(match[1][:4]) if match[1] else year
            quarter = "一二三四".index(match[3]) + 1 if match[3] in "一二三四" else int(match[3])
            when = _month_end(y, quarter * 3)
            return Deadline(DeadlineType.DATE.value, when, note=f"“{original}” → {when.isoformat()}（季度末）")
        if match := _HALF.match(text):
            y = int(match[1][:4]) if match[1] else year
            when = date(y, 12, 31) if match[2] == "下半年" else date(y, 6, 30)
            return Deadline(DeadlineType.DATE.value, when, note=f"“{original}” → {when.isoformat()}")
        if match := _RELATIVE.match(text):
            n, unit = _number(match[1]), match[2]
            if unit == "工作日":
                when = add_working_days(self.base, n)
            elif unit in ("天", "日"):
                when = self.base + timedelta(days=n)
            elif unit in ("周", "星期"):
                when = self.base + timedelta(weeks=n)
            else:
                month = self.base.month - 1 + n
                y, m = self.base.year + month // 12, month % 12 + 1
                when = date(y, m, min(self.base.day, calendar.monthrange(y, m)[1]))
            return Deadline(DeadlineType.DATE.value, when,
                            note=f"“{original}” → {when.isoformat()}（从{self.base_name} {self.base.isoformat()} 起算）")
        return None


def _bracketed_date(tail: str) -> date | None:
    match = re.fullmatch(r"[（(](.+?)[）)]", tail)
    if not match:
        return None
    try:
        return parse_date(match[1])
    except DateParseError:
        return None


def _shown(deadline: Deadline) -> str:
    if deadline.kind == DeadlineType.DATE:
        return deadline.when.isoformat() if deadline.when else "按期"
    return deadline.kind + (f"（{deadline.when.isoformat()}）" if deadline.when else "")


@dataclass(frozen=True)
class StatusReading:
    status: str  # a Status value
    word: str  # the word of the table that decided it
    rest: str  # what the cell says after the word (kept as progress / completion text)
    note: str = ""

    @property
    def finished(self) -> bool:
        return self.status == Status.CLOSED


class StatusReader:
    def __init__(self, words: dict[str, str]):
        self.words = words
        self.by_length = sorted(words, key=len, reverse=True)
        self.long_term = [w for w in self.by_length if words[w] == Status.ONGOING]
        self._cache: dict[tuple[str, bool], StatusReading | None] = {}

    def read(self, value, *, leading_only: bool = False) -> StatusReading | None:
        """The status a cell states. leading_only: a longer text (整改情况) counts only when it opens
        with a status word followed by punctuation, so "已完成初稿" is not read as 已完成."""
        key = (str(value), leading_only)
        if key not in self._cache:
            self._cache[key] = self._read(str(value), leading_only)
        return self._cache[key]

    def _read(self, value: str, leading_only: bool) -> StatusReading | None:
        text = _OVERDUE.sub("", str(value).strip()).strip().rstrip("。.；;！!")
        if not text:
            return None
        compact = "".join(text.split())
        if compact in self.words:
            return StatusReading(self.words[compact], compact, "", _note(text, self.words[compact]))
        for word in self.by_length:
            if compact.startswith(word) and (len(compact) == len(word) or compact[len(word)] in _STATUS_PUNCT
                                             or (not leading_only and len(word) >= 3)):
                rest = text[len(word):].lstrip(_STATUS_PUNCT).strip() if text.startswith(word) else text
                status = self.words[word]
                if status == Status.CLOSED and any(w in rest for w in self.long_term):
                    return StatusReading(Status.ONGOING.value, word, rest, f"“{text[:30]}” → 长期坚持（已完成并长期坚持）")
                return StatusReading(status, word, rest, f"“{text[:30]}” → {status}")
        return None


def _note(text: str, status: str) -> str:
    return "" if text == status else f"“{text[:30]}” → {status}"


YES_WORDS = ("是", "√", "✓", "✔", "Y", "YES", "已销号", "已办结", "已完成", "销号", "办结", "已清零")
NO_WORDS = ("否", "×", "✗", "N", "NO", "未销号", "未办结", "未完成", "未清零")


def read_flag(value) -> bool | None:
    """是否销号 / 是否办结: True, False, or None when the cell says neither."""
    text = "".join(str(value).split()).upper().rstrip("。.")
    if text in YES_WORDS or text.startswith(("是", "已销号", "已办结")):
        return True
    if text in NO_WORDS or text.startswith(("否", "未")):
        return False
    return None
