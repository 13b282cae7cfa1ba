"""配合 references of entries a package updates: a changed 配合处室 text is linked again, and a department the
import adds links the unchanged texts that name it (package_apply relinks only what can have changed)."""

from test_package_roundtrip import sent  # noqa: F401 - the fixture

from desk_app.db.models import Department, LedgerEntry
from desk_app.exchange.package import write_package
from desk_app.exchange.package_apply import apply_package
from desk_app.exchange.package_import import preview_package
from desk_app.services import assists, org


def _local(uuid: str) -> int:
    return LedgerEntry.get(LedgerEntry.uuid == uuid).id


def test_changed_texts_and_new_departments_link(sent, offices, tmp_path):  # noqa: F811
    package, _ = sent
    offices.other()
    apply_package(preview_package(package))
    known = Department.select().order_by(Department.id).first().name
    offices.sender()
    first, second, third = LedgerEntry.select().order_by(LedgerEntry.id).limit(3)
    LedgerEntry.update(co_departments="新设督查科").where(LedgerEntry.id == second.id).execute()
    newer = tmp_path / "newer.zip"
    write_package(newer, period="2026-12")
    offices.other()
    apply_package(preview_package(newer))
    assert assists.assist_ids(_local(second.uuid)) == []  # no such department here yet

    offices.sender()
    LedgerEntry.update(co_departments=known).where(LedgerEntry.id == first.id).execute()
    new_department = org.create_department("新设督查科")
    LedgerEntry.update(department=new_department.id).where(LedgerEntry.id == third.id).execute()
    LedgerEntry.update(note="复核").where(LedgerEntry.id == second.id).execute()  # its 配合 text unchanged
    latest = tmp_path / "latest.zip"
    write_package(latest, period="2027-01")
    offices.other()
    apply_package(preview_package(latest))
    added = Department.get(Department.name == "市财政局·新设督查科").id  # the sending unit's 科室 (migration 20)
    assert assists.assist_ids(_local(first.uuid)) == [Department.get(Department.name == known).id]
    # The unit's 配合 text names its own 科室, filed here as 市财政局·新设督查科: 配合 links do not resolve a unit's
    # names within the unit yet, so the text stays as written, linked to none of ours.
    assert assists.assist_ids(_local(second.uuid)) == [] and Department.get_by_id(added).unit_id is not None
