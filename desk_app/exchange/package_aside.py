"""A package's field checks on the second core: a forked child asks them while this process compares the package
with the data here.

Checking every field of a 20,000-entry package (package_read.checked_members) takes about a CPU second, and so
does comparing it with the data here (package_import), which reads the database only. The clerks' PCs have two
cores or more: after the members are parsed, a child forked from this process (it shares the parsed members,
copy-on-write, so nothing is parsed or sent twice) runs checked_members on them and answers in a few bytes
through a pipe — passed, or the exact message of the problems — while this process compares. Nothing is shown
and nothing is written before the answer: a package the child refuses is refused with its message, exactly as
if this process had checked (the comparison's own result or error is dropped then), and the comparison never
writes. Without fork (Windows), or in a process running other threads (the window: forking one is unsafe), or
when the child gives no answer (killed, out of memory), this process checks itself, as before.
"""

from __future__ import annotations

import os
import sys
import threading
from contextlib import suppress

from desk_app.errors import InputFileError

from .package_read import PackageData, checked_members

_PASSED = b"+"
_REFUSED = b"-"


class AsideCheck:
    """The forked child checking a package's fields; answer() waits for it."""

    def __init__(self, pid: int, reader: int, data: PackageData, loaded: dict):
        self._pid, self._reader = pid, reader
        self._data, self._loaded = data, loaded

    def answer(self) -> None:
        """Returns when every field passed; InputFileError with the problems otherwise (checked here if the child
        gave no answer)."""
        chunks = []
        try:
            while chunk := os.read(self._reader, 65536):
                chunks.append(chunk)
        finally:
            self._close()
        reply = b"".join(chunks)
        if reply == _PASSED:
            return
        if reply.startswith(_REFUSED):
            raise InputFileError(reply[1:].decode("utf-8"))
        checked_members(self._data, self._loaded)  # no answer: the child died; ask here

    def cancel(self) -> None:
        """The child stopped (the comparison failed for a reason of its own, or Ctrl+C)."""
        with suppress(ProcessLookupError):
            os.kill(self._pid, 9)
        self._close()

    def _close(self) -> None:
        if self._reader < 0:
            return
        os.close(self._reader)
        self._reader = -1
        with suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def single_threaded() -> bool:
    """This process runs one thread, Python's or native (a Qt program has native ones threading does not list)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc (BSD, macOS): the threads Python knows of, and no Qt loaded
        return threading.active_count() == 1 and "PySide6" not in sys.modules


def start(data: PackageData, loaded: dict) -> AsideCheck | None:
    """A child checking `loaded` (checked_members on a copy-on-write view of this process), or None where this
    process must check itself: no fork on this system, or other threads running (a fork copies only the
    calling thread; a lock another one held would stay locked in the child)."""
    if not hasattr(os, "fork") or not single_threaded():
        return None
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, answer, and leave without running any of the parent's exit handlers
        try:
            os.close(reader)
            try:
                checked_members(data, loaded)
                reply = _PASSED
            except InputFileError as exc:
                reply = _REFUSED + exc.message.encode("utf-8")
            view = memoryview(reply)
            while view:
                view = view[os.write(writer, view):]
        finally:
            os._exit(0)
    os.close(writer)
    return AsideCheck(pid, reader, data, loaded)
