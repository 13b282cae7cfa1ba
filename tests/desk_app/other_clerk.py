"""Another clerk's program, for tests of concurrent edits: a second connection to the same database file.

peewee keeps one connection per thread, so a call made in another thread writes through a connection of
its own, as another program on a shared SQLite file would."""

from __future__ import annotations

import threading

from desk_app.services import context, session


def elsewhere(func, *args, actor: str | None = None, **kwargs):
    """func(*args, **kwargs) in another thread with its own connection (as `actor`, when given); its result."""
    out = {}

    def run():
        before = context.actor()
        try:
            if actor:
                context.set_actor(actor)
            out["value"] = func(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            out["error"] = exc
        finally:
            context.set_actor(before)
            session.release_thread_connection()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in out:
        raise out["error"]
    return out.get("value")
