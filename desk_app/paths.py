"""The one place that knows where user data and bundled resources live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "desk_app"
DATA_DIR_ENV = "DESK_APP_DATA_DIR"
DB_FILE_NAME = "desk.sqlite3"

_data_dir_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Override the data folder for this process (the --data-dir option)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    """The user's data folder: --data-dir, then $DESK_APP_DATA_DIR, then platformdirs."""
    if _data_dir_override is not None:
        return _data_dir_override
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / DB_FILE_NAME


def attachments_dir() -> Path:
    return data_dir() / "attachments"


def backups_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    env = os.environ.get(DATA_DIR_ENV)
    if _data_dir_override is not None or env:
        return data_dir() / "logs"
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def _resource_candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(here / "resources")  # installed wheel
    candidates.append(here.parent / "resources")  # source checkout / editable install
    return candidates


def resources_dir() -> Path:
    for candidate in _resource_candidates():
        if (candidate / "fonts").is_dir():
            return candidate
    tried = ", ".join(str(c) for c in _resource_candidates())
    raise FileNotFoundError(f"找不到程序资源目录 resources/（已查找：{tried}），请重新安装本程序。")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def cjk_font_path() -> Path:
    """The bundled TrueType CJK font that serves both the UI and the PDFs."""
    return resource("fonts", "wqy-microhei.ttc")
