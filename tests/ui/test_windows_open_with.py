"""A data package opened from Explorer ("打开方式 › 专班·例会·整改台账", see build/windows/desk_app.iss):
`desk_app.exe --open FILE` opens the window and then that package's import preview."""

from __future__ import annotations


def _sub_unit_package(tmp_path) -> str:
    """A package as a sub-unit sends it: its own data folder and 填报单位."""
    import subprocess
    import sys

    folder, package = tmp_path / "下级单位", tmp_path / "上报 数据包.zip"
    code = ("from dataclasses import replace; from desk_app.cli import main; from desk_app.services import settings, "
            "session; import sys; f, p = sys.argv[1:]; main(['--data-dir', f, 'demo', '--entries', '30', '--seed', '2']); "
            "from desk_app import paths; paths.set_data_dir(f); session.open_data(); "
            "settings.save_report_header(replace(settings.report_header(), unit='某县财政局')); "
            "raise SystemExit(main(['--data-dir', f, 'export', 'package', '--out', p]))")
    subprocess.run([sys.executable, "-c", code, str(folder), str(package)], check=True, capture_output=True)
    return str(package)


def test_open_file_goes_to_the_package_preview(main_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    package = _sub_unit_package(tmp_path)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = main_window.exchange_menu.open_package_import(package)
    qtbot.waitUntil(lambda: dialog.preview is not None or bool(warnings), timeout=20000)
    assert not warnings, warnings
    assert dialog.isVisible() and dialog.path == package
    assert dialog.preview is not None, dialog.summary.text()
    dialog.close()


def test_the_launcher_takes_open_out_of_the_command_line():
    from ui.launcher import split_open

    assert split_open(["--data-dir", "D", "--open", "x.zip"]) == (["--data-dir", "D"], "x.zip")
    assert split_open(["--open=y.zip"]) == ([], "y.zip")
    assert split_open(["stats"]) == (["stats"], None)
