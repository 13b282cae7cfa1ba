"""Start-up time to the main window's first paint: the frozen bundle and the source install, against the
empty-window floor of bench/ledger.py measured in the same run.

    .venv/bin/python bench/startup.py [--runs 5] [--entries 450] [--data-dir DIR] [--bundle build/dist/desk_app]

"Cold" runs first evict every file the program reads (the bundle folder, or the interpreter, the
virtual environment and the checkout) from the page cache with posix_fadvise(DONTNEED), which needs no
root, so each cold run reads its libraries from disk as after a reboot. "Warm" runs follow each other.
Timing is from just before the process is spawned until it prints "main window shown" (the
DESK_APP_EXIT_AFTER_SHOW hook in ui/app.py, after the window has painted once) and "first page ready" (the
page it opens on, built after that first paint, has painted too). Offscreen by default; --platform xcb
under Xvfb measures the X11 path. The source install runs with compiled bytecode (kept in a temporary
PYTHONPYCACHEPREFIX), as an installed program has it.

The floor is bench/ledger.py's empty 1280×800 PySide6 window in a fresh process, timed the same way and
interleaved with the warm runs. With --entries 100000 the database is bench/ledger.py's (built once in
the temporary folder and reused). Targets: frozen cold start <= 2 s (issue 8); warm start to the painted
window <= 2 × floor_s at 100,000 entries (issue 18). The last line is, e.g.:

    entries=100000 window_s=0.30 page_s=0.52 floor_s=0.16 window_floor_ratio=1.9 page_floor_ratio=3.3
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
TARGET_FLOOR_RATIO = 2.0
FLOOR = [sys.executable, str(ROOT / "bench" / "ledger.py"), "--child", "--start-page", "floor"]


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


def time_to_lines(command: list[str], env: dict[str, str], markers: tuple[bytes, ...] = (b"main window shown",),
                  timeout: float = 60) -> list[float]:
    """Seconds from spawning `command` until each marker line appears on its stdout, in order."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # A modal dialog (data newer than the program, another instance, ...) never reaches the window.
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    seen: dict[bytes, float] = {}
    for line in process.stdout:
        for marker in markers:
            if marker in line and marker not in seen:
                seen[marker] = time.perf_counter() - started
        if len(seen) == len(markers):
            break
    _out, err = process.communicate()
    watchdog.cancel()
    if len(seen) < len(markers) or process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} did not reach the window (exit {process.returncode}):\n"
                         f"{err.decode('utf-8', 'replace')[-2000:]}")
    return [seen[m] for m in markers]


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    return time_to_lines(command, env)[0]


def measure(label: str, command: list[str], cache_folders: list[Path], env: dict[str, str],
            runs: int) -> float:
    time_to_window(command, env)  # first run creates settings (and bytecode) and leaves nothing else to chance
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


def against_floor(command: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    """Warm runs of the program and of the empty-window floor, interleaved so both see the same load."""
    window, page, floor = [], [], []
    for _ in range(runs):
        floor.append(time_to_lines([*FLOOR, "--spawned-at", "0"], env, (b"floor_s",))[0])
        shown, ready = time_to_lines(command, env, (b"main window shown", b"first page ready"))
        window.append(shown)
        page.append(ready)
    return {"window_s": statistics.median(window), "page_s": statistics.median(page),
            "floor_s": statistics.median(floor)}


def demo(command: list[str], entries: int, env: dict[str, str]) -> None:
    subprocess.run([*command, "demo", "--entries", str(entries), "--index", "--quiet"], check=True, env=env,
                   capture_output=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", type=int, default=450, help="demo ledger size")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the source install's data folder (default: bench/ledger.py's for more than 450 "
                             "entries, else a new one); built with the demo when it has no database")
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
        data_dir = args.data_dir or (Path(tempfile.gettempdir()) / f"desk_app-bench-{args.entries}"
                                     if args.entries > 450 else Path(temp) / "source-data")
        source = [sys.executable, "-m", "ui.launcher", "--data-dir", str(data_dir)]
        pycache = Path(temp) / "pycache"
        source_env = {**env, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(pycache)}
        source_env.pop("PYTHONDONTWRITEBYTECODE", None)
        if not (data_dir / "desk.sqlite3").exists():
            print(f"building {args.entries} entries in {data_dir} …", file=sys.stderr)
            demo(source, args.entries, source_env)
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
                [stdlib, Path(sys.prefix), ROOT / "desk_app", ROOT / "ui", ROOT / "resources", pycache],
                source_env, args.runs)
        result = against_floor(source, source_env, args.runs)
        window_ratio, page_ratio = result["window_s"] / result["floor_s"], result["page_s"] / result["floor_s"]
        print(f"source install, warm, against the empty window ({args.runs} interleaved runs, medians): painted "
              f"window {result['window_s']:.2f} s, first page {result['page_s']:.2f} s, empty window "
              f"{result['floor_s']:.2f} s")
        if frozen_cold is not None:
            verdict = "met" if frozen_cold <= TARGET_SECONDS else "MISSED"
            print(f"target: frozen cold start <= {TARGET_SECONDS:.1f} s — {verdict} ({frozen_cold:.2f} s)")
        verdict = "met" if window_ratio <= TARGET_FLOOR_RATIO else "MISSED"
        print(f"target: warm start to the painted window <= {TARGET_FLOOR_RATIO:.0f} × floor_s — {verdict} "
              f"({window_ratio:.2f} ×)")
        print(f"entries={args.entries} window_s={result['window_s']:.2f} page_s={result['page_s']:.2f} "
              f"floor_s={result['floor_s']:.2f} window_floor_ratio={window_ratio:.2f} "
              f"page_floor_ratio={page_ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
