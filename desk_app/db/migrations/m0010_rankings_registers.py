"""Schema version 10: ranked activities (作风指数评价, 财政大讲堂 …) with rounds, scores and the 提醒约谈
owed after consecutive bottom places; and the registers kept beside the ledger (制度清单, 晋位升级目标).

The two kinds the seed names are created here, so a new or upgraded data folder can score a round at
once; the clerk adds other kinds (the kind of ranking is data, not code).
"""

SCHEMA_SQL = [
    'CREATE TABLE "ranking_kind" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
    '"subject_label" VARCHAR(255) NOT NULL, "scorer" VARCHAR(255) NOT NULL, "higher_is_better" INTEGER NOT NULL, '
    '"bottom_count" INTEGER NOT NULL, "consecutive" INTEGER NOT NULL, "sort_order" INTEGER NOT NULL, '
    '"active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "ranking_kind_name" ON "ranking_kind" ("name")',
    'CREATE TABLE "ranking_round" ("id" INTEGER NOT NULL PRIMARY KEY, "kind_id" INTEGER NOT NULL, '
    '"period" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "scorer" VARCHAR(255) NOT NULL, '
    '"scored_on" DATE, "published_on" DATE, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, FOREIGN KEY ("kind_id") REFERENCES "ranking_kind" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "ranking_round_kind_id" ON "ranking_round" ("kind_id")',
    'CREATE UNIQUE INDEX "ranking_round_kind_id_period" ON "ranking_round" ("kind_id", "period")',
    'CREATE TABLE "ranking_score" ("id" INTEGER NOT NULL PRIMARY KEY, "ranking_round_id" INTEGER NOT NULL, '
    '"subject" VARCHAR(255) NOT NULL, "department_id" INTEGER, "score" REAL NOT NULL, "items" TEXT NOT NULL, '
    '"note" TEXT NOT NULL, FOREIGN KEY ("ranking_round_id") REFERENCES "ranking_round" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "ranking_score_ranking_round_id" ON "ranking_score" ("ranking_round_id")',
    'CREATE INDEX "ranking_score_department_id" ON "ranking_score" ("department_id")',
    'CREATE UNIQUE INDEX "ranking_score_ranking_round_id_subject" ON "ranking_score" ("ranking_round_id", "subject")',
    'CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY, "ranking_round_id" INTEGER NOT NULL, '
    '"subject" VARCHAR(255) NOT NULL, "department_id" INTEGER, "planned_on" DATE, "held_on" DATE, '
    '"interviewer" VARCHAR(255) NOT NULL, "attendees" VARCHAR(255) NOT NULL, "outcome" TEXT NOT NULL, '
    '"updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("ranking_round_id") REFERENCES "ranking_round" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "interview_ranking_round_id" ON "interview" ("ranking_round_id")',
    'CREATE INDEX "interview_department_id" ON "interview" ("department_id")',
    'CREATE UNIQUE INDEX "interview_ranking_round_id_subject" ON "interview" ("ranking_round_id", "subject")',
    'CREATE TABLE "register_item" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER NOT NULL, '
    '"register" VARCHAR(255) NOT NULL, "area" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, '
    '"content" TEXT NOT NULL, "action" VARCHAR(255) NOT NULL, "department_id" INTEGER, "owner_id" INTEGER, '
    '"status" VARCHAR(255) NOT NULL, "start_on" DATE, "due_on" DATE, "done_on" DATE, '
    '"doc_number" VARCHAR(255) NOT NULL, "doc_link" VARCHAR(255) NOT NULL, "note" TEXT NOT NULL, '
    '"sort_order" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
    '"deleted_at" DATETIME, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL, '
    'FOREIGN KEY ("owner_id") REFERENCES "person" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "register_item_campaign_id" ON "register_item" ("campaign_id")',
    'CREATE INDEX "register_item_register" ON "register_item" ("register")',
    'CREATE INDEX "register_item_department_id" ON "register_item" ("department_id")',
    'CREATE INDEX "register_item_owner_id" ON "register_item" ("owner_id")',
]

# (name, subject_label, scorer, sort_order): seed 000 names both, with the same 约谈 rule
# ("对“财政大讲堂”、“作风指数评价”等活动排序连续后三名的，进行提醒约谈").
DEFAULT_KINDS = [
    ("作风指数评价", "科室（单位）", "第三方评价机构", 1),
    ("财政大讲堂", "科室（单位）", "听课人员", 2),
]


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
    for name, subject, scorer, order in DEFAULT_KINDS:
        db.execute_sql('INSERT INTO "ranking_kind" ("name", "subject_label", "scorer", "higher_is_better", '
                       '"bottom_count", "consecutive", "sort_order", "active") VALUES (?, ?, ?, 1, 3, 2, ?, 1)',
                       (name, subject, scorer, order))
