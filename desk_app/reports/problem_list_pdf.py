"""问题清单: the list of one layer (分层次建立清单), and each person's own list that he or she signs."""

from __future__ import annotations

from dataclasses import replace

from desk_app.domain import LAYER_REPORTS_TO, LEVEL_TO_LAYER, MIN_PROBLEMS_PER_PERSON, EntryKind, Layer
from desk_app.errors import ValidationError
from desk_app.services import org

from . import blocks
from .layout import Document, ledger_page
from .ledger_pdf import PrintColumn, draw_table, ledger_column, serial_column, table_document, table_size
from .options import PrintOptions, Progress, campaign_name, count, filter_subtitle, iter_entries, with_campaign
from .table import ContinuedHeading

PERSONAL_LAYERS = (Layer.TEAM_MEMBER, Layer.DIVISION, Layer.SECTION_CHIEF, Layer.STAFF)


def _col(key: str, weight: float | None = None, align: str | None = None) -> PrintColumn:
    return ledger_column(key, "", weight, align)


def layer_columns(with_owner: bool, with_layer: bool = False, a3: bool = False) -> list[PrintColumn]:
    """The 问题清单's columns. A layer's list fits A4 landscape with 11; the all-layer list's 层级 column
    takes 问题来源's place there (with both, 12 columns leave 原因剖析 under six characters a line, and the
    clerk would be told to use A3 for the default list); on A3 it keeps both."""
    cols = [serial_column(), _col("code")]
    if with_layer:  # the all-layer list says which layer each entry belongs to
        cols.append(_col("layer"))
    if with_owner:
        cols.append(_col("owner"))
    cols.append(_col("category"))
    if a3 or not with_layer:
        cols.append(_col("source", 7))
    cols += [_col("description", 22), _col("cause", 16), _col("measures", 20), _col("deadline"),
             _col("responsible"), _col("status")]
    return cols


def build_layer(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = with_campaign(options.filter)
    f = replace(f, kinds=[EntryKind.RECTIFICATION])
    layer = options.layer or (f.layers[0] if len(f.layers) == 1 else "")
    if layer:
        f = replace(f, layers=[layer])
    total = count(f)
    title = options.title or f"{campaign_name(f)}{layer}问题清单"
    reports_to = LAYER_REPORTS_TO.get(layer, "") if layer else ""
    extra = f"共 {total} 条" + (f"　报送：{reports_to}" if reports_to else "")
    sort = "owner" if layer in PERSONAL_LAYERS else ("layer" if not layer else options.sort)
    subtitle = filter_subtitle(f, "" if layer else "全部层级", kinds=[], layers=[])
    return table_document(title=title, subtitle=subtitle,
                          columns=layer_columns(layer != Layer.TEAM, with_layer=not layer, a3=options.a3),
                          batches=iter_entries(f, sort), total=total, options=options, progress=progress,
                          header_extra=extra)


def person_columns() -> list[PrintColumn]:
    return [serial_column(), _col("code"), _col("category"), _col("source", 7), _col("description", 24),
            _col("cause", 18), _col("target", 12), _col("measures", 22), _col("deadline"), _col("status")]


def _people(options: PrintOptions) -> list:
    if options.person_id is not None:
        return [org.get_person(options.person_id)]
    levels = {str(level) for level, layer in LEVEL_TO_LAYER.items() if layer == options.layer}
    people = [p for p in org.list_people() if p.level in levels]
    departments = {d.id: d.sort_order for d in org.list_departments(include_inactive=True)}
    people.sort(key=lambda p: (departments.get(p.department_id, 9999), p.id))
    return people


def _person_foot(doc: Document) -> None:
    blocks.signature_foot(doc, ["本人签字", "所在单位负责人签字"])


def build_person(options: PrintOptions, progress: Progress | None = None) -> Document:
    """One person's list (or one per person of a layer, each with its own page numbers)."""
    base = with_campaign(options.filter)
    people = _people(options)
    if not people:
        raise ValidationError(f"“{options.layer}”层级下没有人员，无法打印个人问题清单。"
                              "请用 --person 指定人员，或选择处级干部、科长(主任)等个人层级。", "layer")
    def title_of(p):
        return (options.title or f"{p.name}同志问题清单")
    doc = Document(title_of(people[0]) if len(people) == 1 else f"{options.layer}个人问题清单",
                   ledger_page(options.a3), progress=progress, author=blocks.report_header().unit)
    columns = person_columns()
    size = table_size(options, len(columns))
    described = filter_subtitle(base, kinds=[], owner_ids=[], person_id=None)
    for i, person in enumerate(people):
        if i:
            doc.new_section()
        f = replace(base, kinds=[EntryKind.RECTIFICATION], owner_ids=[person.id], person_id=None)
        total = count(f)
        blocks.title(doc, title_of(person), subtitle=f"（{campaign_name(f)}）")
        if described:
            doc.paragraph(described, doc.fonts.body, 10.5, align="c", leading=15)
        info = "　　".join(x for x in (f"姓名：{person.name}", f"单位：{person.department_name or '—'}",
                                       f"职务：{person.title or '—'}", f"层级：{LEVEL_TO_LAYER.get(person.level, '')}",
                                       f"共 {total} 条") if x)
        if total < MIN_PROBLEMS_PER_PERSON:
            info += f"（按要求每人至少 {MIN_PROBLEMS_PER_PERSON} 条，尚缺 {MIN_PROBLEMS_PER_PERSON - total} 条）"
        doc.paragraph(info, doc.fonts.body, 10.5, leading=17, space_after=3)
        # Continued pages name the person; the foot never goes to a page without his or her entries.
        heading = ContinuedHeading(f"{person.name}同志问题清单", doc.fonts.heading, 11, 20)
        draw_table(doc, columns, iter_entries(f, "code"), total, size=size,
                   label=f"正在排版：{person.name}（{i + 1}/{len(people)}）", empty_text="（尚未列出问题）",
                   keep_with_last=blocks.SIGNATURE_FOOT_HEIGHT, heading=heading)
        _person_foot(doc)
        doc.check(i + 1, len(people), f"正在排版：{person.name}")
    return doc
