"""Ranked activities (作风指数评价, 财政大讲堂 …): their kinds, rounds and scores.

The kind of ranking is data (RankingKind): what is ranked, who scores, how many last places count and
after how many rounds running a 提醒约谈 is owed. The ranking itself and the 约谈 rule live in
rankings_rules; reading the scorer's Excel in desk_app.exchange.scores_import.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

from peewee import fn

from desk_app.db.models import RankingKind, RankingRound, RankingScore
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, org
from .rankings_periods import parse_period, period_label, sort_key

MAX_SCORE = 1000.0  # a sanity bound: scorers use 100-point scales, some with bonus points
DEFAULT_KIND = "作风指数评价"


@dataclass(frozen=True)
class KindRecord:
    id: int
    name: str
    subject_label: str
    scorer: str
    higher_is_better: bool
    bottom_count: int
    consecutive: int
    active: bool

    @property
    def rule_text(self) -> str:
        rounds = {2: "两", 3: "三"}.get(self.consecutive, str(self.consecutive))
        places = {3: "三", 2: "两", 5: "五"}.get(self.bottom_count, str(self.bottom_count))
        return f"连续{rounds}轮后{places}名 → 提醒约谈"


@dataclass(frozen=True)
class RoundRecord:
    id: int
    kind_id: int
    kind_name: str
    period: str
    title: str
    scorer: str
    scored_on: date | None
    published_on: date | None
    note: str
    score_count: int = 0

    @property
    def label(self) -> str:
        return period_label(self.period)

    @property
    def display_title(self) -> str:
        return self.title or f"{self.label}{self.kind_name}"


@dataclass(frozen=True)
class ScoreRecord:
    id: int
    subject: str
    department_id: int | None
    score: float
    items: dict[str, float]
    note: str


@dataclass
class ScoreInput:
    subject: str
    score: float
    items: dict[str, float] = field(default_factory=dict)
    note: str = ""
    department_id: int | None = None  # None: found by name among the departments


def _kind(k: RankingKind) -> KindRecord:
    return KindRecord(k.id, k.name, k.subject_label, k.scorer, bool(k.higher_is_better), k.bottom_count,
                      k.consecutive, bool(k.active))


def _round(r: RankingRound, kind_name: str | None = None, count: int = 0) -> RoundRecord:
    return RoundRecord(r.id, r.kind_id, kind_name if kind_name is not None else r.kind.name, r.period, r.title,
                       r.scorer, r.scored_on, r.published_on, r.note, count)


# --- kinds ----------------------------------------------------------------------------------------
def list_kinds(*, include_inactive: bool = False) -> list[KindRecord]:
    query = RankingKind.select()
    if not include_inactive:
        query = query.where(RankingKind.active == True)  # noqa: E712
    return [_kind(k) for k in query.order_by(RankingKind.sort_order, RankingKind.id)]


def get_kind(kind_id: int) -> KindRecord:
    k = RankingKind.get_or_none(RankingKind.id == kind_id)
    if k is None:
        raise NotFoundError("找不到这种排名活动，它可能已被删除。")
    return _kind(k)


def kind_by_name(name: str | None) -> KindRecord:
    wanted = (name or DEFAULT_KIND).strip()
    k = RankingKind.get_or_none(RankingKind.name == wanted)
    if k is None:
        names = "、".join(x.name for x in list_kinds(include_inactive=True)) or "（还没有）"
        raise NotFoundError(f"没有名为“{wanted}”的排名活动。已有的排名活动：{names}")
    return _kind(k)


def _check_kind_values(name: str, bottom_count: int, consecutive: int) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("排名活动的名称不能为空", "name")
    if not 1 <= bottom_count <= 20:
        raise ValidationError("“后几名”应在 1 到 20 之间", "bottom_count")
    if not 1 <= consecutive <= 12:
        raise ValidationError("“连续几轮”应在 1 到 12 之间", "consecutive")
    return name


@context.writes
def create_kind(name: str, *, subject_label: str = "科室（单位）", scorer: str = "", higher_is_better: bool = True,
                bottom_count: int = 3, consecutive: int = 2) -> KindRecord:
    name = _check_kind_values(name, bottom_count, consecutive)
    if RankingKind.select().where(RankingKind.name == name).exists():
        raise ValidationError(f"排名活动“{name}”已存在", "name")
    order = (RankingKind.select(fn.MAX(RankingKind.sort_order)).scalar() or 0) + 1
    k = RankingKind.create(name=name, subject_label=subject_label.strip() or "科室（单位）", scorer=scorer.strip(),
                           higher_is_better=higher_is_better, bottom_count=bottom_count, consecutive=consecutive,
                           sort_order=order)
    changelog.record("ranking_kind", k.id, "create", "name", None, name)
    return _kind(k)


@context.writes
def update_kind(kind_id: int, **values) -> KindRecord:
    k = RankingKind.get_or_none(RankingKind.id == kind_id)
    if k is None:
        raise NotFoundError("找不到这种排名活动，它可能已被删除。")
    allowed = {"name", "subject_label", "scorer", "higher_is_better", "bottom_count", "consecutive", "active"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}")
    merged = {f: getattr(k, f) for f in allowed} | values
    merged["name"] = _check_kind_values(merged["name"], merged["bottom_count"], merged["consecutive"])
    if merged["name"] != k.name and RankingKind.select().where(RankingKind.name == merged["name"]).exists():
        raise ValidationError(f"排名活动“{merged['name']}”已存在", "name")
    changes = {f: (getattr(k, f), merged[f]) for f in allowed if getattr(k, f) != merged[f]}
    for f, (_old, new) in changes.items():
        setattr(k, f, new)
    k.save()
    changelog.record_changes("ranking_kind", k.id, changes)
    return _kind(k)


# --- rounds ---------------------------------------------------------------------------------------
def list_rounds(kind_id: int | None = None) -> list[RoundRecord]:
    """Rounds in time order (oldest first), each with its number of scores."""
    counts = dict(RankingScore.select(RankingScore.ranking_round, fn.COUNT(RankingScore.id))
                  .group_by(RankingScore.ranking_round).tuples())
    query = RankingRound.select(RankingRound, RankingKind.name.alias("kind_name")).join(RankingKind)
    if kind_id is not None:
        query = query.where(RankingRound.kind == kind_id)
    rounds = [_round(r, r.kind_name, counts.get(r.id, 0)) for r in query.objects()]
    return sorted(rounds, key=lambda r: (r.kind_id, sort_key(r.period)))


def get_round(round_id: int) -> RoundRecord:
    r = RankingRound.get_or_none(RankingRound.id == round_id)
    if r is None:
        raise NotFoundError("找不到这一轮排名，它可能已被删除。")
    return _round(r, count=RankingScore.select().where(RankingScore.ranking_round == r.id).count())


def round_by_period(kind_id: int, period: str) -> RoundRecord | None:
    r = RankingRound.get_or_none(RankingRound.kind == kind_id, RankingRound.period == parse_period(period))
    return get_round(r.id) if r else None


def require_round(kind_name: str | None, period: str) -> RoundRecord:
    kind = kind_by_name(kind_name)
    found = round_by_period(kind.id, period)
    if found is None:
        have = "、".join(r.period for r in list_rounds(kind.id)) or "（还没有）"
        raise NotFoundError(f"{kind.name}没有 {parse_period(period)} 这一轮。已有的轮次：{have}")
    return found


@context.writes
def create_round(kind_id: int, period: str, *, title: str = "", scorer: str = "", scored_on: date | None = None,
                 published_on: date | None = None, note: str = "") -> RoundRecord:
    kind = get_kind(kind_id)
    period = parse_period(period)
    if RankingRound.select().where(RankingRound.kind == kind_id, RankingRound.period == period).exists():
        raise ValidationError(f"{kind.name}已有 {period_label(period)} 这一轮", "period")
    r = RankingRound.create(kind=kind_id, period=period, title=title.strip(), scorer=scorer.strip() or kind.scorer,
                            scored_on=scored_on, published_on=published_on, note=note.strip(),
                            created_at=context.now(), updated_at=context.now())
    changelog.record("ranking_round", r.id, "create", "period", None, f"{kind.name} {period}")
    return get_round(r.id)


@context.writes
def update_round(round_id: int, **values) -> RoundRecord:
    r = RankingRound.get_or_none(RankingRound.id == round_id)
    if r is None:
        raise NotFoundError("找不到这一轮排名，它可能已被删除。")
    allowed = {"title", "scorer", "scored_on", "published_on", "note", "period"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}")
    if "period" in values:
        values["period"] = parse_period(values["period"])
        if values["period"] != r.period and RankingRound.select().where(
                RankingRound.kind == r.kind_id, RankingRound.period == values["period"]).exists():
            raise ValidationError(f"已有 {period_label(values['period'])} 这一轮", "period")
    changes = {f: (getattr(r, f), v.strip() if isinstance(v, str) else v) for f, v in values.items()
               if getattr(r, f) != (v.strip() if isinstance(v, str) else v)}
    for f, (_old, new) in changes.items():
        setattr(r, f, new)
    if changes:
        r.updated_at = context.now()
        r.save()
        changelog.record_changes("ranking_round", r.id, changes)
    return get_round(r.id)


@context.writes
def delete_round(round_id: int) -> None:
    r = RankingRound.get_or_none(RankingRound.id == round_id)
    if r is None:
        return
    count = RankingScore.select().where(RankingScore.ranking_round == r.id).count()
    changelog.record("ranking_round", r.id, "purge", "period", f"{r.kind.name} {r.period}（{count} 个成绩）", None)
    r.delete_instance(recursive=True)


# --- scores ---------------------------------------------------------------------------------------
def _items(text: str) -> dict[str, float]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def scores(round_id: int) -> list[ScoreRecord]:
    """A round's scores, each under its department's current name (a 科室 renamed since — 国库 → 国库科 — is
    listed, ranked and compared across rounds as the one it is now); the name as ranked when none is linked."""
    rows = RankingScore.select().where(RankingScore.ranking_round == round_id).order_by(RankingScore.id)
    names = current_names()
    return [ScoreRecord(s.id, names.get(s.department_id, s.subject), s.department_id, s.score, _items(s.items), s.note)
            for s in rows]


def current_names() -> dict[int, str]:
    """Every department's name as it is now (inactive ones too: old rounds name them), by id."""
    return {d.id: d.name for d in org.list_departments(include_inactive=True, include_units=True)}


def match_department(name: str, departments: list[org.DepartmentRecord] | None = None
                     ) -> tuple[org.DepartmentRecord | None, str]:
    """The department a scorer's name means: its full name or short name, else the one department whose
    name contains it (预算科 → 预算管理科 only when no other department fits). (record, how read)."""
    wanted = "".join((name or "").split())
    if not wanted:
        return None, ""
    if departments is None:
        departments = org.list_departments(include_inactive=True)
    for d in departments:
        if wanted in ("".join(d.name.split()), "".join(d.short_name.split())):
            return d, ""
    close = [d for d in departments if wanted in d.name or (d.name in wanted and len(d.name) >= 2)]
    if len(close) == 1:
        return close[0], f"“{name}”按“{close[0].name}”读取"
    return None, ""


def check_score(value, where: str) -> float:
    """A score as a number within bounds, or a clear error naming where it was found."""
    if isinstance(value, bool):
        raise ValidationError(f"{where}的得分不是数字")
    if isinstance(value, str):
        text = value.strip().replace("分", "")
        try:
            value = float(text)
        except ValueError:
            raise ValidationError(f"{where}的得分“{value.strip()}”不是数字") from None
    if not isinstance(value, int | float) or math.isnan(value) or math.isinf(value):
        raise ValidationError(f"{where}的得分不是数字")
    if value < 0 or value > MAX_SCORE:
        raise ValidationError(f"{where}的得分 {value:g} 超出范围（应在 0 到 {MAX_SCORE:g} 之间）")
    return round(float(value), 4)


def _validated(inputs: list[ScoreInput]) -> list[tuple[ScoreInput, int | None]]:
    seen: dict[str, int] = {}
    departments = org.list_departments(include_inactive=True)
    known = {d.id: d.name for d in departments}
    out = []
    for n, item in enumerate(inputs, start=1):
        subject = " ".join((item.subject or "").split())
        if not subject:
            raise ValidationError(f"第 {n} 个成绩没有填写名称")
        item.score = check_score(item.score, f"“{subject}”")
        item.items = {str(k).strip(): check_score(v, f"“{subject}”的“{k}”") for k, v in (item.items or {}).items()}
        dept_id = item.department_id
        if dept_id is None:
            dept, _how = match_department(subject, departments)
            dept_id = dept.id if dept else None
        elif dept_id not in known:
            raise ValidationError(f"“{subject}”对应的科室已不存在")
        if dept_id is not None:  # a scorer's 国库 is kept, ranked and printed as the registered 国库科
            subject = known[dept_id]
        if subject in seen:
            raise ValidationError(f"“{subject}”出现了两次（第 {seen[subject]} 个和第 {n} 个），每个对象只能有一个得分")
        seen[subject] = n
        item.subject = subject
        out.append((item, dept_id))
    return out


@context.writes
def set_scores(round_id: int, inputs: list[ScoreInput]) -> list[ScoreRecord]:
    """Replace the round's scores with `inputs` (all or nothing); the old ones are kept in the history."""
    r = RankingRound.get_or_none(RankingRound.id == round_id)
    if r is None:
        raise NotFoundError("找不到这一轮排名，它可能已被删除。")
    checked = _validated(list(inputs))
    before = {s.subject: s.score for s in scores(round_id)}
    RankingScore.delete().where(RankingScore.ranking_round == round_id).execute()
    RankingScore.insert_many([
        {"ranking_round": round_id, "subject": item.subject, "department": dept_id, "score": item.score,
         "items": json.dumps(item.items, ensure_ascii=False) if item.items else "", "note": item.note}
        for item, dept_id in checked]).execute()
    after = {item.subject: item.score for item, _ in checked}
    if before != after:
        changelog.record("ranking_round", round_id, "update", "scores", _score_text(before), _score_text(after))
    r.updated_at = context.now()
    r.save()
    return scores(round_id)


def _score_text(values: dict[str, float]) -> str | None:
    if not values:
        return None
    return "；".join(f"{k} {v:g}" for k, v in values.items())


def default_subjects(kind_id: int) -> list[str]:
    """What a new round's grid lists before any score: the subjects of the kind's latest round, else
    the active departments in the clerk's order."""
    rounds = list_rounds(kind_id)
    for r in reversed(rounds):
        found = [s.subject for s in scores(r.id)]
        if found:
            return found
    return [d.name for d in org.list_departments()]
