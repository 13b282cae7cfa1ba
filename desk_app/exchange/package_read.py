"""Reading and validating an exchange package completely before anything is compared or written."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path

from desk_app import __version__
from desk_app.domain import DeadlineType, EntryKind, EventKind, Layer, Status
from desk_app.errors import InputFileError
from desk_app.safe_names import display_name, strip_controls
from desk_app.services.ledger import MAX_TEXT

from . import package_columns as columns
from .package_format import (
    ATTACHMENT_FIELDS,
    CHANGE_ENTITIES,
    CHANGE_FIELDS,
    DATA_MEMBERS,
    ENTRY_ADDED_FIELDS,
    ENTRY_DATE_FIELDS,
    ENTRY_DATETIME_FIELDS,
    ENTRY_PERSON_FIELDS,
    ENTRY_TEXT_FIELDS,
    EVENT_FIELDS,
    FILES_PREFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    MEMBER_LABELS,
    PERIOD_RE,
    PROGRESS_FIELDS,
    SHA256_RE,
    UUID_RE,
)
from .package_measures import LABELS as OPTIONAL_LABELS
from .package_measures import OPTIONAL_MEMBERS
from .package_measures import check as check_measures
from .progress import Progress, report
from .safe_zip import PACKAGE_LIMITS, SafeZip, file_sha256

MAX_MANIFEST_BYTES = 1024 * 1024
MAX_PROBLEMS_SHOWN = 8
MAX_FILE_BYTES = 256 * 1024 * 1024  # PACKAGE_LIMITS.max_member_bytes
MAX_DECISION_NO = 100_000
YEARS = (1900, 2200)
NESTED_FIELDS = {"owner", "leader", "responsible", "reviewer", "meeting"}
# Control and bidi-override characters, raw or as JSON \u escapes: when a member has none (the usual
# case) its strings need no cleaning pass.
# Control and direction characters, raw or as JSON escapes. Two patterns, as the one alternation of both
# took 0.6 s over a 20,000-entry package; the escapes are looked for only where a "\\u" occurs at all.
_CONTROL_CHAR = re.compile(r"[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_CONTROL_ESCAPE = re.compile(
    r"\\u00[0-1][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]|\\u20(?:0[eEfF]|2[a-eA-E]|6[6-9])"
    r"|\\u061[cC]|\\u[fF][eE][fF][fF]")


@dataclass
class PackageData:
    path: Path
    sha256: str
    manifest: dict
    entries: list[dict]
    progress: list[dict]
    events: list[dict]
    attachments: list[dict]
    changes: list[dict]
    file_shas: list[str] = field(default_factory=list)
    measures: list[dict] | None = None  # None: a package of an earlier version, without measures.json
    plans: list[dict] | None = None

    @property
    def unit(self) -> str:
        return self.manifest["unit"]

    @property
    def period(self) -> str:
        return self.manifest["period"]


class _Problems:
    """Collects field problems so the message lists several at once, like a form."""

    def __init__(self, file_name: str, sender_version: str = ""):
        self.file_name = file_name
        self.sender_version = sender_version
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)

    def raise_if_any(self) -> None:
        if self.items:
            shown = "；".join(self.items[:MAX_PROBLEMS_SHOWN])
            more = f"；另有 {len(self.items) - MAX_PROBLEMS_SHOWN} 处问题" if len(self.items) > MAX_PROBLEMS_SHOWN else ""
            raise InputFileError(f"数据包“{self.file_name}”的内容不正确，没有导入任何内容：{shown}{more}。"
                                 + _advice(self.sender_version))


def _advice(sender_version: str) -> str:
    """Field checks run only once every checksum matched: the file is what the sender's program wrote, so
    asking the sender to write it again would bring the same file back."""
    if sender_version and sender_version != __version__:
        return (f"数据包由本程序 {sender_version} 版生成，本机是 {__version__} 版：请两边换成同一版本后，"
                "由报送单位重新导出再导入。")
    return ("数据包的校验码完整，内容就是报送单位的程序生成的，重新生成也会一样；"
            "请把这个数据包和本提示一起交给本程序的维护人员。")


def is_int(value, low: int, high: int) -> bool:
    """A JSON integer in range (true/false are not numbers, 2**70 does not fit SQLite)."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _load_json(raw: bytes, name: str, label: str):
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except RecursionError as exc:
        raise InputFileError(f"数据包“{name}”中的{label}嵌套层数过深，不是本程序生成的内容；没有导入任何内容。") from exc
    except ValueError as exc:  # bad UTF-8, bad JSON, or a number of thousands of digits
        raise InputFileError(f"数据包“{name}”中的{label}无法读取（{str(exc)[:80]}），没有导入任何内容。") from exc
    # Every character the first pattern finds is unprintable (Unicode's Cc and Cf): a printable text (the usual
    # case, told by one pass in C) needs no search.
    controls = (not text.isprintable() and _CONTROL_CHAR.search(text)) or ("\\u" in text and _CONTROL_ESCAPE.search(text))
    return _cleaned(data) if controls else data


def _cleaned(value, depth: int = 0):
    """Control characters out of every string of a member (newlines and tabs kept); deeper levels than
    the format has are left alone, the field checks refuse or ignore them."""
    if isinstance(value, str):
        return strip_controls(value, keep_newlines=True)
    if depth > 3:
        return value
    if isinstance(value, list):
        return [_cleaned(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v, depth + 1) for k, v in value.items()}
    return value


def _check_manifest(m, name: str) -> None:
    def bad(why: str) -> InputFileError:
        return InputFileError(f"数据包“{name}”的清单文件 manifest.json {why}，没有导入任何内容。"
                              "请确认这是本程序生成的数据包。")

    if not isinstance(m, dict) or m.get("format") != FORMAT_NAME:
        raise bad("不是本程序的数据包清单")
    version = m.get("format_version")
    if not is_int(version, -(2 ** 31), 2 ** 31):
        raise bad("缺少格式版本号（或不是整数）")
    if version > FORMAT_VERSION:
        raise InputFileError(f"数据包“{name}”由更新版本的程序生成（格式版本 {version}，本程序只支持到 "
                             f"{FORMAT_VERSION}）。请先升级本程序再导入；没有导入任何内容。")
    if version < 1:
        raise bad(f"的格式版本 {version} 不正确")
    unit = m.get("unit")
    if not isinstance(unit, str) or not unit.strip() or len(unit) > 100:
        raise bad("缺少报送单位")
    campaign = m.get("campaign")
    if (not isinstance(campaign, dict) or not isinstance(campaign.get("name"), str)
            or not campaign["name"].strip() or len(campaign["name"]) > 200 or not is_int(campaign.get("year"), *YEARS)):
        raise bad("缺少活动名称或年度")
    if not isinstance(m.get("period"), str) or not PERIOD_RE.match(m["period"]):
        raise bad("的报送期间不是 YYYY-MM 格式")
    if not isinstance(m.get("created_at"), str) or _datetime(m["created_at"]) is None:
        raise bad("的生成时间不正确")
    members = m.get("members")
    if not isinstance(members, dict):
        raise bad("缺少文件校验码列表")
    for member, info in members.items():
        if (not isinstance(info, dict) or not isinstance(info.get("sha256"), str)
                or not SHA256_RE.match(info["sha256"]) or not is_int(info.get("size"), 0, MAX_FILE_BYTES)):
            raise bad(f"中“{member[:60]}”的校验码不正确")


def _datetime(text) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def read_date(text) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def check_records(rows, fields: tuple[str, ...], what: str, problems: _Problems) -> list[dict]:
    if not isinstance(rows, list):
        problems.add(f"{what}不是列表")
        return []
    required = frozenset(fields)
    good = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not required <= row.keys():
            missing = [f for f in fields if not isinstance(row, dict) or f not in row]
            problems.add(f"{what}第 {index} 条缺少字段 {', '.join(missing[:4])}")
            continue
        shape = _shape_problem(row)
        if shape:
            problems.add(f"{what}第 {index} 条的“{shape[:40]}”不是文字或数字")
            continue
        good.append(row)
    return good


_PLAIN = frozenset({str, int, float, bool, type(None)})  # what JSON gives besides lists and objects


def _shape_problem(row: dict) -> str | None:
    """The first field holding a list or an object where the format has a plain value (people and the
    meeting are objects of plain values); every later check can then compare and hash values safely."""
    kinds = list(map(type, row.values()))  # one pass in C answers for a good row
    if _PLAIN.issuperset(kinds):
        return None
    if list not in kinds:  # objects, all under NESTED_FIELDS and holding plain values: a good entry
        nested = [value for name in NESTED_FIELDS if type(value := row.get(name)) is dict]
        if len(nested) == kinds.count(dict) and all(_PLAIN.issuperset(map(type, v.values())) for v in nested):
            return None
    for name, value in row.items():
        if type(value) in _PLAIN:  # the common case, without the two isinstance checks below
            continue
        if isinstance(value, dict) and name in NESTED_FIELDS:
            if any(isinstance(v, list | dict) for v in value.values()):
                return name
        elif isinstance(value, list | dict):
            return name
    return None


def text_ok(value, limit: int = MAX_TEXT) -> bool:
    return isinstance(value, str) and len(value) <= limit


# Computed once: 20,000 entries must not rebuild these sets each.
_ALLOWED = {name: frozenset(v.value for v in values)
            for name, values in (("kind", EntryKind), ("status", Status), ("deadline_type", DeadlineType))}
_LAYERS = frozenset({"", *(v.value for v in Layer)})
_ENTRY_TEXTS = itemgetter(*ENTRY_TEXT_FIELDS)  # check_records made sure each entry has them all
_STRINGS = frozenset({str})


def _check_entry(e: dict, index: int, problems: _Problems) -> None:
    where = f"第 {index} 条事项（{str(e.get('code'))[:30]}）"
    if not isinstance(e.get("uuid"), str) or not UUID_RE.match(e["uuid"]):
        problems.add(f"{where}的 UUID 不正确")
    texts = _ENTRY_TEXTS(e)  # every text field in one pass in C; field by field only to name a bad one
    if not (_STRINGS.issuperset(map(type, texts)) and max(map(len, texts)) <= MAX_TEXT):
        for name in ENTRY_TEXT_FIELDS:
            if not text_ok(e.get(name)):
                problems.add(f"{where}的“{name}”不是文字或过长")
    if not e.get("code") or len(str(e.get("code"))) > 64:
        problems.add(f"{where}缺少问题编号")
    for name, allowed in _ALLOWED.items():
        if e.get(name) not in allowed:
            problems.add(f"{where}的“{name}”值“{str(e.get(name))[:20]}”不正确")
    if e.get("layer") not in _LAYERS:
        problems.add(f"{where}的层级“{str(e.get('layer'))[:20]}”不正确")
    for name in ENTRY_DATE_FIELDS:
        if e.get(name) is not None and read_date(e.get(name)) is None:
            problems.add(f"{where}的日期“{name}”不正确")
    for name in ENTRY_DATETIME_FIELDS:
        value = e.get(name)
        if (value is not None or name != "deleted_at") and _datetime(value) is None:
            problems.add(f"{where}的时间“{name}”不正确")
    for name in ENTRY_PERSON_FIELDS:
        p = e.get(name)
        if p is not None and not (isinstance(p, dict) and text_ok(p.get("name"), 100)
                                  and text_ok(p.get("department", ""), 200) and p.get("name")):
            problems.add(f"{where}的人员“{name}”不正确")
    for name in ("department", "task_force"):
        if not text_ok(e.get(name, ""), 200):
            problems.add(f"{where}的“{name}”不正确")
    if e.get("decision_no") is not None and not is_int(e.get("decision_no"), 0, MAX_DECISION_NO):
        problems.add(f"{where}的议定事项序号不正确")
    meeting = e.get("meeting")
    if meeting is not None and not (isinstance(meeting, dict) and is_int(meeting.get("year"), *YEARS)
                                    and is_int(meeting.get("number"), 0, 10_000)
                                    and text_ok(meeting.get("meeting_type"), 50)):
        problems.add(f"{where}的所属会议不正确")


def _check_children(data: PackageData, problems: _Problems) -> None:
    uuids = set(map(itemgetter("uuid"), data.entries))
    if len(uuids) != len(data.entries):
        problems.add("有重复的事项 UUID")
    codes = [e["code"] for e in data.entries]
    if len(set(codes)) != len(codes):
        problems.add("有重复的问题编号")
    # Each kind checked a column at a time first (package_columns); record by record only to word a problem.
    for what, rows, dated in (("整改进展", data.progress, ("date",)), ("销号审核记录", data.events, ())):
        seen = set()
        for index, row in enumerate(() if columns.notes_clean(rows, uuids, dated=bool(dated)) else rows, start=1):
            if row["entry_uuid"] not in uuids or not isinstance(row["uuid"], str) or not UUID_RE.match(row["uuid"]):
                problems.add(f"{what}第 {index} 条指向不存在的事项或 UUID 不正确")
            if row["uuid"] in seen:
                problems.add(f"{what}第 {index} 条的 UUID 重复")
            seen.add(row["uuid"])
            if any(read_date(row[d]) is None for d in dated) or not text_ok(row.get("text")):
                problems.add(f"{what}第 {index} 条的日期或内容不正确")
    for index, row in enumerate(() if columns.progress_clean(data.progress) else data.progress, start=1):
        if not (isinstance(row["month"], str) and PERIOD_RE.match(row["month"])) or _datetime(row["created_at"]) is None:
            problems.add(f"整改进展第 {index} 条的月份或时间不正确")
    for index, row in enumerate(() if columns.events_clean(data.events) else data.events, start=1):
        if row["kind"] not in {k.value for k in EventKind} or _datetime(row["at"]) is None:
            problems.add(f"销号审核记录第 {index} 条的类型或时间不正确")
        for d in ("old_deadline", "new_deadline"):
            if row[d] is not None and read_date(row[d]) is None:
                problems.add(f"销号审核记录第 {index} 条的日期不正确")
    members = data.manifest["members"]
    for index, row in enumerate(data.attachments, start=1):
        sha = row["sha256"]
        if (row["entry_uuid"] not in uuids or not isinstance(sha, str) or not SHA256_RE.match(sha)
                or FILES_PREFIX + sha not in members or not text_ok(row["file_name"], 255)
                or not row["file_name"] or not is_int(row["size"], 0, MAX_FILE_BYTES)
                or row["size"] != members[FILES_PREFIX + sha]["size"] or _datetime(row["added_at"]) is None):
            problems.add(f"佐证材料第 {index} 条（{str(row.get('file_name'))[:40]}）不正确或缺少文件")
    for index, row in enumerate(() if columns.changes_clean(data.changes) else data.changes, start=1):
        if (row["entity"] not in CHANGE_ENTITIES or not isinstance(row["record_uuid"], str)
                or _datetime(row["at"]) is None or not text_ok(row["action"], 50) or not text_ok(row["field"], 100)
                or not all(row[k] is None or isinstance(row[k], str) for k in ("old", "new"))):
            problems.add(f"修改记录第 {index} 条不正确")


def read_package(path: str | Path, progress: Progress | None = None) -> PackageData:
    """Open, check every checksum and every field; raise InputFileError with the reasons."""
    return checked_members(*loaded_package(path, progress))


def loaded_package(path: str | Path, progress: Progress | None = None) -> tuple[PackageData, dict]:
    """The package opened, its manifest, member list and every checksum checked and its members parsed (name ->
    JSON): what checked_members then checks field by field (InputFileError with the reasons for the rest)."""
    path = Path(path)
    name = path.name
    with SafeZip(path, PACKAGE_LIMITS, "数据包") as archive:
        if MANIFEST not in archive.names:
            raise InputFileError(f"“{name}”中没有清单文件 manifest.json，不是本程序生成的数据包；没有导入任何内容。")
        manifest = _load_json(archive.read(MANIFEST, MAX_MANIFEST_BYTES), name, "清单文件 manifest.json")
        _check_manifest(manifest, name)
        listed = set(manifest["members"])
        present = set(archive.names) - {MANIFEST}
        for member in DATA_MEMBERS:
            if member not in listed or member not in present:
                raise InputFileError(f"数据包“{name}”缺少{MEMBER_LABELS[member]}（{member}），没有导入任何内容。")
        extra = sorted(present - listed)
        if extra:
            raise InputFileError(f"数据包“{name}”中有清单之外的文件“{extra[0][:60]}”，可能被改动过；没有导入任何内容。")
        missing = sorted(listed - present)
        if missing:
            raise InputFileError(f"数据包“{name}”缺少清单中列出的文件“{missing[0][:60]}”，没有导入任何内容。")
        for member in present:
            if member not in DATA_MEMBERS + OPTIONAL_MEMBERS and not (member.startswith(FILES_PREFIX)
                                                   and SHA256_RE.match(member[len(FILES_PREFIX):])):
                raise InputFileError(f"数据包“{name}”中有无法识别的文件“{member[:60]}”；没有导入任何内容。")
        loaded = {}
        total = len(present)
        for index, member in enumerate(sorted(present), start=1):
            expected = manifest["members"][member]
            if member.startswith(FILES_PREFIX):
                sha, size = archive.sha256(member)
                if sha != member[len(FILES_PREFIX):]:
                    raise _checksum_error(name, member)
            else:
                raw = archive.read(member)
                sha, size = hashlib.sha256(raw).hexdigest(), len(raw)
                if sha == expected["sha256"]:
                    loaded[member] = _load_json(raw, name, MEMBER_LABELS.get(member) or OPTIONAL_LABELS[member])
            if sha != expected["sha256"] or size != expected["size"]:
                raise _checksum_error(name, member)
            if index % 200 == 0:
                report(progress, index, total, f"正在校验 {index}/{total}")
    shas = sorted(m[len(FILES_PREFIX):] for m in present if m.startswith(FILES_PREFIX))
    return PackageData(path=path, sha256=file_sha256(path), manifest=manifest, entries=[], progress=[], events=[],
                       attachments=[], changes=[], file_shas=shas), loaded


def checked_members(data: PackageData, loaded: dict) -> PackageData:
    """`data` (its manifest checked) with the records of the loaded members (name -> parsed JSON), once every
    field of every record passed its check; else InputFileError naming the problems."""
    problems = _Problems(data.path.name, str(data.manifest.get("app_version") or "")[:20])
    _with_added_fields(loaded["entries.json"])
    data.entries = check_records(loaded["entries.json"], ("uuid", "code") + ENTRY_TEXT_FIELDS[1:] + ENTRY_DATE_FIELDS
                                 + ENTRY_DATETIME_FIELDS + ENTRY_PERSON_FIELDS, "台账事项", problems)
    data.progress = check_records(loaded["progress.json"], PROGRESS_FIELDS, "整改进展", problems)
    data.events = check_records(loaded["events.json"], EVENT_FIELDS, "销号审核记录", problems)
    data.attachments = check_records(loaded["attachments.json"], ATTACHMENT_FIELDS, "佐证材料", problems)
    data.changes = check_records(loaded["changes.json"], CHANGE_FIELDS, "修改记录", problems)
    problems.raise_if_any()
    for index, e in enumerate(data.entries, start=1):
        _check_entry(e, index, problems)
    problems.raise_if_any()
    _check_children(data, problems)
    check_measures(data, loaded, problems)
    problems.raise_if_any()
    return _with_display_names(data)


def passed_members(data: PackageData, loaded: dict) -> PackageData:
    """What checked_members makes of `data` when every field passes, without asking each again: for members
    another process has just checked (package_aside), parsed from the same bytes before it started. Any
    problem it meets anyway is that process's to word (its answer decides)."""
    _with_added_fields(loaded["entries.json"])
    data.entries, data.progress, data.events, data.attachments, data.changes = (
        list(loaded[member]) for member in DATA_MEMBERS)
    problems = _Problems(data.path.name)
    check_measures(data, loaded, problems)  # it also keeps the optional members on data; a few hundred rows
    problems.raise_if_any()
    return _with_display_names(data)


def _with_added_fields(entries) -> None:
    """Fields later versions added, with their empty value, in entries of a package written before them."""
    for row in entries if isinstance(entries, list) else ():
        if isinstance(row, dict):
            for added, empty in ENTRY_ADDED_FIELDS.items():
                row.setdefault(added, empty)


def _with_display_names(data: PackageData) -> PackageData:
    """Only the last part of an attachment's name, whatever the sender wrote; in new rows, so that the parsed
    member stays as sent (package_aside checks it here again when its child gave no answer)."""
    data.attachments = [{**row, "file_name": display_name(row["file_name"])} for row in data.attachments]
    return data


def _checksum_error(name: str, member: str) -> InputFileError:
    label = MEMBER_LABELS.get(member, "佐证材料文件")
    return InputFileError(f"数据包“{name}”中的{label}（{member[:60]}）校验码不符，文件在传递中损坏或被改动过。"
                          "没有导入任何内容，请让报送单位重新发送。")
