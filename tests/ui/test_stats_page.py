from __future__ import annotations

import pytest

from desk_app.services import stats
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture(autouse=True)
def back_home(main_window):
    yield
    main_window.show_page("home")  # the window remembers its last page across tests in one process


def test_stats_page_shows_each_breakdown_and_the_trend(main_window, demo, qtbot):
    page = main_window.show_page("stats")
    page.refresh()
    departments = stats.breakdown(LedgerFilter(campaign_id=demo.campaign_id), "department")
    table = page.tables["department"]
    assert table.rowCount() == len(departments)
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [g.key for g in departments]
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
    assert window.document.pageCount() >= 2
    window.close()
