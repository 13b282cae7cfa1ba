"""Who is acting and what day it is: every service asks here, so tests and demos can pin both."""

from __future__ import annotations

import functools
import getpass
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from desk_app.db.database import is_read_only
from desk_app.errors import ReadOnlyError

_actor: str | None = None
_today: date | None = None
_thread = threading.local()  # a day pinned for one thread only (a frozen month's print in a worker)


def set_actor(name: str | None) -> None:
    global _actor
    _actor = name or None


def actor() -> str:
    if _actor:
        return _actor
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some kiosk setups
        return ""


def set_today(day: date | None) -> None:
    """Pin 'today' (tests, demo data, reproducible prints); None returns to the real date."""
    global _today
    _today = day


@contextmanager
def today_in_this_thread(day: date) -> Iterator[None]:
    """Pin 'today' for the calling thread only, e.g. while a worker prints a frozen month as of its
    report day; other threads (the window) keep their day."""
    before = getattr(_thread, "today", None)
    _thread.today = day
    try:
        yield
    finally:
        _thread.today = before


def _pinned() -> date | None:
    return getattr(_thread, "today", None) or _today


def today() -> date:
    return _pinned() or date.today()


def now() -> datetime:
    pinned = _pinned()
    if pinned:
        return datetime.combine(pinned, datetime.now().time()).replace(microsecond=0)
    return datetime.now().replace(microsecond=0)


def writes(func=None, *, allow=None):
    """Run a service write in one transaction (retried as a whole when another writer got in the way:
    services/concurrency), refusing it in read-only mode and when the clerk's role does not allow it
    (services/roles: only 活动办 by default; `allow` names what a liaison may do and on which records).

        @context.writes
        @context.writes(allow=roles.Allow(roles.PROGRESS, "entry_id"))
    """
    if func is None:
        return functools.partial(writes, allow=allow)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from . import concurrency, roles  # noqa: PLC0415 - both need the bound models

        if is_read_only():
            raise ReadOnlyError("数据正在另一个窗口中编辑，当前为只读模式，不能保存修改。")
        depth = getattr(_thread, "write_depth", 0)
        _thread.write_depth = depth + 1
        try:
            with roles.guarded(wrapper, args, kwargs):
                result = concurrency.run_write(func, *args, **kwargs)
        finally:
            _thread.write_depth = depth
        if depth == 0:  # committed: tell who listens (the window's change poller) it was this program
            for listener in tuple(_write_listeners):
                listener()
        return result

    wrapper.write_allow = allow  # what roles.guarded checks (None: 活动办 only)
    return wrapper


_write_listeners: list = []


def on_own_write(listener) -> None:
    """Call listener() after each write of this program has committed (in the writing thread). The change
    poller moves its cursor on, so a clerk's own save never comes back as "somebody changed data"."""
    if listener not in _write_listeners:
        _write_listeners.append(listener)


def forget_own_write_listener(listener) -> None:
    if listener in _write_listeners:
        _write_listeners.remove(listener)
