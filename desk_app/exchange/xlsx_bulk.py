"""Bulk work on a whole sheet without Python's cycle collector running through it.

Reading, planning and writing 10,000 rows allocates some millions of small objects (cells, rows, row
plans, entries, statement parameters) that are all alive until the step ends and form no cycles. The
collector, triggered by the allocations alone, walked every live object again and again: some 0.3 s of
a 10,000-row preview and as much of its write, for nothing freed. So it is paused for the step and
resumed after it (on return or on an error); objects left behind are collected at its next run as usual.
Nested and concurrent steps (a preview in the window while a worker writes) resume it only when the
last one ends.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"steps": 0, "was_enabled": False}


@contextmanager
def without_cycle_collector():
    """Usable as `with without_cycle_collector():` or as a decorator."""
    with _lock:
        if _state["steps"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["steps"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["steps"] -= 1
            if _state["steps"] == 0 and _state["was_enabled"]:
                gc.enable()
