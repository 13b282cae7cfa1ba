"""Which rows under the header are entries: section titles (一、…方面), repeated headers, the
1 2 3 … column-number row, 合计/小计 rows, footers (注：, 制表：, 填报人) and the template's examples are
skipped with their reason; vertically merged cells are filled down their whole range first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .xlsx_header import HeaderBlock, column_letter
from .xlsx_layout import CONTINUED
from .xlsx_read import RawSheet

FOOTER = re.compile(r"^(备注|注|说明|填表说明|制表|制表人|填报人|填表人|审核人|审核|核稿|单位负责人|负责人|"
                    r"分管领导|主要领导|联系人|联系电话|填报日期|制表日期|报送日期|签字|签名|盖章|附件|单位（盖章）)"
                    r"\s*([（(][^）)]{0,8}[）)])?\s*[:：]")
FOOTER_WORDS = re.compile(r"^(注|说明)\s*\d*\s*[.、．:：]|^填表说明|^(单位|填报单位)?（?盖章）?$")
EXAMPLE = re.compile(r"^(例[:：]|示例|填写示例|样例)")
# The whole cell: "合计" / "小计：" / "合计 4件", never a problem text that opens with 合计.
TOTAL = re.compile(r"^(合\s*计|小\s*计|总\s*计|累\s*计|共\s*计)\s*[:：]?\s*(\d+(\.\d+)?\s*[个项条件家]?)?$")
SECTION = re.compile(r"^\s*([一二三四五六七八九十百]+\s*[、.．]|[（(][一二三四五六七八九十百]+[）)]|"
                     r"第[一二三四五六七八九十百]+(部分|类|方面|项|章|节)|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[、.．])")
_COUNT_TAIL = re.compile(r"[（(]\s*(共|计)?\s*\d+\s*(个|项|条|件)?(问题|任务|事项)?\s*[）)]\s*$")
_CN_NUMBER = re.compile(r"^[一二三四五六七八九十百]+$")
SECTION_ENDINGS = ("方面", "方面问题", "方面的问题", "问题", "类", "领域", "任务", "工作", "板块", "部分")


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str
    text: str = ""  # the row's first words, so the clerk recognises it

    def line(self) -> str:
        return f"第 {self.row} 行：{self.reason}" + (f"“{self.text}”" if self.text else "")


@dataclass(frozen=True)
class FilledRange:
    column: int
    label: str
    first: int  # 1-based rows
    last: int

    def line(self) -> str:
        return (f"{column_letter(self.column)}列“{self.label}”第 {self.first}–{self.last} 行是合并单元格，"
                f"已向下填充到每一行")


@dataclass
class RowsResult:
    rows: list[tuple[int, list, set[int]]] = field(default_factory=list)  # (row, values, uncomputed columns)
    skipped: list[SkippedRow] = field(default_factory=list)
    filled: list[FilledRange] = field(default_factory=list)
    sections: dict[int, str] = field(default_factory=dict)  # data row -> the section title above it


def section_title(text: str) -> str:
    """"一、党的政治建设方面（共5个问题）" → "党的政治建设方面"."""
    text = SECTION.sub("", text.strip(), count=1).strip()
    return _COUNT_TAIL.sub("", text).strip()


def fill_down(raw: RawSheet, block: HeaderBlock, width: int) -> list[FilledRange]:
    """Give every row of a vertically merged range the value of its first cell (Excel keeps it there only)."""
    filled = []
    for r1, c1, r2, c2 in sorted(raw.merged):
        if r2 <= r1 or r1 < block.last_row or c1 >= width:  # header merges and one-row merges stay
            continue
        value = raw.rows[r1][c1] if c1 < len(raw.rows[r1]) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        for r in range(r1 + 1, min(r2, len(raw.rows) - 1) + 1):
            row = raw.rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            if row[c1] is None or (isinstance(row[c1], str) and not row[c1].strip()):
                row[c1] = value
        filled.append(FilledRange(c1, block.labels[c1] if c1 < len(block.labels) else "", r1 + 1, r2 + 1))
        del c2
    return filled


def _is_column_numbers(filled: list[str]) -> bool:
    """The 1 2 3 … row under a header; `filled`: the row's non-empty cell texts, in order."""
    if len(filled) < 3:
        return False
    try:
        first = int(filled[0].strip("()（）"))
        for offset, text in enumerate(filled[1:], start=1):  # stops at the first cell out of the run
            if int(text.strip("()（）")) != first + offset:
                return False
    except ValueError:
        return False
    return True


def classify(raw: RawSheet, block: HeaderBlock, description_cols: list[int], ignored_cols: set[int]
             ) -> RowsResult:
    width = len(block.labels)
    result = RowsResult(filled=fill_down(raw, block, width))
    header_words = {w for w in block.children + block.groups if w}
    padding = [None] * width
    section = ""
    for index in range(block.last_row, len(raw.rows)):
        number = index + 1
        values = (raw.rows[index] + padding)[:width]
        # Each cell's text (stripped; None is ""), written in line: a call per cell cost a tenth of a second.
        cells = [v.strip() if v.__class__ is str else "" if v is None else str(v).strip() for v in values]
        filled = [c for c in cells if c]
        if not filled:
            continue  # blank rows are not worth a line each; the preview counts rows read
        first = filled[0]
        short = first[:30]
        if cells[0] == CONTINUED and result.rows:
            join_continuation(result.rows[-1][1], values)
        elif _is_column_numbers(filled):
            result.skipped.append(SkippedRow(number, "列序号行"))
        elif sum(1 for c in filled if c in header_words) * 2 >= len(filled) and len(filled) >= 2:
            result.skipped.append(SkippedRow(number, "重复的表头行", short))
        elif FOOTER.match(first) or FOOTER_WORDS.match(first):
            result.skipped.append(SkippedRow(number, "表尾说明或签字栏", short))
        elif EXAMPLE.match(first):
            result.skipped.append(SkippedRow(number, "填写示例", short))
        elif any(TOTAL.match(c) for c in filled[:3]):
            result.skipped.append(SkippedRow(number, "合计/小计行", short))
        elif _is_section(cells, description_cols, ignored_cols):
            title = next((c for c in filled if not _CN_NUMBER.match(c)), first)
            if SECTION.match(title) or section_title(title).endswith(SECTION_ENDINGS):
                section = section_title(title)
                result.skipped.append(SkippedRow(number, "分类标题行", short))
            else:
                result.skipped.append(SkippedRow(number, "只有一格内容、没有问题表现的行", short))
        else:
            uncomputed = {c for r, c in raw.uncomputed if r == index} if raw.uncomputed else set()
            result.rows.append((number, values, uncomputed))
            if section:
                result.sections[number] = section
    return result


def join_continuation(previous: list, values: list) -> None:
    """A row our own export added because a text was too long for one Excel row (序号 says 续,
    see xlsx_layout): its texts continue the row above; repeated cells such as 问题编号 are not doubled."""
    for i, value in enumerate(values[1:], start=1):
        if value is None or value == "" or i >= len(previous) or value == previous[i]:
            continue
        previous[i] = f"{previous[i] or ''}{value}"


def _is_section(cells: list[str], description_cols: list[int], ignored_cols: set[int]) -> bool:
    """A title row between groups of entries: no 问题 text of its own and a single text (often merged
    across the row), or a numbered heading like 一、… / （二）… with the problem column empty."""
    if any(cells[c] for c in description_cols if c < len(cells)):
        texts = [c for i, c in enumerate(cells) if c and i not in ignored_cols]
        return bool(SECTION.match(texts[0])) and len(set(texts)) == 1 and len(cells) > 2 and not any(
            cells[c] for c in range(len(cells)) if c not in description_cols and c not in ignored_cols)
    distinct = {c for i, c in enumerate(cells) if c and not (i in ignored_cols and _CN_NUMBER.match(c))}
    if not distinct:
        return any(_CN_NUMBER.match(c) for c in cells if c)
    return len(distinct) == 1 and not next(iter(distinct)).replace(".", "").isdigit()
