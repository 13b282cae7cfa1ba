"""Every test gets a fresh data folder and database, redirected user folders and a pinned 'today'.

The demo campaign is built once per test session (it is deterministic) and every test that asks for it
gets its own copy of that database file: same data, own folder, a fraction of the time.
"""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

# Qt aborts without a display unless told to draw offscreen; set before anything imports Qt. The offscreen
# screen is the clerks' smallest, 1366×768 (issue 18), so every window and dialog is tried at that size.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    _SCREEN = os.path.join(os.path.dirname(__file__), "screen_1366x768.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Keep the tests away from the real user's data, settings and logs."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    data = tmp_path / "data"
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(data))
    from desk_app import paths
    from desk_app.services import context

    paths.set_data_dir(None)
    context.set_today(TODAY)
    context.set_actor("测试员")
    yield data
    from desk_app.db import close_database

    close_database()
    context.set_today(None)
    context.set_actor(None)
    paths.set_data_dir(None)


@pytest.fixture
def db(user_folders, request):
    """An empty, migrated database in the test's data folder (the demo's, when the test also asks for it)."""
    from desk_app.db import open_database
    from desk_app.db.models import database

    if "demo" in request.fixturenames:
        request.getfixturevalue("demo")
        return database.obj
    return open_database()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The default demo campaign (deterministic: seed 1, today pinned), built once: (folder, DemoResult)."""
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.demo import build_demo
    from desk_app.services import context

    folder = tmp_path_factory.mktemp("demo-template")
    previous = paths.data_dir() if os.environ.get("DESK_APP_DATA_DIR") else None
    paths.set_data_dir(folder)
    context.set_today(TODAY)
    context.set_actor("测试员")
    try:
        open_database()
        result = build_demo(seed=1, today=TODAY)
    finally:
        close_database()  # checkpoints the WAL: the folder holds one self-contained file
        context.set_today(None)
        context.set_actor(None)
        paths.set_data_dir(previous)
    return folder, result


@pytest.fixture
def demo(user_folders, demo_template):
    """The default demo campaign in this test's own data folder (a copy of the session's template)."""
    from desk_app import paths
    from desk_app.db import open_database

    folder, result = demo_template
    target = paths.database_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / target.name, target)
    open_database()
    return result
