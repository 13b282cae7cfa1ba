"""Progress reporting and cancel for long exports and imports, without any GUI dependency."""

from __future__ import annotations

from collections.abc import Callable

from desk_app.errors import DeskAppError

# progress(done, total, text="") -> False once the user asked to stop.
Progress = Callable[..., bool]


class Cancelled(DeskAppError):
    """The user pressed 取消; nothing was written."""

    def __init__(self, message: str = "已取消，没有写入任何内容。"):
        super().__init__(message)


def report(progress: Progress | None, done: int, total: int, text: str = "") -> None:
    """Tell the caller how far we are; stop with Cancelled when it says so."""
    if progress is not None and progress(done, total, text) is False:
        raise Cancelled()
