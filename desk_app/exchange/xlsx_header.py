"""Finding a ledger's header block under its title and 填报单位 lines, merging a two-row header into
"group/child" labels, and mapping each column to a field (or to 备注, or leaving it out)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from desk_app.errors import InputFileError

from .dates import DateParseError, parse_date
from .xlsx_read import RawSheet
from .xlsx_vocab import IGNORE, KEEP, HeaderVocabulary, normalise_header, target_label

HEADER_SEARCH_ROWS = 30
MAX_HEADER_TEXT = 40
_DATE_IN_TEXT = re.compile(r"(\d{4}\s*[年.\-/．]\s*\d{1,2}\s*[月.\-/．]\s*\d{1,2}\s*日?)")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass
class HeaderBlock:
    row: int  # 1-based first header row
    depth: int  # 1 or 2 rows
    labels: list[str]  # per column: "group/child", or the header as written
    groups: list[str]
    children: list[str]
    title_lines: list[str] = field(default_factory=list)  # texts above the header (title, 填报单位, 日期)
    sheet_date: date | None = None  # 填报日期 / 截至 … in the lines above the header
    title_year: int | None = None  # "2023年…整改台账"

    @property
    def last_row(self) -> int:
        return self.row + self.depth - 1


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _filled(row: list) -> list[int]:
    return [i for i, v in enumerate(row) if _text(v)]


def _score(row: list, vocab: HeaderVocabulary) -> int:
    return sum(1 for v in row if isinstance(v, str) and len(v.strip()) <= MAX_HEADER_TEXT and vocab.header_like(v))


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Merges:
    def __init__(self, merged: list[tuple[int, int, int, int]]):
        self.at: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for r1, c1, r2, c2 in merged:
            if (r2 - r1 + 1) * (c2 - c1 + 1) <= 4000:  # a whole-sheet merge is not a header cell
                for r in range(r1, min(r2, r1 + HEADER_SEARCH_ROWS) + 1):
                    for c in range(c1, c2 + 1):
                        self.at[(r, c)] = (r1, c1, r2, c2)

    def vertical_into(self, top: int, below: int) -> bool:
        return any(r1 == top and r2 >= below for (r, _), (r1, _, r2, _) in self.at.items() if r == top)

    def horizontal(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        span = self.at.get((row, col))
        return span if span and span[0] == row and span[2] == row and span[3] > span[1] else None


def _is_pair(rows: list[list], t: int, c: int, merges: _Merges, vocab: HeaderVocabulary) -> bool:
    """Rows t and c (0-based) form a two-row header: group titles above, column names below."""
    if c >= len(rows):
        return False
    top, below = rows[t], rows[c]
    below_cells = _filled(below)
    if not below_cells or _is_number(below[below_cells[0]]):
        return False  # a data row, or the 1 2 3 … column-number row
    if any(len(_text(below[i])) > MAX_HEADER_TEXT for i in below_cells):
        return False
    top_cells = _filled(top)
    if any(re.search(r"[:：]\s*\S", _text(top[i])) for i in top_cells):
        return False  # "填报单位：…" / "填报日期：…" lines above the header, not group titles
    if merges.vertical_into(t, c):
        return True
    if len(top_cells) >= 2 and any(merges.horizontal(t, i) for i in top_cells):
        span_cols = [i for i in top_cells if merges.horizontal(t, i)]
        if any(sum(1 for j in range(s[1], s[3] + 1) if _text(below[j])) >= 2
               for s in (merges.horizontal(t, i) for i in span_cols)):
            return True
    # WPS sheets without merges: a group title over several names, blank cells to its right.
    return (len(top_cells) >= 2 and _score(top, vocab) >= 1 and sum(1 for i in below_cells if vocab.header_like(
        below[i])) >= 1 and any(not _text(top[i]) for i in below_cells) and len(below_cells) < len(top_cells) + 8)


def _group_of(rows: list[list], t: int, c: int, col: int, merges: _Merges) -> str:
    span = merges.horizontal(t, col)
    if span:
        return _text(rows[t][span[1]])
    value = _text(rows[t][col]) if col < len(rows[t]) else ""
    if value:
        return value
    k = col - 1  # unmerged group: the nearest title to the left, if it sits over a child too
    while k >= 0 and not _text(rows[t][k]) and _text(rows[c][k]):
        k -= 1
    if k >= 0 and k != col and _text(rows[t][k]) and _text(rows[c][k]) and _text(rows[c][col]):
        return _text(rows[t][k])
    return ""


def _width(rows: list[list]) -> int:
    """Columns up to the last filled cell of any row (each row looked at from its end, only past the widest so far)."""
    width = 0
    for row in rows:
        for i in range(len(row) - 1, width - 1, -1):
            if _text(row[i]):
                width = i + 1
                break
    return width


def find_header(raw: RawSheet, vocab: HeaderVocabulary, forced_row: int | None = None) -> HeaderBlock:
    rows = raw.rows
    limit = min(len(rows), max(HEADER_SEARCH_ROWS, forced_row or 0))
    merges = _Merges(raw.merged)
    if forced_row:
        if forced_row > len(rows):
            raise InputFileError(f"工作表“{raw.name}”只有 {len(rows)} 行，没有第 {forced_row} 行可作表头。")
        best = forced_row - 1
    else:
        scores = [_score(rows[i], vocab) for i in range(limit)]
        best = max(range(limit), key=lambda i: (scores[i], -i), default=-1)
        if best < 0 or scores[best] < 2:
            raise InputFileError(f"在工作表“{raw.name}”的前 {HEADER_SEARCH_ROWS} 行中没有找到表头（例如“问题表现”"
                                 "“整改措施”“责任单位”“整改时限”）。请确认选对了工作表，或指定表头所在的行。")
    if not forced_row and best > 0 and _is_pair(rows, best - 1, best, merges, vocab):
        top, depth = best - 1, 2
    elif _is_pair(rows, best, best + 1, merges, vocab):
        top, depth = best, 2
    else:
        top, depth = best, 1
    width = _width(rows)
    groups, children, labels = [], [], []
    for col in range(width):
        if depth == 1:
            group, child = "", _text(rows[top][col]) if col < len(rows[top]) else ""
        else:
            group = _group_of(rows, top, top + 1, col, merges)
            span = merges.at.get((top, col))
            merged_down = span is not None and span[0] == top and span[2] >= top + 1
            child = "" if merged_down else (_text(rows[top + 1][col]) if col < len(rows[top + 1]) else "")
            if not child:
                group, child = "", group
        groups.append(group)
        children.append(child)
        labels.append(f"{group}/{child}" if group and child != group else child)
    block = HeaderBlock(top + 1, depth, labels, groups, children)
    _read_title(rows[:top], block)
    return block


def _read_title(rows: list[list], block: HeaderBlock) -> None:
    for row in rows:
        for value in row:
            text = _text(value)
            if not text:
                continue
            block.title_lines.append(text)
            if block.sheet_date is None:
                match = _DATE_IN_TEXT.search(text)
                if match:
                    try:
                        block.sheet_date = parse_date(match[1])
                    except DateParseError:
                        pass
            if block.title_year is None and (year := _YEAR_IN_TITLE.search(text)):
                block.title_year = int(year[1])


def column_field(block: HeaderBlock, col: int, vocab: HeaderVocabulary) -> str | None:
    child, group = block.children[col], block.groups[col]
    if group:
        return (vocab.field_for(child) or vocab.field_for(group + child) or vocab.field_for(group))
    return vocab.field_for(child)


@dataclass(frozen=True)
class ColumnNote:
    """What the preview says about one column: where it goes and why."""

    index: int
    label: str
    target: str  # field key, KEEP or IGNORE
    why: str = ""

    def text(self) -> str:
        tail = f"（{self.why}）" if self.why else ""
        return f"{column_letter(self.index)}列“{self.label or '（无表头）'}” → {target_label(self.target)}{tail}"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def auto_mapping(block: HeaderBlock, vocab: HeaderVocabulary, has_data: set[int] | None = None
                 ) -> tuple[dict[int, str], dict[int, str]]:
    """(column -> target, column -> why). Every column gets a target: a field, KEEP (its values go
    to 备注 as 原表其他列) or IGNORE (序号, or an empty column without header)."""
    mapping: dict[int, str] = {}
    why: dict[int, str] = {}
    fields = {col: column_field(block, col, vocab) for col in range(len(block.labels))}
    has_lead = any(key == "department" and vocab.is_lead(block.children[col]) for col, key in fields.items())
    for col, label in enumerate(block.labels):
        key = fields[col]
        if not label:
            if has_data is None or col in has_data:
                mapping[col], why[col] = KEEP, "没有表头的列"
            else:
                mapping[col] = IGNORE
            continue
        if vocab.is_ignored(block.children[col]):
            mapping[col], why[col] = IGNORE, "序号列"
            continue
        if key == "department" and has_lead and not vocab.is_lead(block.children[col]):
            mapping[col], why[col] = "co_departments", "另有牵头单位列，本列记为配合单位"
            continue
        if key is None:
            mapping[col] = KEEP
            why[col] = "已知的附加列" if vocab.is_known_extra(block.children[col]) else "没有对应的字段"
            continue
        mapping[col] = key
        if key == "department" and has_lead:
            why[col] = "牵头单位"
    seen: dict[str, int] = {}
    for col, key in mapping.items():
        if key in (KEEP, IGNORE):
            continue
        if key in seen:
            why[col] = (f"与{column_letter(seen[key])}列同为“{target_label(key)}”，"
                        + ("内容接在后面" if key in TEXT_JOINED else "不同的值记入备注"))
        else:
            seen[key] = col
    return mapping, why


# Fields whose texts join when several columns name them; for the others the first column wins
# and what a later column says differently goes to 备注.
TEXT_JOINED = ("category", "source", "description", "cause", "target", "measures", "standard",
               "co_departments", "rectify_mode", "schedule", "note", "progress")


def loose(text: str) -> str:
    """A header as the clerk may type it in --mapping: no '*', spaces or line breaks, any brackets."""
    return normalise_header(text).replace("/", "")


def find_column(spec: str, block: HeaderBlock) -> int | None:
    """The column a --mapping key names: a label, a child or group/child header (loosely), or a letter."""
    key = loose(spec)
    for candidates in (block.labels, block.children):
        for col, label in enumerate(candidates):
            if label and loose(label) == key:
                return col
    if re.fullmatch(r"[A-Za-z]{1,3}", spec.strip()):
        letters = spec.strip().upper()
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        return n - 1
    return None
