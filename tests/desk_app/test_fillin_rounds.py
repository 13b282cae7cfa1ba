"""A month's fill-in round: who was sent a workbook and who sent it back."""

from __future__ import annotations

from desk_app.services import campaigns, fillin_rounds, org

MONTH = "2026-12"


def test_sending_the_workbooks_again_keeps_the_departments_that_already_reported(db):
    campaign_id = campaigns.create_campaign("2026年作风建设专项行动", 2026).id
    office, personnel = (org.create_department(name) for name in ("办公室", "人事科"))
    sent = {d.id: {"name": d.name, "entries": 3, "file": f"{d.name}.xlsx"} for d in (office, personnel)}
    fillin_rounds.record_export(campaign_id, MONTH, sent)
    fillin_rounds.record_return(campaign_id, MONTH, {office.id: {"name": "办公室", "file": "办公室.xlsx", "rows": 3}})
    assert [name for _, name, _ in fillin_rounds.not_reported(campaign_id, MONTH)] == ["人事科"]

    fillin_rounds.record_export(campaign_id, MONTH, sent)  # a second round of workbooks to every department

    assert [name for _, name, _ in fillin_rounds.not_reported(campaign_id, MONTH)] == ["人事科"]
    assert office.id in fillin_rounds.fill_in_round(campaign_id, MONTH).returned
