"""The 例会 and 专班 pages print their own papers through the shared print actions."""


def test_meeting_page_prints_the_selected_meetings_sign_in_sheet(main_window, qtbot):
    from ui.views import print_actions

    page = main_window.show_page("meetings")
    assert page.current_meeting_id() is not None
    kinds = [a.objectName() for a in page.print_button.menu().actions()]
    assert {"print_notice", "print_sign-in", "print_minutes"} <= set(kinds)
    before = len(print_actions._open_windows)
    next(a for a in page.print_button.menu().actions() if a.objectName() == "print_sign-in").trigger()
    qtbot.waitUntil(lambda: len(print_actions._open_windows) > before, timeout=15000)
    window = print_actions._open_windows[-1]
    assert window.page_count() >= 1 and "签到表" in window.windowTitle()
    window.close()


def test_task_force_page_prints_the_action_plan(main_window, qtbot):
    from ui.views import print_actions

    page = main_window.show_page("taskforces")
    assert page.current_task_force_id() is not None
    names = [a.objectName() for a in page.print_button.menu().actions()]
    assert names == ["print_rosters", "print_one_roster", "print_action-plan"]
    pages = {}
    for name in ("print_rosters", "print_one_roster"):
        seen = list(print_actions._open_windows)
        next(a for a in page.print_button.menu().actions() if a.objectName() == name).trigger()
        qtbot.waitUntil(lambda s=seen: any(w not in s for w in print_actions._open_windows), timeout=15000)
        window = next(w for w in print_actions._open_windows if w not in seen)
        pages[name] = window.page_count()
        window.close()
    assert pages["print_rosters"] > pages["print_one_roster"] == 1  # every 专班, then the selected one alone


def test_ledger_page_prints_the_filtered_ledger_and_the_current_entrys_supervision_sheet(main_window, qtbot):
    from ui.views import print_actions

    page = main_window.show_page("ledger")
    names = [a.objectName() for a in page.print_button.menu().actions()]
    assert names[0] == "print_ledger" and "print_supervision" in names
    before = len(print_actions._open_windows)
    page.print_button.click()
    qtbot.waitUntil(lambda: len(print_actions._open_windows) > before, timeout=20000)
    window = print_actions._open_windows[-1]
    assert window.page_count() >= 1 and "整改台账" in window.windowTitle()
    window.close()


def test_a_statistics_row_opens_the_ledger_filtered_to_it(main_window, qtbot):
    stats = main_window.show_page("stats")
    table = stats.tables["layer"]
    stats._open_group("layer", 0)
    assert main_window.nav.currentRow() == 3
    ledger = main_window.pages["ledger"]
    layer = table.item(0, 0).text()
    assert ledger.current_filter().layers == [layer]
