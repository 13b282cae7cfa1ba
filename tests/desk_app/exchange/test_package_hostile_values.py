"""Hostile values inside a well-formed package (issue 13, items 6, 8, 9 and 13): a Chinese message and
exit 2, or a clean import; never a traceback, never a byte written before the package is validated."""

import hashlib
import json
import zipfile

import pytest

from desk_app.cli import main
from desk_app.errors import InputFileError
from desk_app.exchange.package import write_package
from desk_app.exchange.package_import import preview_package
from desk_app.services import settings


@pytest.fixture
def good(db, tmp_path, built_once):
    """A sub-unit's package with one evidence file and one 延期 (we are 市财政局, it is 区财政局)."""
    return built_once("good", lambda: _build_good(tmp_path))


def _build_good(tmp_path):
    from desk_app.db.models import LedgerEntry
    from desk_app.demo import build_demo
    from desk_app.services import attachments, workflow

    build_demo(entries=40, seed=1)
    settings.save_report_header(settings.ReportHeader(unit="市财政局"))
    first = LedgerEntry.select().where(LedgerEntry.status.in_(["未启动", "推进中"]),
                                       LedgerEntry.deadline.is_null(False)).order_by(LedgerEntry.id).first()
    evidence = tmp_path / "整改报告.txt"
    evidence.write_text("已完成整改", encoding="utf-8")
    attachments.add_attachment(first.id, evidence)
    workflow.extend_deadline(first.id, first.deadline.replace(year=first.deadline.year + 1), "需要更多时间")
    out = tmp_path / "good.zip"
    write_package(out, unit="区财政局", period="2026-11")
    LedgerEntry.update(uuid=LedgerEntry.uuid + "-ours").execute()
    return out


def members_of(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write(path, members: dict, *, raw_manifest: bytes | None = None):
    """A package with the manifest's checksums made to match its (changed) members."""
    manifest = json.loads(members["manifest.json"])
    for name, data in members.items():
        if name != "manifest.json":
            manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    members = dict(members, **{"manifest.json": raw_manifest or json.dumps(manifest).encode()})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def edited(good, tmp_path, member: str, change) -> object:
    members = members_of(good)
    rows = json.loads(members[member])
    change(rows)
    members[member] = json.dumps(rows, ensure_ascii=False).encode()
    return write(tmp_path / "edited.zip", members)


RUNTIME = {"logs", "desk_app.lock", "desk.sqlite3-wal", "desk.sqlite3-shm"}


def files_in(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if not RUNTIME & set(p.parts))


def dump_database() -> str:
    from desk_app.db.models import database

    if database.engine_name == "sqlite":
        return "\n".join(database.obj.connection().iterdump())
    from desk_app.db.table_copy import digest  # PostgreSQL: every table's rows, by digest

    return repr(digest(database.obj))


def refused_by_cli(path, data_dir, capsys, *words):
    before, rows = files_in(data_dir), dump_database()
    code = main(["import", "package", str(path), "--yes"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and "没有导入任何内容" in err, err
    for word in words:
        assert word in err, err
    assert files_in(data_dir) == before  # no backup, no evidence copy, nothing
    assert dump_database() == rows
    return err


def test_format_version_true_is_refused(good, tmp_path, user_folders, capsys):
    members = members_of(good)
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = True
    path = write(tmp_path / "bool.zip", members, raw_manifest=json.dumps(manifest).encode())
    refused_by_cli(path, user_folders, capsys, "格式版本号")


def test_manifest_nested_100000_deep_is_refused(good, tmp_path, user_folders, capsys):
    members = members_of(good)
    deep = b'{"format": "desk_app.exchange", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    path = write(tmp_path / "deep.zip", members, raw_manifest=deep)
    refused_by_cli(path, user_folders, capsys, "嵌套层数过深")


def test_entries_nested_100000_deep_is_refused(good, tmp_path, user_folders, capsys):
    members = members_of(good)
    members["entries.json"] = b"[" * 100_000 + b"]" * 100_000
    refused_by_cli(write(tmp_path / "deep.zip", members), user_folders, capsys, "嵌套层数过深")


def test_a_number_of_5000_digits_is_refused(good, tmp_path, user_folders, capsys):
    members = members_of(good)
    members["entries.json"] = members["entries.json"].replace(b'"decision_no":null', b'"decision_no":' + b"9" * 5000, 1)
    refused_by_cli(write(tmp_path / "digits.zip", members), user_folders, capsys, "无法读取")


def test_decision_no_too_large_for_sqlite_is_refused(good, tmp_path, user_folders, capsys):
    def change(rows):
        rows[0]["decision_no"] = 2 ** 70
    refused_by_cli(edited(good, tmp_path, "entries.json", change), user_folders, capsys, "议定事项序号")


def test_attachment_size_too_large_is_refused_before_any_copy(good, tmp_path, user_folders, capsys):
    def change(rows):
        rows[0]["size"] = 2 ** 70
    refused_by_cli(edited(good, tmp_path, "attachments.json", change), user_folders, capsys, "佐证材料第 1 条")


HOSTILE = [[], {}, True, 2 ** 70, -1, None, 1.5, "x" * 300_000]


@pytest.mark.parametrize("member", ["entries.json", "progress.json", "events.json", "attachments.json",
                                    "changes.json"])
def test_every_field_with_a_hostile_value_is_a_message(good, tmp_path, member):
    """Every field of the first record of each member, one value at a time: a refusal or a clean preview."""
    rows = json.loads(members_of(good)[member])
    assert rows, member
    for field in list(rows[0]):
        for value in HOSTILE:
            path = edited(good, tmp_path, member, lambda r, f=field, v=value: r[0].__setitem__(f, v))
            try:
                preview_package(path)
            except InputFileError as exc:
                assert "没有导入任何内容" in exc.message


def test_control_characters_are_stripped_from_package_text(good, tmp_path, db):
    from desk_app.exchange.package_apply import apply_package

    def change(rows):
        rows[0]["description"] = "问题\x1b[31m红字\u202e\x00表现\n第二行"
    path = edited(good, tmp_path, "entries.json", change)
    preview = preview_package(path)
    entry = next(e for e in preview.data.entries if e["uuid"] == preview.entries[0].uuid)
    assert entry["description"] == "问题[31m红字表现\n第二行"
    apply_package(preview)
    from desk_app.db.models import LedgerEntry

    stored = LedgerEntry.get(LedgerEntry.uuid == entry["uuid"]).description
    assert not any(ord(ch) < 32 and ch != "\n" for ch in stored) and "\u202e" not in stored


def test_attachment_names_keep_only_their_last_part(good, tmp_path, db):
    def change(rows):
        rows[0]["file_name"] = "../../Startup/run.bat"
    preview = preview_package(edited(good, tmp_path, "attachments.json", change))
    assert preview.data.attachments[0]["file_name"] == "run.bat"


def test_the_preview_names_the_departments_people_and_task_forces_it_would_create(good, tmp_path):
    """Item 8: these were created silently."""
    def change(rows):
        rows[0]["owner"] = {"name": "新来的人", "department": "新设科室"}
        rows[0]["task_force"] = "新成立专班"
    preview = preview_package(edited(good, tmp_path, "entries.json", change))
    text = preview.summary_text()
    assert "将在本机新建" in text
    # the sub-unit's 科室 and people are its own here (migration 20), never ours of the same name
    assert "区财政局·新设科室" in text and "新来的人（区财政局·新设科室）" in text and "专班 1 个（新成立专班）" in text


def test_a_preview_of_names_known_for_that_unit_announces_nothing_new(good, tmp_path):
    from desk_app.exchange.package_apply import apply_package

    apply_package(preview_package(good))
    def change(rows):
        rows[0]["description"] += "（补充）"
    preview = preview_package(edited(good, tmp_path, "entries.json", change))
    assert preview.has_changes and "将在本机新建" not in preview.summary_text()
