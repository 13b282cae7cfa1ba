"""打开 on an evidence file whose name came from a package (issue 13, items 1 and 7): the system opener
gets a fresh copy inside the temporary folder under a safe name; a program file is not opened."""

import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desk_app.db.models import Attachment, LedgerEntry
from desk_app.services import attachments


@pytest.fixture
def editor(qtbot, demo, tmp_path, monkeypatch):
    from ui.app import create_application
    from ui.views import entry_tabs
    from ui.views.entry_editor import EntryEditor

    create_application()
    entry = LedgerEntry.select().first()
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 evidence")
    attachments.add_attachment(entry.id, source)
    opened, warnings = [], []
    monkeypatch.setattr(entry_tabs.QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    widget = EntryEditor(demo.campaign_id, entry.id)
    qtbot.addWidget(widget)
    return widget, opened, warnings


def _open(editor, name: str):
    widget, opened, warnings = editor
    Attachment.update(file_name=name).execute()
    tab = widget.attachments_tab
    tab.load(widget.entry_id)
    tab.table.setCurrentCell(0, 0)
    tab.open_selected()
    return opened, warnings


@pytest.mark.parametrize("name", ["/root/.bashrc", "../../../../tmp/evil.pdf", "CON", "aux.txt", "a:b*?",
                                  "长" * 300])
def test_open_writes_only_inside_a_fresh_temporary_folder(editor, name):
    opened, warnings = _open(editor, name)
    assert not warnings and len(opened) == 1
    target = opened[0].resolve()
    assert target.parent.parent == Path(tempfile.gettempdir()).resolve()
    assert target.read_bytes() == b"%PDF-1.4 evidence"


def test_a_script_from_a_package_is_not_opened(editor):
    opened, warnings = _open(editor, "Startup/整改说明.bat")
    assert opened == [] and "不直接打开" in warnings[0]
