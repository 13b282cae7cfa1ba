"""The same package again: answered from its receipt while nothing here changed since it was applied.

A package applied without conflicts leaves the office holding exactly what it carries, so a second
import of the same file (the same SHA-256) compares every entry as unchanged and writes nothing. Reading,
checking and comparing 20,000 entries to learn that takes seconds; the receipt (migration 14) keeps a
fingerprint of the office's data taken at the end of that import instead. When the fingerprint still
matches, nothing the comparison reads has changed, and the preview is the one the comparison would give:
every entry unchanged, nothing new, received before.

The fingerprint (one query) covers what the comparison reads: the change log's cursor (every service write
logs its rows there: edits, renames, deletions, other imports), the row counts and last ids of the tables
holding entries, their history, evidence, measures, names, meetings, units and campaigns, the sub-unit's
entries' count, versions and last edit in the target campaign, this office's own unit name (a package
under it is refused), and the program and schema versions. Anything else: None, and the full comparison runs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from desk_app import __version__
from desk_app.db.migrations import LATEST_VERSION
from desk_app.db.models import Campaign, database

from .safe_zip import file_sha256

# Tables whose rows the comparison reads (counts and last ids: an insert or a deletion anywhere shows).
_TABLES = ("change_log", "ledger_entry", "progress_update", "entry_event", "attachment", "measure",
           "measure_progress", "progress_plan", "person", "department", "task_force", "meeting", "unit",
           "campaign")
_STATE_SQL = "SELECT " + ", ".join(
    f'(SELECT COUNT(*) FROM "{t}"), (SELECT MAX("id") FROM "{t}")' for t in _TABLES) + (
    ', (SELECT COUNT(*) FROM "ledger_entry" WHERE "campaign_id" = ? AND "source_unit" = ?)'
    ', (SELECT SUM("version") FROM "ledger_entry" WHERE "campaign_id" = ? AND "source_unit" = ?)'
    ', (SELECT MAX("updated_at") FROM "ledger_entry" WHERE "campaign_id" = ? AND "source_unit" = ?)'
    ', (SELECT MAX("updated_at") FROM "measure"), (SELECT MAX("updated_at") FROM "measure_progress")'
    ', (SELECT MAX("updated_at") FROM "progress_plan")')


def office_state(unit: str, campaign_id: int) -> str:
    """The fingerprint of this office's data as a comparison of `unit`'s package into `campaign_id` sees it."""
    from desk_app.services import settings  # noqa: PLC0415

    row = database.execute_sql(_STATE_SQL, [campaign_id, unit] * 3).fetchone()
    parts = [__version__, LATEST_VERSION, settings.report_header().unit.strip(), *(str(v) for v in row)]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def remember(unit_id: int, unit: str, manifest: dict, sha256: str, campaign_id: int, clean: bool) -> None:
    """At the end of an import (inside its transaction, after every write): keep the fingerprint on the
    package's receipt when the import took everything (`clean`: no conflict skipped), else forget it."""
    digest = summary = None
    if clean:
        summary = json.dumps({"campaign": {"name": manifest["campaign"]["name"], "year": manifest["campaign"]["year"]},
                              "created_at": manifest["created_at"], "period": manifest["period"],
                              "campaign_id": campaign_id}, ensure_ascii=False)
        digest = office_state(unit, campaign_id)
    database.execute_sql('UPDATE "package_receipt" SET "state_digest" = ?, "again_summary" = ? '
                         'WHERE "unit_id" = ? AND "sha256" = ?', (digest, summary, unit_id, sha256))


def received_unchanged(path: str | Path, campaign_id: int | None = None):
    """The preview of a package applied here before, when nothing changed since (else None: compare fully).

    `campaign_id` as for preview_package: the campaign to import into (None: the one the package names)."""
    from .package_import import UNCHANGED, PackagePreview  # noqa: PLC0415
    from .package_read import PackageData  # noqa: PLC0415

    path = Path(path)
    try:
        if not path.is_file():
            return None
        sha = file_sha256(path)
    except OSError:
        return None  # the full path names the problem
    rows = database.execute_sql(
        'SELECT r."state_digest", r."again_summary", u."name", r."entry_count" FROM "package_receipt" r '
        'JOIN "unit" u ON u."id" = r."unit_id" WHERE r."sha256" = ? AND r."state_digest" IS NOT NULL',
        (sha,)).fetchall()
    for digest, text, unit, entries in rows:
        try:
            summary = json.loads(text)
        except (TypeError, ValueError):
            continue
        target = campaign_id
        if target is None:
            named = summary["campaign"]
            found = Campaign.get_or_none((Campaign.name == named["name"]) & (Campaign.year == named["year"]))
            target = found.id if found else None
        if target != summary["campaign_id"] or office_state(unit, target) != digest:
            continue
        manifest = {"unit": unit, "period": summary["period"], "created_at": summary["created_at"],
                    "campaign": summary["campaign"]}
        data = PackageData(path=path, sha256=sha, manifest=manifest, entries=[], progress=[], events=[],
                           attachments=[], changes=[])
        return PackagePreview(data, target, unit_known=True, already_received=True,
                              child_news={"progress": 0, "events": 0, "attachments": 0, "changes": 0},
                              known_counts={UNCHANGED: entries})
    return None
