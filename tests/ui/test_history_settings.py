import pytest

from desk_app.db.models import LedgerEntry
from desk_app.services import context, ledger


@pytest.fixture
def page(qtbot, demo):
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.history_settings import HistorySettings

    create_application()
    widget = HistorySettings(AppState())
    qtbot.addWidget(widget)
    return widget


def test_lists_changes_lazily_and_filters_by_entry_person_and_kind(page):
    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).limit(300)]
    context.set_actor("张三")
    ledger.delete_entries(ids)
    context.set_actor("测试员")
    page.refresh()
    model = page.model
    assert model.total >= 300 and model.rowCount() == 200  # the first page only
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == min(400, model.total)

    page.actor.setCurrentIndex(page.actor.findData("张三"))
    page.apply_filter()
    assert model.total == 300 and "300" in page.summary.text()
    assert model.data(model.index(0, 1)) == "张三"
    assert model.data(model.index(0, 4)) == "删除（移入回收站）"

    code = LedgerEntry.get_by_id(ids[0]).code
    page.show_entry(code)
    assert model.total == 1 and model.data(model.index(0, 3)) == code

    page.clear_filters()
    page.entity.setCurrentIndex(page.entity.findData("ledger_entry"))
    page.apply_filter()
    assert all(r.entity == "ledger_entry" for r in model.rows)


def test_date_filter_and_unknown_code(page):
    page.use_since.setChecked(True)
    from datetime import date

    page.since.set_value(date(2099, 1, 1))
    page.apply_filter()
    assert page.model.total == 0
    page.clear_filters()
    page.code.setText("XX-0000")
    page.apply_filter()
    assert page.model.total == 0


def test_rows_read_as_chinese_with_names_and_the_clerk_hint(page, monkeypatch):
    from desk_app.services import history_labels, settings

    monkeypatch.setattr(history_labels, "login_name", lambda: "clerkpc")
    context.set_actor("clerkpc")
    settings.save_report_header(settings.ReportHeader(unit="市财政局活动办", filled_by="易春燕"))
    page.refresh()
    model = page.model
    cells = [model.data(model.index(0, c)) for c in range(8)]
    assert "未设置经办人姓名" in cells[1]
    assert cells[3] == "设置" and cells[5] == "打印表头（填报单位等）"
    assert cells[7].startswith("填报单位：市财政局活动办；填报人：易春燕")
    assert not any(c.startswith("#") for c in cells)


def test_an_empty_history_shows_a_centred_placeholder(page):
    assert not page.table_area.is_empty()
    page.code.setText("XX-0000")
    page.apply_filter()
    assert page.table_area.is_empty()
    assert page.table_area.placeholder.text() == "没有符合条件的记录"
    page.clear_filters()
    assert not page.table_area.is_empty()
