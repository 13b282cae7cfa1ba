"""Broken and hostile packages: a clear Chinese message, and the database exactly as it was."""

import hashlib
import json
import zipfile

import pytest

from desk_app.errors import InputFileError
from desk_app.exchange import package_format
from desk_app.exchange.package import write_package
from desk_app.exchange.package_import import preview_package
from desk_app.exchange.safe_zip import ZipLimits
from desk_app.services import settings


@pytest.fixture
def good(demo, tmp_path, built_once):
    """A sub-unit's package: sent as 区财政局 (we are 市财政局), entries that are not ours."""
    return built_once("good", lambda: _build_good(tmp_path))


def _build_good(tmp_path):
    from desk_app.db.models import LedgerEntry

    settings.save_report_header(settings.ReportHeader(unit="市财政局"))
    out = tmp_path / "good.zip"
    write_package(out, unit="区财政局", period="2026-11")
    LedgerEntry.update(uuid=LedgerEntry.uuid + "-ours").execute()
    return out


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write(path, members: dict, *, fix_manifest=True):
    if fix_manifest and "manifest.json" in members:
        manifest = json.loads(members["manifest.json"])
        for name, data in members.items():
            if name != "manifest.json":
                manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _refused(path, db_dump, *words):
    before = db_dump()
    with pytest.raises(InputFileError) as info:
        preview_package(path)
    for word in words:
        assert word in info.value.message, info.value.message
    assert "没有导入任何内容" in info.value.message
    assert db_dump() == before
    return info.value.message


def test_path_climbing_out(good, tmp_path, db_dump):
    members = _members(good)
    members["../../evil.txt"] = b"x"
    _refused(_write(tmp_path / "climb.zip", members), db_dump, "..")


def test_absolute_path(good, tmp_path, db_dump):
    members = _members(good)
    members["/etc/passwd"] = b"x"
    _refused(_write(tmp_path / "abs.zip", members), db_dump, "绝对路径")


def test_zip_bomb_ratio(good, tmp_path, db_dump, monkeypatch):
    members = _members(good)
    members["entries.json"] = b"[" + b" " * (40 * 1024 * 1024) + b"]"
    _refused(_write(tmp_path / "bomb.zip", members), db_dump, "压缩炸弹")


def test_too_many_members(good, tmp_path, db_dump, monkeypatch):
    from desk_app.exchange import package_read

    monkeypatch.setattr(package_read, "PACKAGE_LIMITS", ZipLimits(max_members=5))
    members = _members(good)
    for i in range(10):
        members[f"files/{i:064x}"] = b"x"
    _refused(_write(tmp_path / "many.zip", members), db_dump, "超过上限")


def test_member_bigger_than_declared_limit(good, tmp_path, db_dump, monkeypatch):
    from desk_app.exchange import package_read

    monkeypatch.setattr(package_read, "PACKAGE_LIMITS", ZipLimits(max_member_bytes=1000, max_ratio=10**6))
    _refused(good, db_dump, "过大")


def test_missing_manifest(good, tmp_path, db_dump):
    members = _members(good)
    del members["manifest.json"]
    _refused(_write(tmp_path / "nomanifest.zip", members), db_dump, "manifest.json")


def test_wrong_manifest(good, tmp_path, db_dump):
    members = _members(good)
    members["manifest.json"] = json.dumps({"format": "something else"}).encode()
    _refused(_write(tmp_path / "wrong.zip", members, fix_manifest=False), db_dump, "不是本程序的数据包")


def test_manifest_not_json(good, tmp_path, db_dump):
    members = _members(good)
    members["manifest.json"] = b"\xff\xfe not json"
    _refused(_write(tmp_path / "garbled.zip", members, fix_manifest=False), db_dump, "无法读取")


def test_checksum_mismatch(good, tmp_path, db_dump):
    members = _members(good)
    entries = json.loads(members["entries.json"])
    entries[0]["description"] = "被篡改的内容"
    members["entries.json"] = json.dumps(entries, ensure_ascii=False).encode()
    _refused(_write(tmp_path / "tampered.zip", members, fix_manifest=False), db_dump, "校验码不符", "台账事项")


def test_newer_format(good, tmp_path, db_dump):
    members = _members(good)
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = package_format.FORMAT_VERSION + 1
    members["manifest.json"] = json.dumps(manifest).encode()
    _refused(_write(tmp_path / "newer.zip", members, fix_manifest=False), db_dump, "更新版本", "升级")


def test_truncated_file(good, tmp_path, db_dump):
    data = good.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    _refused(cut, db_dump, "损坏")


def test_not_a_zip(tmp_path, db, db_dump):
    fake = tmp_path / "fake.zip"
    fake.write_text("这不是压缩包", encoding="utf-8")
    _refused(fake, db_dump, "不是有效的数据包")


def test_bad_field_values(good, tmp_path, db_dump):
    members = _members(good)
    entries = json.loads(members["entries.json"])
    entries[0]["status"] = "随便写"
    entries[1]["deadline"] = "明天"
    entries[2]["uuid"] = "../../x"
    members["entries.json"] = json.dumps(entries, ensure_ascii=False).encode()
    message = _refused(_write(tmp_path / "fields.zip", members), db_dump, "内容不正确", "随便写")
    assert "UUID" in message and "日期" in message


def test_wrong_json_shape(good, tmp_path, db_dump):
    members = _members(good)
    members["progress.json"] = json.dumps({"not": "a list"}).encode()
    _refused(_write(tmp_path / "shape.zip", members), db_dump, "整改进展不是列表")


def test_extra_member_not_in_manifest(good, tmp_path, db_dump):
    members = _members(good)
    members["files/" + "0" * 64] = b"sneaked in"
    _refused(_write(tmp_path / "extra.zip", members, fix_manifest=False), db_dump, "清单之外")


def test_evidence_file_hash_mismatch(good, tmp_path, db_dump):
    members = _members(good)
    fake_sha = hashlib.sha256(b"real").hexdigest()
    members["files/" + fake_sha] = b"not the real bytes"
    _refused(_write(tmp_path / "badfile.zip", members), db_dump, "校验码不符")


def test_package_changed_after_preview_is_refused(good, tmp_path, db_dump):
    from desk_app.exchange.package_apply import apply_package

    preview = preview_package(good)
    good.write_bytes(good.read_bytes() + b"tail")
    before = db_dump()
    with pytest.raises(InputFileError) as info:
        apply_package(preview)
    assert "预览之后" in info.value.message
    assert db_dump() == before


def test_failure_during_apply_rolls_back(good, tmp_path, db_dump, monkeypatch):
    from desk_app.db.models import LedgerEntry
    from desk_app.exchange import package_apply

    preview = preview_package(good)
    assert preview.count("新增") == LedgerEntry.select().count()
    before = db_dump()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(package_apply, "_change_rows", broken)
    with pytest.raises(RuntimeError):
        package_apply.apply_package(preview)
    assert db_dump() == before
