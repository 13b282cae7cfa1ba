"""PySide6 6.12 on Python 3.11 drops a reference to True on every emit(); importing ui guards against it."""

import subprocess
import sys

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


def test_the_guard_is_still_needed_or_can_go():
    """Fails loudly when a PySide6 or Python upgrade fixes the leak, so the workaround can be removed."""
    import pytest

    if sys.version_info >= (3, 12):
        pytest.skip("True and None are immortal from Python 3.12 on")
    result = _run("")
    assert result.returncode != 0 and "bool_dealloc" in result.stderr, (
        "PySide6 no longer leaks references on emit(): remove ui/pyside_workarounds.py")
