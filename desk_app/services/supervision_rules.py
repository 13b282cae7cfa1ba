"""The 督办 rules an office keeps in 设置 (data, not code): its rule sets (13710: 当天接办, 3个工作日内反馈,
一般事项7个工作日内办结, 重大事项一个月内办结 — or another office's), the escalation levels a matter reaches
as it misses nodes (蓝色 → 黄色 → 红色督办) and which kinds of entry run on the clock."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from desk_app.domain import EntryKind
from desk_app.errors import ValidationError, ValidationErrors

from . import context, settings
from .work_calendar import WorkCalendar

SETTING_KEY = "supervision_rules"
WORKDAYS, DAYS, MONTHS = "工作日", "自然日", "个月"
UNITS = (WORKDAYS, DAYS, MONTHS)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class NodeRule:
    """One node: due `count` units after 交办日期 (0 工作日 = the day itself, or the next working day)."""

    name: str
    count: int
    unit: str = WORKDAYS

    def due(self, assigned: date, cal: WorkCalendar) -> date:
        if self.unit == WORKDAYS:
            return cal.add_workdays(assigned, self.count)
        if self.unit == MONTHS:  # the same day N months on (the month's last day if shorter), 遇节假日顺延
            month = assigned.month - 1 + self.count
            year, month = assigned.year + month // 12, month % 12 + 1
            day = min(assigned.day, calendar.monthrange(year, month)[1])
            return cal.on_or_after(date(year, month, day))
        return cal.on_or_after(assigned + timedelta(days=self.count))

    def describe(self) -> str:
        if self.unit == WORKDAYS and self.count == 0:
            return "当天"
        return {WORKDAYS: f"{self.count}个工作日内", DAYS: f"{self.count}日内"}.get(self.unit, f"{self.count}个月内")

    def as_dict(self) -> dict:
        return {"name": self.name, "count": self.count, "unit": self.unit}


@dataclass(frozen=True)
class RuleSet:
    name: str
    nodes: tuple[NodeRule, ...]
    note: str = ""

    def describe(self) -> str:
        return "，".join(f"{n.describe()}{n.name}" for n in self.nodes)


@dataclass(frozen=True)
class EscalationLevel:
    """Reached when a matter has missed `missed_nodes` nodes, or its oldest missed node is
    `overdue_workdays` working days late (0 = that test is not used)."""

    name: str
    color: str
    missed_nodes: int = 0
    overdue_workdays: int = 0

    def reached(self, missed: int, late_workdays: int) -> bool:
        return ((self.missed_nodes > 0 and missed >= self.missed_nodes)
                or (self.overdue_workdays > 0 and missed > 0 and late_workdays >= self.overdue_workdays))


@dataclass(frozen=True)
class SupervisionRules:
    rule_sets: tuple[RuleSet, ...]
    levels: tuple[EscalationLevel, ...]  # lowest first
    kinds: tuple[str, ...]  # entry kinds on the clock

    def rule_set(self, name: str) -> RuleSet | None:
        return next((r for r in self.rule_sets if r.name == name), None)

    @property
    def default(self) -> RuleSet:
        return self.rule_sets[0]

    def level_for(self, missed: int, late_workdays: int) -> EscalationLevel | None:
        reached = [lv for lv in self.levels if lv.reached(missed, late_workdays)]
        return reached[-1] if reached else None


DEFAULT_RULES = SupervisionRules(
    rule_sets=(
        RuleSet("一般事项", (NodeRule("接办", 0), NodeRule("反馈", 3), NodeRule("办结", 7)),
                "“13710”工作制度：当天接办，3个工作日内反馈，一般事项7个工作日内办结"),
        RuleSet("重大事项", (NodeRule("接办", 0), NodeRule("反馈", 3), NodeRule("办结", 1, MONTHS)),
                "“13710”工作制度：重大事项一个月内办结，每个节点跟踪到销号清零"),
    ),
    levels=(
        EscalationLevel("蓝色督办", "#1565c0", missed_nodes=1),
        EscalationLevel("黄色督办", "#e09b00", missed_nodes=2, overdue_workdays=5),
        EscalationLevel("红色督办", "#c62828", missed_nodes=3, overdue_workdays=10),
    ),
    kinds=(EntryKind.SUPERVISION.value,),
)


def _node(row) -> NodeRule:
    return NodeRule(str(row["name"]), int(row["count"]), str(row.get("unit") or WORKDAYS))


def nodes_from_json(rows) -> tuple[NodeRule, ...]:
    return tuple(_node(r) for r in rows or ())


def load_rules() -> SupervisionRules:
    """The office's rules, or the 13710 defaults until the clerk changes them."""
    stored = settings.get(SETTING_KEY)
    if not stored:
        return DEFAULT_RULES
    try:
        rules = SupervisionRules(
            rule_sets=tuple(RuleSet(str(r["name"]), nodes_from_json(r["nodes"]), str(r.get("note") or ""))
                            for r in stored["rule_sets"]),
            levels=tuple(EscalationLevel(str(lv["name"]), str(lv["color"]), int(lv.get("missed_nodes") or 0),
                                         int(lv.get("overdue_workdays") or 0)) for lv in stored["levels"]),
            kinds=tuple(str(k) for k in stored["kinds"]))
        check_rules(rules)
    except (KeyError, TypeError, ValueError, ValidationErrors):
        return DEFAULT_RULES  # a setting damaged by hand: the defaults keep the clock running
    return rules


def rules_as_dict(rules: SupervisionRules) -> dict:
    return {"rule_sets": [{"name": r.name, "note": r.note, "nodes": [n.as_dict() for n in r.nodes]}
                          for r in rules.rule_sets],
            "levels": [{"name": lv.name, "color": lv.color, "missed_nodes": lv.missed_nodes,
                        "overdue_workdays": lv.overdue_workdays} for lv in rules.levels],
            "kinds": list(rules.kinds)}


def check_rules(rules: SupervisionRules) -> None:
    """Every problem at once, each in words the clerk can act on."""
    errors: list[ValidationError] = []
    if not rules.rule_sets:
        errors.append(ValidationError("至少要有一套督办规则", "rule_sets"))
    names = [r.name.strip() for r in rules.rule_sets]
    if any(not n for n in names):
        errors.append(ValidationError("督办规则的名称不能为空", "rule_sets"))
    if len(set(names)) != len(names):
        errors.append(ValidationError("督办规则的名称重复了", "rule_sets"))
    for r in rules.rule_sets:
        if not r.nodes:
            errors.append(ValidationError(f"督办规则“{r.name}”没有节点，请至少设一个（如办结）", "rule_sets"))
        for n in r.nodes:
            if not n.name.strip():
                errors.append(ValidationError(f"督办规则“{r.name}”有节点没有名称", "rule_sets"))
            if n.unit not in UNITS:
                errors.append(ValidationError(f"节点“{n.name}”的单位“{n.unit}”不正确，应为：{'、'.join(UNITS)}",
                                              "rule_sets"))
            if not 0 <= n.count <= 366:
                errors.append(ValidationError(f"节点“{n.name}”的期限 {n.count} 应在 0 到 366 之间", "rule_sets"))
    for lv in rules.levels:
        if not lv.name.strip():
            errors.append(ValidationError("督办升级的等级名称不能为空", "levels"))
        if not _COLOR.match(lv.color):
            errors.append(ValidationError(f"等级“{lv.name}”的颜色“{lv.color}”应写成 #RRGGBB", "levels"))
        if lv.missed_nodes < 0 or lv.overdue_workdays < 0:
            errors.append(ValidationError(f"等级“{lv.name}”的条件不能为负数", "levels"))
        if lv.missed_nodes == 0 and lv.overdue_workdays == 0:
            errors.append(ValidationError(f"等级“{lv.name}”没有条件：请填误节点个数或逾期工作日数", "levels"))
    unknown = [k for k in rules.kinds if k not in {k.value for k in EntryKind}]
    if unknown:
        errors.append(ValidationError(f"事项类型“{'、'.join(unknown)}”不存在", "kinds"))
    if errors:
        raise ValidationErrors(errors)


@context.writes
def save_rules(rules: SupervisionRules) -> None:
    """Store the rules. Matters already on a rule set keep the nodes they were given (their plan keeps a
    copy); those still following the first rule set by default are given a copy of it as it was, so an
    edit applies from now on and never moves an old matter's due dates."""
    from .supervision import pin_default_plans  # noqa: PLC0415 - supervision reads these rules

    check_rules(rules)
    before = load_rules()
    if rules_as_dict(before) == rules_as_dict(rules):
        return
    if before.default.nodes != (rules.rule_set(before.default.name) or rules.default).nodes \
            or before.default.name != rules.default.name:
        pin_default_plans(before)
    settings.put(SETTING_KEY, rules_as_dict(rules))
