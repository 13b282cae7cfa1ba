"""Campaigns (活动). Everything else belongs to one; old ones stay readable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.db.models import Campaign
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, roles


@dataclass(frozen=True)
class CampaignRecord:
    id: int
    name: str
    year: int
    start_date: date | None
    end_date: date | None
    is_current: bool


def _record(c: Campaign) -> CampaignRecord:
    return CampaignRecord(c.id, c.name, c.year, c.start_date, c.end_date, c.is_current)


def list_campaigns() -> list[CampaignRecord]:
    return [_record(c) for c in Campaign.select().order_by(Campaign.year.desc(), Campaign.id.desc())]


def get_campaign(campaign_id: int) -> CampaignRecord:
    c = Campaign.get_or_none(Campaign.id == campaign_id)
    if c is None:
        raise NotFoundError(f"找不到编号为 {campaign_id} 的活动")
    return _record(c)


def current_campaign() -> CampaignRecord | None:
    c = (Campaign.select().order_by(Campaign.is_current.desc(), Campaign.year.desc(), Campaign.id.desc())
         .first())
    return _record(c) if c else None


def require_current_campaign() -> CampaignRecord:
    c = current_campaign()
    if c is None:
        raise NotFoundError("还没有任何活动。请先新建活动，或运行 desk-app demo 生成演示数据。")
    return c


@context.writes
def create_campaign(name: str, year: int, start_date: date | None = None, end_date: date | None = None,
                    *, make_current: bool = True) -> CampaignRecord:
    name = (name or "").strip()
    if not name:
        raise ValidationError("活动名称不能为空", "name")
    if not 2000 <= int(year) <= 2100:
        raise ValidationError("年度应在 2000 到 2100 之间", "year")
    if start_date and end_date and end_date < start_date:
        raise ValidationError("结束日期不能早于开始日期", "end_date")
    if Campaign.select().where(Campaign.name == name, Campaign.year == int(year)).exists():
        raise ValidationError(f"活动“{name}”（{int(year)}年度）已存在，请换一个名称", "name")
    if make_current:
        Campaign.update(is_current=False).execute()
    c = Campaign.create(name=name, year=int(year), start_date=start_date, end_date=end_date,
                        is_current=make_current)
    changelog.record("campaign", c.id, "create", "name", None, name)
    return _record(c)


@context.writes(allow=roles.Allow(roles.VIEW, "campaign_id", scope="campaign"))
def set_current(campaign_id: int) -> None:
    get_campaign(campaign_id)
    Campaign.update(is_current=False).execute()
    Campaign.update(is_current=True).where(Campaign.id == campaign_id).execute()
    changelog.record("campaign", campaign_id, "update", "is_current", None, True)
