"""Start-up time to the main window's first paint: the frozen bundle and the source install.

    .venv/bin/python bench/startup.py [--runs 5] [--entries 450] [--bundle build/dist/desk_app]

"Cold" runs first evict every file the program reads (the bundle folder, or the interpreter, the
virtual environment and the checkout) from the page cache with posix_fadvise(DONTNEED), which needs no
root, so each cold run reads its libraries from disk as after a reboot. "Warm" runs follow each other.
Timing is from just before the process is spawned until it prints "main window shown" (the
DESK_APP_EXIT_AFTER_SHOW hook in ui/app.py, after the window has painted once). Offscreen by default;
--platform xcb under Xvfb measures the X11 path. Target (issue 8): frozen cold start <= 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "build" / "dist" / "desk_app"
TARGET_SECONDS = 2.0


def evict(folders: list[Path]) -> int:
    """Drop the folders' files from the page cache; returns how many files were evicted."""
    count = 0
    for folder in folders:
        for dirpath, _dirs, files in os.walk(folder):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    fd = os.open(path, os.O_RDONLY)
                except OSError:
                    continue
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    count += 1
                finally:
                    os.close(fd)
    return count


def time_to_window(command: list[str], env: dict[str, str], timeout: float = 60) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # A modal dialog (data newer than the program, another instance, ...) never reaches the window.
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    elapsed = None
    for line in process.stdout:
        if b"main window shown" in line:
            elapsed = time.perf_counter() - started
            break
    _out, err = process.communicate()
    watchdog.cancel()
    if elapsed is None or process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} did not reach the window (exit {process.returncode}):\n"
                         f"{err.decode('utf-8', 'replace')[-2000:]}")
    return elapsed


def measure(label: str, command: list[str], cache_folders: list[Path], env: dict[str, str],
            runs: int) -> float:
    time_to_window(command, env)  # first run creates settings and leaves nothing else to chance
    cold, files = [], 0
    for _ in range(runs):
        files = evict(cache_folders)
        cold.append(time_to_window(command, env))
    warm = [time_to_window(command, env) for _ in range(runs)]
    print(f"{label}")
    print(f"    command: {' '.join(command)}")
    print(f"    cold start to main window: median {statistics.median(cold):.2f} s, max {max(cold):.2f} s "
          f"({runs} runs, {files} files evicted from the page cache before each)")
    print(f"    warm start to main window: median {statistics.median(warm):.2f} s, min {min(warm):.2f} s "
          f"({runs} runs)")
    return statistics.median(cold)


def demo(command: list[str], entries: int, env: dict[str, str]) -> None:
    subprocess.run([*command, "demo", "--entries", str(entries)], check=True, env=env, capture_output=True,
                   cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", type=int, default=450, help="demo ledger size")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (offscreen, xcb, ...)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="desk_app-startup-") as temp:
        home = Path(temp) / "home"
        env = {**os.environ, "QT_QPA_PLATFORM": args.platform, "DESK_APP_EXIT_AFTER_SHOW": "1",
               "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
        env.pop("DESK_APP_DATA_DIR", None)
        print(f"desk_app start-up, demo campaign with {args.entries} entries, QT_QPA_PLATFORM={args.platform}")
        # Each program makes its own demo data: a bundle built before the newest migration refuses
        # a database the source has already upgraded.
        source = [sys.executable, "-m", "ui.launcher", "--data-dir", str(Path(temp) / "source-data")]
        demo(source, args.entries, env)
        frozen = args.bundle / ("desk-app.exe" if sys.platform == "win32" else "desk-app")
        frozen_cold = None
        if frozen.is_file():
            frozen_command = [str(frozen), "--data-dir", str(Path(temp) / "frozen-data")]
            demo(frozen_command, args.entries, env)
            frozen_cold = measure(f"frozen bundle ({args.bundle})", frozen_command, [args.bundle], env, args.runs)
        else:
            print(f"frozen bundle: not built ({frozen} missing; run python build/build.py)")
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        measure("source install (this virtual environment)", source,
                [stdlib, Path(sys.prefix), ROOT / "desk_app", ROOT / "ui", ROOT / "resources"],
                {**env, "PYTHONPATH": str(ROOT)}, args.runs)
        if frozen_cold is not None:
            verdict = "met" if frozen_cold <= TARGET_SECONDS else "MISSED"
            print(f"target: frozen cold start <= {TARGET_SECONDS:.1f} s — {verdict} ({frozen_cold:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
