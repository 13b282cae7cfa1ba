import re
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desk_app"))
from safety_helpers import corrupt_middle_pages, dump_database  # noqa: E402

from desk_app import paths  # noqa: E402
from desk_app.services import backup_rotation, backups, integrity, ledger, session  # noqa: E402


@pytest.fixture
def page(qtbot, demo):
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.backup_settings import BackupSettings

    create_application()
    state = AppState()
    widget = BackupSettings(state)
    qtbot.addWidget(widget)
    return widget


def test_lists_backups_with_date_reason_size_and_counts(page):
    backups.create_backup("import")
    page.refresh()
    assert page.table.rowCount() == 1
    texts = [page.table.item(0, c).text() for c in range(5)]
    assert texts[1] == "导入前" and ("KB" in texts[2] or "MB" in texts[2]) and "台账 450 条" in texts[3]


def test_back_up_now_runs_in_the_background_and_shows_the_new_backup(page, qtbot):
    page.backup_now.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 1).text() == "手动备份"
    assert "已备份" in page.status.text()


def test_restore_selected_asks_then_restores_and_reloads(page, qtbot, monkeypatch):
    folder = backups.create_backup("manual")
    expected = dump_database()
    first = ledger.list_entries if False else None  # noqa: F841
    from desk_app.db.models import LedgerEntry

    entry_id = LedgerEntry.select(LedgerEntry.id).scalar()
    ledger.delete_entries([entry_id])
    page.refresh()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    changed = []
    page.state.data_changed.connect(lambda: changed.append(True))
    row = [r for r in range(page.table.rowCount()) if page.table.item(r, 4).text() == folder.name][0]
    page.table.selectRow(row)
    page.restore_chosen()
    qtbot.waitUntil(lambda: bool(changed), timeout=15000)
    assert "台账 450 条" in asked[0] and "恢复前会先自动备份" in asked[0]
    assert dump_database() == expected
    assert not session.read_only()
    assert LedgerEntry.get_by_id(entry_id).deleted_at is None  # the services work on the restored data
    assert any(b.reason == "pre-restore" for b in backups.list_backups())
    made = backups.describe(folder).created_at.strftime("%Y-%m-%d %H:%M")
    assert f"已恢复 {made} 的备份（手动备份）：台账 450 条" in page.status.text()  # the clerk's words, not folder names
    assert "列表顶部的“恢复前”" in page.status.text() and folder.name not in page.status.text()


def test_declining_the_question_changes_nothing(page, monkeypatch):
    backups.create_backup("manual")
    before = dump_database()
    page.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page.restore_chosen()
    assert dump_database() == before
    assert len(backups.list_backups()) == 1


def test_policy_spin_boxes_save_the_setting(page):
    page.keep_daily.setValue(10)
    page.keep_monthly.setValue(6)
    page.save_policy()
    assert backup_rotation.policy() == backup_rotation.BackupPolicy(10, 4, 6)


def test_damaged_data_at_start_up_offers_the_newest_good_backup(qtbot, demo, monkeypatch):
    from ui.app import create_application
    from ui.views import safety_startup

    create_application()
    good = backups.create_backup("daily")
    expected = dump_database()
    session.close_data()
    corrupt_middle_pages(paths.database_path())
    shown = []

    def fake_exec(box):
        shown.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    assert safety_startup.open_data_safely() == safety_startup.OK
    assert "数据文件已损坏" in shown[0] and "最近的完好备份" in shown[0]
    assert good.name in "".join(shown) or "已从" in shown[-1]
    assert integrity.check().ok
    assert {t: rows for t, rows in dump_database().items() if t != "change_log"} == \
        {t: rows for t, rows in expected.items() if t != "change_log"}
    assert any(b.reason == "damaged" for b in backups.list_backups())


def test_declining_the_restore_of_damaged_data_leaves_the_file_as_it_was(qtbot, demo, monkeypatch):
    from ui.app import create_application
    from ui.views import safety_startup

    create_application()
    backups.create_backup("daily")
    session.close_data()
    corrupt_middle_pages(paths.database_path(), pages=60)
    damaged = paths.database_path().read_bytes()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: None)
    safety_startup.open_data_safely()
    session.close_data()
    assert paths.database_path().read_bytes()[:4096] == damaged[:4096]


def test_backing_up_damaged_data_warns_and_marks_the_row(page, qtbot, monkeypatch):
    from desk_app.db import close_database, open_database

    close_database()
    corrupt_middle_pages(paths.database_path())
    open_database()
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    page.backup_now.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert "已损坏" in warned[0] and "不能用" in warned[0]
    assert "已损坏" in page.table.item(0, 1).text()
    assert "已损坏" in page.status.text()


def test_damaged_data_without_a_backup_is_explained_in_chinese_with_raw_lines_behind_details(qtbot, demo,
                                                                                          monkeypatch):
    import re

    from ui.app import create_application
    from ui.views import safety_startup

    create_application()
    session.close_data()
    corrupt_middle_pages(paths.database_path())
    boxes = []

    def fake_exec(box):
        boxes.append((box.text(), box.detailedText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: None)
    safety_startup.open_data_safely()
    text, details = boxes[0]
    assert "数据文件已损坏" in text and "管理员" in text
    assert not re.search(r"[A-Za-z]{4,}", text), text  # no SQLite English in the message itself
    assert "技术细节" in details and re.search(r"[A-Za-z]{4,}", details)  # SQLite's own words


def test_check_data_button_keeps_sqlite_lines_behind_details(page, qtbot, monkeypatch):
    from desk_app.db import close_database

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    close_database()
    corrupt_middle_pages(paths.database_path())
    page.check_data.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    text, details = shown[0]
    assert "数据已损坏" in text and "btree" not in text.lower() and "page " not in text.lower()
    assert "技术细节" in details and re.search(r"[A-Za-z]{4,}", details)


def test_back_up_to_a_file_writes_one_zip_where_the_clerk_chose(page, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    offered = []
    chosen = tmp_path / "U盘" / "台账备份"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, _title, suggested, _filter: offered.append(suggested) or (str(chosen), ""))
    page.backup_to_file.click()
    qtbot.waitUntil(lambda: "已备份" in page.status.text(), timeout=15000)
    assert Path(offered[0]).name.startswith("desk_app-备份-") and offered[0].endswith(".zip")
    assert [p.name for p in chosen.parent.iterdir()] == ["台账备份.zip"]
    assert str(chosen) + ".zip" in page.status.text()
    assert backups.describe(chosen.parent / "台账备份.zip").counts["entries"] == 450


def test_delete_selected_asks_then_removes_the_backup(page, monkeypatch):
    made = backups.create_backup("manual")
    page.refresh()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    page.table.selectRow(0)
    page.delete_chosen()
    assert "删除后不能再用它恢复" in asked[0] and "最新的一份完好备份" in asked[0]
    assert not made.exists() and page.table.rowCount() == 0 and "已删除" in page.status.text()
