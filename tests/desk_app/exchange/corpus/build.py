"""Write the corpus ledgers as .xlsx files: `python tests/desk_app/exchange/corpus/build.py DIR`.

Formula cells get the value Excel/WPS would have cached (openpyxl writes formulas without one), so
the import is tested the way clerks' files really arrive."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from corpus.layouts import LAYOUTS
    from corpus.model import Layout
else:
    from .layouts import LAYOUTS
    from .model import Layout


def build(layout: Layout, folder: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    if layout.hidden_first_sheet:
        ws.title = "填表说明"
        ws["A1"] = "填表说明：本表由各责任单位每月25日前更新，整改进展请写明已完成的工作量。"
        ws.sheet_state = "hidden"
        ws = wb.create_sheet(layout.sheet)
    else:
        ws.title = layout.sheet
    for row in layout.title + layout.header + layout.body:
        ws.append(row)
    for ref in layout.title_merges + layout.header_merges:
        ws.merge_cells(ref)
    first = layout.first_body_row
    for c1, r1, c2, r2 in layout.body_merges:
        ws.merge_cells(f"{get_column_letter(c1 + 1)}{first + r1}:{get_column_letter(c2 + 1)}{first + r2}")
    for (r, c), (formula, _cached) in layout.formulas.items():
        ws.cell(first + r, c + 1).value = formula
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    path = folder / f"{layout.name}.xlsx"
    wb.save(path)
    if layout.formulas:
        _cache_formula_values(path, {f"{get_column_letter(c + 1)}{first + r}": cached
                                     for (r, c), (_f, cached) in layout.formulas.items()},
                              sheet_index=2 if layout.hidden_first_sheet else 1)
    return path


def _cache_formula_values(path: Path, cached: dict[str, object], sheet_index: int) -> None:
    """Give each formula cell the <v> Excel would have written after computing it."""
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info.filename) for info in zf.infolist()}
    xml = members[name].decode("utf-8")
    for ref, value in cached.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v>[^<]*</v>)?(</c>)')
        xml, count = pattern.subn(lambda m, v=value: f"{m[1]}{m[2]}<v>{v}</v>{m[4]}", xml)
        assert count == 1, (ref, xml[:500])
    members[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)


def build_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [build(layout, folder) for layout in LAYOUTS]


if __name__ == "__main__":
    for written in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")):
        print(written)
