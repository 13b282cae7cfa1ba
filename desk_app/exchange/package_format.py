"""The exchange package format (.zip), shared by the writer and the importer.

    manifest.json      format, format_version, schema_version, unit, campaign, period (YYYY-MM),
                       created_at, app_version, counts, members {name: {sha256, size}}
    entries.json       [entry]          ledger entries, people and departments by name
    progress.json      [update]         整改进展, keyed by uuid, pointing at entry_uuid
    events.json        [event]          申请销号 / 审核 / 退回 / 延期 …, keyed by uuid
    attachments.json   [attachment]     evidence records; the bytes are files/<sha256>
    changes.json       [change]         the entries' change history (ChangeLog rows)
    files/<sha256>     evidence files, stored once by content hash
"""

from __future__ import annotations

import re

FORMAT_NAME = "desk_app.exchange"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_MEMBERS = ("entries.json", "progress.json", "events.json", "attachments.json", "changes.json")
FILES_PREFIX = "files/"

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# Entry fields copied as they are, by kind of value.
ENTRY_TEXT_FIELDS = (
    "code", "kind", "layer", "category", "source", "description", "cause", "target", "measures",
    "standard", "co_departments", "deadline_type", "rectify_mode", "schedule", "status",
    "completion_summary", "note", "task_source", "doc_number", "instructing_leader",
)
ENTRY_DATE_FIELDS = ("found_date", "deadline", "completed_date", "closed_date", "assigned_date")
# Entry fields added after format version 1 (issue 15: where a 督办 matter comes from). A package written by an
# older release lacks them: read as these values, so it still imports (and compares) as it did.
ENTRY_ADDED_FIELDS = {"task_source": "", "doc_number": "", "instructing_leader": "", "assigned_date": None}
ENTRY_DATETIME_FIELDS = ("created_at", "updated_at", "deleted_at")
ENTRY_PERSON_FIELDS = ("owner", "leader", "responsible", "reviewer")
# Fields whose differences make an entry "changed" (names compared as text).
ENTRY_COMPARED_FIELDS = (ENTRY_TEXT_FIELDS + ENTRY_DATE_FIELDS + ("deleted_at", "decision_no", "department",
                                                                  "task_force") + ENTRY_PERSON_FIELDS)

PROGRESS_FIELDS = ("uuid", "entry_uuid", "date", "month", "text", "author", "created_at")
EVENT_FIELDS = ("uuid", "entry_uuid", "kind", "text", "old_deadline", "new_deadline", "actor", "at")
ATTACHMENT_FIELDS = ("uuid", "entry_uuid", "file_name", "sha256", "size", "added_by", "added_at", "deleted_at")
CHANGE_FIELDS = ("entity", "record_uuid", "at", "actor", "action", "field", "old", "new")
CHANGE_ENTITIES = ("ledger_entry", "progress_update", "entry_event", "attachment")

MEMBER_LABELS = {
    "entries.json": "台账事项", "progress.json": "整改进展", "events.json": "销号审核记录",
    "attachments.json": "佐证材料清单", "changes.json": "修改记录",
}
