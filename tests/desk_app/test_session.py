"""Opening the data folder: read-only commands never create one; a file given as the folder is one message."""

import pytest

from desk_app import paths
from desk_app.cli import main
from desk_app.errors import DatabaseError
from desk_app.services import session

READ_ONLY_COMMANDS = [
    ["stats"],
    ["print", "ledger", "--out", "{tmp}/台账.pdf"],
    ["export", "xlsx", "--out", "{tmp}/台账.xlsx"],
    ["check"],
    ["backup", "--list"],
    ["backup"],
]


def test_open_data_without_create_refuses_a_missing_folder(user_folders):
    with pytest.raises(DatabaseError) as exc:
        session.open_data(create=False)
    assert "中没有数据" in exc.value.message and "--data-dir" in exc.value.message
    assert not user_folders.exists()


def test_open_data_without_create_opens_existing_data(demo):
    session.close_data()
    assert session.open_data(create=False) == paths.data_dir()


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_read_only_commands_on_a_mistyped_folder_create_nothing(tmp_path, capsys, command):
    missing = tmp_path / "does" / "not" / "exist"
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    assert main(["--data-dir", str(missing), *args]) == 2
    err = capsys.readouterr().err
    assert f"数据文件夹 {missing} 中没有数据" in err
    assert "desk-app demo" in err and "Traceback" not in err
    assert not (tmp_path / "does").exists()


@pytest.mark.parametrize("command", [["stats"], ["demo", "--entries", "5"], ["check"], ["backup", "--list"]],
                         ids=lambda c: c[0] + (" --list" if "--list" in c else ""))
def test_a_file_as_data_folder_gives_one_clear_message(tmp_path, capsys, command):
    not_a_folder = tmp_path / "台账.xlsx"
    not_a_folder.write_bytes(b"xlsx")
    assert main(["--data-dir", str(not_a_folder), *command]) == 2
    err = capsys.readouterr().err.strip()
    assert "是一个文件，不是文件夹" in err
    assert "锁文件" not in err and "只读" not in err and "不存在" not in err
    assert err.count("\n") == 0
    assert not_a_folder.read_bytes() == b"xlsx"


def test_demo_still_creates_a_new_folder(tmp_path, capsys):
    folder = tmp_path / "new"
    assert main(["--data-dir", str(folder), "demo", "--entries", "5"]) == 0
    assert (folder / paths.DB_FILE_NAME).is_file()
