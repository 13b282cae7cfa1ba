"""One writer per data folder: a lock file holding pid, host and start time.

The lock is an OS file lock (flock / msvcrt) on `desk_app.lock` in the data folder, so it vanishes
with the process that held it, whatever way that process died. The pid/host/time written into the
file only serve the message shown to a second instance, and to recognise a stale file left by a
crash (logged, then taken over). A second instance can ask the first to bring its window forward by
writing a request file that the first one watches (no sockets: the program never opens a network
connection, not even a local one).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app import __version__

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "desk_app.lock"
RAISE_REQUEST_NAME = "desk_app.raise-request"


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    started_at: str
    version: str = ""

    def describe(self) -> str:
        where = "本机" if self.host == _host() else f"计算机“{self.host}”"
        return f"{where}上的进程 {self.pid}（{self.started_at} 启动）"


@dataclass(frozen=True)
class LockResult:
    acquired: bool
    owner: LockOwner | None = None  # who holds it when not acquired
    stale_cleared: LockOwner | None = None  # a dead holder's leftover we took over
    error: str = ""  # why we could not even try (e.g. read-only folder), in Chinese


class _Held:
    def __init__(self, folder: Path, handle):
        self.folder = folder
        self.handle = handle


_held: _Held | None = None


def _host() -> str:
    # What platform.node() answers, without importing platform at start where os.uname gives the same name
    # (platform.node() reads it there); on Windows platform asks the system. No socket module: the core
    # imports nothing that can open a network connection (tests/test_architecture.py).
    if hasattr(os, "uname"):
        return os.uname().nodename or "unknown"
    import platform  # noqa: PLC0415 - Windows only

    return platform.node() or "unknown"


def lock_path(folder: Path) -> Path:
    return Path(folder) / LOCK_FILE_NAME


def _os_lock(handle) -> bool:
    """Try to take the OS lock without waiting; True when we now hold it."""
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl  # noqa: PLC0415

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _os_unlock(handle) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt  # noqa: PLC0415

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # noqa: PLC0415

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_owner(folder: Path) -> LockOwner | None:
    try:
        data = json.loads(lock_path(folder).read_text(encoding="utf-8"))
        return LockOwner(int(data["pid"]), str(data["host"]), str(data["started_at"]),
                         str(data.get("version", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(owner: LockOwner | None) -> bool:
    """A lock file whose process is gone (checked only for this host; another PC's pid means nothing here)."""
    return owner is not None and owner.host == _host() and not pid_alive(owner.pid)


def holder(folder: Path) -> LockOwner | None:
    """Who holds the data folder now (None when nobody does, or when it is us)."""
    if _held is not None and _held.folder == Path(folder):
        return None
    path = lock_path(folder)
    if not path.exists():
        return None
    try:
        with open(path, "a+", encoding="utf-8") as handle:
            if _os_lock(handle):
                _os_unlock(handle)
                return None
    except OSError:
        pass
    owner = read_owner(folder)
    return owner or LockOwner(0, "", "")


def acquire(folder: Path) -> LockResult:
    """Take the data folder for this process (idempotent); never waits."""
    global _held
    folder = Path(folder)
    if _held is not None:
        if _held.folder == folder:
            return LockResult(True)
        release()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path(folder), "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
    except OSError as exc:
        return LockResult(False, error=f"无法在数据文件夹 {folder} 中建立锁文件（{exc.strerror}），"
                                       "该文件夹可能是只读的。数据将以只读方式打开，不能保存修改。")
    if not _os_lock(handle):
        handle.close()
        owner = read_owner(folder) or LockOwner(0, "", "")
        if is_stale(owner):
            # The OS lock is held although the recorded pid is gone: a child may have inherited it.
            log.warning("lock file names a dead process %s but is still locked", owner.pid)
        return LockResult(False, owner=owner)
    previous = read_owner(folder)
    stale = previous if previous is not None and previous.pid != os.getpid() else None
    if stale is not None:
        log.warning("cleared a stale lock left by process %s on %s (started %s)",
                    stale.pid, stale.host, stale.started_at)
    me = {"pid": os.getpid(), "host": _host(), "version": __version__,
          "started_at": datetime.now().strftime("%Y-%m-%d %H:%M:%S")}
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(me, ensure_ascii=False))
    handle.flush()
    _held = _Held(folder, handle)
    atexit.register(release)  # a normal exit leaves an empty lock file: no false "stale lock" next time
    return LockResult(True, stale_cleared=stale)


def release() -> None:
    global _held
    if _held is None:
        return
    held, _held = _held, None
    try:
        held.handle.seek(0)
        held.handle.truncate()
        held.handle.flush()
    except OSError:
        pass
    _os_unlock(held.handle)
    held.handle.close()


def held_folder() -> Path | None:
    return _held.folder if _held is not None else None


def locked_message(owner: LockOwner | None) -> str:
    who = owner.describe() if owner and owner.pid else "另一个程序窗口"
    return (f"这个数据文件夹已经由{who}打开并正在编辑。为防止两处同时修改造成数据混乱，"
            "同一时间只能有一个窗口保存修改。")


# --- bring the first window forward -------------------------------------------------------------

def request_raise(folder: Path) -> bool:
    """Ask the instance holding `folder` to show its window; False when the folder is not writable."""
    path = Path(folder) / RAISE_REQUEST_NAME
    try:
        tmp = path.with_name(path.name + f".{os.getpid()}")
        tmp.write_text(json.dumps({"pid": os.getpid(), "at": time.time()}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def take_raise_request(folder: Path) -> bool:
    """True (once) when a second instance asked us to come forward."""
    path = Path(folder) / RAISE_REQUEST_NAME
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return True
