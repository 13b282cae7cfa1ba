"""A sub-unit's package keeps the sub-unit's 科室 and people its own (department.unit, migration 20): the county's
办公室 never counts in the bureau's 办公室, and the bureau's own lists, pickers and rankings stay its own."""

from desk_app import paths
from desk_app.cli import main
from desk_app.db import close_database, open_database
from desk_app.db.models import Department, LedgerEntry, Person
from desk_app.services import org, rankings, stats
from desk_app.services.ledger_query import LedgerFilter


def _by_department(campaign_id: int) -> dict[str, int]:
    return {g.key: g.total for g in stats.breakdown(LedgerFilter(campaign_id=campaign_id), "department")}


def test_a_county_package_is_filed_under_the_countys_departments(tmp_path, capsys):
    county, bureau, package = tmp_path / "county", tmp_path / "bureau", tmp_path / "county.zip"
    for folder, entries, seed in ((county, "40", "7"), (bureau, "60", "1")):  # same 科室 names, other entries
        assert main(["--data-dir", str(folder), "--today", "2026-11-23", "demo", "--entries", entries, "--seed", seed]) == 0
    assert main(["--data-dir", str(county), "export", "package", "--out", str(package), "--unit", "XX县财政局"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(bureau), "import", "package", str(package), "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert "将在本机新建：科室" in preview and "XX县财政局·办公室" in preview  # the clerk sees where they go

    paths.set_data_dir(bureau)
    open_database()
    campaign = LedgerEntry.select().where(LedgerEntry.source_unit == "").first().campaign_id
    ours_before = _by_department(campaign)
    own_departments = [d.name for d in org.list_departments(include_inactive=True)]
    close_database()
    assert main(["--data-dir", str(bureau), "import", "package", str(package), "--yes", "--into-current"]) == 0
    open_database()
    tally = _by_department(campaign)
    assert tally["办公室"] == ours_before["办公室"]  # not one of the county's entries counts in ours
    county_entries = LedgerEntry.select().where(LedgerEntry.source_unit == "XX县财政局")
    assert county_entries.count() == 40
    assert sum(n for name, n in tally.items() if name.startswith("XX县财政局·")) == 40
    for entry in county_entries:
        if entry.department_id:
            assert entry.department.unit.name == "XX县财政局" and entry.department.name.startswith("XX县财政局·")
        for person in (entry.owner, entry.leader, entry.responsible):
            if person is not None:  # the county's 张三（办公室） is not our 张三
                assert person.department.unit.name == "XX县财政局" and not person.active
    assert [d.name for d in org.list_departments(include_inactive=True)] == own_departments
    assert all(d.unit_id is None for d in org.list_departments(include_inactive=True))
    kind = rankings.list_kinds()[0]
    assert not [name for name in rankings.default_subjects(kind.id) if "XX县财政局" in name]
    assert Department.select().where(Department.unit.is_null(False)).count() >= 1
    assert not Person.select().where(Person.active, Person.department.in_(
        Department.select(Department.id).where(Department.unit.is_null(False)))).exists()
    close_database()
    # the same package again changes nothing: its names are found among the county's
    assert main(["--data-dir", str(bureau), "import", "package", str(package), "--yes", "--into-current"]) == 0
    assert "没有需要导入的内容" in capsys.readouterr().out
