"""The core never needs Qt; the UI never reaches past the services."""

import ast
import functools
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

# One worker runs them all, so the files parsed for one test are read from the cache by the next.
pytestmark = pytest.mark.xdist_group("architecture")

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _source(path: Path) -> str:
    # Identifiers are NFKC-normalised by the parser (a full-width name imports the ASCII one): the
    # pre-check below reads the text the way the parser does.
    return unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))


@functools.cache
def _imports(path: Path) -> frozenset[str]:
    """Every absolute import in the file, at any depth (lazy ones inside functions too), parsed once per
    session for the tests below. An import is a statement, so only statements are walked (expressions,
    the bulk of the tree, cannot hold one)."""
    names = set()
    pending = list(ast.parse(_source(path)).body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        for value in vars(node).values():
            if isinstance(value, list):
                pending.extend(v for v in value if isinstance(v, (ast.stmt, ast.excepthandler, ast.match_case)))
    return frozenset(names)


def _offenders(folders: tuple[str, ...], packages: tuple[str, ...], forbidden) -> dict[str, set[str]]:
    """{file: its imports that forbidden(name) rejects}, over every .py file in folders. Every rejected
    name lies in one of the top-level packages; a file that never spells any of them as a word cannot
    import them and is not parsed (most of the core never mentions Qt)."""
    spelled = re.compile(r"\b(?:" + "|".join(map(re.escape, packages)) + r")\b")
    offenders = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if not spelled.search(_source(path)):
                continue
            bad = {n for n in _imports(path) if forbidden(n)}
            if bad:
                offenders[str(path.relative_to(ROOT))] = bad
    return offenders


def test_core_never_imports_qt_or_ui():
    qt_or_ui = ("PySide6", "shiboken6", "ui")
    assert _offenders(("desk_app",), qt_or_ui, lambda n: n.split(".")[0] in qt_or_ui) == {}


def test_ui_reaches_data_only_through_services():
    storage = ("peewee", "playhouse", "sqlite3")
    assert _offenders(("ui",), (*storage, "desk_app"),
                      lambda n: n.split(".")[0] in storage or n.startswith("desk_app.db")) == {}


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
    network = ("socket", "urllib", "http", "requests", "ftplib", "smtplib")
    assert _offenders(("desk_app", "ui"), (*network, "PySide6"),
                      lambda n: n.split(".")[0] in network or n.startswith("PySide6.QtNetwork")) == {}


def test_only_the_database_layer_speaks_to_a_server():
    """The one network connection the program may open is to the PostgreSQL server the clerk configured:
    the driver is imported by the database layer alone (engine_postgres and its helpers)."""
    allowed = {"desk_app/db/engine.py", "desk_app/db/engine_postgres.py", "desk_app/db/pg_cluster.py",
               "desk_app/db/lean_peewee.py"}
    drivers = ("psycopg", "psycopg2", "psycopg_binary")
    users = set(_offenders(("desk_app", "ui"), drivers, lambda n: n.split(".")[0] in drivers))
    assert users <= allowed and "desk_app/db/engine_postgres.py" in users
