"""Ranking a round and the 提醒约谈 rule across rounds.

- Rank: competition ranking (1, 2, 2, 4): equal scores share a place.
- 后三名 (the kind's `bottom_count`): a subject with fewer than that many subjects scoring worse. Ties at
  the boundary are all in ("并列的一并列入"). A round with no more subjects than that flags nobody: with
  three sections scored, "the last three" says nothing.
- 提醒约谈: in the last places in `consecutive` rounds running — rounds of the same kind in time order,
  so 2025-Q4 and 2026-Q1 are consecutive, and a quarter nobody scored is not a gap. A subject is the
  same across rounds when it is the same department (else the same name).
- The 约谈 list: every subject the rule names, with what was recorded (when, who, outcome); a recorded
  约谈 stays listed, marked, if changed scores no longer call for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desk_app.db.models import Interview, RankingRound
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, rankings
from .rankings import KindRecord, RoundRecord, ScoreRecord, get_kind, get_round, list_kinds, list_rounds, scores
from .rankings_periods import period_label

PENDING, PLANNED, HELD = "待约谈", "已安排", "已约谈"


@dataclass(frozen=True)
class RankedRow:
    subject: str
    department_id: int | None
    score: float
    rank: int
    items: dict[str, float]
    note: str
    bottom: bool
    previous_rank: int | None = None
    previous_score: float | None = None
    streak: int = 0  # rounds running (ending with this one) in the last places
    interview_due: bool = False
    history: tuple[tuple[str, int], ...] = ()  # (period, rank) of the rounds in the streak

    @property
    def rank_change(self) -> int | None:
        """Places gained since the previous round (positive: moved up)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank


@dataclass(frozen=True)
class Ranking:
    kind: KindRecord
    round: RoundRecord
    rows: list[RankedRow]
    item_names: list[str]
    previous: RoundRecord | None
    bottom_applies: bool

    @property
    def bottom(self) -> list[RankedRow]:
        return [r for r in self.rows if r.bottom]

    @property
    def interviews(self) -> list[RankedRow]:
        return [r for r in self.rows if r.interview_due]

    @property
    def average(self) -> float | None:
        return sum(r.score for r in self.rows) / len(self.rows) if self.rows else None


def subject_key(subject: str, department_id: int | None) -> str:
    return f"d{department_id}" if department_id else f"s{subject}"


def _places(kind: KindRecord, found: list[ScoreRecord]) -> tuple[list[tuple[ScoreRecord, int, bool]], bool]:
    """(score, rank, in the last places) best first, and whether the last places apply at all."""
    sign = -1 if kind.higher_is_better else 1
    ordered = sorted(found, key=lambda s: (sign * s.score, s.id))
    applies = len(ordered) > kind.bottom_count
    out = []
    for s in ordered:
        better = sum(1 for o in ordered if sign * o.score < sign * s.score)
        worse = sum(1 for o in ordered if sign * o.score > sign * s.score)
        out.append((s, better + 1, applies and worse < kind.bottom_count))
    return out, applies


@dataclass
class _Round:
    record: RoundRecord
    places: list[tuple[ScoreRecord, int, bool]] = field(default_factory=list)
    applies: bool = False

    def by_key(self) -> dict[str, tuple[ScoreRecord, int, bool]]:
        return {subject_key(s.subject, s.department_id): (s, rank, bottom) for s, rank, bottom in self.places}


def _history(kind: KindRecord, up_to: RoundRecord | None = None) -> list[_Round]:
    """The kind's scored rounds in time order, up to and including `up_to`. A round without scores
    (created, not yet scored) is no round of the rule."""
    out = []
    for r in list_rounds(kind.id):
        if r.score_count or (up_to is not None and r.id == up_to.id):
            places, applies = _places(kind, scores(r.id))
            out.append(_Round(r, places, applies))
        if up_to is not None and r.id == up_to.id:
            break
    return out


def _rank_rows(kind: KindRecord, history: list[_Round]) -> list[RankedRow]:
    current = history[-1]
    earlier = [h.by_key() for h in history[:-1]]
    rows = []
    for s, rank, bottom in current.places:
        key = subject_key(s.subject, s.department_id)
        previous = earlier[-1].get(key) if earlier else None
        streak, trail = 0, []
        if bottom:
            streak, trail = 1, [(current.record.period, rank)]
            for past, past_round in zip(reversed(earlier), reversed(history[:-1]), strict=True):
                hit = past.get(key)
                if not hit or not hit[2]:
                    break
                streak += 1
                trail.append((past_round.record.period, hit[1]))
        rows.append(RankedRow(s.subject, s.department_id, s.score, rank, s.items, s.note, bottom,
                              previous[1] if previous else None, previous[0].score if previous else None,
                              streak, streak >= kind.consecutive, tuple(reversed(trail))))
    return rows


def ranking(round_id: int) -> Ranking:
    r = get_round(round_id)
    kind = get_kind(r.kind_id)
    history = _history(kind, r)
    names: list[str] = []
    for s, _rank, _bottom in history[-1].places:
        names += [k for k in s.items if k not in names]
    previous = history[-2].record if len(history) > 1 else None
    return Ranking(kind, r, _rank_rows(kind, history), names, previous, history[-1].applies)


# --- the 约谈 list --------------------------------------------------------------------------------
@dataclass(frozen=True)
class InterviewRow:
    round_id: int
    kind_name: str
    period: str
    subject: str
    department_id: int | None
    reason: str  # 2026年第一季度第9名、2026年第二季度第10名（共10个）
    due: bool  # the scores call for it now
    planned_on: date | None = None
    held_on: date | None = None
    interviewer: str = ""
    attendees: str = ""
    outcome: str = ""

    @property
    def status(self) -> str:
        state = HELD if self.held_on else (PLANNED if self.planned_on else PENDING)
        return state if self.due else f"{state}（成绩更正后已不需约谈）"

    @property
    def round_label(self) -> str:
        return period_label(self.period)


def _reason(row: RankedRow, total: int) -> str:
    return "、".join(f"{period_label(p)}第{rank}名" for p, rank in row.history) + f"（本轮共{total}个）"


def interviews(kind_id: int | None = None, *, round_id: int | None = None) -> list[InterviewRow]:
    """Every 约谈 the rule calls for, newest round first, joined with what was recorded."""
    kinds = [get_kind(kind_id)] if kind_id is not None else list_kinds(include_inactive=True)
    out: list[InterviewRow] = []
    for kind in kinds:
        history = _history(kind)
        recorded, names = {}, rankings.current_names()
        for iv in Interview.select().join(RankingRound).where(RankingRound.kind == kind.id):
            recorded[(iv.ranking_round_id, subject_key(iv.subject, iv.department_id))] = iv
        for end in range(len(history) - 1, -1, -1):
            record = history[end].record
            if round_id is not None and record.id != round_id:
                continue
            rows = _rank_rows(kind, history[:end + 1])
            seen = set()
            for row in rows:
                if not row.interview_due:
                    continue
                key = subject_key(row.subject, row.department_id)
                iv = recorded.get((record.id, key))
                seen.add(key)
                out.append(_row(kind, record, row.subject, row.department_id, _reason(row, len(rows)), True, iv))
            for (rid, key), iv in recorded.items():
                if rid == record.id and key not in seen:
                    out.append(_row(kind, record, names.get(iv.department_id, iv.subject), iv.department_id,
                                    "（记录在案）", False, iv))
    return out


def _row(kind, record, subject, department_id, reason, due, iv) -> InterviewRow:
    if iv is None:
        return InterviewRow(record.id, kind.name, record.period, subject, department_id, reason, due)
    return InterviewRow(record.id, kind.name, record.period, subject, department_id, reason, due, iv.planned_on,
                        iv.held_on, iv.interviewer, iv.attendees, iv.outcome)


@context.writes
def record_interview(round_id: int, subject: str, *, planned_on: date | None = None, held_on: date | None = None,
                     interviewer: str = "", attendees: str = "", outcome: str = "") -> InterviewRow:
    """Record (or change) when a 约谈 is held, by whom, with whom, and its outcome."""
    r = RankingRound.get_or_none(RankingRound.id == round_id)
    if r is None:
        raise NotFoundError("找不到这一轮排名，它可能已被删除。")
    subject = " ".join((subject or "").split())
    result = ranking(round_id)
    due = {row.subject: row for row in result.interviews}
    department_id = due[subject].department_id if subject in due else None
    # A 科室 renamed since the 约谈 was recorded is found by its id, not by the name it had then.
    iv = (Interview.get_or_none(Interview.ranking_round == round_id, Interview.department == department_id)
          if department_id else None) or Interview.get_or_none(Interview.ranking_round == round_id,
                                                                Interview.subject == subject)
    if subject not in due and iv is None:
        raise ValidationError(f"“{subject}”在{period_label(r.period)}不属于连续后几名，不需要提醒约谈")
    if held_on and planned_on and held_on < planned_on:
        planned_on = held_on  # held earlier than planned: the plan is moot
    if held_on and held_on > context.today():
        raise ValidationError("约谈日期不能晚于今天；还没举行的约谈请填“计划日期”", "held_on")
    if held_on and not outcome.strip():
        raise ValidationError("已举行的约谈请填写约谈结果（如：已提醒，限期一个月提交整改报告）", "outcome")
    values = {"planned_on": planned_on, "held_on": held_on, "interviewer": interviewer.strip(),
              "attendees": attendees.strip(), "outcome": outcome.strip()}
    if iv is None:
        row = due[subject]
        iv = Interview.create(ranking_round=round_id, subject=subject, department=row.department_id,
                              updated_at=context.now(), **values)
        changelog.record("interview", iv.id, "create", "subject", None, f"{r.period} {subject}")
        changes = {k: (None, v) for k, v in values.items() if v}
    else:
        changes = {k: (getattr(iv, k), v) for k, v in values.items() if getattr(iv, k) != v}
        for k, (_old, new) in changes.items():
            setattr(iv, k, new)
        iv.updated_at = context.now()
        iv.save()
    changelog.record_changes("interview", iv.id, changes)
    row = due.get(subject)
    reason = _reason(row, len(result.rows)) if row else "（记录在案）"
    return _row(result.kind, result.round, subject, iv.department_id, reason, row is not None, iv)
