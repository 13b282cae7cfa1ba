from pathlib import Path

from desk_app import paths


def test_data_dir_prefers_option_then_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir() == (tmp_path / "env").resolve()
    paths.set_data_dir(tmp_path / "opt")
    assert paths.data_dir() == (tmp_path / "opt").resolve()
    assert paths.database_path().parent == paths.data_dir()


def test_resources_are_found_with_the_bundled_font():
    font = paths.cjk_font_path()
    assert font.is_file() and font.stat().st_size > 4_000_000
    assert (paths.resources_dir() / "fonts" / "LICENSE-wqy-microhei.txt").is_file()


def test_frozen_bundle_resources_come_first(tmp_path, monkeypatch):
    bundle = tmp_path / "bundle"
    (bundle / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr("sys._MEIPASS", str(bundle), raising=False)
    assert paths.resources_dir() == Path(bundle / "resources")
