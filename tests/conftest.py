"""Every test gets a fresh data folder and database, redirected user folders and a pinned 'today'."""

from __future__ import annotations

import os
from datetime import date

import pytest

# Qt aborts without a display unless told to draw offscreen; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
def db(user_folders):
    """An empty, migrated database in the test's data folder."""
    from desk_app.db import open_database

    return open_database()


@pytest.fixture
def demo(db):
    """The default demo campaign (deterministic: seed 1, today pinned)."""
    from desk_app.demo import build_demo

    return build_demo(seed=1, today=TODAY)
