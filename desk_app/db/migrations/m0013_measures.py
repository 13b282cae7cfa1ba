"""Schema version 13 (issue 15, part B): 牵头/配合 as references, tasks with measures, 月度序时进度.

* entry_assist: an entry's 配合/协办 departments (the 牵头 or 主办 one is the entry's own department).
  The free text earlier versions kept in ledger_entry.co_departments ("预算科、办公室") is read here
  (services/assists_names: split on 、，, ; and matched by full or short name). The column stays as the
  names' display text, rewritten canonically (the departments' full names, then names that match no
  department, kept as written). Unmatched names are not made into departments: the clerk sees them
  under the 配合 picker and among 首页's reminders, and they link as soon as such a department exists.
* measure / measure_progress: an entry's 措施 (子任务), each with its own 责任单位, 责任人, 时限, status
  and 本月进展; the entry's status and light derive from them (services/measures).
* progress_plan: a 重点任务's planned % per month and the % reported (services/progress_plan).
"""

from desk_app.services.assists_names import DepartmentNames

SCHEMA_SQL = [
    'CREATE TABLE "entry_assist" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT NULL, '
    '"department_id" INTEGER NOT NULL, "sort_order" INTEGER NOT NULL, '
    'FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "entry_assist_department_id" ON "entry_assist" ("department_id")',
    'CREATE UNIQUE INDEX "entry_assist_entry_id_department_id" ON "entry_assist" ("entry_id", "department_id")',
    'CREATE TABLE "measure" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, '
    '"entry_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "content" TEXT NOT NULL, "department_id" INTEGER, '
    '"responsible_id" INTEGER, "deadline_type" VARCHAR(255) NOT NULL, "deadline" DATE, '
    '"status" VARCHAR(255) NOT NULL, "completed_date" DATE, "note" TEXT NOT NULL, '
    '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, '
    'FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL, '
    'FOREIGN KEY ("responsible_id") REFERENCES "person" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "measure_uuid" ON "measure" ("uuid")',
    'CREATE INDEX "measure_department_id" ON "measure" ("department_id")',
    'CREATE INDEX "measure_responsible_id" ON "measure" ("responsible_id")',
    'CREATE INDEX "measure_entry_id_deleted_at_seq" ON "measure" ("entry_id", "deleted_at", "seq")',
    'CREATE TABLE "measure_progress" ("id" INTEGER NOT NULL PRIMARY KEY, "measure_id" INTEGER NOT NULL, '
    '"month" VARCHAR(255) NOT NULL, "text" TEXT NOT NULL, "author" VARCHAR(255) NOT NULL, '
    '"updated_at" DATETIME NOT NULL, FOREIGN KEY ("measure_id") REFERENCES "measure" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "measure_progress_measure_id_month" ON "measure_progress" ("measure_id", "month")',
    'CREATE TABLE "progress_plan" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT NULL, '
    '"month" VARCHAR(255) NOT NULL, "planned" REAL, "actual" REAL, "updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "progress_plan_entry_id_month" ON "progress_plan" ("entry_id", "month")',
]


def migrate_co_departments(db) -> None:
    """The free 配合处室 text of every entry as references; unmatched names stay as the text."""
    names = DepartmentNames(db.execute_sql('SELECT "id", "name", "short_name" FROM "department"').fetchall())
    rows = db.execute_sql('SELECT "id", "department_id", "co_departments" FROM "ledger_entry" '
                          'WHERE "co_departments" != \'\'').fetchall()
    links, leftovers = [], []
    for entry_id, lead_id, text in rows:
        matched = names.match(text, lead_id)
        links += [(entry_id, dept_id, order) for order, dept_id in enumerate(matched.department_ids)]
        canonical = matched.text(names.full_names)
        if canonical != text:
            leftovers.append((canonical, entry_id))
    conn = db.connection()
    conn.executemany('INSERT INTO "entry_assist" ("entry_id", "department_id", "sort_order") VALUES (?, ?, ?)', links)
    conn.executemany('UPDATE "ledger_entry" SET "co_departments" = ? WHERE "id" = ?', leftovers)


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
    migrate_co_departments(db)
