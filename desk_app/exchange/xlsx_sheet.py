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

``write_record`` goes one step further for the data rows: one call per row instead of one per cell,
the row's XML built at once (set_row and write_string/write_datetime/write_number's bookkeeping done
the same way), with XlsxWriter's own calls for any row it cannot write that way.
"""

from __future__ import annotations

import re
from datetime import date

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

_XML_SPECIAL = re.compile("[&<>]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # escaped as _xHHHH_ (tab and newline stay)
_COLUMN_NAMES = [xl_col_to_name(col) for col in range(256)]
_NUMBERS = (CellNumberTuple, CellDatetimeTuple)


def _plain_text(text: str, limit: int) -> bool:
    """A text written as is (escaped for XML only): no _xHHHH_ lookalike, no control character, not so long
    that XlsxWriter might truncate it."""
    return "_x" not in text and len(text) <= limit and not _CONTROL.search(text)


class LedgerSheet(Worksheet):
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
        if not self._fast_row(row, values):
            for col, value in enumerate(values):
                if isinstance(value, str):
                    self.write_string(row, col, value, first_format if col == 0 else text_format)
                elif isinstance(value, date):
                    self.write_datetime(row, col, value, date_format)
                else:
                    self.write_number(row, col, value, number_format)
            return
        self._check_dimensions(row, 0)
        self._check_dimensions(row, len(values) - 1)
        if row > self.previous_row:  # what earlier rows left pending (constant memory: rows stream in order)
            self._write_single_row(row)
        self._write_row(row, None, self.row_info.get(row))
        number = row + 1
        styles = {id(f): f._get_xf_index() for f in (first_format, text_format, date_format, number_format)}
        parts = []
        for col, value in enumerate(values):
            name = _COLUMN_NAMES[col]
            if value.__class__ is str:
                style = styles[id(first_format if col == 0 else text_format)]
                if _XML_SPECIAL.search(value):
                    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                space = ' xml:space="preserve"' if value and (value[0].isspace() or value[-1].isspace()) else ""
                parts.append(f'<c r="{name}{number}" s="{style}" t="inlineStr"><is><t{space}>{value}</t></is></c>')
            else:
                if value.__class__ is int:
                    style = styles[id(number_format)]
                else:
                    style, value = styles[id(date_format)], self._convert_date_time(value)
                parts.append(f'<c r="{name}{number}" s="{style}"><v>{value:.16G}</v></c>')
        parts.append("</row>")
        self.fh.write("".join(parts))
        self.previous_row = number  # this row is written: the next flush must not write it again

    def _fast_row(self, row: int, values: list) -> bool:
        """Whether write_record may write this row's XML itself: constant memory, a new row within the
        sheet, nothing pending in it, and only plain texts, ints and dates (not datetimes)."""
        if not self.constant_memory or row < self.previous_row or row >= self.xls_rowmax or not values \
                or len(values) > len(_COLUMN_NAMES) or self.table.get(row):
            return False
        limit = self.xls_strmax // 2
        for value in values:
            kind = value.__class__
            if kind is str:
                if not _plain_text(value, limit):
                    return False
            elif kind is not int and kind is not date:
                return False
        return True
