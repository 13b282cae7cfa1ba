"""The preview under the table: the selected entry in full, wrapped, with its latest progress."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QTextBrowser

from desk_app.services import entry_records, ledger_columns, ledger_query, progress_read


class LedgerPreview(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ledger_preview")
        self.setOpenLinks(False)
        self.setMinimumHeight(90)
        # A light panel with a thin border, by palette and frame: a style sheet here made every change of the
        # preview repaint most of the window (the splitter and page behind it), twice the work of the table.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#fafafa"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#cfd8dc"))  # a plain frame's line
        self.setPalette(palette)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setLineWidth(1)
        # A scroll bar that came and went with the entry's length resized the text, and the table beside it
        # was laid out and repainted again on every change of the list.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.entry_id = None
        self._html = None  # what is shown: a list that changes but keeps its first entry shows it as it is

    def _show(self, html: str | None) -> None:
        """Lay out and paint the text only when it differs from what is shown (setHtml parses and lays out the
        document and repaints the panel, though the clerk sees the same entry after the next search keystroke)."""
        if html == self._html:
            return
        self._html = html
        if html is None:
            self.clear()
        else:
            self.setHtml(html)

    def show_entry(self, entry_id: int | None) -> None:
        self.entry_id = entry_id
        if entry_id is None:
            hint = self.tr("Select an entry to see it in full here. Double-click or press Enter to edit.")
            self._show(f"<p style='color:#78909c'>{escape(hint)}</p>")
            return
        records = entry_records.load_records([entry_id])  # what ledger.get_entry reads, without the write path
        if not records:  # gone for good
            self._show(None)
            return
        e = records[0]
        light = ledger_query.light(e.status, e.deadline_type, e.deadline)
        color = {"red": "#c62828", "yellow": "#b26a00", "green": "#2e7d32", "grey": "#757575"}[light.value]
        people = "　".join(f"{escape(label)}：{escape(value)}" for label, value in (
            (self.tr("Department"), e.department_name), (self.tr("Responsible"), e.responsible_name),
            (self.tr("Leader"), e.leader_name), (self.tr("Owner"), e.owner_name)) if value)
        rows = [(self.tr("Description"), e.description), (self.tr("Target"), e.target),
                (self.tr("Measures"), e.measures), (self.tr("Standard"), e.standard)]
        progress = progress_read.progress_of(entry_id)
        if progress:
            last = progress[-1]
            rows.append((self.tr("Latest progress"), f"{last.date.isoformat()}　{last.text}"))
        if e.completion_summary:
            rows.append((self.tr("Completion"), e.completion_summary))
        missing = ""
        if e.missing:
            missing_text = self.tr("Missing: %1").replace("%1", "、".join(e.missing))
            missing = f"　<span style='color:#c62828'>{escape(missing_text)}</span>"
        deadline_label = self.tr("Deadline")
        extensions = ""
        if e.extension_count:
            extensions = "　" + escape(self.tr("extended %1 times").replace("%1", str(e.extension_count)))
        body = "".join(
            f"<tr><td style='color:#546e7a; white-space:nowrap; padding-right:8px; vertical-align:top'>"
            f"{escape(label)}</td><td>{escape(text).replace(chr(10), '<br>')}</td></tr>"
            for label, text in rows if text)
        self._show(
            f"<p><b>{escape(e.code)}</b>　{escape(e.kind)}　{escape(e.layer)}　"
            f"<span style='color:{color}'>● {escape(ledger_columns.status_text(e))}</span>　"
            f"{escape(deadline_label)}：{escape(ledger_columns.deadline_text(e) or '—')}{extensions}{missing}</p>"
            f"<p style='color:#37474f'>{people}</p><table cellspacing='2'>{body}</table>")
