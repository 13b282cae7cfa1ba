"""XlsxWriter's worksheet with a quicker cell writer for the ledger's 100,000-row exports.

In constant-memory mode XlsxWriter writes each finished row's cells through ``_write_cell``, its
innermost loop: for every cell it builds an attribute list, runs four regular expressions (two on the
"A1"/style attributes that never need escaping) and dispatches on the cell's class name — about
two thirds of a 100,000-entry export (bench/export.py). ``LedgerSheet`` (passed as XlsxWriter's
documented ``worksheet_class``) writes the two kinds of cell a ledger has — text and numbers with a
format — itself, producing exactly the XML XlsxWriter would (tests/desk_app/exchange compares the
sheets byte for byte), and leaves everything else, and any text needing the _xHHHH_ escape, to
XlsxWriter. One difference: a text that looks like rich-text markup ("<r>…</r>") is escaped here, where
XlsxWriter would copy it into the file unescaped.

``write_record`` goes one step further for the data rows: one call per row instead of one per cell.
Each kind of row (the types of its values and its formats) gets its XML once, as a str.format template
with the values, the row number and the row's attributes (asked of XlsxWriter's own _write_row once per
height) left open, so a row is written by one C-level format call; set_row and the dimensions are kept as
write_string/write_datetime/write_number would keep them. A row with a text needing an escape (&, <, >,
control characters, _xHHHH_ lookalikes), xml:space (leading or trailing whitespace) or truncation, or a
value of another type, takes XlsxWriter's calls cell by cell. The streamed rows are copied into the
sheet's XML as bytes at the end, where XlsxWriter decodes and encodes them again.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from datetime import date
from operator import itemgetter

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

_XML_SPECIAL = re.compile("[&<>]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # escaped as _xHHHH_ (tab and newline stay)
_COLUMN_NAMES = [xl_col_to_name(col) for col in range(256)]
_NUMBERS = (CellNumberTuple, CellDatetimeTuple)
# What a data row's template cannot take as is: XML specials, control characters, the "_" of a _xHHHH_
# lookalike (a bare character class: the regex engine skips to its characters quickly).
_MAY_NEED_CARE = re.compile(r"[\x00-\x08\x0b-\x1f&<>_]").search
_NEEDS_CARE = re.compile(r"[\x00-\x08\x0b-\x1f&<>]|_x").search


class LedgerSheet(Worksheet):
    def __init__(self):
        super().__init__()
        self._row_shapes: dict[tuple, _RowShape | None] = {}  # by the types of a row's values and its formats
        self._row_tags: dict[tuple, str] = {}  # a row's attributes after r="…", by its height
        self._date_numbers: dict[date, float] = {}  # Excel's number of each date written (deadlines repeat)

    def _write_cell(self, row: int, col: int, cell) -> None:
        cell_format = cell.format
        if cell_format is None or col >= len(_COLUMN_NAMES) or not self.constant_memory:
            super()._write_cell(row, col, cell)
            return
        kind = cell.__class__
        if kind is CellStringTuple:
            text = cell.string
            if "_x" in text or _CONTROL.search(text):
                super()._write_cell(row, col, cell)  # control characters and literal _xHHHH_: XlsxWriter's escapes
                return
            if _XML_SPECIAL.search(text):
                text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            space = ' xml:space="preserve"' if text and (text[0].isspace() or text[-1].isspace()) else ""
            self.fh.write(f'<c r="{_COLUMN_NAMES[col]}{row + 1}" s="{cell_format._get_xf_index()}" t="inlineStr">'
                          f"<is><t{space}>{text}</t></is></c>")
        elif kind in _NUMBERS:
            self.fh.write(f'<c r="{_COLUMN_NAMES[col]}{row + 1}" s="{cell_format._get_xf_index()}">'
                          f"<v>{cell.number:.16G}</v></c>")
        else:
            super()._write_cell(row, col, cell)

    def write_record(self, row: int, height: float, values: list, first_format, text_format, date_format,
                     number_format) -> None:
        """A data row: its height, then each value as text (the first column's in first_format), a date or
        a number, exactly as set_row and write_string/write_datetime/write_number would write them."""
        self.set_row(row, height)
        formats = (first_format, text_format, date_format, number_format)
        shape = self._shape(tuple(map(type, values)), formats)
        if shape is None or not self._fast_row(row, shape.texts(values)):
            self.write_cells(row, values, *formats)
            return
        self._check_dimensions(row, 0)
        self._check_dimensions(row, len(values) - 1)
        if row > self.previous_row:  # what earlier rows left pending (constant memory: rows stream in order)
            self._write_single_row(row)
        # Formats get their index when first written, after what was pending: the order XlsxWriter gives them.
        template = shape.template or shape.build([f._get_xf_index() for f in formats])
        if shape.dates:
            values = list(values)
            numbers = self._date_numbers
            for col in shape.dates:
                number = numbers.get(values[col])
                if number is None:
                    number = numbers[values[col]] = self._convert_date_time(values[col])
                values[col] = number
        self.fh.write(template.format(*values, n=row + 1, row=self._row_attributes(row, height)))
        self.previous_row = row + 1  # this row is written: the next flush must not write it again

    def write_cells(self, row: int, values: list, first_format, text_format, date_format, number_format) -> None:
        """A data row's values written cell by cell through XlsxWriter's own calls (write_record's way for a
        row it cannot write at once)."""
        for col, value in enumerate(values):
            if isinstance(value, str):
                self.write_string(row, col, value, first_format if col == 0 else text_format)
            elif isinstance(value, date):
                self.write_datetime(row, col, value, date_format)
            else:
                self.write_number(row, col, value, number_format)

    def _shape(self, kinds: tuple, formats: tuple) -> _RowShape | None:
        """How a row of values of these types in these formats is written (None: a type write_record leaves
        to XlsxWriter), worked out once per kind of row."""
        key = (kinds, *formats)
        shape = self._row_shapes.get(key, False)
        if shape is False:
            shape = self._row_shapes[key] = _RowShape.make(kinds)
        return shape

    def _fast_row(self, row: int, texts: tuple) -> bool:
        """Whether write_record may write this row's XML itself: constant memory, a new row within the
        sheet, nothing pending in it, and only texts that need no escape, no xml:space and no truncation
        (the others take XlsxWriter's path, cell by cell, through _write_cell above)."""
        if not self.constant_memory or row < self.previous_row or row >= self.xls_rowmax or self.table.get(row):
            return False
        joined = "".join(texts)  # one search a row ("_x" across two texts only sends the row the slow way)
        if _MAY_NEED_CARE(joined) and _NEEDS_CARE(joined):
            return False
        if tuple(map(str.strip, texts)) != texts:  # leading or trailing whitespace (str.isspace, as XlsxWriter)
            return False
        return len(joined) <= self.xls_strmax // 2 or max(map(len, texts)) <= self.xls_strmax // 2

    def _row_attributes(self, row: int, height: float) -> str:
        """What follows r="…" in the <row> tag XlsxWriter writes for a row of this height (set by set_row
        alone): asked of XlsxWriter once per height (and default height, which set_default_row may change)."""
        key = (height, self.default_row_height)
        attributes = self._row_tags.get(key)
        if attributes is None:
            fh, self.fh = self.fh, io.StringIO()
            try:
                self._write_row(row, None, self.row_info.get(row))
                tag = self.fh.getvalue()
            finally:
                self.fh = fh
            prefix = f'<row r="{row + 1}"'
            if not tag.startswith(prefix):
                raise AssertionError(f"XlsxWriter wrote an unexpected row tag: {tag}")
            attributes = self._row_tags[key] = tag.removeprefix(prefix)
        return attributes

    def _write_optimized_sheet_data(self) -> None:
        """The streamed rows copied into the sheet's XML as bytes: XlsxWriter reads them back as text and
        encodes them again (some 10 MB for 10,000 entries)."""
        target = getattr(self.fh, "buffer", None)
        if self.dim_rowmin is None or target is None or self.row_data_fh is None:
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        self.row_data_fh.flush()
        self.fh.flush()
        with open(self.row_data_filename, "rb") as rows:
            shutil.copyfileobj(rows, target, 1 << 20)
        self.row_data_fh.close()
        os.unlink(self.row_data_filename)
        self._xml_end_tag("sheetData")


class _RowShape:
    """One kind of data row (the types of its values): which values are texts and dates, and once its
    formats have their indexes, its XML with the values, the row number (n) and the row's attributes (row)
    left as str.format fields."""

    __slots__ = ("kinds", "texts", "dates", "template")

    def __init__(self, kinds: tuple, texts, dates: tuple[int, ...]):
        self.kinds, self.texts, self.dates = kinds, texts, dates
        self.template = ""

    @classmethod
    def make(cls, kinds: tuple) -> _RowShape | None:
        if not kinds or len(kinds) > len(_COLUMN_NAMES) or any(k not in (str, int, date) for k in kinds):
            return None
        texts = [col for col, kind in enumerate(kinds) if kind is str]
        if not texts:
            pick = _no_texts
        elif len(texts) == 1:
            pick = lambda values, col=texts[0]: (values[col],)  # noqa: E731 - itemgetter of one gives no tuple
        else:
            pick = itemgetter(*texts)
        return cls(kinds, pick, tuple(col for col, kind in enumerate(kinds) if kind is date))

    def build(self, styles: list[int]) -> str:
        first, text, when, number = styles
        parts = ['<row r="{n}"{row}']
        for col, kind in enumerate(self.kinds):
            ref = f'<c r="{_COLUMN_NAMES[col]}{{n}}"'
            if kind is str:
                parts.append(f'{ref} s="{first if col == 0 else text}" t="inlineStr"><is><t>{{{col}}}</t></is></c>')
            else:
                parts.append(f'{ref} s="{number if kind is int else when}"><v>{{{col}:.16G}}</v></c>')
        parts.append("</row>")
        self.template = "".join(parts)
        return self.template


def _no_texts(values) -> tuple:
    return ()
