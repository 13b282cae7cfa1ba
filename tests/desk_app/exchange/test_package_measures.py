"""Exchange packages carry measures (with their monthly progress) and 月度序时进度; an earlier version's
package without them still reads; a damaged measures.json is refused whole."""

import hashlib
import json
import zipfile
from dataclasses import replace

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.errors import InputFileError
from desk_app.exchange.package import write_package
from desk_app.exchange.package_apply import apply_package
from desk_app.exchange.package_import import CHANGED, NEW, preview_package
from desk_app.services import campaigns, measures, progress_plan, settings


def _structure():
    out = {}
    for e in LedgerEntry.select().where(LedgerEntry.kind == "重点任务"):
        out[e.uuid] = ([(m.uuid, m.content, m.department_name, m.responsible_name, m.deadline, m.status,
                         m.completed_date, m.month_progress) for m in measures.measures_of(e.id, "2026-11")],
                       progress_plan.plan_of(e.id))
    return out


@pytest.fixture
def sent(demo, tmp_path, built_once):
    return built_once("sent", lambda: _send(tmp_path))


def _send(tmp_path):
    settings.save_report_header(settings.ReportHeader(unit="区财政局"))
    out = tmp_path / "package.zip"
    write_package(out, campaign_id=campaigns.current_campaign().id, period="2026-11")
    expected = _structure()
    assert sum(len(m) for m, _ in expected.values()) > 10 and any(p for _, p in expected.values())
    assert any(row[7] for m, _ in expected.values() for row in m)  # some 本月进展 travels too
    return out, expected


def _received(expected: dict) -> dict:
    """What the sender's _structure() looks like at the receiver: each 责任单位 the sender's (区财政局·办公室)."""
    return {uuid: ([(*m[:2], m[2] and f"区财政局·{m[2]}", *m[3:]) for m in measures_], plan)
            for uuid, (measures_, plan) in expected.items()}


def test_measures_and_plans_arrive_and_a_newer_package_updates_them(sent, offices, tmp_path):
    package, expected = sent
    offices.other()
    apply_package(preview_package(package))
    assert _structure() == _received(expected)
    # The sub-unit changes a measure and sends again.
    offices.sender()
    task = next(e for e in LedgerEntry.select().where(LedgerEntry.kind == "重点任务") if measures.has_measures(e.id))
    first = measures.measures_of(task.id)[0]
    measures.update_measure(first.id, replace(first.as_input(), content=first.content + "（已调整）"))
    newer = tmp_path / "newer.zip"
    write_package(newer, campaign_id=campaigns.current_campaign().id, period="2026-12")
    offices.other()
    preview = preview_package(newer)
    changed = [d for d in preview.entries if d.state == CHANGED]
    assert [d.uuid for d in changed] == [task.uuid] and "措施及序时进度" in changed[0].changed
    apply_package(preview)
    mine = LedgerEntry.get(LedgerEntry.uuid == task.uuid)
    assert measures.measures_of(mine.id)[0].content.endswith("（已调整）")


def _rewrite(path, edit):
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    edit(members)
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                           for n, d in members.items() if n != "manifest.json"}
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, d in members.items():
            zf.writestr(n, d)


def test_package_of_an_earlier_version_without_measures_still_reads(sent, offices):
    package, expected = sent
    _rewrite(package, lambda m: (m.pop("measures.json"), m.pop("plans.json")))
    offices.other()
    preview = preview_package(package)
    assert preview.count(NEW) == len(preview.entries)
    apply_package(preview)
    assert all(m == [] and p == [] for m, p in _structure().values())


def test_damaged_measures_are_refused_with_nothing_written(sent, offices):
    package, _ = sent

    def spoil(members):
        rows = json.loads(members["measures.json"])
        rows[0]["status"] = "搞定了"
        rows[1]["entry_uuid"] = "00000000-0000-4000-8000-000000000000"
        members["measures.json"] = json.dumps(rows, ensure_ascii=False).encode()

    _rewrite(package, spoil)
    offices.other()
    with pytest.raises(InputFileError, match="措施第 1 条不正确.*措施第 2 条不正确"):
        preview_package(package)
    assert LedgerEntry.select().count() == 0
