"""Importing an existing Excel ledger: the sheet understood (header block, rows, words), every row
checked with the ledger's own validation; nothing is written until the clerk accepts (xlsx_apply)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from desk_app.domain import EntryKind, Layer
from desk_app.errors import InputFileError, ValidationError
from desk_app.services import campaigns, context, import_words

from .progress import report
from .xlsx_bulk import without_cycle_collector
from .xlsx_header import ColumnNote, HeaderBlock, auto_mapping, find_column, find_header
from .xlsx_match import ExistingEntries
from .xlsx_measures import attach, read_groups
from .xlsx_names import ImportNames
from .xlsx_people import TitleReader
from .xlsx_plan import KIND_BY_DESCRIPTION_WORD, ImportOptions, ImportPlan, RowPlan, RowProblem
from .xlsx_read import RawSheet, read_raw
from .xlsx_rowbuild import Readers, RowBuilder, cell_text
from .xlsx_rows import FilledRange, SkippedRow, classify
from .xlsx_vocab import IGNORE, KEEP, field_labels, normalise_header, vocabulary
from .xlsx_words import DeadlineReader, StatusReader

__all__ = ["ImportOptions", "ImportPlan", "RowPlan", "RowProblem", "SheetContent", "mapping_from_json",
           "plan_import", "read_sheet"]


@dataclass
class SheetContent:
    """A sheet as the import understands it, before any row is checked."""

    name: str
    raw: RawSheet
    block: HeaderBlock
    mapping: dict[int, str]  # automatic (or remembered) target of every column
    why: dict[int, str]
    rows: list[tuple[int, list, set[int]]] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    filled: list[FilledRange] = field(default_factory=list)
    sections: dict[int, str] = field(default_factory=dict)
    remembered: bool = False

    @property
    def header_row(self) -> int:
        return self.block.row

    @property
    def headers(self) -> list[str]:
        return self.block.labels

    def classify(self, mapping: dict[int, str]) -> None:
        description = [i for i, k in mapping.items() if k == "description"]
        ignored = {i for i, k in mapping.items() if k == IGNORE}
        result = classify(self.raw, self.block, description, ignored)
        self.rows, self.skipped, self.filled, self.sections = result.rows, result.skipped, result.filled, result.sections


def _columns_with_data(rows: list[list]) -> set[int]:
    """Columns with a value in any of these rows (each column looked at down to its first value)."""
    found = set()
    for column in range(max(map(len, rows), default=0)):
        for row in rows:
            if column < len(row) and cell_text(row[column]):
                found.add(column)
                break
    return found


@without_cycle_collector()
def read_sheet(path: str | Path, sheet: str | None = None, *, header_row: int | None = None,
               progress=None) -> SheetContent:
    """Read one sheet and understand its layout. Writes nothing (the remembered mapping is only read)."""
    raw = read_raw(path, sheet, progress=progress)
    vocab = vocabulary()
    block = find_header(raw, vocab, header_row)
    has_data = _columns_with_data(raw.rows[block.last_row:])
    mapping, why = auto_mapping(block, vocab, has_data)
    content = SheetContent(raw.name, raw, block, mapping, why)
    remembered = import_words.remembered_mapping(block.labels)
    if remembered is not None:
        content.mapping = {i: remembered.get(i, k) for i, k in mapping.items()}
        content.remembered = True
    content.classify(content.mapping)
    return content


def mapping_from_json(spec: dict, content: SheetContent) -> dict[int, str]:
    """`--mapping '{"问题描述": "description", "F": "措施", "*序号": ""}'`: a header (matched loosely:
    '*', spaces and bracket widths do not matter; "大类/小类" or just 小类) or a column letter, to a field
    key or its Chinese label, "备注" kept as 原表其他列, or "" to leave the column out."""
    labels = field_labels()
    by_label = {label: key for key, label in labels.items()} | {k: k for k in labels} | {
        "keep": KEEP, "原表其他列": KEEP, "ignore": IGNORE, "不导入": IGNORE, "": IGNORE}
    mapping = dict(content.mapping)
    for column, target in spec.items():
        index = find_column(str(column), content.block)
        if index is None:
            shown = "、".join(h for h in content.headers if h)
            raise InputFileError(f"列对应中的“{column}”既不是表头中的列名，也不是列字母（A、B、C…）。表头有：{shown}")
        target = "" if target is None else normalise_header(target) if str(target).strip() else ""
        if target not in by_label:
            raise InputFileError(f"列对应中的“{target}”不是可导入的字段。可用：{'、'.join(labels.values())}、原表其他列，"
                                 "或空字符串表示不导入")
        mapping[index] = by_label[target]
    return mapping


def _kind(content: SheetContent, mapping: dict[int, str], options: ImportOptions, notes: list[str]) -> str:
    if options.default_kind:
        return options.default_kind
    for index, key in sorted(mapping.items()):
        if key == "description":
            word = normalise_header(content.block.children[index])
            kind = KIND_BY_DESCRIPTION_WORD.get(word)
            if kind:
                notes.append(f"“{content.block.children[index]}”列说明这是{kind}台账：事项类型记为“{kind}”")
                return kind
            break
    return EntryKind.RECTIFICATION.value


@without_cycle_collector()
def plan_import(path: str | Path, options: ImportOptions | None = None, *, content: SheetContent | None = None,
                progress=None) -> ImportPlan:
    """Read, map and check every row. Writes nothing."""
    options = options or ImportOptions()
    path = Path(path)
    if content is None:
        content = read_sheet(path, options.sheet, header_row=options.header_row, progress=progress)
    campaign = campaigns.get_campaign(options.campaign_id) if options.campaign_id else \
        campaigns.require_current_campaign()
    options = replace(options, campaign_id=campaign.id, sheet=content.name)
    mapping = dict(options.mapping) if options.mapping is not None else dict(content.mapping)
    if mapping != content.mapping:
        content.classify(mapping)
    if "description" not in mapping.values():
        raise InputFileError("没有找到“问题表现”（问题描述/存在问题/反馈问题/工作任务）列，无法导入。"
                             "请在列对应中指定哪一列是问题描述。")
    if options.default_layer and options.default_layer not in {v.value for v in Layer}:
        raise ValidationError(f"默认层级“{options.default_layer}”不正确，应为：{'、'.join(Layer)}", "layer")
    today = context.today()
    notes = list(content.raw.notes)
    columns = [ColumnNote(i, content.headers[i], mapping.get(i, IGNORE),
                          "上次导入同样表头时的选择" if content.remembered and options.mapping is None
                          else ("" if mapping.get(i) != content.mapping.get(i) else content.why.get(i, "")))
               for i in range(len(content.headers)) if content.headers[i] or mapping.get(i, IGNORE) != IGNORE]
    plan = ImportPlan(path, content.name, content.header_row, content.headers, mapping, [], options,
                      header_depth=content.block.depth, columns=columns, skipped=list(content.skipped),
                      filled=list(content.filled), notes=notes, import_day=today)
    kind = _kind(content, mapping, options, notes)
    layer = options.default_layer
    if not layer and kind == EntryKind.RECTIFICATION and "layer" not in mapping.values():
        if "owner" in mapping.values():
            notes.append("表格没有“层级”列：按所属人员的人员层级确定层级")
        else:
            layer = Layer.TEAM.value
            notes.append("表格没有“层级”列和“所属人员”列：问题整改事项记为“局领导班子”层级（单位的整改台账）；"
                         "可在导入时另选默认层级")
    sheet_date = content.block.sheet_date if content.block.sheet_date and content.block.sheet_date <= today else None
    base, base_name = (sheet_date, "表格日期") if sheet_date else (today, "导入日")
    if sheet_date:
        notes.append(f"表格日期 {sheet_date.isoformat()}（从表头上方读出；相对时限如“5个工作日”从这天起算）")
    found = sheet_date or campaign.start_date or date(campaign.year, 1, 1)
    found = min(found, today)
    if "found_date" not in mapping.values():
        notes.append(f"表格没有发现日期列：发现日期记为 {found.isoformat()}（{'表格日期' if sheet_date else '活动开始'}），"
                     "早于它的整改时限则记为时限当天")
    if content.sections and "category" not in mapping.values():
        notes.append("表格没有问题类别列：分类标题行（如“一、…方面”）记为其下各行的问题类别")
    readers = Readers(StatusReader(import_words.table("statuses")),
                      DeadlineReader(import_words.table("deadlines"), campaign.year, base, base_name),
                      TitleReader(import_words.titles()))
    code_index = [i for i, k in mapping.items() if k == "code"]
    codes = {cell_text(values[i]) for _, values, _ in content.rows for i in code_index[:1]}
    plan.names = ImportNames(campaign.id, create_missing=options.create_missing)
    builder = RowBuilder(plan, plan.names, None, readers, kind=kind, layer=layer, found_date=found,
                         sections=content.sections)
    uncoded = [values for _, values, _ in content.rows if not code_index or not cell_text(values[code_index[0]])]
    builder.existing = ExistingEntries(campaign.id, codes, {builder.description_of(values) for values in uncoded})
    groups = {g.parent: g for g in read_groups(content.raw, content.rows, mapping)}  # tasks with measures
    under = {i for g in groups.values() for i in g.measures if i != g.parent}
    for number, (row_number, values, uncomputed) in enumerate(content.rows, start=1):
        if number % 2000 == 0:
            report(progress, number, len(content.rows), f"正在检查第 {number}/{len(content.rows)} 行")
        if number - 1 in under:
            continue
        plan.rows.append(builder.build(row_number, values, uncomputed))
        if number - 1 in groups:
            attach(plan.rows[-1], groups[number - 1], content.rows, mapping, builder)
    if groups:
        read = sum(len(r.measures) for r in plan.rows)
        notes.append(f"{len(groups)} 个事项下列有措施（合并单元格或 1.1、1.2 编号的行），共 {read} 项措施：按措施导入，"
                     "不作为单独的事项")
    again = sum(1 for r in plan.rows if r.matched_by_content)
    if again:
        compared = "、".join(["问题表现"] + [label for key, label in (("department", "责任单位"), ("layer", "层级"),
                                                                      ("owner", "所属人员")) if key in mapping.values()])
        notes.append(f"{again} 行没有问题编号，按{compared}认出是本机已有的事项：没有改动的不重复导入，有改动的更新那条事项")
    if builder.template_blanks:
        notes.append(f"{builder.template_blanks} 个单元格只写了“0”（上报模板表示空白的写法），按空白导入")
    return plan
