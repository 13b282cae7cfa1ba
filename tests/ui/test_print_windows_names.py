"""A document title becomes the preview's temporary file and the suggested name of 另存为 / 导出PDF: on
Windows it must be a name the system takes (a 专班 called "CON", a title with ":" or 300 characters)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

from desk_app.reports.options import PrintOptions
from desk_app.services.ledger_query import LedgerFilter, fetch_entries

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desk_app"))
from windows_sim import windows_name_problem, windows_names  # noqa: E402


@pytest.mark.parametrize("title", ["CON", "LPT1.台账", "第1次：推进会*纪要?", "整改" * 150, "..", "aux"])
def test_preview_files_and_suggested_names_are_windows_names(qtbot, demo, monkeypatch, title):
    from ui.app import create_application
    from ui.views import print_actions

    create_application()
    folder = print_actions.preview_folder()
    # The names come from the title alone: a ledger of one entry, not the demo's 450 rendered six times.
    first = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id), limit=1)[0]
    one_entry = LedgerFilter(campaign_id=demo.campaign_id, text=first.code)
    with windows_names(monkeypatch, tempfile.gettempdir()) as problems:
        before = len(print_actions._open_windows)
        print_actions.show_preview(None, "ledger", PrintOptions(title=title, filter=one_entry))
        qtbot.waitUntil(lambda: len(print_actions._open_windows) > before, timeout=20000)
    window = print_actions._open_windows[-1]
    try:
        assert not problems, problems
        assert window.pdf_path.parent == folder and window.pdf_path.is_file()
        assert windows_name_problem(str(folder / window.suggested_name), str(folder)) is None
        assert window.suggested_name.endswith(".pdf")
    finally:
        window.close()
