"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

Measured here: with PySide6 6.12, every ``SignalInstance.emit()`` called from Python lowers the
reference count of ``True`` by one (it hands back True without a new reference), and some calls of void
C++ methods from Python do the same to ``None``. ``True`` starts with about 600 references, so after a
few hundred emits (a clerk filling the 调度 list) CPython frees it and aborts with "bool_dealloc".
PySide6 6.8.0, 6.9.3, 6.10.0, 6.11.0 and 6.11.3 do not leak (checked with 5,000 emits on Python 3.11).
Python 3.12 makes these singletons immortal, so the leak is harmless there. Only where both meet —
PySide6 6.12 or newer on Python 3.11 — do we give them a reference count so large that no session can
use it up, which is what immortality amounts to. Nothing else changes.
tests/ui/test_pyside_workarounds.py says when a PySide6 release fixes it, so the gate can be narrowed.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from pathlib import Path

_RESERVE = 1 << 40
FIRST_LEAKING = (6, 12)
_done = False


def needed(python: tuple[int, int] | None = None, pyside: tuple[int, ...] | None = None) -> bool:
    """Whether this Python and PySide6 need the guard (arguments for tests; default: the running ones)."""
    if sys.implementation.name != "cpython":
        return False
    if python is None:
        python = sys.version_info[:2]
    if python >= (3, 12):
        return False
    if pyside is None:
        pyside = installed_pyside()
    return pyside is None or tuple(pyside[:2]) >= FIRST_LEAKING


def installed_pyside() -> tuple[int, ...] | None:
    """PySide6's version from the package metadata, without importing Qt (`import ui` must not: the
    command line runs without it). None when unknown (a bundle without metadata): then the guard is
    applied, which costs nothing where it is not needed."""
    shipped = _version_from_config()
    if shipped is not None:
        return shipped
    from importlib import metadata  # noqa: PLC0415 - a tenth of a second at start-up: only as the fallback

    for distribution in ("PySide6-Essentials", "PySide6"):
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
        return tuple(int(part) for part in version.split(".")[:2] if part.isdigit())
    return None


def _version_from_config() -> tuple[int, ...] | None:
    """The version PySide6 writes into its own _config.py, read without importing PySide6 (cheaper than
    importlib.metadata, which the start of the window would otherwise wait for)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.origin:
        return None
    try:
        text = (Path(spec.origin).parent / "_config.py").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None  # a frozen bundle keeps it in its archive
    for line in text.splitlines():  # version_info = (6, 12, 0, "", "")
        name, _, value = line.partition("=")
        if name.strip() == "version_info":
            parts = [p.strip() for p in value.strip().lstrip("(").split(",")[:2]]
            return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None
    return None


def protect_singletons() -> None:
    global _done
    if _done or not needed():
        return
    for singleton in (True, False, None):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _done = True


def active() -> bool:
    return _done
