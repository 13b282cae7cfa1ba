"""What the start pays for before the clerk sees the first page (issue 12's open_s, bench/ledger.py): no
page but the one it opens on is built, and nothing only printing, exchanging files or another page needs
is imported. Measured in a fresh process, as the program starts: sys.modules after the first page."""

import json
import os
import subprocess
import sys

import pytest

from desk_app.db.migrations import NAMES as MIGRATION_NAMES

# The libraries of print, Excel/Word exchange, name sorting, charts, PDF preview and the PostgreSQL driver.
LIBRARIES = ("reportlab", "openpyxl", "python_calamine", "xlsxwriter", "docx", "pypinyin", "pypdfium2",
             "psycopg", "psycopg_binary", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtNetwork")
OTHER_PAGES = ("taskforce_page", "meeting_page", "stats_page", "bulletin_page", "ranking_page", "registers_page",
               "settings_page")
# Modules only a click opens: the entry editor, exports and imports, the settings dialogs, the preview.
ON_DEMAND = ("ui.views.chart_panel", "ui.views.entry_editor", "ui.views.print_preview", "ui.views.dispatch_dialog",
             "ui.views.exchange_export_dialog", "ui.views.exchange_import_wizard", "ui.views.backup_settings",
             "ui.views.ledger_extend_dialog", "ui.views.monthly_freeze_dialog", "desk_app.exchange.xlsx_read",
             "desk_app.exchange.xlsx_export", "desk_app.exchange.package", "desk_app.exchange.docx_export",
             "desk_app.services.backup_restore", "desk_app.services.backup_daily", "desk_app.services.integrity",
             "desk_app.services.compliance", "desk_app.services.supervision",
             # loaded with the first document, bulk change, 延期, copy; PostgreSQL's engine only for it
             "desk_app.reports.layout", "desk_app.services.ledger_bulk", "desk_app.services.ledger_extend",
             "ui.views.ledger_copy", "desk_app.db.open_postgres", "desk_app.db.engine_postgres",
             # the write path of entries (numbering, checks, 配合 names, new entries) and its dialogs load with the
             # first change; the preview reads through entry_records and progress_read
             "desk_app.services.ledger", "desk_app.services.workflow", "desk_app.services.ledger_create",
             "desk_app.services.entry_codes", "desk_app.services.assists", "desk_app.db.bulk_insert",
             "ui.views.ledger_dialogs", "ui.views.entry_fields",
             # the migration modules: a current database is opened on its version number alone
             *(f"desk_app.db.migrations.{name}" for name in MIGRATION_NAMES))

# Modules only a first record or a typed date needs: uuid (and platform with its regexes; the lock
# names the host by socket.gethostname), the date parser's patterns.
FIRST_USE = ("uuid", "platform", "desk_app.exchange.dates")

SCRIPT = """
import enum, json, os, sys

built_enums = []  # PySide6 builds a class's Python enums when the class is first used (a few hundred µs each)
_create = enum.EnumType._create_
enum.EnumType._create_ = lambda cls, name, *args, **kw: built_enums.append(name) or _create(cls, name, *args, **kw)
from PySide6.QtCore import QEventLoop, QSettings
from ui.app import create_application, open_window

app = create_application([sys.argv[0]])
QSettings().setValue("main_window/page", sys.argv[1])
window = open_window(checks=False)
ready = []
window.first_page_ready.connect(lambda: ready.append(True))
while not ready:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
app.processEvents()
built = sorted(k for k in window.pages)
print(json.dumps({"modules": sorted(sys.modules), "built": built, "enums": built_enums,
                  "rows": window.pages[sys.argv[1]].model.rowCount() if sys.argv[1] == "ledger" else None}))
sys.stdout.flush()
os._exit(0)
"""


def _start(page: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT, page], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _imported(modules: list[str], names) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


@pytest.fixture
def data(demo):
    from desk_app.services import session

    session.close_data()  # the child takes the folder's lock
    return demo


def test_the_start_on_the_ledger_builds_and_imports_only_what_its_first_rows_need(data):
    started = _start("ledger")
    assert started["built"] == ["ledger"] and started["rows"] == data.entries
    modules = started["modules"]
    assert _imported(modules, LIBRARIES) == []
    assert _imported(modules, [f"ui.views.{p}" for p in (*OTHER_PAGES, "home_page")]) == []
    assert _imported(modules, ON_DEMAND) == []
    assert _imported(modules, FIRST_USE) == []
    # The rows' red and grey brushes come without QGradient's and QImage's enums (ledger_cell_look.solid_brush).
    assert not {"Preset", "InterpolationMode", "InvertMode"} & set(started["enums"])


def test_the_start_on_home_builds_no_ledger(data):
    started = _start("home")
    assert started["built"] == ["home"]
    modules = started["modules"]
    assert _imported(modules, [m for m in LIBRARIES if m != "PySide6.QtCharts"]) == []  # 首页 draws its charts
    assert _imported(modules, [f"ui.views.{p}" for p in (*OTHER_PAGES, "ledger_page")]) == []


def test_the_launcher_reaches_the_window_without_the_postgresql_driver(tmp_path):
    """desk-app without a command: the command line's globals are read, then the window (not opened here)."""
    code = ("import json, sys, ui.app; ui.app.run = lambda **_: 0; import ui.launcher as launcher;"
            "rc = launcher.main(['--data-dir', sys.argv[1]]);"
            "print(json.dumps(sorted(sys.modules))); raise SystemExit(rc)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert _imported(modules, (*LIBRARIES, "importlib.metadata")) == []
