from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase

from desk_app.services import stats
from desk_app.services.ledger_query import LedgerFilter


def test_window_opens_on_demo_data_with_chinese_navigation(main_window):
    labels = [main_window.nav.item(i).text() for i in range(main_window.nav.count())]
    assert labels == ["首页", "专班", "例会", "整改台账", "统计", "通报", "评价排名", "制度与目标", "设置"]
    from PySide6.QtWidgets import QApplication

    from desk_app.services import campaigns

    # The campaign only: Qt appends the program's name (专班·例会·整改台账) itself, so it is not said twice.
    assert main_window.windowTitle() == campaigns.current_campaign().name
    assert QApplication.applicationDisplayName() == "专班·例会·整改台账"


def test_home_shows_the_counts_from_the_services(main_window, demo):
    home = main_window.pages["home"]
    figures = stats.campaign_stats(demo.campaign_id)
    assert home.cards["total"].text().startswith(str(figures["total"]))
    assert home.cards["overdue"].text().startswith(str(figures["overdue"]))
    assert home.cards["pending"].text().startswith(str(figures["pending_close"]))
    assert home.short_list.count() == len(stats.people_short_of_problems(demo.campaign_id))


def test_home_cards_ask_for_a_filtered_ledger(main_window, qtbot):
    home = main_window.pages["home"]
    with qtbot.waitSignal(home.ledger_requested) as blocker:
        qtbot.mouseClick(home.cards["overdue"], Qt.MouseButton.LeftButton)
    assert isinstance(blocker.args[0], LedgerFilter) and blocker.args[0].overdue_only


def test_keyboard_switches_pages(main_window, qtbot):
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert main_window.nav.currentRow() == 3


def test_bundled_cjk_font_is_registered(main_window):
    assert "WenQuanYi Micro Hei" in QFontDatabase.families()


def test_an_empty_folder_offers_a_first_run_with_demo_data(qtbot, db):
    from ui.app import create_application
    from ui.main_window import MainWindow

    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    home = window.pages["home"]
    assert home.first_run.isVisible() and home.cards["total"].value == "—"
    task = home.first_run.build_demo()
    qtbot.waitUntil(lambda: home.cards["total"].value not in ("—", ""), timeout=30000)
    assert not home.first_run.isVisible()
    assert int(home.cards["total"].value) == stats.campaign_stats(window.state.campaign_id)["total"] > 0
    assert task is home.first_run.task
