"""The core never needs Qt; the UI never reaches past the services."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_qt_or_ui():
    offenders = {}
    for path in (ROOT / "desk_app").rglob("*.py"):
        bad = {n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6", "ui")}
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_ui_reaches_data_only_through_services():
    offenders = {}
    for path in (ROOT / "ui").rglob("*.py"):
        bad = {n for n in _imports(path)
               if n.split(".")[0] in ("peewee", "playhouse", "sqlite3") or n.startswith("desk_app.db")}
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


BLOCK_QT = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'ui'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
"""


def test_every_core_module_imports_with_qt_blocked():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "desk_app").rglob("*.py") if p.name != "__main__.py"
    )
    code = BLOCK_QT + f"import importlib\nfor m in {modules!r}:\n    importlib.import_module(m.removesuffix('.__init__'))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_core_opens_no_network_connection():
    offenders = {}
    for folder in ("desk_app", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            bad = {n for n in _imports(path)
                   if n.split(".")[0] in ("socket", "urllib", "http", "requests", "ftplib", "smtplib")
                   or n.startswith("PySide6.QtNetwork")}
            if bad:
                offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_only_the_database_layer_speaks_to_a_server():
    """The one network connection the program may open is to the PostgreSQL server the clerk configured:
    the driver is imported by the database layer alone (engine_postgres and its helpers)."""
    allowed = {"desk_app/db/engine.py", "desk_app/db/engine_postgres.py", "desk_app/db/pg_cluster.py"}
    users = {str(p.relative_to(ROOT)) for folder in ("desk_app", "ui") for p in (ROOT / folder).rglob("*.py")
             if any(n.split(".")[0] in ("psycopg", "psycopg2", "psycopg_binary") for n in _imports(p))}
    assert users <= allowed and "desk_app/db/engine_postgres.py" in users
