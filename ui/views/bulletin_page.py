"""通报: the 月度通报 of a frozen month and the 季度办结率通报, as tables on screen (the same ones the paper
shows), printed, or exported to Word and Excel."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.reports.bulletin_notice import Heading, Notice, Para
from desk_app.reports.options import PrintOptions
from desk_app.services import month_freeze
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.rankings_periods import period_label, quarter_of

from ..menu_bar import bar_menus
from ..tasks import Task, run_with_progress
from .bulletin_export import _in_worker, add_export_buttons, export_file
from .bulletin_table import fill, make_table
from .print_actions import add_print_actions


def summary_text(notice: Notice, upto: int = 2) -> str:
    """The notice's first paragraphs after its first heading (总体情况), for the page's summary line."""
    out, seen = [], 0
    for block in notice.blocks:
        if isinstance(block, Heading):
            seen += 1
            if seen > 1:
                break
        elif isinstance(block, Para) and seen == 1:
            out.append(block.text)
    return "\n".join(out[:upto])


def freeze_place(widget: QWidget) -> str:
    """Where the clerk freezes a month, as the window's menu names it (read from the menu itself, so the advice
    cannot name a place that does not exist), with its shortcut."""
    window = widget.window()
    bar = window.menuBar() if hasattr(window, "menuBar") else None
    for menu in bar_menus(bar) if bar is not None else []:
        for action in menu.actions():
            if action.objectName() == "open_freeze":  # MonthlyActions.open_freeze
                place = f"{_menu_text(menu.title())} › {_menu_text(action.text())}"
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                return f"{place}（{keys}）" if keys else place
    return QCoreApplication.translate("BulletinPage", "File › Monthly freeze…")


def _menu_text(text: str) -> str:
    return re.sub(r"\(&\w\)|&", "", text)  # 文件(&F) → 文件, Monthly &freeze… → Monthly freeze…


class _NoticeTab(QWidget):
    """A period picker, print and export buttons, a summary, and the notice's tables in sub-tabs."""

    kind = ""  # print kind and export name: bulletin / quarter

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.notice: Notice | None = None
        self.picker = QComboBox()
        self.picker.setObjectName(f"{self.kind}_picker")
        self.picker.setMinimumContentsLength(12)
        self.picker.currentIndexChanged.connect(lambda *_: self.load())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.picker_label()))
        bar.addWidget(self.picker)
        bar.addStretch(1)
        self.print_button, self.pdf_button = add_print_actions(bar, self, self.print_options, [self.kind])
        self.word_button, self.excel_button = add_export_buttons(bar, self, self.export)
        refresh = QToolButton()
        refresh.setText(QCoreApplication.translate("BulletinPage", "Refresh"))
        refresh.clicked.connect(self.refresh)
        bar.addWidget(refresh)
        self.summary = QLabel()
        self.summary.setObjectName(f"{self.kind}_summary")
        self.summary.setWordWrap(True)
        self.tables = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tables, 1)

    # --- for subclasses ---------------------------------------------------------------------------
    def picker_label(self) -> str:
        raise NotImplementedError

    def periods(self) -> list[tuple[str, str]]:
        """(label, value), newest first."""
        raise NotImplementedError

    def make_notice(self, campaign_id: int, value: str, progress) -> Notice:
        raise NotImplementedError

    def options(self, value: str) -> dict:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    # --- shared -----------------------------------------------------------------------------------
    def value(self) -> str:
        return self.picker.currentData() or ""

    def print_options(self) -> PrintOptions | None:
        if not self.value():
            return None
        return PrintOptions(filter=LedgerFilter(campaign_id=self.state.campaign_id), **self.options(self.value()))

    def export(self, suffix: str):
        if not self.value() or self.notice is None:
            return None
        return export_file(self, self.kind, self.state.campaign_id, suffix, self.notice.title,
                           **self._export_options())

    def _export_options(self) -> dict:
        opts = self.options(self.value())
        return {"month": opts.get("month", ""), "quarter": opts.get("period", "")}

    def refresh(self) -> None:
        current = self.value()
        items = self.periods() if self.state.campaign_id else []
        self.picker.blockSignals(True)
        self.picker.clear()
        for label, value in items:
            self.picker.addItem(label, value)
        index = self.picker.findData(current)
        self.picker.setCurrentIndex(index if index >= 0 else 0)
        self.picker.blockSignals(False)
        self.load()

    def load(self) -> Task | None:
        value = self.value()
        for button in (self.print_button, self.pdf_button, self.word_button, self.excel_button):
            button.setEnabled(bool(value))
        if not value:
            self.notice = None
            self.summary.setText(self.empty_text())
            self.tables.clear()
            return None
        campaign_id = self.state.campaign_id
        task = Task(_in_worker(lambda progress: self.make_notice(campaign_id, value, progress)),
                    QCoreApplication.translate("BulletinPage", "Preparing the bulletin…"))
        task.finished_ok.connect(lambda notice: self.show_notice(notice) if self.value() == value else None)
        return run_with_progress(self, task)

    def show_notice(self, notice: Notice) -> None:
        self.notice = notice
        self.summary.setText(summary_text(notice))
        current = self.tables.currentIndex()
        self.tables.clear()
        for block in notice.tables():
            table = make_table(f"{self.kind}_{block.sheet}")
            fill(table, block)
            self.tables.addTab(table, f"{block.sheet}（{len(block.rows)}）")
        if 0 <= current < self.tables.count():
            self.tables.setCurrentIndex(current)

    def table(self, sheet: str):
        for i in range(self.tables.count()):
            if self.tables.tabText(i).startswith(sheet):
                return self.tables.widget(i)
        return None


class MonthlyTab(_NoticeTab):
    kind = "bulletin"

    def picker_label(self) -> str:
        return self.tr("Frozen month:")

    def periods(self) -> list[tuple[str, str]]:
        return [(month_freeze.cn_month(m), m) for m in reversed(month_freeze.frozen_months(self.state.campaign_id))]

    def make_notice(self, campaign_id: int, value: str, progress) -> Notice:
        from desk_app.reports.bulletin_pdf import monthly_notice  # noqa: PLC0415
        from desk_app.services import bulletin  # noqa: PLC0415

        return bulletin.in_month(campaign_id, value, monthly_notice, progress)

    def options(self, value: str) -> dict:
        return {"month": value}

    def empty_text(self) -> str:
        return self.tr("No month is frozen yet. The monthly bulletin is made from a frozen month: on its report "
                       "day freeze the month with %1, or run desk-app freeze YYYY-MM on the command line.").replace(
            "%1", freeze_place(self))


class QuarterTab(_NoticeTab):
    kind = "quarter"

    def picker_label(self) -> str:
        return self.tr("Quarter:")

    def periods(self) -> list[tuple[str, str]]:
        quarters = []
        for m in reversed(month_freeze.frozen_months(self.state.campaign_id)):
            q = quarter_of(m)
            if q not in quarters:
                quarters.append(q)
        return [(period_label(q), q) for q in quarters]

    def make_notice(self, campaign_id: int, value: str, progress) -> Notice:
        from desk_app.reports.quarter_pdf import quarter_notice  # noqa: PLC0415
        from desk_app.services.bulletin_quarter import quarter_report  # noqa: PLC0415
        from desk_app.services.month_view import run_as_of  # noqa: PLC0415

        q = quarter_report(campaign_id, value)
        return run_as_of(campaign_id, q.frozen[-1], lambda: quarter_notice(q), progress)

    def options(self, value: str) -> dict:
        return {"period": value}

    def empty_text(self) -> str:
        return self.tr("No month is frozen yet. The quarterly completion bulletin is made from the frozen "
                       "months of the quarter.")


class BulletinPage(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Bulletins"))
        heading = QLabel(self.tr("Bulletins"))
        font = heading.font()
        font.setPointSizeF(14)
        font.setBold(True)
        heading.setFont(font)
        self.monthly = MonthlyTab(state, self)
        self.quarterly = QuarterTab(state, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.monthly, self.tr("Monthly bulletin"))
        self.tabs.addTab(self.quarterly, self.tr("Quarterly completion"))
        self.tabs.currentChanged.connect(lambda *_: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        state.data_changed.connect(self._refresh_if_visible)
        state.campaign_changed.connect(self._refresh_if_visible)

    def _refresh_if_visible(self, *_):
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        try:
            self.tabs.currentWidget().refresh()
        except DeskAppError as exc:
            self.tabs.currentWidget().summary.setText(exc.message)
