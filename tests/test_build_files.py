"""Cheap checks of the packaging files (no PyInstaller run: that is build/build.py, by hand)."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
ICONS = ROOT / "resources" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def load_build_module(name: str):
    spec = importlib.util.spec_from_file_location(f"_build_{name}", BUILD / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rules():
    return load_build_module("bundle_rules")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


# --- the spec and the bundle rules -------------------------------------------------------------

def test_spec_is_python_that_collects_the_imported_by_name_packages():
    source = (BUILD / "desk_app.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    calls = {node.func.id for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "collect_submodules"} <= calls
    collected = {node.args[0].value for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "collect_submodules"}
    assert collected == {"ui", "desk_app"}
    assert (BUILD / "desk_app_entry.py").is_file()


def test_every_qt_module_the_app_imports_is_bundled_and_none_is_excluded(rules):
    imported = set()
    for top in ("ui", "desk_app"):
        for path in (ROOT / top).rglob("*.py"):
            imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    excluded = {name.removeprefix("PySide6.") for name in rules.python_excludes()}
    assert not imported & excluded, f"used by the app but excluded from the bundle: {imported & excluded}"
    unlisted = imported - set(rules.QT_MODULES_USED) - {"QtSvg", "QtSvgWidgets"}
    assert not unlisted, f"add {unlisted} to QT_MODULES_USED in build/bundle_rules.py (and check its plugins)"
    assert {"QtNetwork", "QtQml", "QtQuick", "QtWebEngineCore", "Qt3DCore", "QtMultimedia"} <= excluded


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/translations/qtdeclarative_zh_CN.qm", False),
    ("resources/translations/ledger_zh_CN.qm", True),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("PySide6/opengl32sw.dll", False),
    ("libcups.so.2", False),  # the system's own, beside its cupsd
    ("pypdfium2_raw/libpdfium.so", True),
    ("PySide6/Qt6Widgets.dll", True),
])
def test_bundle_rules_keep_only_what_the_app_needs(rules, dest, kept):
    assert rules.keep(dest) is kept


def test_svg_plugins_come_along_only_when_the_app_uses_qtsvg(rules):
    plugin = "PySide6/Qt/plugins/iconengines/libqsvgicon.so"
    assert not rules.keep(plugin)
    assert rules.keep(plugin, svg=True)


def test_libraries_no_kept_binary_needs_are_pruned(rules):
    toc = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6", "SYMLINK"),
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("pypdfium2_raw/libpdfium.so", "/src/libpdfium.so", "BINARY"),  # loaded by ctypes, linked by nothing
    ]
    needs = {"/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"], "/src/libqxcb.so": ["libxcb-cursor.so.0"]}
    kept, dropped = rules.prune_unneeded_libraries(toc, lambda source: needs.get(source, []))
    assert [dest for dest, *_ in dropped] == ["libgtk-3.so.0"]
    assert len(kept) == len(toc) - 1


def test_windows_version_numbers(rules):
    assert rules.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert rules.version_tuple("2.10.3rc1") == (2, 10, 3, 0)


# --- icons -------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256])
def test_icon_png_exists_at_each_size(size):
    data = (ICONS / f"desk_app-{size}.png").read_bytes()
    assert png_size(data) == (size, size)
    assert data[25] == 6  # colour type RGBA: transparent corners


def test_icon_ico_holds_small_bitmaps_and_large_pngs():
    data = (ICONS / "desk_app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for index in range(count):
        width, height, _colours, _res, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index: 22 + 16 * index])
        size = width or 256
        assert width == height and planes == 1 and bits == 32
        image = data[offset: offset + length]
        assert len(image) == length
        if image.startswith(PNG_SIGNATURE):
            assert png_size(image) == (size, size)
        else:
            header_size, dib_width, dib_height, _planes, dib_bits = struct.unpack("<IiiHH", image[:16])
            assert (header_size, dib_width, dib_height, dib_bits) == (40, size, 2 * size, 32)
            mask_row = ((size + 31) // 32) * 4
            assert length == 40 + size * size * 4 + mask_row * size
        sizes.add(size)
    assert {16, 24, 32, 48, 256} <= sizes


def test_icon_svg_source_is_square_svg():
    root = ET.parse(ICONS / "desk_app.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"


def test_application_window_icon_has_every_size(qapp):
    from ui.app import create_application

    app = create_application()
    sizes = {size.width() for size in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes


# --- version and installer -----------------------------------------------------------------------

def source_version() -> str:
    from desk_app import __version__

    return __version__


def test_pyproject_takes_its_version_from_desk_app():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "desk_app.__version__"}
    assert any(req.startswith("pyinstaller") for req in project["project"]["optional-dependencies"]["build"])


def test_installer_script_matches_version_icon_and_bundle():
    raw = (BUILD / "windows" / "desk_app.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads UTF-8 only with a byte order mark"
    text = raw.decode("utf-8-sig")
    assert re.search(r'#define AppVersion "([^"]+)"', text).group(1) == source_version()
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.MULTILINE).group(1).strip()
    assert (BUILD / "windows" / icon.replace("\\", "/")).resolve() == ICONS / "desk_app.ico"
    bundle = re.search(r'#define BundleDir "([^"]+)"', text).group(1)
    assert (BUILD / "windows" / bundle.replace("\\", "/")).resolve() == BUILD / "dist" / "desk_app"
    exe = re.search(r'#define AppExeName "([^"]+)"', text).group(1)
    spec = (BUILD / "desk_app.spec").read_text(encoding="utf-8")
    assert f'executable("{exe.removesuffix(".exe")}", console=False)' in spec
    assert "{autoprograms}" in text  # the start-menu entry
    assert "[UninstallDelete]" not in text.replace("No [UninstallDelete]", "")  # data is never deleted


def test_packaging_outputs_stay_out_of_git():
    if subprocess.run(["git", "rev-parse"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    for path in ("build/_work/x", "build/dist/desk_app/desk-app", "build/windows/Output/setup.exe"):
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert result.returncode == 0, f"{path} is not ignored by git"


# --- smoke test helpers and the first-paint hook ---------------------------------------------------

def test_smoke_test_reads_the_command_list_from_help():
    smoke = load_build_module("smoke_test")
    help_text = ("positional arguments:\n  命令\n    demo              演示数据\n"
                 "    print             打印\n    export            导出\n\noptions:\n  -h, --help  help\n")
    assert smoke._commands_in_help(help_text) == {"demo", "print", "export"}


def test_gui_quits_after_first_paint_when_asked(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESK_APP_EXIT_AFTER_SHOW": "1"}
    result = subprocess.run([sys.executable, "-m", "ui.launcher", "--data-dir", str(tmp_path / "data")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines.index("main window shown") < lines.index("first page ready")  # the page after the first paint


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux menu-entry installer")
def test_linux_install_script_installs_and_uninstalls_without_touching_data(tmp_path):
    bundle = tmp_path / "usb" / "desk_app"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "_internal" / "resources" / "icons").symlink_to(ICONS)
    (bundle / "desk-app").write_text("#!/bin/sh\n")
    (bundle / "desk-app").chmod(0o755)
    script = bundle / "install.sh"
    script.write_bytes((BUILD / "linux" / "install.sh").read_bytes())
    home = tmp_path / "home"
    data = home / ".local" / "share" / "desk_app"
    data.mkdir(parents=True)
    (data / "desk.sqlite3").write_text("the clerk's data")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}

    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True)
    installed = home / ".local" / "opt" / "desk_app"
    entry = (home / ".local" / "share" / "applications" / "desk_app.desktop").read_text(encoding="utf-8")
    assert (installed / "desk-app").is_file()
    assert f'Exec="{installed}/desk-app"' in entry and "Icon=desk_app" in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps/desk_app.png").read_bytes().startswith(PNG_SIGNATURE)

    subprocess.run(["sh", str(installed / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True)
    assert not installed.exists()
    assert not (home / ".local" / "share" / "applications" / "desk_app.desktop").exists()
    assert (data / "desk.sqlite3").read_text() == "the clerk's data"


def test_installer_offers_the_program_for_data_packages_without_taking_zip_over():
    """Windows file association: .zip's "Open with" list (OpenWithProgids), never .zip's default, and the
    command Explorer runs is one the launcher understands."""
    import shlex

    from ui.launcher import split_open

    text = (BUILD / "windows" / "desk_app.iss").read_text(encoding="utf-8-sig")
    defines = dict(re.findall(r'#define (\w+) "([^"]*)"', text))
    assert defines["PackageExt"] == ".zip" and "ChangesAssociations=yes" in text
    registry = [line for line in text.splitlines() if line.startswith("Root: HKA;")]
    assert registry and all("Software\\Classes\\" in line for line in registry), "HKA: per-user or all-users alike"
    assert not any(re.search(r'Subkey: "Software\\Classes\\\{#PackageExt\}"; ValueType', line) for line in registry), \
        ".zip's default program stays what it was"
    assert any("OpenWithProgids" in line and "uninsdeletevalue" in line for line in registry)
    command = next(line for line in registry if "shell\\open\\command" in line)
    value = re.search(r'ValueData: "(.*)"$', command).group(1).replace('""', '"')
    value = value.replace("{app}", r"C:\Users\张 三\AppData\Local\Programs\desk_app").replace(
        "{#AppExeName}", defines["AppExeName"]).replace("%1", r"D:\上报\2026年11月 数据包.zip")
    argv = shlex.split(value.replace("\\", "/"))
    assert argv[0].endswith("/" + defines["AppExeName"])
    rest, opened = split_open(argv[1:])
    assert rest == [] and opened == "D:/上报/2026年11月 数据包.zip"
