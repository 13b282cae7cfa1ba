"""What goes into the frozen bundle and what is trimmed: the rules desk_app.spec applies.

Kept apart from the spec so the rules are plain Python that tests/test_build_files.py can check
without running PyInstaller. Paths are bundle destination paths ("PySide6/Qt/plugins/platforms/
libqxcb.so" on Linux, "PySide6/plugins/platforms/qwindows.dll" on Windows).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

# The Qt modules the app imports. Everything else from PySide6 is excluded from the analysis.
QT_MODULES_USED = ["QtCore", "QtGui", "QtWidgets", "QtPrintSupport"]  # the preview renders with pypdfium2

QT_MODULES_EXCLUDED = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtAxContainer",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets",
    "QtPositioning", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
    "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
    "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
]

PYTHON_EXCLUDED = [
    "tkinter", "_tkinter", "PySide6.scripts", "shiboken6.scripts", "PyInstaller", "pytest", "pytestqt",
    "pypdf", "setuptools", "pip", "wheel", "IPython", "numpy", "PIL.ImageQt", "PIL.ImageTk",
    # The program never opens a connection: no TLS (and no OpenSSL, ~6 MB). hashlib falls back to its
    # built-in md5/sha implementations; the standard library imports ssl only optionally.
    "ssl", "_ssl", "_hashlib",
    # python-docx and openpyxl use lxml.etree only; the lxml hook would take every submodule.
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.cssselect",
    # AVIF images (libavif, ~5 MB) are never embedded in reports.
    "PIL.AvifImagePlugin", "PIL._avif",
]


def python_excludes() -> list[str]:
    return [f"PySide6.{name}" for name in QT_MODULES_EXCLUDED] + PYTHON_EXCLUDED


# Qt plugins kept, by category. Plugin file stems without "lib"/"q" prefixes and suffixes are matched
# (libqxcb.so, qxcb.dll -> "xcb"). Categories not listed are dropped whole (generic, egldeviceintegrations,
# networkinformation, tls, sqldrivers, qmltooling, designer, multimedia, ...).
KEPT_PLUGINS = {
    # xcb for X11 desktops (UOS, Kylin), wayland for Wayland sessions, offscreen/minimal for tests
    # and the smoke test, windows and cocoa for the other systems.
    "platforms": {"xcb", "wayland", "offscreen", "minimal", "windows", "cocoa"},
    # The portal theme gives native file dialogs through D-Bus. gtk3 is dropped: it would drag the
    # build machine's GTK into the bundle and clash with the desktop's own.
    "platformthemes": {"xdgdesktopportal"},
    # Chinese input methods reach Qt through ibus (fcitx5 also speaks the ibus protocol); compose
    # handles dead keys. The virtual keyboard needs QtQuick.
    "platforminputcontexts": {"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"},
    "imageformats": {"jpeg", "gif", "ico"},  # + "svg" when the app imports QtSvg
    "iconengines": set(),  # + "svgicon" when the app imports QtSvg
    "printsupport": None,  # None: every plugin of the category (cups on Linux)
    "styles": None,  # Windows 11 / modern Windows style
    "xcbglintegrations": None,
    # Wayland: the standard desktop shell and the plain decoration (adwaita would need QtSvg).
    # Graphics integrations (EGL, dmabuf, vulkan) are for OpenGL windows; the widgets draw in memory.
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient"},
}

# Single files dropped wherever they are. opengl32sw.dll (Windows, 20 MB) is Mesa's software OpenGL
# for QtOpenGL/QtQuick when the graphics driver has none; the widgets paint without OpenGL.
DROPPED_FILES = {"opengl32sw.dll",
                 # CUPS's client library comes from the clerk's system, which runs the matching cupsd and
                 # has its printers set up; the build machine's copy dragged in gnutls, systemd and
                 # friends and raised the bundle's glibc floor (Debian 12: GLIBC_2.36).
                 "libcups.so.2"}

# Qt's own translations: only the language the app ships (standard dialogs' buttons etc.).
KEPT_QT_TRANSLATIONS = {"qtbase_zh_CN.qm"}

_PLUGIN = re.compile(r"(?:^|/)PySide6/(?:Qt/)?plugins/([^/]+)/([^/]+)$")
_TRANSLATION = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/([^/]+)$")


def plugin_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    stem = stem.removeprefix("lib")
    if stem.startswith("q") and not stem.startswith("qt"):
        stem = stem[1:]
    return stem


def keep(dest: str, svg: bool = False) -> bool:
    """Whether the file at bundle path `dest` stays in the bundle. svg: the app imports QtSvg."""
    dest = dest.replace("\\", "/")
    if dest.rsplit("/", 1)[-1].lower() in DROPPED_FILES:
        return False
    match = _PLUGIN.search(dest)
    if match:
        category, file_name = match.groups()
        if category not in KEPT_PLUGINS:
            return False
        wanted = KEPT_PLUGINS[category]
        stem = plugin_stem(file_name)
        return wanted is None or stem in wanted or (svg and stem in {"svg", "svgicon"})
    match = _TRANSLATION.search(dest)
    if match:
        return match.group(1) in KEPT_QT_TRANSLATIONS
    return True


def trim(toc, svg: bool = False):
    """A PyInstaller TOC (list of (dest, source, typecode)) without the trimmed entries."""
    return [entry for entry in toc if keep(entry[0], svg)]


_EXTENSION = re.compile(r"\.(abi3|cpython-[^.]+)\.so$|\.pyd$")
_SHARED_LIBRARY = re.compile(r"\.so(\.[0-9.]+)?$")


# Libraries Python code loads by name with ctypes: no binary links to them, yet they are needed.
# (pypdfium2's PDFium renders the print preview; pruning it made the window crash at start-up.)
CTYPES_LIBRARIES = {"libpdfium.so", "pdfium.dll", "libpdfium.dylib"}


def is_root_binary(dest: str) -> bool:
    """Binaries the bundle needs for their own sake: Python extensions, kept Qt plugins, libpython and
    the libraries loaded through ctypes.

    Every other shared library is there only because one of these links to it."""
    dest = dest.replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    return bool(_EXTENSION.search(name) or _PLUGIN.search(dest) or "/lib-dynload/" in f"/{dest}"
                or name.startswith("libpython") or name in CTYPES_LIBRARIES or not _SHARED_LIBRARY.search(name))


def prune_unneeded_libraries(toc, needed_by):
    """(kept, dropped): shared libraries that no kept binary links to are dropped.

    PyInstaller collected the libraries of every plugin before the plugins were trimmed (the GTK
    theme alone brought ~20 MB of GTK, cairo and pango). needed_by(source_path) returns the names of
    the libraries a binary loads, transitively (ldd)."""
    needed: set[str] = set()
    for dest, source, typecode in toc:
        if typecode != "SYMLINK" and is_root_binary(dest):
            needed |= set(needed_by(source))
    kept, dropped = [], []
    for entry in toc:
        name = entry[0].replace("\\", "/").rsplit("/", 1)[-1]
        (kept if is_root_binary(entry[0]) or name in needed else dropped).append(entry)
    return kept, dropped


def without_debug_info(entry, work_dir: Path):
    """libpython without its debug sections (a copy in the work folder); other entries unchanged.

    Only libpython: stripping libraries that auditwheel patched (pillow.libs) can break them."""
    dest, source, typecode = entry
    strip = shutil.which("strip")
    if not Path(dest).name.startswith("libpython") or typecode == "SYMLINK" or strip is None:
        return entry
    copy = work_dir / "stripped" / Path(dest).name
    copy.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([strip, "--strip-debug", "-o", str(copy), source], check=True)
    return dest, str(copy), typecode


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """"1.2.3" -> (1, 2, 3, 0): the four numbers Windows keeps in an executable's version resource."""
    numbers = [int(re.match(r"\d*", part).group() or 0) for part in version.split(".")[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))


def windows_version_info(version: str, exe_name: str):
    """The version resource Windows shows in the executable's Properties > Details."""
    from PyInstaller.utils.win32 import versioninfo as vi  # noqa: PLC0415 - build machines only

    numbers = version_tuple(version)
    strings = [
        vi.StringStruct("CompanyName", "desk_app"),
        vi.StringStruct("FileDescription", "专班·例会·整改台账"),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", "desk_app"),
        vi.StringStruct("LegalCopyright", "desk_app"),
        vi.StringStruct("OriginalFilename", exe_name),
        vi.StringStruct("ProductName", "专班·例会·整改台账"),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[vi.StringFileInfo([vi.StringTable("080404b0", strings)]),  # zh-CN, Unicode
              vi.VarFileInfo([vi.VarStruct("Translation", [0x0804, 1200])])],
    )
