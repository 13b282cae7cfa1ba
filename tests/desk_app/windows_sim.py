"""Windows file semantics on Linux, for tests: a file that is open cannot be replaced, renamed or deleted,
and neither can the folder it lies in.

Windows opens files without FILE_SHARE_DELETE — Python's open() (the C runtime's default sharing) and
SQLite's winOpen alike — so os.replace / os.rename / os.unlink on such a file, or renaming or removing a
folder that holds one, fails with PermissionError (WinError 32, "being used by another process"), where
Linux succeeds silently. Under `windows_handles()` every file this process opens is tracked — open(),
io.open, Path.open, os.open / os.fdopen (tempfile), zipfile, shutil, and sqlite3.connect (with its -wal,
-shm and -journal files) — until it is closed or garbage-collected, and those calls raise as Windows
would. `hold(path)` plays another program (a viewer, an antivirus scanner, Excel/WPS) keeping a file open.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import sqlite3
import weakref
from pathlib import Path

WINERROR_32 = "[WinError 32] 另一个程序正在使用此文件，进程无法访问。(The process cannot access the file because " \
              "it is being used by another process)"


class _Registry:
    def __init__(self):
        self.handles: dict[int, tuple[weakref.ref, tuple[str, ...]]] = {}
        self.fds: dict[int, tuple[str, int]] = {}  # fd -> (path, inode) for os.open descriptors
        self.held: dict[str, int] = {}  # "another program" holding a path
        self.blocked: list[tuple[str, str]] = []  # (operation, path) refused, for the test to look at

    def track(self, obj, paths: tuple[str, ...]) -> None:
        key = id(obj)
        self.handles[key] = (weakref.ref(obj, lambda _ref, key=key: self.handles.pop(key, None)), paths)

    def open_paths(self) -> list[str]:
        found = list(self.held)
        for ref, paths in list(self.handles.values()):
            obj = ref()
            if obj is not None and _is_open(obj):
                found.extend(paths)
        for fd, (path, inode) in list(self.fds.items()):
            try:
                if os.fstat(fd).st_ino == inode:
                    found.append(path)
                    continue
            except OSError:
                pass
            self.fds.pop(fd, None)
        return found

    def in_use(self, path: str) -> str | None:
        """The open file that makes `path` (a file, or a folder holding it) unmovable, if any."""
        for open_path in self.open_paths():
            if open_path == path or open_path.startswith(path.rstrip(os.sep) + os.sep):
                return open_path
        return None


def _is_open(obj) -> bool:
    if isinstance(obj, sqlite3.Connection):
        try:
            obj.total_changes  # noqa: B018 - raises once the connection is closed
        except sqlite3.ProgrammingError:
            return False
        return True
    return not getattr(obj, "closed", True)


def _norm(path, dir_fd=None) -> str:
    path = os.fsdecode(path)
    if dir_fd is not None and not os.path.isabs(path):
        path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    return os.path.abspath(path)


@contextlib.contextmanager
def windows_handles(monkeypatch):
    """Patch the process for Windows file semantics while the block runs; yields the registry."""
    registry = _Registry()
    real_open, real_os_open, real_close = io.open, os.open, os.close
    real_connect = sqlite3.connect
    real = {name: getattr(os, name) for name in ("replace", "rename", "unlink", "remove", "rmdir")}

    def tracked_open(file, *args, **kwargs):
        handle = real_open(file, *args, **kwargs)
        if isinstance(file, int):
            entry = registry.fds.pop(file, None)
            if entry:
                registry.track(handle, (entry[0],))
        else:
            registry.track(handle, (_norm(file),))
        return handle

    def tracked_os_open(path, flags, mode=0o777, *, dir_fd=None):
        fd = real_os_open(path, flags, mode, dir_fd=dir_fd)
        if not os.path.isdir(_norm(path, dir_fd)):  # a folder opened for fsync does not block renames
            registry.fds[fd] = (_norm(path, dir_fd), os.fstat(fd).st_ino)
        return fd

    def tracked_close(fd):
        registry.fds.pop(fd, None)
        return real_close(fd)

    class TrackedConnection(sqlite3.Connection):
        pass

    def tracked_connect(database, *args, **kwargs):
        kwargs.setdefault("factory", TrackedConnection)
        conn = real_connect(database, *args, **kwargs)
        name = os.fsdecode(database)
        if name != ":memory:" and not name.startswith("file:"):
            base = _norm(name)
            registry.track(conn, (base, base + "-wal", base + "-shm", base + "-journal"))
        return conn

    def guarded(name, two_paths):
        def call(*args, **kwargs):
            if two_paths:
                paths = [_norm(args[0], kwargs.get("src_dir_fd")), _norm(args[1], kwargs.get("dst_dir_fd"))]
            else:
                paths = [_norm(args[0], kwargs.get("dir_fd"))]
            for path in paths:
                user = registry.in_use(path) if os.path.lexists(path) else None
                if user is not None:
                    registry.blocked.append((name, path))
                    error = PermissionError(errno.EACCES, WINERROR_32, path)
                    error.winerror = 32  # ERROR_SHARING_VIOLATION, as Windows sets it
                    raise error
            return real[name](*args, **kwargs)
        return call

    monkeypatch.setattr(builtins, "open", tracked_open)
    monkeypatch.setattr(io, "open", tracked_open)
    monkeypatch.setattr(os, "open", tracked_os_open)
    monkeypatch.setattr(os, "close", tracked_close)
    monkeypatch.setattr(sqlite3, "connect", tracked_connect)
    for name in real:
        monkeypatch.setattr(os, name, guarded(name, name in ("replace", "rename")))
    try:
        yield registry
    finally:
        for name in real:
            monkeypatch.setattr(os, name, real[name])
        monkeypatch.setattr(builtins, "open", real_open)
        monkeypatch.setattr(io, "open", real_open)
        monkeypatch.setattr(os, "open", real_os_open)
        monkeypatch.setattr(os, "close", real_close)
        monkeypatch.setattr(sqlite3, "connect", real_connect)


@contextlib.contextmanager
def hold(registry: _Registry, path: str | os.PathLike[str]):
    """Another program keeps `path` open while the block runs."""
    key = _norm(path)
    registry.held[key] = registry.held.get(key, 0) + 1
    try:
        yield
    finally:
        registry.held[key] -= 1
        if not registry.held[key]:
            del registry.held[key]


def leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted write would leave behind (names the app uses for them)."""
    return sorted(p.name for p in Path(folder).rglob("*")
                  if p.name.startswith((".print-", ".partial-", ".tmp")) or p.name.endswith((".part", ".restoring")))


# --- names: what Windows would refuse or silently get wrong -------------------------------------------
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_PATH = 259


def windows_name_problem(path: str, under: str) -> str | None:
    """Why Windows would not create `path` as asked (None: it would). Only the part below `under` (the
    test's folder, standing for a Windows folder of similar length) is judged component by component."""
    if len(path) > MAX_PATH:
        return f"path of {len(path)} characters (MAX_PATH is 260)"
    relative = os.path.relpath(path, under)
    for part in Path(relative).parts:
        if part in (".", ".."):
            continue
        if part.split(".")[0].rstrip(" ").upper() in RESERVED:
            return f"{part!r} names a device"
        if any(ch in '<>:"|?*' or ord(ch) < 32 for ch in part):
            return f"{part!r} has a character Windows forbids"
        if part != part.rstrip(" ."):
            return f"{part!r} ends in a dot or space (Windows drops them)"
    parent, name = os.path.split(path)
    if os.path.isdir(parent) and not os.path.lexists(path):
        for sibling in os.listdir(parent):
            if sibling.casefold() == name.casefold():
                return f"{name!r} is the existing {sibling!r} on a case-insensitive disk"
    return None


@contextlib.contextmanager
def windows_names(monkeypatch, under: Path):
    """Every file or folder created below `under` while the block runs must have a name Windows takes;
    yields the list of (path, problem) found — the test asserts it stays empty."""
    under = os.path.abspath(under)
    problems: list[tuple[str, str]] = []
    real_open, real_os_open, real_mkdir = io.open, os.open, os.mkdir
    real_replace, real_rename = os.replace, os.rename

    def judge(path) -> None:
        if isinstance(path, int):
            return
        path = _norm(path)
        if path.startswith(under + os.sep):
            problem = windows_name_problem(path, under)
            if problem:
                problems.append((path, problem))

    def checked_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            judge(file)
        return real_open(file, mode, *args, **kwargs)

    def checked_os_open(path, flags, mode=0o777, *, dir_fd=None):
        if flags & os.O_CREAT and dir_fd is None:
            judge(path)
        return real_os_open(path, flags, mode, dir_fd=dir_fd)

    def checked_mkdir(path, mode=0o777, *, dir_fd=None):
        if dir_fd is None:
            judge(path)
        return real_mkdir(path, mode, dir_fd=dir_fd)

    def checked_move(real):
        def call(src, dst, **kwargs):
            judge(dst)
            return real(src, dst, **kwargs)
        return call

    monkeypatch.setattr(builtins, "open", checked_open)
    monkeypatch.setattr(io, "open", checked_open)
    monkeypatch.setattr(os, "open", checked_os_open)
    monkeypatch.setattr(os, "mkdir", checked_mkdir)
    monkeypatch.setattr(os, "replace", checked_move(real_replace))
    monkeypatch.setattr(os, "rename", checked_move(real_rename))
    try:
        yield problems
    finally:
        for module, name, value in ((builtins, "open", real_open), (io, "open", real_open), (os, "open", real_os_open),
                                    (os, "mkdir", real_mkdir), (os, "replace", real_replace),
                                    (os, "rename", real_rename)):
            monkeypatch.setattr(module, name, value)
