"""未报: the active sub-units that have not sent a package for a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import fn

from desk_app.db.models import PackageReceipt, Unit
from desk_app.errors import ValidationError
from desk_app.services import changelog, context


@dataclass(frozen=True)
class UnitStatus:
    id: int
    name: str
    code: str
    last_period: str  # '' if it never sent one
    last_imported_at: datetime | None


def _last_receipts(campaign_id: int | None) -> dict[int, tuple[str, datetime]]:
    query = PackageReceipt.select(PackageReceipt.unit, fn.MAX(PackageReceipt.period), fn.MAX(PackageReceipt.imported_at))
    if campaign_id is not None:
        query = query.where(PackageReceipt.campaign == campaign_id)
    return {unit: (period, at) for unit, period, at in query.group_by(PackageReceipt.unit).tuples()}


def missing_units(period: str, campaign_id: int | None = None) -> list[UnitStatus]:
    """Active units, in the clerk's order, without a receipt for `period` (of the campaign, if given)."""
    received = PackageReceipt.select(PackageReceipt.unit).where(PackageReceipt.period == period)
    if campaign_id is not None:
        received = received.where(PackageReceipt.campaign == campaign_id)
    last = _last_receipts(campaign_id)
    units = (Unit.select().where(Unit.active == True, Unit.id.not_in(received))  # noqa: E712
             .order_by(Unit.sort_order, Unit.id))
    return [UnitStatus(u.id, u.name, u.code, *last.get(u.id, ("", None))) for u in units]


def received_units(period: str, campaign_id: int | None = None) -> list[UnitStatus]:
    """Units that did send a package for `period` (for the 已报 half of the list)."""
    query = (PackageReceipt.select(PackageReceipt, Unit).join(Unit).where(PackageReceipt.period == period)
             .order_by(Unit.sort_order, Unit.id, PackageReceipt.imported_at.desc()))
    if campaign_id is not None:
        query = query.where(PackageReceipt.campaign == campaign_id)
    seen: dict[int, UnitStatus] = {}
    for r in query:
        if r.unit_id not in seen:
            seen[r.unit_id] = UnitStatus(r.unit_id, r.unit.name, r.unit.code, r.period, r.imported_at)
    return list(seen.values())


@context.writes
def add_unit(name: str, code: str = "") -> UnitStatus:
    """Register a sub-unit so the 未报 list can show it before its first package arrives."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("单位名称不能为空", "name")
    if len(name) > 100:
        raise ValidationError("单位名称过长（最多 100 字）", "name")
    if Unit.select().where(Unit.name == name).exists():
        raise ValidationError(f"单位“{name}”已经登记过了", "name")
    order = (Unit.select(fn.MAX(Unit.sort_order)).scalar() or 0) + 1
    unit = Unit.create(name=name, code=code.strip(), sort_order=order)
    changelog.record("unit", unit.id, "create", "name", None, name)
    return UnitStatus(unit.id, unit.name, unit.code, "", None)
