"""The filter bar's chips: one button per condition, kept while the condition stays."""

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    main_window.resize(1280, 800)
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def test_a_conditions_chip_stays_one_button_while_its_value_changes(page, qtbot):
    """Each search keystroke changes the search chip's text; the button stays (a new one parses its style sheet and
    lays the row out again), in the order of the conditions, and its × still removes its condition."""
    bar = page.filter_bar
    bar.search.setText("台")
    bar._emit_now()
    search_chip = next(b for b in bar.chips.buttons if b.objectName() == "chip_text")
    bar.search.setText("台账")
    bar._emit_now()
    assert bar.chips.buttons == [search_chip] and bar.chips.texts() == ["搜索“台账”"]
    status = bar.status.items()[0][1]
    bar.status.set_values([status])
    assert bar.chips.buttons[0] is search_chip and len(bar.chips.buttons) == 2
    assert [bar.chips._layout.indexOf(b) for b in bar.chips.buttons] == [0, 1]
    qtbot.mouseClick(search_chip, Qt.MouseButton.LeftButton)
    assert page.current_filter().text == "" and page.current_filter().statuses == [status]
    assert [b.objectName() for b in bar.chips.buttons] == ["chip_statuses"] and not bar.chips.empty.isVisible()
    bar.status.set_values([])
    assert bar.chips.buttons == [] and bar.chips.texts() == []
