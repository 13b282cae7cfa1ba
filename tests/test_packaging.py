"""The wheel carries both packages and resources/, and the installed code finds them."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_lists_every_package():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for top in ("desk_app", "ui") for p in (ROOT / top).rglob("__init__.py")}
    assert found | {"desk_app.resources"} == listed


@pytest.mark.slow  # builds and installs a wheel (~5 s)
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


def _requirements() -> dict[str, str]:
    """{distribution name (lower case): version specifier} of pyproject.toml's runtime dependencies."""
    import re

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return {m.group(1).lower(): m.group(2) for m in (re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", d) for d in deps)}


def test_the_oldest_supported_pins_are_pyprojects_lower_bounds():
    """scripts/test.sh --oldest-qt tests exactly the floor pyproject.toml promises."""
    pins = {}
    for line in (ROOT / "scripts" / "oldest-supported.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    requirements = _requirements()
    for name in ("pyside6-essentials", "pypdfium2"):
        floor = requirements[name].removeprefix(">=").split(".")
        pinned = pins[name].split(".")
        assert pinned[:len(floor)] == floor and set(pinned[len(floor):]) <= {"0"}, (
            f"{name}: oldest-supported.txt pins {pins[name]}, pyproject.toml says {requirements[name]}")
    assert pins["shiboken6"] == pins["pyside6-essentials"]


def test_no_qtpdf_and_a_qt_range_not_a_pin():
    requirements = _requirements()
    assert "pyside6-pdf" not in requirements and "pyside6" not in requirements  # the lean wheels only
    assert requirements["pyside6-essentials"].startswith(">=") and "<" not in requirements["pyside6-essentials"]
