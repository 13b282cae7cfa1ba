"""Migration 0011 (issue 15): 督办 on the 13710 clock.

* ledger_entry gains where a matter comes from: 任务来源 (task_source), 发文字号 (doc_number), 批示领导
  (instructing_leader) and 交办日期 (assigned_date), the day its nodes count from. Existing rows get empty
  values: nothing is guessed (a 督办事项's 发现日期 is not always the day it was handed over).
* supervision_plan: the rule set an entry follows (一般事项 / 重大事项 …) with a copy of its nodes.
* supervision_node: when each node (接办, 反馈, 办结 …) was met; the due dates are computed from 交办日期 in
  working days (services/supervision), never stored.
* urge: the 催办 records (date, way, to whom, answer).
"""

SCHEMA_SQL = [
    'ALTER TABLE "ledger_entry" ADD COLUMN "task_source" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "ledger_entry" ADD COLUMN "doc_number" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "ledger_entry" ADD COLUMN "instructing_leader" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "ledger_entry" ADD COLUMN "assigned_date" DATE',
    'CREATE TABLE "supervision_plan" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT NULL, '
    '"rule_name" VARCHAR(255) NOT NULL, "nodes" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "supervision_plan_entry_id" ON "supervision_plan" ("entry_id")',
    'CREATE TABLE "supervision_node" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT NULL, '
    '"seq" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "done_date" DATE, "note" TEXT NOT NULL, '
    '"updated_at" DATETIME NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "supervision_node_entry_id" ON "supervision_node" ("entry_id")',
    'CREATE UNIQUE INDEX "supervision_node_entry_id_seq" ON "supervision_node" ("entry_id", "seq")',
    'CREATE TABLE "urge" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, '
    '"entry_id" INTEGER NOT NULL, "date" DATE NOT NULL, "way" VARCHAR(255) NOT NULL, '
    '"target" VARCHAR(255) NOT NULL, "answer" TEXT NOT NULL, "author" VARCHAR(255) NOT NULL, '
    '"created_at" DATETIME NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "urge_uuid" ON "urge" ("uuid")',
    'CREATE INDEX "urge_entry_id" ON "urge" ("entry_id")',
]


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
