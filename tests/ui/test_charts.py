"""Charts on 首页 and 统计: bars by 科室/专班 and 逾期 by 层级, clicked (or Enter) into the ledger with the
filter a double-click on 统计's table gives; drawn at 1366×768."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desk_app.reports.stats_rows import layer_filter
from desk_app.services import org, stats
from desk_app.services.ledger_query import LedgerFilter


def _click_bar(qtbot, chart, label: str):
    index = [b.label for b in chart.bars].index(label)
    with qtbot.waitSignal(chart.activated) as signal:
        QTest.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(index).center().toPoint())
    assert signal.args == [index]


def _home_charts(main_window, qtbot):
    charts = main_window.pages["home"].charts
    qtbot.waitUntil(lambda: bool(charts.department.bars), timeout=10000)  # read on a worker thread
    return charts


def test_home_bars_open_the_ledger_like_the_stats_table(main_window, qtbot, demo):
    home = main_window.pages["home"]
    charts = _home_charts(main_window, qtbot)
    assert charts.isVisible() and charts.department.bars and charts.trend.months
    office = org.department_by_name("办公室")
    expected = stats.breakdown(LedgerFilter(campaign_id=demo.campaign_id), "department")
    bar = next(b for b in charts.department.bars if b.label == "办公室")
    group = next(g for g in expected if g.key == "办公室")
    assert bar.value == pytest.approx(group.completion_rate) and bar.text.startswith(f"{group.done}/{group.total}")
    with qtbot.waitSignal(home.ledger_requested) as opened:
        _click_bar(qtbot, charts.department, "办公室")
    assert opened.args[0] == LedgerFilter(campaign_id=demo.campaign_id, department_ids=[office.id])
    assert main_window.stack.currentWidget() is main_window.pages["ledger"]

    stats_page = main_window.show_page("stats")
    table = stats_page.tables["department"]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "办公室")
    with qtbot.waitSignal(stats_page.ledger_requested) as double_clicked:
        stats_page._open_group("department", row)
    assert double_clicked.args[0] == opened.args[0]


def test_overdue_by_layer_opens_the_overdue_entries_of_that_layer(main_window, qtbot, demo):
    charts = _home_charts(main_window, qtbot)
    bar = max(charts.overdue.bars, key=lambda b: b.value)
    assert bar.value > 0
    with qtbot.waitSignal(charts.ledger_requested) as opened:
        charts.overdue.setFocus()
        index = charts.overdue.bars.index(bar)
        for _ in range(index):
            QTest.keyClick(charts.overdue, Qt.Key.Key_Down)
        QTest.keyClick(charts.overdue, Qt.Key.Key_Return)
    base = LedgerFilter(campaign_id=demo.campaign_id)
    assert opened.args[0] == replace(layer_filter(base), layers=[bar.label], overdue_only=True)


def test_task_force_bars_and_the_stats_tab(main_window, qtbot, demo):
    page = main_window.show_page("stats")
    assert page.tabs.currentWidget() is page.charts
    names = [b.label for b in page.charts.task_force.bars]
    assert names and "（未归专班）" in names
    with qtbot.waitSignal(page.ledger_requested) as opened:
        _click_bar(qtbot, page.charts.task_force, names[0])
    assert len(opened.args[0].task_force_ids) == 1


def test_charts_fit_and_are_drawn(main_window, qtbot):
    home = main_window.pages["home"]
    _home_charts(main_window, qtbot)
    assert main_window.geometry().height() <= 768 - 40
    for chart in (home.charts.department, home.charts.task_force, home.charts.overdue, home.charts.trend):
        assert chart.isVisible() and chart.width() >= 200
    image = home.charts.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert {"#2e7d32", "#c62828"} & colours  # bars were painted in the ledger's colours


def test_home_charts_follow_a_change_without_holding_the_window(main_window, qtbot, demo):
    from desk_app.services import ledger

    charts = _home_charts(main_window, qtbot)
    total = sum(int(b.text.split("/")[1].split()[0]) for b in charts.department.bars)
    entry = ledger.create_entry(demo.campaign_id, ledger.EntryInput(description="新问题", layer="处级干部", department_id=org.list_departments()[0].id,
                                                                   target="目标", standard="标准"))
    with qtbot.waitSignal(charts.loaded, timeout=10000):
        main_window.state.data_changed.emit()  # what every write does; the reading runs on a worker
    assert sum(int(b.text.split("/")[1].split()[0]) for b in charts.department.bars) == total + 1
    assert entry.id
