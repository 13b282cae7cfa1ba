"""A package's child records checked a column at a time (exchange/package_columns) refuse exactly what the
record-by-record checks refuse, with the same message: every field of a record set to each hostile value, read
with the column checks and with them switched off, gives the same answer."""

import copy
import json
import zipfile
from pathlib import Path

import pytest

from desk_app.errors import InputFileError
from desk_app.exchange import package_columns
from desk_app.exchange.package import write_package
from desk_app.exchange.package_read import PackageData, checked_members

HOSTILE = [[], {}, True, False, 2 ** 70, -1, 0, None, 1.5, "", "x" * 20_001, "x" * 65, "2026-13-01", "20261001",
           "2026-10-01T08:00:00", "2026-10-01\n", "２０２６-10", "2026-10", "2026-1\n2026-12",
           "0e9f5a52-6c1b-4c6e-9b1a-1f6d0b7c2a11\n", "0e9f5a52-6c1b-4c6e-9b1a-1f6d0b7c2a1", "问题整改", "申请销号",
           {"name": "张三"}, {"name": "", "department": "办公室"}, {"name": "张三", "department": 5},
           {"name": "张三", "department": "x" * 201}, {"year": 2026, "number": 1, "meeting_type": "推进会"},
           {"year": True, "number": 1, "meeting_type": "推进会"}, {"year": 2026, "number": 1, "meeting_type": None},
           {"year": 2026, "number": 10_001, "meeting_type": "推进会"}, {"x": [1]}]
CHECKS = ("notes_clean", "progress_clean", "events_clean", "changes_clean")


@pytest.fixture
def members(db, tmp_path, built_once):
    """The parsed members of a small sub-unit package (some entries deleted, 延期 and 销号 events)."""
    return json.loads(Path(built_once("members", lambda: _build(tmp_path))).read_text(encoding="utf-8"))


def _build(tmp_path) -> str:
    from desk_app.db.models import LedgerEntry
    from desk_app.demo import build_demo
    from desk_app.services import workflow

    build_demo(entries=12, seed=5)
    first = LedgerEntry.select().where(LedgerEntry.status.in_(["未启动", "推进中"]),
                                       LedgerEntry.deadline.is_null(False)).order_by(LedgerEntry.id).first()
    workflow.extend_deadline(first.id, first.deadline.replace(year=first.deadline.year + 1), "需要更多时间")
    write_package(tmp_path / "unit.zip", unit="区财政局", period="2026-11")
    with zipfile.ZipFile(tmp_path / "unit.zip") as zf:
        parsed = {name: json.loads(zf.read(name)) for name in zf.namelist() if name.endswith(".json")}
    out = tmp_path / "members.json"
    out.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
    return str(out)


def _answer(members: dict, changed: dict) -> str:
    loaded = {name: [dict(row) for row in rows] if name != "manifest.json" else rows  # the checks fill rows in
              for name, rows in changed.items()}
    data = PackageData(path=Path("unit.zip"), sha256="0" * 64, manifest=members["manifest.json"], entries=[],
                       progress=[], events=[], attachments=[], changes=[])
    try:
        checked_members(data, loaded)
    except InputFileError as exc:
        return exc.message
    return "accepted"


def _both(members: dict, changed: dict, monkeypatch) -> tuple[str, str]:
    by_columns = _answer(members, changed)
    with monkeypatch.context() as patch:
        for name in CHECKS:
            patch.setattr(package_columns, name, lambda *args, **kwargs: False)
        by_records = _answer(members, changed)
    return by_columns, by_records


@pytest.mark.parametrize("member", ["progress.json", "events.json", "changes.json"])
def test_every_hostile_value_gets_the_record_checks_message(members, member, monkeypatch):
    rows = members[member]
    assert rows, member
    assert _both(members, members, monkeypatch) == ("accepted", "accepted")
    refused = 0
    for field in list(rows[0]):
        for value in HOSTILE:
            changed = dict(members, **{member: [*rows[:-1], dict(rows[-1])]})
            changed[member][-1][field] = value  # the last record: an index the message must name right
            by_columns, by_records = _both(members, changed, monkeypatch)
            assert by_columns == by_records, (member, field, value)
            refused += by_columns != "accepted"
    assert refused > len(rows[0]) * 5  # the hostile values are refused mostly, not silently taken


def test_a_duplicate_or_dangling_record_is_named_as_before(members, monkeypatch):
    duplicate = copy.deepcopy(members["progress.json"])
    duplicate.append(dict(duplicate[0]))
    by_columns, by_records = _both(members, dict(members, **{"progress.json": duplicate}), monkeypatch)
    assert by_columns == by_records and f"整改进展第 {len(duplicate)} 条的 UUID 重复" in by_columns
    noted = members["progress.json"][0]["entry_uuid"]
    entries = [e for e in members["entries.json"] if e["uuid"] != noted]
    by_columns, by_records = _both(members, dict(members, **{"entries.json": entries}), monkeypatch)
    assert by_columns == by_records and "整改进展第 1 条指向不存在的事项" in by_columns
