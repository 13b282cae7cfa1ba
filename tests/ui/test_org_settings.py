import pytest
from PySide6.QtCore import Qt

from desk_app.services import campaigns, org


@pytest.fixture
def start_page():
    return "settings"  # the window opens on the page these tests use (not on 首页 first)


def _settings(main_window):
    page = main_window.show_page("settings")
    return {type(s).__name__: s for s in page.sections}


def test_departments_reorder_with_the_keyboard(main_window, qtbot):
    section = _settings(main_window)["OrgSettings"]
    first, second = [d.name for d in org.list_departments()[:2]]
    section.departments.setCurrentRow(0)
    section.move_department(1)
    assert [d.name for d in org.list_departments()[:2]] == [second, first]
    assert section.departments.currentRow() == 1


def test_person_dialog_shows_the_service_message_at_the_field(main_window, qtbot):
    from ui.views.org_person_dialog import PersonDialog

    dialog = PersonDialog()
    qtbot.addWidget(dialog)
    dialog.phone.setText("电话号码")
    dialog.name.setText("新同志")
    dialog.accept()
    assert dialog.result() == 0 and "联系电话" in dialog.error.text()
    dialog.phone.setText("0371-12345678")
    dialog.accept()
    assert dialog.result_person and dialog.result_person.phone == "0371-12345678"
    assert "新同志" in [p.name for p in org.list_people()]


def test_people_search_filters_the_table(main_window, qtbot):
    section = _settings(main_window)["OrgSettings"]
    total = section.proxy.rowCount()
    name = org.list_people()[0].name
    section.search.setText(name)  # QTest.keyClicks asserts on non-ASCII text
    assert 1 <= section.proxy.rowCount() < total


def test_new_campaign_becomes_current(main_window, qtbot):
    from ui.views.campaign_settings import CampaignDialog

    dialog = CampaignDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "不能为空" in dialog.error.text()
    dialog.name.setText("2027年改作风提效能专项行动")
    dialog.accept()
    assert campaigns.current_campaign().name == "2027年改作风提效能专项行动"


def test_removed_category_leaves_the_pick_list(main_window, qtbot):
    section = _settings(main_window)["ChoicesSettings"]
    widget = section.lists["category"]
    before = widget.count()
    widget.setCurrentRow(0)
    removed = widget.currentItem().text().split("｜")[-1]
    section.remove("category")
    assert widget.count() == before - 1
    assert removed not in [widget.item(i).text() for i in range(widget.count())]
    assert widget.item(0).data(Qt.ItemDataRole.UserRole)
