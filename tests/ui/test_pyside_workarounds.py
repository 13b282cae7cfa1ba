"""PySide6 6.12 on Python 3.11 drops a reference to True on every emit(); importing ui guards against it
there and only there (version-gated: Python 3.12+ and PySide6 before 6.12 need nothing)."""

import subprocess
import sys

import pytest

from ui import pyside_workarounds

SCRIPT = """
import sys
{guard}
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    fired = Signal()
e = Emitter()
e.fired.connect(lambda: None)
for _ in range(5000):
    e.fired.emit()
print("survived")
"""


def _run(guard: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT.format(guard=guard)], capture_output=True, text=True,
                          timeout=60)


def test_many_emits_survive_once_ui_is_imported():
    result = _run("import ui")
    assert result.returncode == 0, result.stderr
    assert "survived" in result.stdout


def test_the_gate_matches_what_this_pyside6_really_does():
    """Unguarded, 5,000 emits abort exactly where the gate says the guard is needed. Fails loudly when a
    PySide6 release fixes the leak (then raise FIRST_LEAKING to a range, or drop the module)."""
    result = _run("")
    leaks = result.returncode != 0 and ("bool_dealloc" in result.stderr or "none_dealloc" in result.stderr)
    if sys.version_info >= (3, 12):
        pytest.skip("True and None are immortal from Python 3.12 on: nothing to observe")
    assert leaks == pyside_workarounds.needed(), (
        f"PySide6 {'leaks' if leaks else 'does not leak'} but the gate says "
        f"{'needed' if pyside_workarounds.needed() else 'not needed'}: adjust ui/pyside_workarounds.py")
    assert pyside_workarounds.active() == leaks


@pytest.mark.parametrize(("python", "pyside", "expected"), [
    ((3, 11), (6, 8, 0), False),
    ((3, 11), (6, 11, 3), False),
    ((3, 11), (6, 12, 0), True),
    ((3, 12), (6, 12, 0), False),
    ((3, 13), (6, 8, 3), False),
])
def test_the_gate(python, pyside, expected):
    assert pyside_workarounds.needed(python, pyside) is expected


def test_the_version_read_from_pyside6s_own_config_is_the_installed_one():
    """`import ui` reads PySide6's version from its _config.py (importlib.metadata costs the start a tenth of
    a second); it must agree with the package metadata."""
    from importlib import metadata

    shipped = pyside_workarounds._version_from_config()
    version = next(metadata.version(d) for d in ("PySide6-Essentials", "PySide6")
                   if _installed(metadata, d))
    assert shipped == tuple(int(p) for p in version.split(".")[:2])
    assert pyside_workarounds.installed_pyside() == shipped


def _installed(metadata, distribution: str) -> bool:
    try:
        metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True
