"""Schema version 20: a sub-unit's departments are the sub-unit's (department.unit_id).

Until now a package from a county office (``export package`` there, ``import package`` at the bureau) was filed
under the bureau's departments of the same name: the county's 办公室 counted in the bureau's 办公室 in every
tally, ranking and print, and its 张三（办公室） became the bureau's 张三. A department now belongs to a sub-unit
when unit_id is set; it is named 「单位·科室」 (names stay unique, and every list that shows it says whose it is)
and is left out of the office's own lists, pickers and rankings (services/org). NULL: the office's own.

The upgrade files what earlier imports misfiled: each sub-unit entry's 责任单位, its people (所属人员, 责任领导,
责任人, 审核人) and its 措施' 责任单位 and 责任人 move to the sub-unit's department of that name (made, inactive,
as a package import makes them) and to a person of that name there; a person with no department goes under
「单位·本级」. What the office's own entries use is not touched. Plain SQL with ? placeholders (both engines).
"""

SEPARATOR = "·"
UNIT_LEVEL = "本级"  # the department of a sub-unit's people whose package names no department

SCHEMA_SQL = [
    'ALTER TABLE "department" ADD COLUMN "unit_id" INTEGER REFERENCES "unit" ("id") ON DELETE SET NULL',
    'CREATE INDEX IF NOT EXISTS "department_unit_id" ON "department" ("unit_id")',
]
PERSON_COLUMNS = ("owner_id", "leader_id", "responsible_id", "reviewer_id")


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
    units = dict(db.execute_sql('SELECT "name", "id" FROM "unit"').fetchall())
    departments = _Departments(db)
    misfiled = db.execute_sql(
        'SELECT DISTINCT e."source_unit", d."id", d."name" FROM "ledger_entry" e '
        'JOIN "department" d ON d."id" = e."department_id" WHERE e."source_unit" <> \'\' AND d."unit_id" IS NULL'
    ).fetchall()
    for unit, old, name in misfiled:
        if unit in units:
            db.execute_sql('UPDATE "ledger_entry" SET "department_id" = ? WHERE "source_unit" = ? AND "department_id" = ?',
                           (departments.of(units[unit], unit, name), unit, old))
    for unit, old, new in _measure_departments(db, units, departments):
        db.execute_sql('UPDATE "measure" SET "department_id" = ? WHERE "department_id" = ? AND "entry_id" IN '
                       '(SELECT "id" FROM "ledger_entry" WHERE "source_unit" = ?)', (new, old, unit))
    people = _People(db, departments)
    for column in PERSON_COLUMNS:
        rows = db.execute_sql(
            f'SELECT DISTINCT e."source_unit", p."id" FROM "ledger_entry" e JOIN "person" p ON p."id" = e."{column}" '
            'LEFT JOIN "department" d ON d."id" = p."department_id" '
            'WHERE e."source_unit" <> \'\' AND d."unit_id" IS NULL').fetchall()
        for unit, old in rows:
            if unit in units:
                db.execute_sql(f'UPDATE "ledger_entry" SET "{column}" = ? WHERE "source_unit" = ? AND "{column}" = ?',
                               (people.of(units[unit], unit, old), unit, old))
    rows = db.execute_sql(
        'SELECT DISTINCT e."source_unit", p."id" FROM "measure" m JOIN "ledger_entry" e ON e."id" = m."entry_id" '
        'JOIN "person" p ON p."id" = m."responsible_id" LEFT JOIN "department" d ON d."id" = p."department_id" '
        'WHERE e."source_unit" <> \'\' AND d."unit_id" IS NULL').fetchall()
    for unit, old in rows:
        if unit in units:
            db.execute_sql('UPDATE "measure" SET "responsible_id" = ? WHERE "responsible_id" = ? AND "entry_id" IN '
                           '(SELECT "id" FROM "ledger_entry" WHERE "source_unit" = ?)',
                           (people.of(units[unit], unit, old), old, unit))


def _measure_departments(db, units: dict, departments) -> list[tuple[str, int, int]]:
    rows = db.execute_sql(
        'SELECT DISTINCT e."source_unit", d."id", d."name" FROM "measure" m JOIN "ledger_entry" e ON e."id" = m."entry_id" '
        'JOIN "department" d ON d."id" = m."department_id" WHERE e."source_unit" <> \'\' AND d."unit_id" IS NULL'
    ).fetchall()
    return [(unit, old, departments.of(units[unit], unit, name)) for unit, old, name in rows if unit in units]


class _Departments:
    """A sub-unit's department of a name: found, or made inactive at the end of the list."""

    def __init__(self, db):
        self.db = db
        self.by_name = dict(db.execute_sql('SELECT "name", "id" FROM "department"').fetchall())

    def of(self, unit_id: int, unit: str, name: str) -> int:
        full = f"{unit}{SEPARATOR}{name or UNIT_LEVEL}"
        if full not in self.by_name:
            order = (self.db.execute_sql('SELECT MAX("sort_order") FROM "department"').fetchone()[0] or 0) + 1
            self.db.execute_sql('INSERT INTO "department" ("name", "short_name", "sort_order", "active", "unit_id") '
                                'VALUES (?, ?, ?, ?, ?)', (full, "", order, False, unit_id))
            self.by_name[full] = self.db.execute_sql('SELECT "id" FROM "department" WHERE "name" = ?',
                                                     (full,)).fetchone()[0]
        else:
            self.db.execute_sql('UPDATE "department" SET "unit_id" = ? WHERE "id" = ?', (unit_id, self.by_name[full]))
        return self.by_name[full]


class _People:
    """The sub-unit's person of the name a misfiled person has, in the sub-unit's department of that name."""

    def __init__(self, db, departments: _Departments):
        self.db = db
        self.departments = departments
        self.made: dict[tuple[int, int], int] = {}

    def of(self, unit_id: int, unit: str, old: int) -> int:
        if (unit_id, old) in self.made:
            return self.made[(unit_id, old)]
        name, title, level, pinyin, initials, department = self.db.execute_sql(
            'SELECT p."name", p."title", p."level", p."pinyin", p."initials", d."name" FROM "person" p '
            'LEFT JOIN "department" d ON d."id" = p."department_id" WHERE p."id" = ?', (old,)).fetchone()
        department_id = self.departments.of(unit_id, unit, department or "")
        found = self.db.execute_sql('SELECT "id" FROM "person" WHERE "name" = ? AND "department_id" = ?',
                                    (name, department_id)).fetchone()
        if found is None:
            self.db.execute_sql(
                'INSERT INTO "person" ("name", "department_id", "title", "level", "phone", "active", "sort_order", '
                '"pinyin", "initials") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                (name, department_id, title, level, "", False, 9999, pinyin, initials))
            found = self.db.execute_sql('SELECT MAX("id") FROM "person" WHERE "name" = ? AND "department_id" = ?',
                                        (name, department_id)).fetchone()
        self.made[(unit_id, old)] = found[0]
        return found[0]
