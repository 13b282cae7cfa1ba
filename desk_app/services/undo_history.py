"""What the GUI's undo stacks must forget: the services note every change that cannot be undone.

Undo commands replay earlier values only after checking the entry is still as the command left it
(services/ledger_bulk). Some changes are not undoable at all — the 销号 workflow's steps, imports,
restores, demo data, permanent deletion — and after one of them an undo stack's older commands
would step around it; so those services call ``irreversible(reason)`` and a page compares
``generation()`` with the one it saw when it pushed its commands, clearing its stack (with a note)
when they differ. Process-local: a second window on the same data is read-only.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_generation = 0
_reason = ""


def irreversible(reason: str) -> None:
    """Record that something that cannot be undone just happened (reason: what, in Chinese)."""
    global _generation, _reason
    with _lock:
        _generation += 1
        _reason = reason


def generation() -> int:
    return _generation


def last_reason() -> str:
    return _reason
