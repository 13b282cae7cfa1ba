"""Export and import on a damaged database: a Chinese message and exit 2, never a traceback,
never a half-written output file."""

import os

import pytest

from desk_app import paths
from desk_app.cli import main
from desk_app.db import close_database

DAMAGE = 16 * 1024


@pytest.fixture
def damaged(demo, tmp_path):
    from desk_app.exchange.package import write_package

    package = tmp_path / "ours.zip"
    write_package(package)  # written while the data was still readable
    close_database()
    path = paths.database_path()
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(DAMAGE)))
    return package


@pytest.mark.parametrize("command", [
    ["export", "xlsx", "--out", "{tmp}/out.xlsx"],
    ["export", "csv", "--out", "{tmp}/out.csv"],
    ["export", "package", "--out", "{tmp}/out.zip"],
    ["import", "package", "{package}", "--dry-run"],
], ids=["xlsx", "csv", "package", "import-package"])
def test_damaged_database_gives_a_message_and_exit_2(damaged, tmp_path, capsys, command):
    argv = [part.format(tmp=tmp_path, package=damaged) for part in command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "数据文件已损坏" in err and "desk-app check" in err, err
    assert "Traceback" not in err
    assert not [name for name in os.listdir(tmp_path) if name.startswith(("out", ".export"))]


def test_disk_errors_outside_the_database_are_explained(demo, tmp_path, capsys, monkeypatch):
    from desk_app.exchange import csv_export

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "out.csv"))

    monkeypatch.setattr(csv_export, "export_csv", full_disk)
    assert main(["export", "csv", "--out", str(tmp_path / "out.csv")]) == 2
    assert "磁盘空间已满" in capsys.readouterr().err
