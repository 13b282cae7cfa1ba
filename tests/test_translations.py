"""Every tr() string has a zh_CN translation and the shipped .qm files match the .ts sources."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import i18n  # noqa: E402


def test_every_string_is_translated():
    assert i18n.missing() == []


def test_ts_files_cover_every_tr_call(tmp_path):
    """Running lupdate again must find nothing new (catches strings added without translating)."""
    before = {ts.name: ts.read_bytes() for ts in i18n.ts_files()}
    for area, files in i18n.areas().items():
        target = tmp_path / f"{area}_zh_CN.ts"
        source = i18n.TS_DIR / target.name
        if source.exists():
            target.write_bytes(source.read_bytes())
        subprocess.run([i18n.tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *map(str, files),
                        "-ts", str(target)], check=True, capture_output=True)
        assert target.name in before, f"no catalogue for area {area}"
    orig = i18n.TS_DIR
    try:
        i18n.TS_DIR = tmp_path
        assert i18n.missing() == []
    finally:
        i18n.TS_DIR = orig


def test_compiled_catalogues_are_up_to_date(tmp_path):
    i18n.release(tmp_path)
    for ts in i18n.ts_files():
        shipped = ts.with_suffix(".qm")
        assert shipped.exists(), f"{shipped.name} missing: run python scripts/i18n.py release"
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), f"{shipped.name} is stale"
