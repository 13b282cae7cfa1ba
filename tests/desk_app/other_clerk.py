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
        # Another program: its writes are not this one's, so this program's change poller is not told of them.
        listeners = list(context._write_listeners)  # noqa: SLF001 - the caller waits in join() meanwhile
        context._write_listeners.clear()  # noqa: SLF001
        try:
            if actor:
                context.set_actor(actor)
            out["value"] = func(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            out["error"] = exc
        finally:
            context._write_listeners[:] = listeners  # noqa: SLF001
            context.set_actor(before)
            session.release_thread_connection()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in out:
        raise out["error"]
    return out.get("value")
