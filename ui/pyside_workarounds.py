"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

Measured here: every ``SignalInstance.emit()`` called from Python lowers the reference count of
``True`` by one (it hands back True without a new reference), and some calls of void C++ methods
from Python do the same to ``None``. ``True`` starts with about 600 references, so after a few
hundred emits (a clerk filling the 调度 list) CPython frees it and aborts with "bool_dealloc".
Python 3.12 makes these singletons immortal; on 3.11 we give them a reference count so large that
no session can use it up, which is what immortality amounts to. Nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40
_done = False


def protect_singletons() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (True, False, None):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _done = True
