"""Schema version 9 (issue 18): people sort by the reading of their names and are
found by its initials.

* person.pinyin ("guo yi ming") orders every list of people the way a printed roster is ordered, instead
  of by code point; person.initials ("gym") lets a picker find 郭一鸣 from three typed letters.
* Existing people get both here (desk_app/name_keys; pypinyin is a dependency from this version on).
* A rename made around the program (the sqlite3 shell, an older release on a shared copy) empties both, so
  a stale reading is never kept: the services refill empty keys before they list people.
"""

from desk_app.name_keys import name_keys

TRIGGER = ('CREATE TRIGGER "person_name_keys_stale" AFTER UPDATE OF "name" ON "person" '
           'WHEN new."pinyin" = old."pinyin" AND new."name" != old."name" BEGIN '
           'UPDATE "person" SET "pinyin" = \'\', "initials" = \'\' WHERE "id" = new."id"; END')


def upgrade(db) -> None:
    db.execute_sql('ALTER TABLE "person" ADD COLUMN "pinyin" VARCHAR(255) NOT NULL DEFAULT \'\'')
    db.execute_sql('ALTER TABLE "person" ADD COLUMN "initials" VARCHAR(255) NOT NULL DEFAULT \'\'')
    rows = db.execute_sql('SELECT "id", "name" FROM "person"').fetchall()
    db.connection().executemany('UPDATE "person" SET "pinyin" = ?, "initials" = ? WHERE "id" = ?',
                                [(*name_keys(name), person_id) for person_id, name in rows])
    db.execute_sql('CREATE INDEX "person_pinyin" ON "person" ("pinyin")')
    db.execute_sql(TRIGGER)
