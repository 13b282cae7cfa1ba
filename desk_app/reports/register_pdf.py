"""制度清单 and 晋位升级目标 as ruled tables (A4 landscape), with the header block and signature foot.

The 制度清单 groups by area with a running 序号 ("16个方面53项制度"); 晋位升级目标 by section. Rows past
their date and not done print their date in red."""

from __future__ import annotations

from desk_app.services import campaigns, registers
from desk_app.services.ledger_columns import cn_date
from desk_app.services.registers import RULES, TARGETS

from .layout import RED, Document
from .ledger_pdf import FULL_DATE, PrintColumn, serial_column, table_document
from .options import PrintOptions, Progress, with_campaign


def _late(item) -> tuple | None:
    return RED if item.overdue else None


def _date(value) -> str:
    return cn_date(value) or "—"


def rule_columns() -> list[PrintColumn]:
    s = registers.SPECS[RULES]
    return [serial_column(),
            PrintColumn(s.area_label, 8, lambda i, n: i.area or "—", "c", cap=8),
            PrintColumn(s.title_label, 22, lambda i, n: i.title),
            PrintColumn(s.action_label, 6, lambda i, n: i.action or "—", "c", whole=True),
            PrintColumn("牵头科室", 10, lambda i, n: i.department_name or "—", "c"),
            PrintColumn("责任人", 6, lambda i, n: i.owner_name or "—", "c", whole=True, cap=5),
            PrintColumn("状态", 6, lambda i, n: i.status, "c", whole=True),
            PrintColumn(s.due_label, 9, lambda i, n: _date(i.due_on), "c", _late, whole=True, min_text=FULL_DATE),
            PrintColumn(s.done_label, 9, lambda i, n: _date(i.done_on), "c", whole=True, min_text=FULL_DATE),
            PrintColumn("文号", 10, lambda i, n: i.doc_number or "—", "c", whole=True),
            PrintColumn("备注", 10, lambda i, n: i.note)]


def target_columns() -> list[PrintColumn]:
    s = registers.SPECS[TARGETS]
    return [serial_column(),
            PrintColumn("科室（单位）", 10, lambda i, n: i.department_name or "—", "c"),
            PrintColumn(s.title_label, 20, lambda i, n: i.title),
            PrintColumn(s.action_label, 6, lambda i, n: i.action or "—", "c", whole=True),
            PrintColumn(s.area_label, 9, lambda i, n: i.area or "—", "c"),
            PrintColumn(s.content_label, 22, lambda i, n: i.content or "—"),
            PrintColumn("责任人", 6, lambda i, n: i.owner_name or "—", "c", whole=True, cap=5),
            PrintColumn(s.due_label, 9, lambda i, n: _date(i.due_on), "c", _late, whole=True, min_text=FULL_DATE),
            PrintColumn("状态", 6, lambda i, n: i.status, "c", whole=True),
            PrintColumn(s.done_label, 9, lambda i, n: _date(i.done_on), "c", whole=True, min_text=FULL_DATE)]


def _build(register: str, columns: list[PrintColumn], options: PrintOptions,
           progress: Progress | None) -> Document:
    campaign_id = with_campaign(options.filter).campaign_id
    items = registers.list_items(campaign_id, register)
    summary = registers.summary(campaign_id, register)
    name = campaigns.get_campaign(campaign_id).name
    title = options.title or f"{name}{register}"
    if register == RULES:
        areas = len({i.area for i in items if i.area})
        subtitle = f"（{areas}个方面，{len(items)}项制度；已印发 {summary.by_status.get('已印发', 0)} 项）"
    else:
        sections = len({i.department_id for i in items if i.department_id})
        subtitle = f"（{sections}个科室（单位），{len(items)}项目标；已实现 {summary.by_status.get('已实现', 0)} 项）"
        if summary.sections_without:
            subtitle = subtitle[:-1] + f"；尚未设定目标：{'、'.join(summary.sections_without)}）"
    return table_document(title=title, subtitle=subtitle, columns=columns, batches=[items], total=len(items),
                          options=options, progress=progress, header_extra=f"共 {len(items)} 项")


def build_rules(options: PrintOptions, progress: Progress | None = None) -> Document:
    return _build(RULES, rule_columns(), options, progress)


def build_targets(options: PrintOptions, progress: Progress | None = None) -> Document:
    return _build(TARGETS, target_columns(), options, progress)
