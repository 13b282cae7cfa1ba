"""Migration 14 (a receipt's fingerprint for the same package again) upgrades a database of the version
before it: receipts taken in before keep everything and have no fingerprint, so their packages compare fully."""

import hashlib

from migration_helpers import database_before

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, m0014_receipt_recheck
from desk_app.db.models import PackageReceipt
from desk_app.exchange.package_again import received_unchanged

PACKAGE = b"PK\x05\x06" + b"\0" * 18  # the receipt's file (an empty zip): its SHA-256 is on the receipt
SHA = hashlib.sha256(PACKAGE).hexdigest()


def _previous_version_database(path):
    old = database_before(m0014_receipt_recheck, path)
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年改作风提效能专项行动', 2026, 1, '', '2026-01-01 00:00:00')")
    old.execute_sql("INSERT INTO unit (name, code, sort_order, active) VALUES ('区财政局', '', 1, 1)")
    old.execute_sql("INSERT INTO package_receipt (unit_id, campaign_id, period, created_at, imported_at, sha256, "
                    "entry_count) VALUES (1, 1, '2026-10', '2026-10-31 17:00:00', '2026-11-01 09:00:00', ?, 120)",
                    (SHA,))
    old.close()


def test_previous_version_upgrades_and_old_receipts_compare_fully(user_folders, tmp_path):
    _previous_version_database(paths.database_path())
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    receipt = PackageReceipt.get()
    assert (receipt.unit.name, receipt.period, receipt.sha256, receipt.entry_count) == ("区财政局", "2026-10", SHA, 120)
    assert receipt.state_digest is None and receipt.again_summary is None
    package = tmp_path / "unit.zip"
    package.write_bytes(PACKAGE)
    assert received_unchanged(package) is None
