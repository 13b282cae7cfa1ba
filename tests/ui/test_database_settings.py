"""设置 › 数据库: try an address (the answer names what is there or what is wrong), save it for the data
folder, back to this PC's file."""

import json

from PySide6.QtWidgets import QMessageBox

from desk_app.db import connection


def test_an_address_is_tried_on_a_worker_then_saved(qtbot, db, pg_database, pg_server, monkeypatch):
    from ui.app import create_application
    from ui.views.database_settings import DatabaseSettings

    create_application()  # installs the zh_CN catalogues

    url = pg_database("empty")
    monkeypatch.delenv("DESK_APP_DATABASE")  # this window was started on the PC's file
    section = DatabaseSettings(None)
    qtbot.addWidget(section)
    assert section.local.isChecked() and not section.url.isEnabled() and "默认" in section.current.text()

    section.shared.setChecked(True)
    section.url.setText(pg_server.url("no_such_db"))
    section.test_connection()
    qtbot.waitUntil(lambda: "没有这个数据库" in section.result.text(), timeout=15000)
    section.url.setText(url)
    section.test_connection()
    qtbot.waitUntil(lambda: "连接成功" in section.result.text(), timeout=15000)
    assert "台账 0 条" in section.result.text()

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    section.save()
    assert told and "重新启动" in told[0]
    assert json.loads(connection.setting_path().read_text(encoding="utf-8")) == {"url": url}
    assert "设置 › 数据库" in section.current.text() and section.shared.isChecked()

    section.local.setChecked(True)
    section.save()
    assert not connection.setting_path().exists() and connection.configured_url() == "sqlite"


def test_a_bad_address_is_not_saved(qtbot, db, monkeypatch):
    from ui.app import create_application
    from ui.views.database_settings import DatabaseSettings

    create_application()  # installs the zh_CN catalogues

    section = DatabaseSettings(None)
    qtbot.addWidget(section)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    section.shared.setChecked(True)
    section.save()
    section.url.setText("mysql://office/ledger")
    section.save()
    assert "请填写" in warned[0] and "不认识的类型" in warned[1]
    assert not connection.setting_path().exists()


def test_testing_an_empty_shared_address_asks_for_one(qtbot, db, monkeypatch):
    from ui import tasks
    from ui.app import create_application
    from ui.views.database_settings import DatabaseSettings

    create_application()
    section = DatabaseSettings(None)
    qtbot.addWidget(section)
    started = []
    monkeypatch.setattr(tasks, "start", started.append)
    section.shared.setChecked(True)
    section.url.setText("  ")
    section.test_connection()
    assert "请填写" in section.result.text() and "SQLite" not in section.result.text() and not started
