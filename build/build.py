"""Build the one-folder bundle (build/dist/desk_app/), print its size, then smoke-test it.

The same on Linux and Windows:   python build/build.py
After a passing smoke test it also writes what goes on the USB stick:
  Linux:   build/dist/desk_app-<version>-linux-<machine>.tar.gz (a tar keeps the bundle's symbolic
           links, which a FAT or exFAT stick cannot hold);
  Windows: with --installer, build/dist/installer/desk_app-<version>-setup.exe (Inno Setup's iscc).
Options: --skip-smoke (only build), --keep-work (reuse build/_work for a faster rebuild),
--glibc-floor X.Y|none (Linux: fail when the bundle needs a newer C library than the clerks' systems
have; default 2.28 on x86_64, 2.31 on aarch64 — see glibc_floor.py and build/linux/build_old_glibc.sh).
Setup (once): pip install -e .[build]   — see README, "Packaging".
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
ROOT = BUILD_DIR.parent
SPEC = BUILD_DIR / "desk_app.spec"
WORK = BUILD_DIR / "_work"
DIST = BUILD_DIR / "dist"
BUNDLE = DIST / "desk_app"
SIZE_TARGET_MB = 180


def folder_size(folder: Path) -> tuple[int, int, int]:
    """(bytes of content, bytes on disk, number of files). On Windows both sizes are the content size."""
    content = on_disk = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            files += 1
            content += stat.st_size
            on_disk += stat.st_blocks * 512 if hasattr(stat, "st_blocks") else stat.st_size
    return content, on_disk, files


def largest_files(folder: Path, count: int = 8) -> list[tuple[int, Path]]:
    sizes = [(p.stat().st_size, p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sorted(sizes, reverse=True)[:count]


def run_pyinstaller(keep_work: bool) -> None:
    try:
        import PyInstaller  # noqa: F401, PLC0415
    except ImportError:
        raise SystemExit("PyInstaller is missing. Install it with:  pip install -e .[build]") from None
    if not keep_work:
        shutil.rmtree(WORK, ignore_errors=True)
    shutil.rmtree(BUNDLE, ignore_errors=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--workpath", str(WORK), "--distpath", str(DIST), str(SPEC)]
    print("$", " ".join(command), flush=True)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    if sys.platform.startswith("linux"):  # the menu entry and icon installer for clerks' PCs
        shutil.copy2(BUILD_DIR / "linux" / "install.sh", BUNDLE / "install.sh")
    print(f"built {BUNDLE.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s", flush=True)


def report_size() -> int:
    content, on_disk, files = folder_size(BUNDLE)
    mb = on_disk / 1_000_000
    verdict = "within" if mb <= SIZE_TARGET_MB else "OVER"
    print(f"bundle size: {mb:.1f} MB on disk ({content / 1_000_000:.1f} MB content, {files} files) "
          f"— {verdict} the {SIZE_TARGET_MB} MB target")
    for size, path in largest_files(BUNDLE):
        print(f"    {size / 1_000_000:6.1f} MB  {path.relative_to(BUNDLE)}")
    return 0 if mb <= SIZE_TARGET_MB else 1


def report_glibc(floor: tuple[int, ...] | None) -> int:
    """Linux: the glibc the bundle needs against the floor (None: report only). 1 when above it."""
    if not sys.platform.startswith("linux"):
        return 0
    sys.path.insert(0, str(BUILD_DIR))
    import glibc_floor  # noqa: PLC0415

    report = glibc_floor.check_bundle(BUNDLE, floor or (99,))
    lines = glibc_floor.describe(report, BUNDLE)
    if floor is None:
        lines = [lines[0].split("; configured floor")[0] + "; no floor checked (--glibc-floor none)"]
    print("\n".join(lines), flush=True)
    return 0 if report.ok else 1


def configured_floor() -> tuple[int, ...] | None:
    if os.environ.get("DESK_APP_GLIBC_FLOOR"):
        return parse_floor(os.environ["DESK_APP_GLIBC_FLOOR"])
    sys.path.insert(0, str(BUILD_DIR))
    import glibc_floor  # noqa: PLC0415

    return glibc_floor.default_floor()


def parse_floor(text: str) -> tuple[int, ...] | None:
    if text.lower() in {"none", "any"}:
        return None
    if not re.fullmatch(r"\d+\.\d+", text):
        raise argparse.ArgumentTypeError(f"expected a glibc version like 2.28, or none: {text!r}")
    return tuple(int(part) for part in text.split("."))


def source_version() -> str:
    text = (ROOT / "desk_app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def write_linux_archive() -> Path:
    archive = DIST / f"desk_app-{source_version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=BUNDLE.name)  # symbolic links stay links
    print(f"for the USB stick: {archive.relative_to(ROOT)} ({archive.stat().st_size / 1_000_000:.1f} MB); "
          f"on the PC: tar xzf {archive.name} && sh {BUNDLE.name}/install.sh")
    return archive


def find_iscc() -> str | None:
    candidates = [shutil.which("iscc")]
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.environ.get("LOCALAPPDATA") and str(Path(os.environ["LOCALAPPDATA"]) / "Programs")):
        if base:
            candidates.append(str(Path(base) / "Inno Setup 6" / "ISCC.exe"))
    return next((c for c in candidates if c and Path(c).is_file()), None)


def build_windows_installer() -> int:
    iscc = find_iscc()
    if iscc is None:
        print("Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org, then run\n"
              "    iscc build\\windows\\desk_app.iss")
        return 1
    command = [iscc, f"/DAppVersion={source_version()}", str(BUILD_DIR / "windows" / "desk_app.iss")]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    for setup in sorted((DIST / "installer").glob("*.exe")):
        print(f"installer: {setup.relative_to(ROOT)} ({setup.stat().st_size / 1_000_000:.1f} MB)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-smoke", action="store_true", help="build only, no smoke test")
    parser.add_argument("--keep-work", action="store_true", help="reuse build/_work (faster rebuild)")
    parser.add_argument("--installer", action="store_true",
                        help="Windows: also build the installer with Inno Setup after a passing smoke test")
    parser.add_argument("--glibc-floor", type=parse_floor, default=argparse.SUPPRESS, metavar="X.Y|none",
                        help="Linux: fail when a bundled file needs a newer glibc (default: 2.28 on x86_64 — UOS 20 —, "
                             "2.31 on aarch64; also $DESK_APP_GLIBC_FLOOR); none: report only")
    args = parser.parse_args(argv)
    floor = args.glibc_floor if hasattr(args, "glibc_floor") else configured_floor()
    os.chdir(ROOT)
    run_pyinstaller(args.keep_work)
    status = report_size()
    status = report_glibc(floor) or status
    if args.skip_smoke:
        return status
    sys.path.insert(0, str(BUILD_DIR))
    import smoke_test  # noqa: PLC0415

    status = smoke_test.main([str(BUNDLE)]) or status
    if status:
        return status  # nothing goes on a USB stick unless it passed
    if sys.platform.startswith("linux"):
        write_linux_archive()
    if args.installer:
        if sys.platform != "win32":
            print("--installer: Inno Setup builds the Windows installer on Windows only")
            return 1
        return build_windows_installer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
