"""Schema version 8: 封账.

A frozen month keeps every entry as it stood on the report day, so that month's prints, exports and
figures come out the same whatever changes later:
* frozen_record holds an entry's whole ledger_entry row (and its 延期 events) as zlib-compressed JSON,
  addressed by its SHA-256 so the months in which an entry did not change share one copy;
* frozen_entry holds, per frozen month and entry, the state on the report day (状态, 整改时限, light,
  逾期, 按期办结, the month's 本月进展) and points at the record.
monthly_snapshot (version 1, unused until now) is the frozen month itself: report day, figures and the
names (科室, 人员, 专班, settings) as they stood, in its data column.
"""

SCHEMA_SQL = [
    'CREATE TABLE "frozen_record" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER NOT NULL, '
    '"sha256" VARCHAR(255) NOT NULL, "data" BLOB NOT NULL, '
    'FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "frozen_record_campaign_id_sha256" ON "frozen_record" ("campaign_id", "sha256")',
    'CREATE TABLE "frozen_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "snapshot_id" INTEGER NOT NULL, '
    '"entry_id" INTEGER NOT NULL, "record_id" INTEGER NOT NULL, "code" VARCHAR(255) NOT NULL, '
    '"kind" VARCHAR(255) NOT NULL, "layer" VARCHAR(255) NOT NULL, "department_id" INTEGER, '
    '"task_force_id" INTEGER, "responsible_id" INTEGER, "category" VARCHAR(255) NOT NULL, '
    '"status" VARCHAR(255) NOT NULL, "deadline_type" VARCHAR(255) NOT NULL, "deadline" DATE, '
    '"found_date" DATE, "completed_date" DATE, "closed_date" DATE, "light" VARCHAR(255) NOT NULL, '
    '"overdue" INTEGER NOT NULL, "due" INTEGER NOT NULL, "closed_on_time" INTEGER NOT NULL, '
    '"month_progress" TEXT NOT NULL, "progress_rows" TEXT NOT NULL, '
    'FOREIGN KEY ("snapshot_id") REFERENCES "monthly_snapshot" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("record_id") REFERENCES "frozen_record" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "frozen_entry_record_id" ON "frozen_entry" ("record_id")',
    'CREATE UNIQUE INDEX "frozen_entry_snapshot_id_entry_id" ON "frozen_entry" ("snapshot_id", "entry_id")',
]


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
