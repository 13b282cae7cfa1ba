"""The part of building a row's plan that finds the entry it names, by 问题编号 or (without one) by content,
and plans the update of that entry (a mixin of xlsx_rowbuild.RowBuilder, which holds the state used here)."""

from __future__ import annotations

from desk_app.services.ledger import EntryRecord

from .xlsx_match import completed_date_differs, field_changes, merge_for_update, shown, status_problem
from .xlsx_people import split_units
from .xlsx_plan import RowPlan
from .xlsx_vocab import target_label


class RowMatching:
    def _match(self, row: RowPlan) -> EntryRecord | None:
        existing = self.existing.get(row.code)
        if existing is None:
            return None
        first = self.existing.claimed.setdefault(row.code, row.row)
        if first != row.row:
            self._problem(row, "code", f"与第 {first} 行的问题编号重复：同一事项只能出现一次")
        if existing.deleted_at is not None:
            self._problem(row, "code", f"事项 {row.code} 在回收站中，请先在“设置 → 回收站”中恢复再导入")
        return existing

    def _same_content(self, row: RowPlan, cells: dict, values: dict) -> EntryRecord | None:
        """A row without 问题编号 that repeats one of our entries (ExistingEntries.same_content says by what)."""
        from .xlsx_rowbuild import cell_text  # noqa: PLC0415 - that module builds on this one

        department = next((u for i in self.by_field.get("department", ()) for u in split_units(cell_text(cells.get(i)))),
                          "")
        owner = next((p.name for p in self.readers.titles.people(self._joined(cells, "owner")) if p.name), "")
        existing = self.existing.same_content(values.get("description"), department=department, owner=owner,
                                              layer=values.get("layer") or "")
        if existing is not None:
            row.matched_by_content = True
            if existing.deleted_at is not None:
                self._problem(row, "description", f"与回收站中的事项 {existing.code} 相同，请先在“设置 → 回收站”中恢复再导入")
        return existing

    def _update(self, row: RowPlan, values: dict) -> None:
        """The row names an entry we have: change what differs, through the ledger's validation."""
        existing = row.existing
        kind = values.pop("kind", existing.kind)
        if kind != existing.kind:
            self._problem(row, "kind", f"事项 {existing.code} 是“{existing.kind}”，导入不能改变事项类型")
        if "layer" not in self.by_field:
            values.pop("layer", None)
        row.data = merge_for_update(existing, values)
        self._validate(row)
        row.changes = field_changes(existing, row.data, self.names.label)
        for key, name in row.new_names.items():  # a 科室 or 专班 the import creates (people carry a placeholder)
            label = target_label(key)
            if not any(change.startswith(f"{label}：") for change in row.changes):
                before = getattr(existing, f"{key}_name", "") or "（空）"
                row.changes.append(f"{label}：{before} → {name}（新建）")
        problem = status_problem(existing, row.status_given)
        if problem:
            self._problem(row, "status", problem)
        elif row.status_given and row.status_given != existing.status:
            row.changes.append(f"状态：{existing.status} → {row.status_given}")
        row.status = existing.status if problem or not row.status_given else row.status_given
        latest = self.existing.latest_progress.get(existing.id, "")
        if row.progress and row.progress not in (latest, existing.completion_summary):  # a finished row's is its 销号 text
            row.changes.append(f"整改进展：新增一条 {shown(row.progress, latest)}")
        else:
            row.progress = ""
        if completed_date_differs(existing, row.completed_date):
            self._problem(row, "completed_date", "完成日期由销号流程记录，导入不会修改", warning=True)
