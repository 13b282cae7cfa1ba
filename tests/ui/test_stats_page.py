from __future__ import annotations

import pytest

from desk_app.services import stats
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def start_page():
    return "stats"  # the window opens on the page these tests use (not on 首页 first)


def test_stats_page_shows_each_breakdown_and_the_trend(main_window, demo, qtbot):
    page = main_window.show_page("stats")
    page.refresh()
    departments = stats.breakdown(LedgerFilter(campaign_id=demo.campaign_id), "department")
    table = page.tables["department"]
    assert table.rowCount() == len(departments) + 1  # and 合计
    assert [table.item(r, 0).text() for r in range(table.rowCount() - 1)] == [g.key for g in departments]
    first = departments[0]
    assert table.item(0, 1).text() == str(first.total)
    assert table.item(0, 5).text() == f"{first.completion_rate:.1%}"
    assert page.tables["layer"].rowCount() >= 4
    assert page.trend.rowCount() > 3
    assert "450" in page.summary.text() or str(stats.campaign_stats(demo.campaign_id)["total"]) in page.summary.text()


def test_double_click_asks_for_the_ledger_of_that_group(main_window, demo, qtbot):
    page = main_window.show_page("stats")
    page.refresh()
    received = []
    page.ledger_requested.connect(received.append)
    page.tabs.setCurrentWidget(page.tables["layer"])
    key = page.tables["layer"].item(0, 0).text()
    page.tables["layer"].cellDoubleClicked.emit(0, 0)
    assert received and received[0].layers == [key] and received[0].campaign_id == demo.campaign_id


def test_print_summary_opens_a_preview(main_window, qtbot):
    from ui.views import print_actions

    page = main_window.show_page("stats")
    before = len(print_actions._open_windows)
    page.print_summary_button.click()
    qtbot.waitUntil(lambda: len(print_actions._open_windows) > before, timeout=15000)
    window = print_actions._open_windows[-1]
    assert window.page_count() >= 2
    window.close()


def _column(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


@pytest.mark.parametrize("dimension", ["layer", "department", "task_force", "category"])
def test_every_breakdown_adds_up_to_the_figures_in_the_heading(main_window, demo, dimension):
    from desk_app.services.ledger_query import summarize

    page = main_window.show_page("stats")
    page.refresh()
    s = summarize(LedgerFilter(campaign_id=demo.campaign_id))
    table = page.tables[dimension]
    last = table.rowCount() - 1
    assert table.item(last, 0).text() == "合计"
    assert [table.item(last, c).text() for c in (1, 2, 3, 4)] == [str(s.total), str(s.done), str(s.open),
                                                                  str(s.overdue)]
    for column in (1, 2, 4):  # the rows above 合计 add up to it
        assert sum(int(v) for v in _column(table, column)[:-1]) == int(table.item(last, column).text())
    if dimension == "layer":  # 督办/议定/重点任务 have no layer: their own row, not lost
        assert table.item(last - 1, 0).text() == "其他事项（无层级）"


def test_summary_rows_stay_at_the_bottom_when_sorted(main_window, demo):
    from PySide6.QtCore import Qt

    page = main_window.show_page("stats")
    page.refresh()
    table = page.tables["layer"]
    for column in (0, 1, 4):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            table.sortByColumn(column, order)
            labels = _column(table, 0)
            assert labels[-2:] == ["其他事项（无层级）", "合计"], (column, order)
            totals = [int(v) for v in _column(table, 1)[:-2]]
            assert totals == sorted(totals, reverse=order == Qt.SortOrder.DescendingOrder) or column != 1


def test_double_clicking_the_summary_rows_opens_what_they_count(main_window, demo, qtbot):
    from PySide6.QtCore import Qt

    from desk_app.domain import EntryKind
    from desk_app.services.ledger_query import count_entries

    page = main_window.show_page("stats")
    page.refresh()
    page.tabs.setCurrentWidget(page.tables["layer"])
    table = page.tables["layer"]
    received = []
    page.ledger_requested.connect(received.append)
    for row in (table.rowCount() - 2, table.rowCount() - 1):
        table.scrollToItem(table.item(row, 0))
        rect = table.visualItemRect(table.item(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    other, total = received
    assert EntryKind.RECTIFICATION not in other.kinds and other.kinds and not other.layers
    assert count_entries(other) == int(table.item(table.rowCount() - 2, 1).text())
    assert count_entries(total) == int(table.item(table.rowCount() - 1, 1).text())


def test_a_big_ledgers_figures_are_read_on_a_worker_and_a_late_reading_is_dropped(main_window, demo, qtbot,
                                                                                  monkeypatch):
    """At 100,000 entries the figures take seconds to read: the page shows at once with a counting line,
    fills in when they arrive."""
    from ui.views.stats_page import StatsPage

    page = main_window.show_page("stats")
    page.refresh()
    expected = page.summary.text()
    monkeypatch.setattr(StatsPage, "BACKGROUND_FROM", 0)
    page.tables["department"].setRowCount(0)
    page.refresh()
    assert page.summary.text() == "正在统计…"
    qtbot.waitUntil(lambda: page.summary.text() == expected, timeout=10000)
    departments = stats.breakdown(LedgerFilter(campaign_id=demo.campaign_id), "department")
    assert page.tables["department"].rowCount() == len(departments) + 1
    page.refresh()
    page.refresh()  # two readings running: only the newer one is drawn (tests/ui/test_tasks: LatestReading)
    qtbot.waitUntil(lambda: page.summary.text() == expected, timeout=10000)
