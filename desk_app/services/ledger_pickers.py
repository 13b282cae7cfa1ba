"""What the ledger's pickers and filters offer: task forces of a campaign and the people in them."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.db.models import TaskForce
from desk_app.domain import EntryKind

from .ledger_filter import LedgerFilter


@dataclass(frozen=True)
class TaskForceChoice:
    id: int
    name: str


def task_forces(campaign_id: int | None) -> list[TaskForceChoice]:
    if campaign_id is None:
        return []
    query = (TaskForce.select(TaskForce.id, TaskForce.name)
             .where(TaskForce.campaign == campaign_id, TaskForce.deleted_at.is_null())
             .order_by(TaskForce.sort_order, TaskForce.id))
    return [TaskForceChoice(t.id, t.name) for t in query]


def owner_counts(campaign_id: int | None) -> dict[int, int]:
    """How many 问题整改 entries each person's own list holds (the "at least 6" rule); from the tally."""
    if campaign_id is None:
        return {}
    from .ledger_summary import counts_by  # noqa: PLC0415

    counts = counts_by(LedgerFilter(campaign_id=campaign_id, kinds=[EntryKind.RECTIFICATION]), "owner_id")
    return {owner: n for owner, n in counts.items() if owner}


@dataclass(frozen=True)
class PersonChoice:
    """A person as a picker offers them: 郭一鸣（办公室）, found by 郭一鸣, guoyiming or gym."""

    id: int
    label: str
    name: str
    pinyin: str
    initials: str

    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.name, self.pinyin.replace(" ", ""), self.initials)


def people_choices(*, with_title: bool = False, include_inactive: bool = False) -> list[PersonChoice]:
    """Everyone a people picker offers, in pinyin order; the label adds the department (and title)."""
    from .org import list_people  # noqa: PLC0415

    out = []
    for p in list_people(include_inactive=include_inactive):
        extra = " ".join(x for x in (p.department_name, p.title if with_title else "") if x)
        out.append(PersonChoice(p.id, f"{p.name}（{extra}）" if extra else p.name, p.name, p.pinyin, p.initials))
    return out


def matching(text: str, labels_and_aliases: list[tuple[str, tuple[str, ...]]]) -> list[int]:
    """Positions of the items a typed text names: the full label; else the name, the whole pinyin or
    the initials, exactly (case and spaces ignored). Several positions: the text is ambiguous."""
    typed = "".join(text.split()).lower()
    if not typed:
        return []
    exact = [i for i, (label, _) in enumerate(labels_and_aliases) if label == text.strip()]
    if exact:
        return exact
    return [i for i, (_, aliases) in enumerate(labels_and_aliases)
            if any(typed == "".join(a.split()).lower() for a in aliases if a)]
