"""Schema version 14 (issue 12, exchange at scale): what a receipt knows about the package it records.

* package_receipt.state_digest: a fingerprint of this office's data right after the package was applied
  (exchange/package_again: counts and last ids of the tables the comparison reads, the change log's cursor,
  the sub-unit's entries' versions). While the office's data still has that fingerprint, importing the same
  package again would compare every entry as unchanged; the command line then answers at once instead of
  reading and comparing the whole package again. NULL: not known (an import that skipped conflicts, or a
  receipt from an earlier version): the full comparison runs, as before.
* package_receipt.again_summary: what that answer shows (JSON: the campaign the package names and the one
  it went into, and how many entries it holds).
"""

SCHEMA_SQL = [
    'ALTER TABLE "package_receipt" ADD COLUMN "state_digest" TEXT',
    'ALTER TABLE "package_receipt" ADD COLUMN "again_summary" TEXT',
]


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
