"""PySide6's look at every module imported after it, answered without tokenizing the module's source.

For its opt-in ``from __feature__ import snake_case``, PySide6 replaces ``__import__``; after every import
statement that names a module it has not seen, it asks whether the module uses PySide by reading the whole
source through ``inspect.getsource`` (linecache, tokenize) and looking for "PySide6" in it. About 170 modules
are named before the ledger's first rows: 40–50 ms of CPU (bench/ledger.py, measured with a timer around
PySide6's check), a sixth of what an empty window costs in all.

The same answer for less: the standard library never names PySide6; a module read from a .py file is
searched as bytes ("PySide6" is ASCII, so the bytes hold it exactly when the text does); anything else
(builtins, compiled or zipped modules) still goes to PySide6's own check. install() replaces that check only
where PySide6 has the function this was written against; otherwise it does nothing.
"""

from __future__ import annotations

import sys

_NEEDLE = b"PySide6"
_original = None  # PySide6's own check, once install() replaced it


def uses_pyside(module, original) -> bool:
    """PySide6's answer for `module` (its source names PySide6), read cheaply where possible."""
    name = getattr(module, "__name__", "")
    if name.partition(".")[0] in sys.stdlib_module_names:
        return False
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return _NEEDLE in source.read()
        except OSError:
            pass
    return original(module)


def install() -> bool:
    """Answer PySide6's per-import check through uses_pyside(). True when installed (now or before)."""
    global _original
    if _original is not None:
        return True
    feature = sys.modules.get("shibokensupport.feature")  # there once PySide6.QtCore is imported
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original):
        return False
    _original = original
    feature._mod_uses_pyside = lambda module: uses_pyside(module, original)
    return True


def original_check():
    """PySide6's own check (None before install()): the tests compare the answers."""
    return _original
