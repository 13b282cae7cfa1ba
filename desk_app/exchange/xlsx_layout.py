"""How ledger rows fit an Excel sheet that prints: column widths, row heights, and long texts spilled
into continuation rows (marked 续) instead of being cut at Excel's 409-point row limit.

Excel and WPS store a row height of at most 409 pt; a taller cell prints only its first half and
then an empty page. A 3,000-character 问题表现 therefore continues in the rows below it: 序号 says
续, 问题编号 is repeated (filters and the reader keep them together), the other texts go on
where they stopped. Our own import joins such rows back into one entry.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from desk_app.services.ledger_columns import Column

from .cells import text_width, wrapped_lines

PAGE_WIDTH_UNITS = 150.0  # column units that fill an A4 landscape page at about 100 %
SERIAL_WIDTH = 5.0
LINE_HEIGHT_PT = 13.5  # one line of 10.5 pt CJK text, with leading
ROW_PADDING_PT = 4.0
MAX_ROW_HEIGHT_PT = 409.0  # Excel's limit
MAX_LINES = int((MAX_ROW_HEIGHT_PT - ROW_PADDING_PT) // LINE_HEIGHT_PT)  # 30 lines fit one row
CONTINUED = "续"
NARROW_COLUMN = 14.0  # short values (codes, dates, names) should fit on one line up to this width
REPEATED_KEYS = ("code",)  # printed again on a continuation row
SENTENCE_END = "。；！？，、"
CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
DATE_KEYS = frozenset(("found_date", "deadline", "completed_date", "closed_date"))  # columns that hold dates


def column_widths(columns: list[Column], rows: list[list[str]] | None = None) -> list[float]:
    """The shared relative widths scaled to the page; never narrower than the header label, and
    narrow columns widened so their longest value (a code, a date) stays on one line — every row
    is looked at, not a sample (each distinct value measured once)."""
    total = sum(c.width for c in columns) or 1.0
    scale = min(max((PAGE_WIDTH_UNITS - SERIAL_WIDTH) / total, 0.9), 1.8)
    rows = rows or []
    serial = max([SERIAL_WIDTH, *(text_width(r[0]) + 2.0 for r in rows[-1:])])
    widths = [round(serial, 1)]
    by_column = list(zip(*rows, strict=True)) if rows else []
    for index, c in enumerate(columns, start=1):
        width = max(c.width * scale, text_width(c.label) + 2.5, 6.0)
        if width < NARROW_COLUMN and rows:
            longest = max((text_width(v) for v in set(by_column[index]) if "\n" not in v), default=0.0)
            width = max(width, min(longest + 1.5, NARROW_COLUMN))
        widths.append(round(width, 1))
    return widths


def row_height(values: list[str], widths: list[float]) -> float:
    lines = max(wrapped_lines(v, w) for v, w in zip(values, widths, strict=False)) if values else 1
    return min(lines * LINE_HEIGHT_PT + ROW_PADDING_PT, MAX_ROW_HEIGHT_PT)


def _char_units(ch: str) -> float:
    return 2.0 if ord(ch) > 0x2E7F or ch in "“”‘’—…·" else 1.1


def split_text(text: str, column_width: float, max_lines: int = MAX_LINES) -> list[str]:
    """`text` cut into pieces of at most `max_lines` wrapped lines each (the same estimate that
    sizes the rows), at the end of a sentence near the cut when there is one."""
    if wrapped_lines(text, column_width) <= max_lines:
        return [text]
    usable = max(column_width - 1.2, 2.0)
    per_line = max(usable - 1.5, 1.0)
    pieces: list[str] = []
    start = 0
    lines, line_width = 1, 0.0
    last_stop = -1  # index after the last sentence end in this piece
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            lines, line_width = lines + 1, 0.0
        else:
            w = _char_units(ch)
            if line_width + w > per_line:
                lines, line_width = lines + 1, 0.0
            line_width += w
        if lines > max_lines:
            cut = last_stop if last_stop > start + (i - start) * 0.8 else i
            pieces.append(text[start:cut])
            start = cut
            i = cut
            lines, line_width, last_stop = 1, 0.0, -1
            continue
        if ch in SENTENCE_END or ch == "\n":
            last_stop = i + 1
        i += 1
    pieces.append(text[start:])
    return [p.strip("\n") for p in pieces if p.strip("\n")] or [""]


class SheetRow(NamedTuple):
    values: list  # cell values: str, int or date
    height: float
    continued: bool = False


def sheet_rows(rows: list[list[str]], columns: list[Column], widths: list[float]) -> list[SheetRow]:
    """The data rows as written: typed values, explicit heights, a row too tall for Excel spilled
    into continuation rows. Worked out a column at a time: each distinct text of a column measured and
    typed once (names, statuses and dates repeat), the rows' line counts the largest of their cells'."""
    if not rows:
        return []
    keys = ["serial", *(c.key for c in columns)]
    dates = [i for i, key in enumerate(keys) if key in DATE_KEYS]
    by_column = list(zip(*rows, strict=True))
    lines = [_line_counts(texts, width) for texts, width in zip(by_column, widths, strict=True)]
    row_lines = list(map(max, *lines)) if len(lines) > 1 else lines[0]
    pad_lines = ROW_PADDING_PT / LINE_HEIGHT_PT
    height_of = {n: min(n + pad_lines, MAX_ROW_HEIGHT_PT / LINE_HEIGHT_PT) * LINE_HEIGHT_PT for n in set(row_lines)}
    typed_columns = list(by_column)
    typed_columns[0] = [int(v) if v.isdigit() else v for v in by_column[0]]
    for i in dates:
        as_date = {v: date_or_text(v) for v in set(by_column[i])}
        typed_columns[i] = list(map(as_date.__getitem__, by_column[i]))
    typed_rows = list(map(list, zip(*typed_columns, strict=True)))
    out: list[SheetRow] = []
    for values, typed_values, n in zip(rows, typed_rows, row_lines, strict=True):
        height = height_of[n]
        if height < MAX_ROW_HEIGHT_PT:
            out.append(SheetRow(typed_values, height))
            continue
        pieces = [split_text(v, w) for v, w in zip(values, widths, strict=True)]
        for part in range(max(len(p) for p in pieces)):
            if part == 0:
                cells = [p[0] for p in pieces]
            else:
                cells = [CONTINUED if k == "serial" else (values[i] if k in REPEATED_KEYS else
                         (pieces[i][part] if part < len(pieces[i]) else ""))
                         for i, k in enumerate(keys)]
            out.append(SheetRow(cells if part else typed(cells, dates), row_height(cells, widths), part > 0))
    return out


def _line_counts(texts: tuple[str, ...], width: float) -> list[int]:
    """wrapped_lines of each text in a column this wide, each distinct text measured once (a paragraph
    without the function's calls)."""
    usable = max(width - 1.2, 2.0)
    per_line = max(usable - 1.5, 1.0)
    counts = {}
    for value in set(texts):
        if "\n" in value:
            counts[value] = wrapped_lines(value, width)
            continue
        length = len(value)
        wide = (len(value.encode("utf-8")) - length) / 2
        used = wide * 2.0 + (length - wide) * 1.1
        counts[value] = 1 if used <= usable else max(int(-(-used // per_line)), 1)
    return list(map(counts.__getitem__, texts))


def typed(values: list[str], date_columns: list[int] | None = None) -> list:
    """Numbers as numbers (序号), dates as dates (2026年7月1日), the rest as text. date_columns: where a
    date may stand (the others are left as text without looking); None looks at every cell."""
    out: list = list(values)
    if out and out[0].isdigit():
        out[0] = int(out[0])
    for i in range(1, len(out)) if date_columns is None else date_columns:
        out[i] = date_or_text(out[i])
    return out


def date_or_text(value):
    """A text written as offices write dates (2026年7月1日) as that date; anything else as it is."""
    m = CN_DATE.match(value) if isinstance(value, str) and value and value[0].isdigit() else None
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return value
