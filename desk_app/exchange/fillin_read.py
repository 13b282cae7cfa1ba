"""Reading one returned 本月进展填报表: which department and month it is, what each row reports, and
which rows were added, damaged or deleted (fillin_format says how rows are keyed and sealed)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desk_app.errors import InputFileError

from .dates import DateParseError, parse_date
from .fillin_format import (
    COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    IDENTITY,
    META_HEADER,
    META_SHEET,
    NO,
    SHEET,
    YES,
    is_blank_progress,
    meta_checksum,
    normalise,
    row_checksum,
)
from .xlsx_read import list_sheets, read_raw

YES_WORDS = {YES, "申请", "y", "yes", "√", "✓", "1"}
NO_WORDS = {NO, "n", "no", "0", ""}
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class KeyRow:
    """What the entry looked like when the workbook was made (the hidden key sheet)."""

    key: str
    entry_id: int
    code: str
    status: str
    progress: str
    checksum: str


@dataclass(frozen=True)
class ReturnedRow:
    excel_row: int  # 1-based, as WPS/Excel number it
    key: KeyRow
    progress: str  # '' when left blank (or written as 0)
    apply_close: bool
    summary: str
    extend_to: date | None
    extend_reason: str
    problems: tuple[str, ...] = ()  # what in the row cannot be taken as written
    measures: str | None = None  # the locked 整改措施 as it came back (None: no such column); never imported

    @property
    def reports_anything(self) -> bool:
        """Something filled in beyond what the workbook was sent with (its 本月进展 was prefilled)."""
        return bool((self.progress and self.progress != self.key.progress) or self.apply_close or self.extend_to
                    or self.extend_reason or self.summary)


@dataclass
class ReturnedWorkbook:
    path: Path
    campaign_id: int
    campaign: str
    month: str
    department_id: int
    department: str
    exported_at: str
    rows: list[ReturnedRow] = field(default_factory=list)
    added: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, its first text)
    damaged: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, why)
    missing: list[KeyRow] = field(default_factory=list)  # rows deleted from the sheet


def _refuse(path: Path, why: str) -> InputFileError:
    return InputFileError(f"“{path.name}”{why}")


def _read_keys(path: Path) -> tuple[dict[str, str], dict[str, KeyRow]]:
    rows = [[normalise(v) for v in row] for row in read_raw(path, META_SHEET).rows]
    header: dict[str, str] = {}
    index = 0
    while index < len(rows) and rows[index] and rows[index][0]:
        header[rows[index][0]] = rows[index][1] if len(rows[index]) > 1 else ""
        index += 1
    if header.get("格式") != FORMAT:
        raise _refuse(path, "不是本程序导出的本月进展填报表（缺少填报表的标识）。请交回由“导出科室填报表”生成的原文件。")
    if header.get("格式版本") != str(FORMAT_VERSION):
        raise _refuse(path, f"是更新版本程序导出的填报表（格式版本 {header.get('格式版本')}），本程序无法读取。")
    while index < len(rows) and (not rows[index] or rows[index][:len(META_HEADER)] != META_HEADER):
        index += 1
    body = [(row + [""] * len(META_HEADER))[:len(META_HEADER)] for row in rows[index + 1:] if row and row[0]]
    if meta_checksum(header, body) != header.get("校验码"):
        raise _refuse(path, "的隐藏校验页被改动过，无法确认各行对应的事项。请交回原文件，或重新导出填报表让科室重填。")
    keys = {}
    for key, entry_id, code, status, progress, checksum in body:
        keys[key] = KeyRow(key, _number(path, entry_id), code, status, progress, checksum)
    for name in ("活动id", "科室id"):
        header[name] = str(_number(path, header.get(name) or "0"))
    if not _MONTH.fullmatch(header.get("月份", "")):
        raise _refuse(path, f"的隐藏校验页中月份“{header.get('月份', '')[:20]}”不正确。请交回原文件，或重新导出填报表让科室重填。")
    return header, keys


def _number(path: Path, text: str) -> int:
    """An id of the key sheet: sealed by its checksum, still a file anyone could have built."""
    if not text.isdigit() or len(text) > 18:
        raise _refuse(path, "的隐藏校验页内容不正确，无法确认各行对应的事项。请交回原文件，或重新导出填报表让科室重填。")
    return int(text)


def _header_columns(path: Path, rows: list[list]) -> tuple[int, dict[str, int]]:
    labels = {c.label: c.key for c in COLUMNS}
    for index, row in enumerate(rows[:20]):
        found = {labels[normalise(v)]: col for col, v in enumerate(row) if normalise(v) in labels}
        if {"code", "key", "checksum", "progress"} <= set(found):
            return index, found
    raise _refuse(path, "中找不到填报表的表头（序号、问题编号 … 行标识）：表头被删改过。请交回原文件。")


def _flag(value, row: int) -> tuple[bool, str]:
    text = normalise(value).lower()
    if text in {w.lower() for w in YES_WORDS}:
        return True, ""
    if text in NO_WORDS:
        return False, ""
    return False, f"“申请销号”填的是“{normalise(value)}”，应为“{YES}”或留空，未作为销号申请"


def _extend_date(value) -> tuple[date | None, str]:
    """The row's 申请延期至; a date that cannot be (2027-02-30, 下月, a stray number) is the row's problem."""
    if value is None or normalise(value) == "":
        return None, ""
    try:
        return parse_date(value), ""
    except DateParseError as exc:
        return None, f"“申请延期至”填的{exc}，延期未办理；请与科室确认日期"


def read_returned(path: str | Path) -> ReturnedWorkbook:
    """One returned workbook, every row checked; InputFileError when it is not a usable fill-in file."""
    path = Path(path)
    names = {s.name for s in list_sheets(path)}
    if META_SHEET not in names or SHEET not in names:
        raise _refuse(path, "不是本程序导出的本月进展填报表（缺少“本月进展填报”工作表或隐藏校验页）。")
    header, keys = _read_keys(path)
    book = ReturnedWorkbook(path, int(header.get("活动id") or 0), header.get("活动", ""), header.get("月份", ""),
                            int(header.get("科室id") or 0), header.get("科室", ""), header.get("导出时间", ""))
    rows = read_raw(path, SHEET).rows
    header_row, cols = _header_columns(path, rows)
    seen: set[str] = set()
    for index in range(header_row + 1, len(rows)):
        row = rows[index] + [None] * (len(COLUMNS) + 2)
        excel_row = index + 1
        cell = {k: row[c] for k, c in cols.items()}
        key = normalise(cell.get("key"))
        if not key:
            texts = [normalise(cell.get(k)) for k in cols if k not in ("key", "checksum", "serial")]
            if any(texts):
                book.added.append((excel_row, next(t for t in texts if t)[:30]))
            continue
        known = keys.get(key)
        if known is None:
            book.damaged.append((excel_row, "行标识不属于本表（从别的表复制来的行？），未导入"))
            continue
        if key in seen:
            book.damaged.append((excel_row, f"{known.code} 重复出现（复制的行），只取第一次出现的行"))
            continue
        seen.add(key)
        identity = [normalise(cell.get(k)) for k in IDENTITY]
        sealed = row_checksum(key, book.month, book.department_id, identity)
        if normalise(cell.get("checksum")) != known.checksum or sealed != known.checksum:
            book.damaged.append((excel_row, f"{known.code or identity[0]} 的锁定内容（编号、问题表现、时限或状态）"
                                            "被改动过，校验不符，未导入；请用原表重填"))
            continue
        progress = normalise(cell.get("progress"))
        apply_close, close_problem = _flag(cell.get("apply_close"), excel_row)
        extend_to, extend_problem = _extend_date(cell.get("extend_to"))
        problems = tuple(p for p in (close_problem, extend_problem) if p)
        book.rows.append(ReturnedRow(excel_row, known, "" if is_blank_progress(progress) else progress,
                                     apply_close, normalise(cell.get("summary")), extend_to,
                                     normalise(cell.get("extend_reason")), problems,
                                     normalise(cell.get("measures")) if "measures" in cols else None))
    book.missing = [k for k in keys.values() if k.key not in seen]
    return book
