"""desk-app import fill-in: all returned 本月进展填报表 of a month in one batch — a preview (what each
department reported, conflicts, rows added or damaged, the 未报 list) and then one transaction that
writes through the services (ledger_bulk for 本月进展, workflow for 申请销号 and 延期)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from desk_app.errors import InputFileError
from desk_app.services import campaigns, context, fillin_rounds, ledger_bulk, workflow
from desk_app.services.backups import create_backup
from desk_app.services.month_freeze import check_month, cn_month
from desk_app.services.month_freeze_warnings import frozen_month_note

from .fillin_plan import CLOSE, EXTEND, PROGRESS, RowPlan, current_progress, plan_row
from .fillin_read import ReturnedWorkbook, read_returned
from .progress import Progress, report

MAX_FILES = 500
MAX_REASONS_SHOWN = 10


@dataclass
class DepartmentReport:
    workbook: ReturnedWorkbook
    rows: list[RowPlan]

    @property
    def department(self) -> str:
        return self.workbook.department

    def count(self, action: str) -> int:
        return sum(action in r.actions for r in self.rows)

    @property
    def reported(self) -> int:
        return sum(r.row.reports_anything for r in self.rows)

    @property
    def filled(self) -> bool:
        """A workbook sent back untouched (or a blank re-export) is not a return: the department stays 未报."""
        return self.reported > 0

    def summary(self) -> str:
        wb = self.workbook
        parts = [f"{wb.department}（{wb.path.name}）：{len(wb.rows) + len(wb.missing)} 条中填报 {self.reported} 条",
                 f"本月进展 {self.count(PROGRESS)} 条", f"申请销号 {self.count(CLOSE)} 条", f"延期 {self.count(EXTEND)} 条"]
        if not self.filled:
            parts.append("交回但没有填写，仍计为未报")
        return "，".join(parts)


@dataclass
class FillInPreview:
    campaign_id: int
    month: str
    departments: list[DepartmentReport] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    not_reported: list[tuple[int, str, int]] = field(default_factory=list)  # (id, name, entries sent)
    frozen_note: str = ""  # the month is frozen already: this is 补报, outside its 通报

    @property
    def plans(self) -> list[RowPlan]:
        return [r for d in self.departments for r in d.rows]

    @property
    def writes(self) -> int:
        return sum(len(r.actions) for r in self.plans)

    def problems(self) -> list[str]:
        """Every line the clerk should read before importing: conflicts, rows added, damaged or deleted."""
        lines = []
        for d in self.departments:
            wb = d.workbook
            lines += [f"{d.department} 第 {r.row.excel_row} 行 {r.code}：{p}" for r in d.rows for p in r.problems]
            lines += [f"{d.department} 第 {row} 行：新增的行（“{text}”），没有行标识，未导入；新发现的问题请另行报送"
                      for row, text in wb.added]
            lines += [f"{d.department} 第 {row} 行：{why}" for row, why in wb.damaged]
            if wb.missing:
                codes = "、".join(k.code for k in wb.missing[:10]) + ("等" if len(wb.missing) > 10 else "")
                lines.append(f"{d.department}：删除了 {len(wb.missing)} 行（{codes}），视为未填报")
        return lines

    def summary_text(self) -> str:
        filled = sum(d.filled for d in self.departments)
        blank = len(self.departments) - filled
        lines = [f"{cn_month(self.month)}本月进展填报表：{filled} 个科室交回"
                 + (f"（另有 {blank} 个科室的表没有填写）" if blank else "") + "，"
                 f"将写入本月进展 {sum(d.count(PROGRESS) for d in self.departments)} 条、"
                 f"申请销号 {sum(d.count(CLOSE) for d in self.departments)} 条、"
                 f"延期 {sum(d.count(EXTEND) for d in self.departments)} 条。"]
        if self.frozen_note:
            lines.insert(0, f"注意：{self.frozen_note}")
        lines += ["  " + d.summary() for d in self.departments if d.filled]
        if blank:
            lines.append(f"  交回但没有填写（仍计为未报）：{'、'.join(d.department for d in self.departments if not d.filled)}")
        problems = self.problems()
        if problems:
            lines.append(f"需要注意（{len(problems)} 处，这些内容不会导入）：")
            lines += ["  " + p for p in problems]
        for path, why in self.refused:
            lines.append(f"未读取：{path.name} —— {why}")
        if self.not_reported:
            lines.append(f"未报（{len(self.not_reported)} 个科室）：" + "、".join(
                f"{name}（{n} 条）" for _, name, n in self.not_reported))
        else:
            lines.append("未报：无，各科室均已交回。")
        return "\n".join(lines)


def collect_files(inputs: list[str | os.PathLike[str]]) -> list[Path]:
    """The .xlsx files named, and those directly inside the folders named (Office's ~$ lock files skipped)."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")
                            and p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise InputFileError(f"找不到文件或文件夹：{path}")
    if not files:
        raise InputFileError("没有找到 .xlsx 文件。请给出交回的填报表文件，或存放它们的文件夹。")
    if len(files) > MAX_FILES:
        raise InputFileError(f"一次最多导入 {MAX_FILES} 个文件（给出了 {len(files)} 个）。请分批导入。")
    return files


def preview_fillin(inputs: list[str | os.PathLike[str]], *, campaign_id: int | None = None, month: str = "",
                   prefer_file: bool = False, progress: Progress | None = None) -> FillInPreview:
    files = collect_files(inputs)
    campaign = campaigns.get_campaign(campaign_id) if campaign_id else campaigns.require_current_campaign()
    books: list[ReturnedWorkbook] = []
    refused: list[tuple[Path, str]] = []
    for index, path in enumerate(files):
        report(progress, index, len(files), f"正在读取 {path.name}")
        try:
            books.append(read_returned(path))
        except InputFileError as exc:
            refused.append((path, exc.message))
    month = check_month(month) if month else _likely_month(books, refused)
    preview = FillInPreview(campaign.id, month, refused=refused, frozen_note=frozen_month_note(campaign.id, month))
    taken: dict[int, Path] = {}
    for book in _one_per_department(books, campaign, month, preview.refused):
        taken[book.department_id] = book.path
        now = current_progress([r.key.entry_id for r in book.rows], month)
        plans = [plan_row(book.department, r, month, campaign_id=campaign.id, now_progress=now.get(r.key.entry_id, ""),
                          prefer_file=prefer_file) for r in book.rows]
        preview.departments.append(DepartmentReport(book, plans))
    _same_entry_twice(preview)
    r = fillin_rounds.fill_in_round(campaign.id, month)
    expected = r.exported or {d.id: {"name": d.name, "entries": len(d.entry_ids)}
                              for d in fillin_rounds.departments_with_open_entries(campaign.id)[0]}
    back = set(r.returned) | {d.workbook.department_id for d in preview.departments if d.filled}
    preview.not_reported = [(d, info["name"], info["entries"]) for d, info in expected.items() if d not in back]
    report(progress, len(files), len(files), "预览已生成")
    return preview


def _likely_month(books: list[ReturnedWorkbook], refused: list[tuple[Path, str]]) -> str:
    months = Counter(b.month for b in books if b.month)
    if not months:  # every file refused: say which and why, each reason names its file
        reasons = "\n".join(f"  {why}" for _, why in refused[:MAX_REASONS_SHOWN])
        more = f"\n  另有 {len(refused) - MAX_REASONS_SHOWN} 个文件同样无法读取" if len(refused) > MAX_REASONS_SHOWN else ""
        raise InputFileError(f"给出的 {len(refused)} 个文件都不是可以导入的本月进展填报表，没有导入任何内容：\n"
                             f"{reasons}{more}\n请给出由“导出科室填报表”生成、科室填好交回的 .xlsx 文件。")
    return months.most_common(1)[0][0]


def _refusal(book: ReturnedWorkbook, campaign, month: str) -> str:
    if book.campaign_id != campaign.id:
        return f"是另一个活动（{book.campaign}）的填报表，当前活动是“{campaign.name}”"
    if book.month != month:
        return f"是{cn_month(book.month)}的填报表，本批导入的是{cn_month(month)}的"
    return ""


def _filled_rows(book: ReturnedWorkbook) -> int:
    return sum(r.reports_anything for r in book.rows)


def _one_per_department(books: list[ReturnedWorkbook], campaign, month: str,
                        refused: list[tuple[Path, str]]) -> list[ReturnedWorkbook]:
    """The books of this batch, one per department: of two (the filled one and a blank re-export
    "…(2).xlsx" beside it), the one with more rows filled in, then the one saved last."""
    chosen: dict[int, ReturnedWorkbook] = {}
    for book in books:
        why = _refusal(book, campaign, month)
        if why:
            refused.append((book.path, why))
            continue
        other = chosen.get(book.department_id)
        if other is not None and _rank(other) >= _rank(book):
            refused.append((book.path, _passed_over(book, other)))
            continue
        if other is not None:
            refused.append((other.path, _passed_over(other, book)))
        chosen[book.department_id] = book
    return [b for b in books if chosen.get(b.department_id) is b]


def _rank(book: ReturnedWorkbook) -> tuple[int, float]:
    return _filled_rows(book), book.path.stat().st_mtime


def _passed_over(book: ReturnedWorkbook, kept: ReturnedWorkbook) -> str:
    mine, theirs = _filled_rows(book), _filled_rows(kept)
    why = ("本文件没有填写" if not mine else f"本文件填写了 {mine} 条，少于后者的 {theirs} 条" if mine < theirs
           else "两份填写的条数相同，后者保存得更晚")
    return f"与 {kept.path.name} 同为{book.department}的填报表，{why}：导入后者。如要导入本文件，请把另一份移出文件夹"


def _same_entry_twice(preview: FillInPreview) -> None:
    """An entry reported in two departments' files (its 责任单位 changed between two exports)."""
    seen: dict[int, str] = {}
    for d in preview.departments:
        for plan in d.rows:
            other = seen.get(plan.entry_id)
            if other and plan.actions:
                plan.actions.clear()
                plan.conflict = True
                plan.problems.append(f"该事项也在{other}的填报表中，两处都有填写：本行未导入，请核对后在台账中录入")
            seen.setdefault(plan.entry_id, d.department)


@dataclass(frozen=True)
class FillInResult:
    month: str
    progress: int
    closes: int
    extensions: int
    departments: int
    backup: Path | None

    def summary_text(self) -> str:
        return (f"已导入{cn_month(self.month)} {self.departments} 个科室的填报：本月进展 {self.progress} 条，"
                f"申请销号 {self.closes} 条，延期 {self.extensions} 条。"
                + (f"导入前的备份：{self.backup.name}" if self.backup else ""))


def apply_fillin(preview: FillInPreview, *, progress: Progress | None = None) -> FillInResult:
    """Write the preview's actions in one transaction after a backup; the departments count as returned."""
    plans = [p for p in preview.plans if p.actions]
    if not preview.departments:
        raise InputFileError("没有可以导入的填报表，没有导入任何内容。")
    backup = create_backup(reason="import") if plans else None
    counts = _write(preview, plans, progress)
    return FillInResult(preview.month, counts[PROGRESS], counts[CLOSE], counts[EXTEND],
                        sum(d.filled for d in preview.departments), backup)


@context.writes
def _write(preview: FillInPreview, plans: list[RowPlan], progress: Progress | None) -> Counter:
    counts: Counter = Counter({PROGRESS: 0, CLOSE: 0, EXTEND: 0})
    for index, plan in enumerate(plans, start=1):
        if index % 50 == 0:
            report(progress, index, len(plans), f"正在写入第 {index}/{len(plans)} 条")
        if PROGRESS in plan.actions:
            ledger_bulk.set_month_progress(plan.entry_id, preview.month, plan.progress)
        if EXTEND in plan.actions:
            workflow.extend_deadline(plan.entry_id, plan.extend_to, f"{plan.department}填报：{plan.extend_reason}")
        if CLOSE in plan.actions:
            workflow.apply_close(plan.entry_id, plan.close_summary)
        counts.update(plan.actions)
    fillin_rounds.record_return(preview.campaign_id, preview.month, {
        d.workbook.department_id: {"name": d.department, "file": d.workbook.path.name, "rows": d.reported}
        for d in preview.departments if d.filled})
    return counts
