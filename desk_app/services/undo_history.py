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
# Items changed by a path outside the pages' undo (设置 › 回收站 restoring an entry): (kind, id) -> (mark, why).
# A page's steps on those items are no longer true (its "撤销 删除" would restore what is already back).
_elsewhere: dict[tuple[str, int], tuple[int, str]] = {}
_elsewhere_mark = 0


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


def changed_elsewhere(kind: str, ids, reason: str) -> None:
    """Record that these items were changed where no undo stack sees it (reason: what, in Chinese)."""
    global _elsewhere_mark
    with _lock:
        _elsewhere_mark += 1
        for item_id in ids:
            _elsewhere[(kind, item_id)] = (_elsewhere_mark, reason)


def elsewhere_mark() -> int:
    return _elsewhere_mark


def changed_since(kind: str, ids, mark: int) -> str:
    """Why one of these items was changed elsewhere after `mark` ('' when none was)."""
    for item_id in ids:
        seen = _elsewhere.get((kind, item_id))
        if seen is not None and seen[0] > mark:
            return seen[1]
    return ""
