"""A real import into a data folder that does not hold data yet (cli/fresh_folder): refused, cancelled or
empty, it leaves nothing behind; accepted, the folder appears whole, without a backup of nothing."""

from __future__ import annotations

import openpyxl
import pytest

from desk_app.cli import main

ROW = [1, "审批材料要求过多，群众反复跑", "精简材料清单", "办公室", "张三", "2027-03-31"]


def _ledger(tmp_path, *rows):
    path = tmp_path / "台账.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["序号", "问题描述", "整改措施", "责任科室", "责任人", "整改时限"])
    for row in rows or (ROW,):
        book.active.append(row)
    book.save(path)
    return path


def _package(tmp_path):
    source = tmp_path / "county"
    out = tmp_path / "county.zip"
    assert main(["--data-dir", str(source), "--today", "2026-11-23", "demo", "--entries", "30"]) == 0
    assert main(["--data-dir", str(source), "export", "package", "--out", str(out), "--unit", "XX县局"]) == 0
    return out


def _left_in(folder):
    """Everything under folder but the test's redirected home, scratch folders included."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.parts[len(folder.parts)] != "home")


@pytest.mark.parametrize("extra", [[], ["--skip-invalid"]])
def test_an_xlsx_whose_rows_are_all_refused_creates_no_folder(tmp_path, capsys, extra):
    ledger = _ledger(tmp_path)  # 办公室 and 张三 are unknown, and --create-missing is not given
    aimed = tmp_path / "new" / "data"
    code = main(["--data-dir", str(aimed), "import", "xlsx", str(ledger), "--new-campaign", "区局作风", "--yes", *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert ("没有导入任何内容" in err) and ("--skip-invalid" in err or "全部 1 行都有问题" in err)
    assert _left_in(tmp_path) == ["台账.xlsx"]


def test_a_refused_package_or_fill_in_creates_no_folder(tmp_path, capsys):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    aimed = tmp_path / "new"
    assert main(["--data-dir", str(aimed), "import", "package", str(junk), "--yes"]) == 2
    assert main(["--data-dir", str(aimed), "import", "fill-in", str(tmp_path), "--yes"]) == 2
    assert "中没有数据" in capsys.readouterr().err
    assert _left_in(tmp_path) == ["junk.zip"]


def test_an_import_that_is_not_confirmed_creates_no_folder(tmp_path, capsys):
    ledger = _ledger(tmp_path)
    code = main(["--data-dir", str(tmp_path / "new"), "import", "xlsx", str(ledger), "--new-campaign", "区局作风",
                 "--create-missing"])  # stdin is no terminal under pytest: the question cannot be asked
    assert code == 2 and "请加 --yes" in capsys.readouterr().err
    assert _left_in(tmp_path) == ["台账.xlsx"]


def test_an_accepted_xlsx_makes_the_folder_whole_without_a_backup_of_nothing(tmp_path, capsys):
    ledger = _ledger(tmp_path)
    aimed = tmp_path / "new" / "data"
    assert main(["--data-dir", str(aimed), "import", "xlsx", str(ledger), "--new-campaign", "区局作风",
                 "--create-missing", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "新增 1 条" in out and "导入前的备份" not in out
    assert (aimed / "desk.sqlite3").is_file() and not (aimed / "backups").exists()
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["data"]  # no scratch folder left beside it
    assert main(["--data-dir", str(aimed), "stats", "--json"]) == 0
    assert '"total": 1' in capsys.readouterr().out.replace(" ", "").replace('"total":1', '"total": 1')
    # the next import into it has data to keep: that one is backed up
    second = _ledger(tmp_path, [2, "窗口服务态度生硬", "开展培训", "办公室", "张三", "2027-04-30"])
    assert main(["--data-dir", str(aimed), "import", "xlsx", str(second), "--yes"]) == 0
    assert "导入前的备份" in capsys.readouterr().out and (aimed / "backups").is_dir()


def test_an_accepted_package_into_an_existing_empty_folder_keeps_what_was_there(tmp_path, capsys):
    package = _package(tmp_path)
    capsys.readouterr()
    aimed = tmp_path / "bureau"
    (aimed / "logs").mkdir(parents=True)
    (aimed / "说明.txt").write_text("本文件夹用于存放台账数据", encoding="utf-8")
    assert main(["--data-dir", str(aimed), "import", "package", str(package), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "已导入“XX县局”" in out and "本机此前没有数据，导入前无需备份" in out
    assert (aimed / "desk.sqlite3").is_file() and (aimed / "说明.txt").read_text(encoding="utf-8").startswith("本文件夹")
    assert not (aimed / "backups").exists()
    assert not [p for p in aimed.iterdir() if p.name.startswith(".desk-app-new-")]
    assert main(["--data-dir", str(aimed), "import", "package", str(package), "--yes"]) == 0
    assert "没有需要导入的内容" in capsys.readouterr().out
