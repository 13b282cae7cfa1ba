"""Command-line refusals that name the real cause and leave nothing behind (review items 10 and 12)."""

from __future__ import annotations

import openpyxl
import pytest

from desk_app import paths
from desk_app.cli import main
from desk_app.services import backups, campaigns, settings


def _package(tmp_path):
    from desk_app.exchange.package import write_package

    settings.save_report_header(settings.ReportHeader(unit="XX区财政局"))
    out = tmp_path / "sub.zip"
    write_package(out, campaign_id=campaigns.current_campaign().id, period="2026-11")
    return out


def _ledger(tmp_path):
    path = tmp_path / "台账.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "问题描述", "整改措施", "责任科室", "责任人", "整改时限"])
    sheet.append([1, "审批材料要求过多，群众反复跑", "精简材料清单", "办公室", "张三", "2027-03-31"])
    book.save(path)
    return path


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_refused_import_into_a_folder_without_data_creates_nothing(tmp_path, capsys, dry_run):
    empty = tmp_path / "empty"
    junk = tmp_path / "random.zip"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    flags = ["--dry-run"] if dry_run else ["--yes"]
    assert main(["--data-dir", str(empty), "import", "package", str(junk), *flags]) == 2
    ledger = _ledger(tmp_path)
    assert main(["--data-dir", str(empty), "import", "xlsx", str(ledger), *flags]) == 2
    assert "本机还没有任何活动" in capsys.readouterr().err
    assert not empty.exists()


def test_a_dry_run_into_a_folder_without_data_previews_and_creates_nothing(tmp_path, capsys):
    empty = tmp_path / "empty"
    ledger = _ledger(tmp_path)
    code = main(["--data-dir", str(empty), "import", "xlsx", str(ledger), "--new-campaign", "区局作风", "--dry-run"])
    out = capsys.readouterr()
    assert code == 2 and "本机没有科室（单位）“办公室”" in out.out  # the preview is made, and said
    assert "加 --create-missing" in out.out and "自动新建缺少的科室和人员" not in out.out
    assert main(["--data-dir", str(empty), "import", "xlsx", str(ledger), "--new-campaign", "区局作风",
                 "--create-missing", "--dry-run"]) == 0
    assert "将新建活动“区局作风”" in capsys.readouterr().out
    assert not empty.exists()


def test_restore_names_a_data_package_and_wants_yes_like_import(demo, tmp_path, capsys):
    package = _package(tmp_path)
    assert main(["restore", str(package), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "是数据包" in err and "desk-app import package" in err and "不属于备份" not in err
    backup = backups.create_backup("manual", tmp_path / "bk.zip")
    assert main(["restore", str(backup)]) == 2  # stdin is not a terminal under pytest
    assert "请在终端中运行，或加上 --yes" in capsys.readouterr().err


def test_import_xlsx_of_a_folder_says_it_is_a_folder(demo, tmp_path, capsys):
    assert main(["import", "xlsx", str(tmp_path), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "是文件夹，不是 Excel 文件" in err and "找不到文件" not in err


def test_print_help_lists_every_kind_whole(capsys, monkeypatch):
    from desk_app.reports.registry import KINDS

    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["print", "--help"])
    lines = capsys.readouterr().out.splitlines()
    for name, kind in KINDS.items():  # each on its own line, its name apart from its title
        assert any(line.split()[:1] == [name] and kind.title in line.split(maxsplit=1)[1] for line in lines if line)
    stems = {name.split("-")[0] + "-" for name in KINDS if "-" in name}
    assert not any(line.rstrip().endswith(tuple(stems)) for line in lines)  # no name broken at its hyphen


def test_messages_name_places_that_exist(demo, tmp_path, capsys):
    settings.save_report_header(settings.ReportHeader(unit=""))
    assert main(["export", "package", "--out", str(tmp_path / "p.zip")]) == 2
    assert "“设置 › 常规”的“填报单位”" in capsys.readouterr().err
    assert main(["print", "person-list", "--person", "没有这个人", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "设置 › 科室与人员" in capsys.readouterr().err
    assert paths.data_dir().is_dir()
