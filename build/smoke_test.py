"""Smoke test of the frozen bundle: the built program, not the source, does a clerk's basic work.

    python build/smoke_test.py [BUNDLE_FOLDER]      (default build/dist/desk_app; build.py runs it)

With a fresh temporary data folder, offscreen, through the frozen executable: --version, the demo
campaign, stats, the integrity check, one PDF (print ledger), one .xlsx (export xlsx), the window
reaching its first paint and the print preview's renderer drawing that PDF's first page. Commands the bundle does not have yet are reported and skipped; any other
failure makes the exit status 1.
"""

from __future__ import annotations

import json
import locale
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
DEFAULT_BUNDLE = BUILD_DIR / "dist" / "desk_app"
STEP_TIMEOUT = 180
WINDOW_TIMEOUT = 60  # longer means a modal dialog offscreen is waiting for an answer nobody can give
WINDOWS = sys.platform == "win32"


def console_executable(bundle: Path) -> Path:
    return bundle / ("desk-app.exe" if WINDOWS else "desk-app")


class StepFailed(Exception):
    pass


@dataclass
class Smoke:
    bundle: Path
    data_dir: Path
    env: dict[str, str]
    failures: list[str] = field(default_factory=list)
    commands: set[str] = field(default_factory=set)

    def run(self, *args: str, executable: Path | None = None, extra_env: dict | None = None,
            timeout: float = STEP_TIMEOUT, data_dir: Path | None = None):
        command = [str(executable or console_executable(self.bundle)), "--data-dir", str(data_dir or self.data_dir),
                   *args]
        env = {**self.env, **(extra_env or {})}
        try:
            result = subprocess.run(command, capture_output=True, env=env, timeout=timeout,
                                    cwd=self.data_dir.parent)
        except subprocess.TimeoutExpired:
            raise StepFailed(f"no answer within {timeout:.0f} s: {' '.join(args)}") from None
        stdout, stderr = _decode(result.stdout), _decode(result.stderr)
        if result.returncode != 0:
            raise StepFailed(f"exit status {result.returncode}\n{_tail(stderr or stdout)}")
        if "Traceback (most recent call last)" in stderr:
            raise StepFailed(f"a traceback on stderr\n{_tail(stderr)}")
        return stdout, stderr

    def step(self, name: str, check) -> None:
        started = time.perf_counter()
        try:
            detail = check()
        except StepFailed as exc:
            self.failures.append(name)
            print(f"FAIL {name}: {exc}", flush=True)
            return
        print(f"ok   {name} ({time.perf_counter() - started:.2f} s){f' — {detail}' if detail else ''}", flush=True)

    def skip(self, name: str, why: str) -> None:
        print(f"skip {name}: {why}", flush=True)


def _decode(output: bytes) -> str:
    """UTF-8, or on Windows the console code page (cp936) a redirected Python writes in."""
    try:
        return output.decode("utf-8")
    except UnicodeDecodeError:
        return output.decode(locale.getpreferredencoding(False), "replace")


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join("     | " + line for line in text.strip().splitlines()[-lines:])


def _commands_in_help(help_text: str) -> set[str]:
    """The command names `desk-app --help` lists (argparse indents each by four spaces)."""
    return set(re.findall(r"^ {4}([a-z][a-z0-9-]*)\b", help_text, re.MULTILINE))


def check_modules_bundled(smoke: Smoke) -> str:
    """Pages, sections and commands are imported by name: a module that failed to import while the
    spec collected it is silently missing from the bundle, so compare the bundle with the checkout."""
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader  # noqa: PLC0415

    archive = CArchiveReader(str(console_executable(smoke.bundle)))
    pyz_name = next(name for name in archive.toc if name.endswith(".pyz"))
    pyz_file = smoke.data_dir.parent / "bundle.pyz"
    pyz_file.write_bytes(archive.extract(pyz_name))
    bundled = set(ZlibArchiveReader(str(pyz_file)).toc)
    root = BUILD_DIR.parent
    source = set()
    for package in ("desk_app", "ui"):
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            source.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    missing = sorted(source - bundled)
    if missing:
        raise StepFailed("not in the bundle (did they fail to import during the build?): " + ", ".join(missing))
    return f"all {len(source)} modules of desk_app and ui"


def check_version(smoke: Smoke) -> str:
    out, _ = smoke.run("--version")
    expected = _source_version()
    if expected and expected not in out:
        raise StepFailed(f"the bundle says {out.strip()!r}, the source is {expected}")
    return out.strip()


def _source_version() -> str | None:
    init = BUILD_DIR.parent / "desk_app" / "__init__.py"
    if not init.is_file():  # the smoke test copied next to a bundle on a clerk's PC: no checkout to compare
        return None
    match = re.search(r'^__version__ = "([^"]+)"', init.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else None


def check_help(smoke: Smoke) -> str:
    out, _ = smoke.run("--help")
    smoke.commands = _commands_in_help(out)
    if "demo" not in smoke.commands:
        raise StepFailed(f"no demo command in --help:\n{_tail(out)}")
    return "commands: " + " ".join(sorted(smoke.commands))


def check_demo(smoke: Smoke) -> str:
    smoke.run("demo")
    database = smoke.data_dir / "desk.sqlite3"
    if not database.is_file() or database.stat().st_size < 100_000:
        raise StepFailed(f"demo did not write a database at {database}")
    return f"{database.stat().st_size / 1_000_000:.1f} MB database"


def check_stats(smoke: Smoke) -> str:
    out, _ = smoke.run("stats", "--json")
    try:
        figures = json.loads(out)
    except ValueError:
        raise StepFailed(f"stats --json did not print JSON:\n{_tail(out)}") from None
    total = _find_total(figures)
    if not total:
        raise StepFailed(f"stats shows no entries:\n{_tail(out)}")
    return f"{total} entries"


def _find_total(figures) -> int | None:
    if isinstance(figures, dict):
        for key in ("total", "entries", "count"):
            if isinstance(figures.get(key), int):
                return figures[key]
        for value in figures.values():
            found = _find_total(value)
            if found:
                return found
    return None


def check_integrity(smoke: Smoke) -> str:
    out, _ = smoke.run("check")
    return out.strip().splitlines()[-1] if out.strip() else ""


def check_print(smoke: Smoke) -> str:
    pdf = smoke.data_dir.parent / "smoke-ledger.pdf"
    smoke.run("print", "ledger", "--out", str(pdf))
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF") or pdf.stat().st_size < 5_000:
        raise StepFailed(f"no PDF written at {pdf}")
    detail = f"{pdf.stat().st_size / 1000:.0f} kB"
    if shutil.which("pdftotext"):  # the bundled font made it: the Chinese text can be read back
        text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True).stdout.decode("utf-8", "replace")
        if "整改" not in text:
            raise StepFailed("the PDF's first page has no readable Chinese text (font missing from the bundle?)")
        detail += ", Chinese text readable"
    return detail


def check_export(smoke: Smoke) -> str:
    xlsx = smoke.data_dir.parent / "smoke-ledger.xlsx"
    smoke.run("export", "xlsx", "--out", str(xlsx))
    try:
        with zipfile.ZipFile(xlsx) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    except (OSError, zipfile.BadZipFile) as exc:
        raise StepFailed(f"no readable .xlsx at {xlsx}: {exc}") from None
    if not sheets:
        raise StepFailed(f"{xlsx} has no worksheet")
    return f"{xlsx.stat().st_size / 1000:.0f} kB, {len(sheets)} sheet(s)"


def _zip_members(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise StepFailed(f"no readable zip at {path}: {exc}") from None


def check_docx(smoke: Smoke) -> str:
    """python-docx builds on a template inside its package: a classic file for a bundle to miss."""
    docx = smoke.data_dir.parent / "smoke-minutes.docx"
    smoke.run("export", "docx", "--meeting", "id:1", "--document", "minutes", "--out", str(docx))
    if "word/document.xml" not in _zip_members(docx):
        raise StepFailed(f"{docx} is not a Word document")
    return f"{docx.stat().st_size / 1000:.0f} kB"


def check_package_round_trip(smoke: Smoke) -> str:
    """The unit's package, imported by the office above: a second, empty data folder."""
    package = smoke.data_dir.parent / "smoke-package.zip"
    smoke.run("export", "package", "--out", str(package))
    if not _zip_members(package):
        raise StepFailed(f"{package} is empty")
    office_above = smoke.data_dir.parent / "office-above"
    smoke.run("import", "package", str(package), "--yes", data_dir=office_above)
    sent = _find_total(json.loads(smoke.run("stats", "--json")[0]))
    received = _find_total(json.loads(smoke.run("stats", "--json", data_dir=office_above)[0]))
    if sent != received:
        raise StepFailed(f"the package carried {sent} entries, the office above has {received}")
    return f"{package.stat().st_size / 1000:.0f} kB, {received} entries arrived in a second data folder"


def check_backup(smoke: Smoke) -> str:
    backup = smoke.data_dir.parent / "smoke-backup.zip"
    smoke.run("backup", "--out", str(backup))
    members = _zip_members(backup)
    if not any(name.endswith(".sqlite3") for name in members):
        raise StepFailed(f"{backup} holds no database: {members[:10]}")
    return f"{backup.stat().st_size / 1000:.0f} kB"


def check_window(smoke: Smoke) -> str:
    started = time.perf_counter()
    out, err = smoke.run(extra_env={"DESK_APP_EXIT_AFTER_SHOW": "1"}, timeout=WINDOW_TIMEOUT)
    elapsed = time.perf_counter() - started
    if "main window shown" not in out:
        raise StepFailed(f"the window never reported its first paint\n{_tail(err or out)}")
    if "first page ready" not in out:  # the page is built after the first paint: its modules load then
        raise StepFailed(f"the window's first page never opened\n{_tail(err or out)}")
    if "qt.qpa.plugin" in err or "Could not load" in err:
        raise StepFailed(f"Qt could not load a plugin\n{_tail(err)}")
    return f"first paint after {elapsed:.2f} s"


def check_preview(smoke: Smoke) -> str:
    """The print preview's renderer: pypdfium2 and its PDFium library came along into the bundle."""
    pdf = smoke.data_dir.parent / "smoke-ledger.pdf"
    if not pdf.is_file():
        raise StepFailed("no ledger PDF to preview (the print step failed)")
    out, err = smoke.run(extra_env={"DESK_APP_EXIT_AFTER_SHOW": "1", "DESK_APP_SMOKE_PREVIEW": str(pdf)},
                         timeout=WINDOW_TIMEOUT)
    found = re.search(r"preview page rendered (\d+)x(\d+)", out)
    if not found:
        raise StepFailed(f"the preview could not render the ledger's first page\n{_tail(err or out)}")
    return f"first page {found.group(1)}×{found.group(2)} pixels"


def check_windowed_executable(smoke: Smoke) -> str:
    """Windows: desk_app.exe has no console, so only its exit status tells it reached the window."""
    smoke.run(executable=smoke.bundle / "desk_app.exe", extra_env={"DESK_APP_EXIT_AFTER_SHOW": "1"},
              timeout=WINDOW_TIMEOUT)
    return "exit status 0"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    bundle = Path(argv[0]).resolve() if argv else DEFAULT_BUNDLE
    if not console_executable(bundle).is_file():
        print(f"FAIL no built program at {console_executable(bundle)}; run python build/build.py first")
        return 1
    print(f"smoke test of {bundle}", flush=True)
    with tempfile.TemporaryDirectory(prefix="desk_app-smoke-") as temp:
        temp = Path(temp)
        home = temp / "home"
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("DESK_APP_", "PYTHON", "QT_")) and key != "VIRTUAL_ENV"}
        # Offscreen, and nothing of the real user's settings or data is read or written.
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                   XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
                   XDG_CACHE_HOME=str(home / "cache"))
        smoke = Smoke(bundle=bundle, data_dir=temp / "data", env=env)
        try:
            import PyInstaller  # noqa: F401, PLC0415
        except ImportError:
            smoke.skip("modules bundled", "PyInstaller is not installed here, cannot read the bundle")
        else:
            smoke.step("modules bundled", lambda: check_modules_bundled(smoke))
        smoke.step("version", lambda: check_version(smoke))
        smoke.step("command list", lambda: check_help(smoke))
        smoke.step("demo campaign", lambda: check_demo(smoke))
        smoke.step("stats", lambda: check_stats(smoke))
        optional = [("check", "integrity check", check_integrity),
                    ("print", "print ledger → PDF", check_print),
                    ("export", "export xlsx", check_export),
                    ("export", "export docx (会议纪要)", check_docx),
                    ("import", "exchange package → import in another data folder", check_package_round_trip),
                    ("backup", "backup to a zip file", check_backup)]
        for command, name, check in optional:
            if command in smoke.commands:
                smoke.step(name, lambda check=check: check(smoke))
            else:
                smoke.skip(name, f"`desk-app {command}` is not yet available in this build")
        smoke.step("window reaches its first paint (offscreen)", lambda: check_window(smoke))
        if "print" in smoke.commands:
            smoke.step("print preview renders a page (pypdfium2)", lambda: check_preview(smoke))
        if WINDOWS:
            smoke.step("windowed desk_app.exe starts", lambda: check_windowed_executable(smoke))
    if smoke.failures:
        print(f"SMOKE TEST FAILED: {', '.join(smoke.failures)}")
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
