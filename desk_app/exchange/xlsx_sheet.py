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
"""

from __future__ import annotations

import re

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

_XML_SPECIAL = re.compile("[&<>]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # escaped as _xHHHH_ (tab and newline stay)
_COLUMN_NAMES = [xl_col_to_name(col) for col in range(256)]
_NUMBERS = (CellNumberTuple, CellDatetimeTuple)


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
