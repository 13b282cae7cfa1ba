"""The one progress-and-cancel contract of long work, in the core and in the GUI alike.

Long work takes ``progress(done, total, text="")``; the callable returns False once the user asked
to stop, and the work then raises ``Cancelled`` (through ``report``) before writing anything, or
rolls back what it started. ui.tasks runs such work on a worker thread and treats ``Cancelled``
as "the user stopped it", not as a failure.
"""

from __future__ import annotations

from collections.abc import Callable

from desk_app.errors import DeskAppError

# progress(done, total, text="") -> False once the user asked to stop.
Progress = Callable[..., bool | None]


class Cancelled(DeskAppError):
    """The user pressed 取消; nothing was written (or what was started has been rolled back)."""

    def __init__(self, message: str = "已取消，没有写入任何内容。"):
        super().__init__(message)


def report(progress: Progress | None, done: int, total: int, text: str = "") -> None:
    """Tell the caller how far we are; stop with Cancelled when it says so."""
    if progress is not None and progress(done, total, text) is False:
        raise Cancelled()


def quiet(done: int, total: int, text: str = "") -> bool:
    """A progress callable for callers that show nothing and never cancel."""
    return True
