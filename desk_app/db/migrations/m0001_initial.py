"""Schema version 1: the whole campaign data model as first released.

Frozen SQL rather than the live models, so later model edits never change what version 1 was.
"""

SCHEMA_SQL = """
CREATE TABLE "campaign" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "year" INTEGER NOT NULL, "start_date" DATE, "end_date" DATE, "is_current" INTEGER NOT NULL, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL);
CREATE TABLE "task_force" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "goal" TEXT NOT NULL, "plan_due_date" DATE, "sort_order" INTEGER NOT NULL, "deleted_at" DATETIME, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE);
CREATE INDEX "task_force_campaign_id" ON "task_force" ("campaign_id");
CREATE UNIQUE INDEX "task_force_campaign_id_name" ON "task_force" ("campaign_id", "name");
CREATE TABLE "action_plan_version" ("id" INTEGER NOT NULL PRIMARY KEY, "task_force_id" INTEGER NOT NULL, "version" INTEGER NOT NULL, "composition" TEXT NOT NULL, "targets" TEXT NOT NULL, "measures" TEXT NOT NULL, "safeguards" TEXT NOT NULL, "note" TEXT NOT NULL, "created_by" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("task_force_id") REFERENCES "task_force" ("id") ON DELETE CASCADE);
CREATE INDEX "action_plan_version_task_force_id" ON "action_plan_version" ("task_force_id");
CREATE UNIQUE INDEX "action_plan_version_task_force_id_version" ON "action_plan_version" ("task_force_id", "version");
CREATE TABLE "department" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "short_name" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL, "active" INTEGER NOT NULL);
CREATE UNIQUE INDEX "department_name" ON "department" ("name");
CREATE INDEX "department_sort_order" ON "department" ("sort_order");
CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "department_id" INTEGER, "title" VARCHAR(255) NOT NULL, "level" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "active" INTEGER NOT NULL, "sort_order" INTEGER NOT NULL, FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL);
CREATE INDEX "person_name" ON "person" ("name");
CREATE INDEX "person_department_id" ON "person" ("department_id");
CREATE TABLE "meeting" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER NOT NULL, "meeting_type" VARCHAR(255) NOT NULL, "year" INTEGER NOT NULL, "number" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, "start_at" DATETIME NOT NULL, "place" VARCHAR(255) NOT NULL, "host_id" INTEGER, "recorder_id" INTEGER, "contact" VARCHAR(255) NOT NULL, "agenda" TEXT NOT NULL, "minutes" TEXT NOT NULL, "issue_no" INTEGER, "deleted_at" DATETIME, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE, FOREIGN KEY ("host_id") REFERENCES "person" ("id") ON DELETE SET NULL, FOREIGN KEY ("recorder_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE INDEX "meeting_campaign_id" ON "meeting" ("campaign_id");
CREATE INDEX "meeting_host_id" ON "meeting" ("host_id");
CREATE INDEX "meeting_recorder_id" ON "meeting" ("recorder_id");
CREATE UNIQUE INDEX "meeting_campaign_id_meeting_type_year_number" ON "meeting" ("campaign_id", "meeting_type", "year", "number");
CREATE TABLE "ledger_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "code" VARCHAR(255) NOT NULL, "campaign_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "layer" VARCHAR(255) NOT NULL, "owner_id" INTEGER, "category" VARCHAR(255) NOT NULL, "source" VARCHAR(255) NOT NULL, "description" TEXT NOT NULL, "cause" TEXT NOT NULL, "target" TEXT NOT NULL, "measures" TEXT NOT NULL, "standard" TEXT NOT NULL, "leader_id" INTEGER, "department_id" INTEGER, "co_departments" VARCHAR(255) NOT NULL, "responsible_id" INTEGER, "task_force_id" INTEGER, "meeting_id" INTEGER, "decision_no" INTEGER, "found_date" DATE, "deadline_type" VARCHAR(255) NOT NULL, "deadline" DATE, "rectify_mode" VARCHAR(255) NOT NULL, "schedule" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "completed_date" DATE, "completion_summary" TEXT NOT NULL, "closed_date" DATE, "reviewer_id" INTEGER, "note" TEXT NOT NULL, "source_unit" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE, FOREIGN KEY ("owner_id") REFERENCES "person" ("id") ON DELETE SET NULL, FOREIGN KEY ("leader_id") REFERENCES "person" ("id") ON DELETE SET NULL, FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL, FOREIGN KEY ("responsible_id") REFERENCES "person" ("id") ON DELETE SET NULL, FOREIGN KEY ("task_force_id") REFERENCES "task_force" ("id") ON DELETE SET NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL, FOREIGN KEY ("reviewer_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "ledger_entry_uuid" ON "ledger_entry" ("uuid");
CREATE INDEX "ledger_entry_campaign_id" ON "ledger_entry" ("campaign_id");
CREATE INDEX "ledger_entry_kind" ON "ledger_entry" ("kind");
CREATE INDEX "ledger_entry_layer" ON "ledger_entry" ("layer");
CREATE INDEX "ledger_entry_owner_id" ON "ledger_entry" ("owner_id");
CREATE INDEX "ledger_entry_leader_id" ON "ledger_entry" ("leader_id");
CREATE INDEX "ledger_entry_department_id" ON "ledger_entry" ("department_id");
CREATE INDEX "ledger_entry_responsible_id" ON "ledger_entry" ("responsible_id");
CREATE INDEX "ledger_entry_task_force_id" ON "ledger_entry" ("task_force_id");
CREATE INDEX "ledger_entry_meeting_id" ON "ledger_entry" ("meeting_id");
CREATE INDEX "ledger_entry_deadline" ON "ledger_entry" ("deadline");
CREATE INDEX "ledger_entry_status" ON "ledger_entry" ("status");
CREATE INDEX "ledger_entry_reviewer_id" ON "ledger_entry" ("reviewer_id");
CREATE INDEX "ledger_entry_source_unit" ON "ledger_entry" ("source_unit");
CREATE INDEX "ledger_entry_deleted_at" ON "ledger_entry" ("deleted_at");
CREATE UNIQUE INDEX "ledger_entry_campaign_id_source_unit_code" ON "ledger_entry" ("campaign_id", "source_unit", "code");
CREATE TABLE "attachment" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "entry_id" INTEGER, "file_name" VARCHAR(255) NOT NULL, "sha256" VARCHAR(255) NOT NULL, "size" INTEGER NOT NULL, "added_by" VARCHAR(255) NOT NULL, "added_at" DATETIME NOT NULL, "deleted_at" DATETIME, FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "attachment_uuid" ON "attachment" ("uuid");
CREATE INDEX "attachment_entry_id" ON "attachment" ("entry_id");
CREATE INDEX "attachment_sha256" ON "attachment" ("sha256");
CREATE TABLE "change_log" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "actor" VARCHAR(255) NOT NULL, "entity" VARCHAR(255) NOT NULL, "entity_id" INTEGER NOT NULL, "action" VARCHAR(255) NOT NULL, "field" VARCHAR(255) NOT NULL, "old" TEXT, "new" TEXT);
CREATE INDEX "change_log_at" ON "change_log" ("at");
CREATE INDEX "change_log_entity" ON "change_log" ("entity");
CREATE INDEX "change_log_entity_id" ON "change_log" ("entity_id");
CREATE TABLE "choice_item" ("id" INTEGER NOT NULL PRIMARY KEY, "list_name" VARCHAR(255) NOT NULL, "group" VARCHAR(255) NOT NULL, "value" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL, "active" INTEGER NOT NULL);
CREATE INDEX "choice_item_list_name" ON "choice_item" ("list_name");
CREATE UNIQUE INDEX "choice_item_list_name_value" ON "choice_item" ("list_name", "value");
CREATE TABLE "entry_event" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "entry_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "text" TEXT NOT NULL, "old_deadline" DATE, "new_deadline" DATE, "actor" VARCHAR(255) NOT NULL, "at" DATETIME NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "entry_event_uuid" ON "entry_event" ("uuid");
CREATE INDEX "entry_event_entry_id" ON "entry_event" ("entry_id");
CREATE INDEX "entry_event_kind" ON "entry_event" ("kind");
CREATE TABLE "meeting_attendance" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "person_id" INTEGER, "name" VARCHAR(255) NOT NULL, "unit" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "status" VARCHAR(255) NOT NULL, "reason" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE INDEX "meeting_attendance_meeting_id" ON "meeting_attendance" ("meeting_id");
CREATE INDEX "meeting_attendance_person_id" ON "meeting_attendance" ("person_id");
CREATE TABLE "meeting_report" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "task_force_id" INTEGER NOT NULL, "progress" TEXT NOT NULL, "problems" TEXT NOT NULL, "next_steps" TEXT NOT NULL, "sort_order" INTEGER NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("task_force_id") REFERENCES "task_force" ("id") ON DELETE CASCADE);
CREATE INDEX "meeting_report_meeting_id" ON "meeting_report" ("meeting_id");
CREATE INDEX "meeting_report_task_force_id" ON "meeting_report" ("task_force_id");
CREATE UNIQUE INDEX "meeting_report_meeting_id_task_force_id" ON "meeting_report" ("meeting_id", "task_force_id");
CREATE TABLE "monthly_snapshot" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER NOT NULL, "month" VARCHAR(255) NOT NULL, "report_day" DATE NOT NULL, "data" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE);
CREATE INDEX "monthly_snapshot_campaign_id" ON "monthly_snapshot" ("campaign_id");
CREATE UNIQUE INDEX "monthly_snapshot_campaign_id_month" ON "monthly_snapshot" ("campaign_id", "month");
CREATE TABLE "unit" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "code" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL, "active" INTEGER NOT NULL);
CREATE UNIQUE INDEX "unit_name" ON "unit" ("name");
CREATE TABLE "package_receipt" ("id" INTEGER NOT NULL PRIMARY KEY, "unit_id" INTEGER NOT NULL, "campaign_id" INTEGER NOT NULL, "period" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, "imported_at" DATETIME NOT NULL, "sha256" VARCHAR(255) NOT NULL, "entry_count" INTEGER NOT NULL, FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE);
CREATE INDEX "package_receipt_unit_id" ON "package_receipt" ("unit_id");
CREATE INDEX "package_receipt_campaign_id" ON "package_receipt" ("campaign_id");
CREATE TABLE "progress_update" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "entry_id" INTEGER NOT NULL, "date" DATE NOT NULL, "month" VARCHAR(255) NOT NULL, "text" TEXT NOT NULL, "author" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "progress_update_uuid" ON "progress_update" ("uuid");
CREATE INDEX "progress_update_entry_id" ON "progress_update" ("entry_id");
CREATE INDEX "progress_update_month" ON "progress_update" ("month");
CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
CREATE TABLE "task_force_member" ("id" INTEGER NOT NULL PRIMARY KEY, "task_force_id" INTEGER NOT NULL, "person_id" INTEGER NOT NULL, "role" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL, FOREIGN KEY ("task_force_id") REFERENCES "task_force" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE);
CREATE INDEX "task_force_member_task_force_id" ON "task_force_member" ("task_force_id");
CREATE INDEX "task_force_member_person_id" ON "task_force_member" ("person_id");
CREATE UNIQUE INDEX "task_force_member_task_force_id_person_id_role" ON "task_force_member" ("task_force_id", "person_id", "role");
CREATE TABLE "task_force_report" ("id" INTEGER NOT NULL PRIMARY KEY, "task_force_id" INTEGER NOT NULL, "month" VARCHAR(255) NOT NULL, "progress" TEXT NOT NULL, "problems" TEXT NOT NULL, "next_steps" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("task_force_id") REFERENCES "task_force" ("id") ON DELETE CASCADE);
CREATE INDEX "task_force_report_task_force_id" ON "task_force_report" ("task_force_id");
CREATE UNIQUE INDEX "task_force_report_task_force_id_month" ON "task_force_report" ("task_force_id", "month");
"""


def upgrade(db) -> None:
    for statement in SCHEMA_SQL.split(";\n"):
        if statement.strip():
            db.execute_sql(statement)
