"""Windows, simulated on Linux: the %LOCALAPPDATA% data folder, the system's 仿宋/黑体/楷体/方正小标宋 found
in a Windows fonts folder (system-wide and per-user), and a per-user install under a Chinese user
name with a space, where the bundle's resources live."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from desk_app import paths
from desk_app.reports import font_choices

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@pytest.fixture
def windows_folders(tmp_path, monkeypatch):
    """A Windows user profile: %LOCALAPPDATA%, %APPDATA%, %WINDIR% (platformdirs asks the shell for
    the first two; here it gets them from this fake profile)."""
    profile = tmp_path / "Users" / "张 三"
    folders = {"CSIDL_LOCAL_APPDATA": profile / "AppData" / "Local", "CSIDL_APPDATA": profile / "AppData" / "Roaming"}
    for folder in folders.values():
        folder.mkdir(parents=True)
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda csidl: str(folders[csidl]))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(folders["CSIDL_LOCAL_APPDATA"]))
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.delenv("DESK_APP_DATA_DIR", raising=False)
    paths.set_data_dir(None)
    return {"local": folders["CSIDL_LOCAL_APPDATA"], "roaming": folders["CSIDL_APPDATA"], "windir": windir}


def test_the_data_folder_is_localappdata_desk_app_not_roaming(windows_folders):
    """Local, not Roaming: a domain profile would copy the database around at every log-on."""
    assert paths.data_dir() == windows_folders["local"] / "desk_app"
    assert paths.database_path() == windows_folders["local"] / "desk_app" / "desk.sqlite3"
    assert paths.log_dir() == windows_folders["local"] / "desk_app" / "Logs"
    assert windows_folders["roaming"] not in paths.data_dir().parents


def test_the_installer_keeps_exactly_that_folder_on_uninstall(windows_folders):
    iss = (Path(__file__).resolve().parents[2] / "build" / "windows" / "desk_app.iss").read_text(encoding="utf-8-sig")
    assert r"AppData\Local\desk_app" in iss and "[UninstallDelete]" not in iss.split("; No [UninstallDelete]")[0]
    assert paths.data_dir().relative_to(windows_folders["local"]) == Path("desk_app")


def _install_font(folder: Path, name: str, source: str = "gbsn00lp.ttf") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(FONTS / source, folder / name))


def test_windows_fonts_are_found_system_wide_and_per_user(windows_folders):
    fonts = windows_folders["windir"] / "Fonts"
    for name in ("SIMFANG.TTF", "simhei.ttf", "simkai.ttf", "simsun.ttc", "arial.ttf", "msyh.ttc"):
        _install_font(fonts, name, "wqy-microhei.ttc" if name.endswith(".ttc") else "gbsn00lp.ttf")
    # Windows 10 1809+: fonts a user installs without administrator rights go to the profile.
    per_user = windows_folders["local"] / "Microsoft" / "Windows" / "Fonts"
    _install_font(per_user, "FZXBSJW.TTF")
    assert font_choices.font_folders() == [fonts, per_user]
    found = {choice.label: choice for choice in font_choices.system_fonts()}
    assert {"仿宋", "黑体", "楷体", "宋体", "方正小标宋简体"} <= set(found)
    assert found["方正小标宋简体"].path.parent == per_user
    assert not any(c.path.name.lower() in {"arial.ttf", "msyh.ttc"} for c in found.values())
    defaults = font_choices.default_choices()
    assert Path(defaults["title"]).name == "FZXBSJW.TTF"  # 小标宋 for titles (GB/T 9704)
    assert Path(defaults["heading"]).name == "simhei.ttf"
    assert Path(defaults["heading2"]).name == "simkai.ttf"
    assert Path(defaults["body"]).name == "SIMFANG.TTF"


def test_a_document_prints_with_the_windows_fonts(windows_folders, demo, tmp_path):
    """The faces found there are embedded in the PDF (reportlab reads the files under their Windows names)."""
    from pypdf import PdfReader

    from desk_app.reports.options import PrintOptions
    from desk_app.reports.registry import render_to_file
    from desk_app.services import settings

    fonts = windows_folders["windir"] / "Fonts"
    for name in ("simfang.ttf", "simhei.ttf", "simkai.ttf"):
        _install_font(fonts, name)
    # a different face for the 小标宋 file, so the PDF shows the title came from it
    _install_font(windows_folders["local"] / "Microsoft" / "Windows" / "Fonts", "FZXBSJW.TTF", "gkai00mp.ttf")
    settings.put(font_choices.SETTING_KEY, font_choices.default_choices())
    out = tmp_path / "通知.pdf"
    render_to_file("ledger", PrintOptions(), out)
    embedded = {str(font.get("/BaseFont")) for page in PdfReader(out).pages[:1]
                for font in page["/Resources"]["/Font"].values()}
    assert any("ZenKai" in name for name in embedded), embedded  # the title in the "方正小标宋" file
    assert any("Bousung" in name for name in embedded), embedded  # the table in 仿宋 (no 宋体 installed)
    assert all(font_choices.choice_for(key).path.is_file() for key in font_choices.configured_choices().values())


def test_no_windows_fonts_falls_back_to_the_bundled_faces(windows_folders):
    assert font_choices.system_fonts() == []
    assert set(font_choices.default_choices().values()) <= set(font_choices.BUNDLED_FILES)


def test_resources_load_from_a_per_user_install_under_a_chinese_user_name(windows_folders, monkeypatch, tmp_path):
    """Inno Setup installs per user into %LOCALAPPDATA%\\Programs\\desk_app; PyInstaller's files sit in
    _internal. On a Chinese Windows the profile folder is often the clerk's name, with a space."""
    from desk_app.reports import fonts

    internal = windows_folders["local"] / "Programs" / "desk_app" / "_internal"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources", internal / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert paths.resources_dir() == internal / "resources"
    assert "张 三" in str(paths.cjk_font_path()) and paths.cjk_font_path().is_file()
    face = fonts.load(font_choices.BUNDLED_SONG, "body")
    assert face.has("整") and face.char_width("整") > 0
