"""The wheel carries both packages and resources/, and the installed code finds them."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_lists_every_package():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for top in ("desk_app", "ui") for p in (ROOT / top).rglob("__init__.py")}
    assert found | {"desk_app.resources"} == listed


def test_installed_wheel_finds_its_resources(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("desk_app-*.whl"))
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "from desk_app import paths; print(paths.resources_dir()); print(paths.cjk_font_path().stat().st_size)"
    out = subprocess.run([sys.executable, "-c", code], cwd=site, capture_output=True, text=True,
                         check=True).stdout.split()
    assert Path(out[0]) == site / "desk_app" / "resources"
    assert int(out[1]) > 4_000_000
