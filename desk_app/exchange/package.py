"""Writing an exchange package: how a unit sends its own ledger upward (see package_format)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desk_app import __version__
from desk_app.db.migrations import LATEST_VERSION
from desk_app.db.models import (
    Attachment,
    ChangeLog,
    EntryEvent,
    LedgerEntry,
    Meeting,
    Person,
    ProgressUpdate,
    TaskForce,
)
from desk_app.errors import InputFileError, NotFoundError, ValidationError
from desk_app.services import campaigns, context, settings
from desk_app.services.attachments import stored_path

from . import package_measures
from .out_path import publish
from .package_format import (
    ATTACHMENT_FIELDS,
    ENTRY_DATE_FIELDS,
    ENTRY_DATETIME_FIELDS,
    ENTRY_TEXT_FIELDS,
    EVENT_FIELDS,
    FILES_PREFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    PERIOD_RE,
    PROGRESS_FIELDS,
)
from .package_names import names_as_sent
from .progress import Progress, report


@dataclass(frozen=True)
class PackageSummary:
    path: Path
    unit: str
    period: str
    entries: int
    progress: int
    events: int
    attachments: int
    changes: int
    files: int


def json_value(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class PackageNames:
    """People, departments, task forces and meetings by id, loaded once."""

    def __init__(self):
        self.departments = names_as_sent()  # a sub-unit's as its package names them
        self.people = {pid: {"name": name, "department": self.departments.get(dept, "")}
                       for pid, name, dept in Person.select(Person.id, Person.name, Person.department).tuples()}
        self.task_forces = dict(TaskForce.select(TaskForce.id, TaskForce.name).tuples())
        self.meetings = {mid: {"meeting_type": t, "year": y, "number": n}
                         for mid, t, y, n in Meeting.select(Meeting.id, Meeting.meeting_type, Meeting.year,
                                                            Meeting.number).tuples()}


def entry_dict(e: LedgerEntry, names: PackageNames) -> dict:
    data = {"uuid": e.uuid}
    for name in ENTRY_TEXT_FIELDS:
        data[name] = getattr(e, name)
    for name in ENTRY_DATE_FIELDS + ENTRY_DATETIME_FIELDS:
        data[name] = json_value(getattr(e, name))
    data["decision_no"] = e.decision_no
    for name in ("owner", "leader", "responsible", "reviewer"):
        data[name] = names.people.get(getattr(e, f"{name}_id"))
    data["department"] = names.departments.get(e.department_id, "")
    data["task_force"] = names.task_forces.get(e.task_force_id, "")
    data["meeting"] = names.meetings.get(e.meeting_id)
    return data


def _rows(model, fields: tuple[str, ...], entry_uuid: dict[int, str], entry_ids) -> list[dict]:
    out = []
    query = model.select().join(LedgerEntry).where(LedgerEntry.id.in_(entry_ids)).order_by(model.id)
    for row in query:
        item = {}
        for name in fields:
            item[name] = entry_uuid[row.entry_id] if name == "entry_uuid" else json_value(getattr(row, name))
        out.append(item)
    return out


def _changes(uuids_by_entity: dict[str, dict[int, str]]) -> list[dict]:
    out = []
    for entity, uuids in uuids_by_entity.items():
        query = ChangeLog.select().where(ChangeLog.entity == entity).order_by(ChangeLog.id)
        for c in query.iterator():
            if c.entity_id in uuids:
                out.append({"entity": entity, "record_uuid": uuids[c.entity_id], "at": json_value(c.at),
                            "actor": c.actor, "action": c.action, "field": c.field, "old": c.old, "new": c.new})
    return out


def default_unit() -> str:
    return settings.report_header().unit.strip()


def write_package(out: str | os.PathLike[str], *, campaign_id: int | None = None, unit: str = "",
                  period: str = "", progress: Progress | None = None) -> PackageSummary:
    """Pack this office's own entries of a campaign, with their history and evidence files."""
    out = Path(out)
    unit = (unit or default_unit()).strip()
    if not unit:
        raise ValidationError("请先在“设置 › 常规”的“填报单位”中填写（或用 --unit 指定），"
                              "上级凭它区分各单位的数据包", "unit")
    period = period or context.today().strftime("%Y-%m")
    if not PERIOD_RE.match(period):
        raise ValidationError(f"报送期间“{period}”格式不正确，应为 YYYY-MM，例如 2026-11", "period")
    campaign = campaigns.get_campaign(campaign_id) if campaign_id else campaigns.require_current_campaign()
    report(progress, 0, 0, "正在读取台账")
    names = PackageNames()
    entries = list(LedgerEntry.select().where(LedgerEntry.campaign == campaign.id, LedgerEntry.source_unit == "")
                   .order_by(LedgerEntry.code, LedgerEntry.id))
    entry_uuid = {e.id: e.uuid for e in entries}
    ids = LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.campaign == campaign.id,
                                                   LedgerEntry.source_unit == "")
    members = {
        "entries.json": [entry_dict(e, names) for e in entries],
        "progress.json": _rows(ProgressUpdate, PROGRESS_FIELDS, entry_uuid, ids),
        "events.json": _rows(EntryEvent, EVENT_FIELDS, entry_uuid, ids),
        "attachments.json": _rows(Attachment, ATTACHMENT_FIELDS, entry_uuid, ids),
    }
    report(progress, 1, 4, "正在整理修改记录")
    record_uuids = {
        "ledger_entry": entry_uuid,
        "progress_update": dict(ProgressUpdate.select(ProgressUpdate.id, ProgressUpdate.uuid)
                                .where(ProgressUpdate.entry.in_(ids)).tuples()),
        "entry_event": dict(EntryEvent.select(EntryEvent.id, EntryEvent.uuid)
                            .where(EntryEvent.entry.in_(ids)).tuples()),
        "attachment": dict(Attachment.select(Attachment.id, Attachment.uuid)
                           .where(Attachment.entry.in_(ids)).tuples()),
    }
    members["changes.json"] = _changes(record_uuids)
    members.update(package_measures.write(entry_uuid))  # 措施 and 月度序时进度 (optional members)
    shas = sorted({a["sha256"] for a in members["attachments.json"]})
    for sha in shas:
        if not stored_path(sha).is_file():
            name = next(a["file_name"] for a in members["attachments.json"] if a["sha256"] == sha)
            raise NotFoundError(f"佐证材料“{name}”的文件在数据文件夹中丢失，请先从备份恢复，再生成数据包")
    report(progress, 2, 4, "正在写入数据包")
    manifest = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "schema_version": LATEST_VERSION,
        "app_version": __version__, "unit": unit,
        "campaign": {"name": campaign.name, "year": campaign.year},
        "period": period, "created_at": json_value(context.now()),
        "counts": {name: len(rows) for name, rows in members.items()} | {"files": len(shas)},
        "members": {},
    }
    _write_zip(out, manifest, members, shas, progress)
    return PackageSummary(out, unit, period, len(entries), len(members["progress.json"]),
                          len(members["events.json"]), len(members["attachments.json"]),
                          len(members["changes.json"]), len(shas))


def _write_zip(out: Path, manifest: dict, members: dict, shas: list[str], progress: Progress | None) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".package-", suffix=".zip")
        os.close(fd)
    except OSError as exc:
        raise InputFileError(f"无法在 {out.parent} 写入文件：{exc.strerror}。请换一个文件夹。") from exc
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5) as zf:
            for name, rows in members.items():
                data = _dump(rows)
                manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                zf.writestr(name, data)
            for index, sha in enumerate(shas, start=1):
                path = stored_path(sha)
                zf.write(path, FILES_PREFIX + sha)
                manifest["members"][FILES_PREFIX + sha] = {"sha256": sha, "size": path.stat().st_size}
                if index % 50 == 0:
                    report(progress, 2, 4, f"正在打包佐证材料 {index}/{len(shas)}")
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        publish(tmp)  # 0644 under the usual umask, not mkstemp's 0600
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
