"""The cycle collector paused while the window opens, resumed once its first page has painted.

Opening the window imports a few hundred modules and builds the first page: some hundred thousand objects,
every one a candidate for Python's cycle collector, which walks the young ones a hundred times over before
the first rows show (30–40 ms of CPU measured with gc.callbacks on bench/ledger.py's start, for a few hundred
objects collected). Nothing that start makes needs collecting at once, so the collector waits until the
clerk sees the page, then runs as before (and collects whatever cycles were left meanwhile).
"""

from __future__ import annotations

import gc

# After the first page's paint: well before a clerk's first keystroke, after what the start shows.
RESUME_AFTER_MS = 500
# Whatever happens (a page that never paints: a minimised start), the collector runs again this long after the page.
RESUME_AT_LATEST_MS = 5000

_paused = False
_was_enabled = False


def pause() -> None:
    """Stop the cycle collector until resume() (no-op when already paused here)."""
    global _paused, _was_enabled
    if _paused:
        return
    _was_enabled = gc.isenabled()
    gc.disable()
    _paused = True


def resume() -> None:
    """Let the collector run again, as it was before pause()."""
    global _paused
    if not _paused:
        return
    _paused = False
    if _was_enabled:
        gc.enable()


def resume_after_paint(page) -> None:
    """resume() RESUME_AFTER_MS after `page` (the window's first page, just built) has painted, or at the latest
    RESUME_AT_LATEST_MS from now (no context object: it must run even if the window is gone by then)."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415 - this module is imported before Qt

    from .first_paint import after_first_paint  # noqa: PLC0415

    after_first_paint(page, RESUME_AFTER_MS, resume)
    QTimer.singleShot(RESUME_AT_LATEST_MS, resume)


def paused() -> bool:
    return _paused
