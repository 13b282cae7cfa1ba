"""问题清单 on the default paper: the default columns fit A4 landscape; A3 keeps every column."""

from desk_app.reports import problem_list_pdf
from desk_app.reports.options import PrintOptions
from desk_app.services import org
from desk_app.services.ledger_query import LedgerFilter


def _one_department(name: str) -> LedgerFilter:
    return LedgerFilter(department_ids=[org.department_by_name(name).id])


def test_the_all_layer_list_fits_a4_without_advising_a3(demo):
    doc = problem_list_pdf.build_layer(PrintOptions(filter=_one_department("人事科")))
    labels = [c.label for c in problem_list_pdf.layer_columns(True, with_layer=True)]
    assert "层级" in labels and "原因剖析" in labels and len(labels) == 11
    assert doc.advice == []  # with 12 columns: 原因剖析每行不足 6 个字 … 建议改用 A3 纸


def test_a3_keeps_the_source_column_of_the_all_layer_list(demo):
    labels = [c.label for c in problem_list_pdf.layer_columns(True, with_layer=True, a3=True)]
    assert "问题来源" in labels and len(labels) == 12
    assert "问题来源" in [c.label for c in problem_list_pdf.layer_columns(True)]  # a layer's own list
