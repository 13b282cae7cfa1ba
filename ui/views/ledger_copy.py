"""Ctrl+C on the ledger: the selected rows with their headers, as tab-separated text (Excel, WPS, WeChat,
any text box) and as an HTML table (Excel and WPS keep the cells, WeChat and mail show a table).

Rows go out in the list's order with the columns the clerk sees, in full (not the table's one-line
abbreviations), each row numbered like the table's 序号.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_app.services import ledger_columns

MAX_ROWS = 20000  # beyond this a clerk wants the Excel export (with its print setup), not the clipboard


def tsv_field(text: str) -> str:
    """A cell as Excel reads pasted text: quoted when it holds a tab, a line break or a quote."""
    if any(c in text for c in "\t\n\r\""):
        return '"' + text.replace('"', '""') + '"'
    return text


def as_tsv(headers: list[str], rows: list[list[str]]) -> str:
    return "\r\n".join("\t".join(tsv_field(c) for c in row) for row in [headers, *rows]) + "\r\n"


def as_html(headers: list[str], rows: list[list[str]]) -> str:
    def cell(tag: str, text: str) -> str:
        return f"<{tag}>{escape(text).replace(chr(10), '<br>')}</{tag}>"

    head = "".join(cell("th", h) for h in headers)
    body = "".join("<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in rows)
    return ("<html><head><meta charset=\"utf-8\"></head><body>"
            "<table border=\"1\" cellspacing=\"0\" style=\"border-collapse:collapse\">"
            f"<tr>{head}</tr>{body}</table></body></html>")


def selected_rows(page) -> list[int]:
    """The selected rows in the list's order, read from the selection's ranges (not one index per cell)."""
    rows: set[int] = set()
    for selection_range in page.table.selectionModel().selection():
        rows.update(range(selection_range.top(), selection_range.bottom() + 1))
    if not rows and page.table.currentIndex().isValid():
        rows.add(page.table.currentIndex().row())
    return sorted(rows)


def table_of(page, rows: list[int]) -> tuple[list[str], list[list[str]]]:
    keys = page.visible_column_keys()
    columns = [ledger_columns.COLUMNS_BY_KEY[k] for k in keys]
    headers = [QCoreApplication.translate("LedgerCopy", "No."), *(c.label for c in columns)]
    records = page.model.records_for_rows(rows)
    return headers, [[str(row + 1), *(c.value(rec) for c in columns)] for row, rec in zip(rows, records, strict=True)]


def copy_selected(page) -> int:
    """Put the selected rows on the clipboard; returns how many rows were copied (0 when refused)."""
    rows = selected_rows(page)
    if not rows:
        return 0
    if len(rows) > MAX_ROWS:
        QMessageBox.information(page, QCoreApplication.translate("LedgerCopy", "Copy"), QCoreApplication.translate(
            "LedgerCopy",
            "%1 rows are selected; at most %2 can be copied at once. Use Export → Excel for the whole list.")
            .replace("%1", f"{len(rows):,}").replace("%2", f"{MAX_ROWS:,}"))
        return 0
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        headers, body = table_of(page, rows)
    finally:
        QApplication.restoreOverrideCursor()
    mime = QMimeData()
    mime.setText(as_tsv(headers, body))
    mime.setHtml(as_html(headers, body))
    QGuiApplication.clipboard().setMimeData(mime)
    return len(body)
