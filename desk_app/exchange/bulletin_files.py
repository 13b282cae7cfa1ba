"""The 通报 as a file — 月度通报 (bulletin), 季度办结率通报 (quarter), 排名通报 (ranking) — in Word, Excel
or PDF by the file's suffix; one path for the command line and the window.

A month's or a quarter's 通报 is made as of its frozen month (month_view): the names, settings and date
of that report day, so the file comes out the same at every export."""

from __future__ import annotations

from pathlib import Path

from desk_app.errors import ValidationError

from .bulletin_docx import notice_docx_bytes, write_bytes
from .bulletin_xlsx import notice_xlsx_bytes

WHAT = {"bulletin": "月度通报", "quarter": "季度办结率通报", "ranking": "排名通报"}
SUFFIXES = (".docx", ".xlsx", ".pdf")


def _pdf_bytes(notice) -> bytes:
    from desk_app.reports.bulletin_notice import render_pdf  # noqa: PLC0415

    return render_pdf(notice).render()


def output_file(out: str | Path) -> Path:
    """`out` with .docx added when it has no suffix; another suffix than .docx, .xlsx or .pdf is refused."""
    out = Path(out).expanduser()
    if not out.suffix:
        return out.with_name(out.name + ".docx")
    if out.suffix.lower() not in SUFFIXES:
        raise ValidationError(f"通报可以导出为 Word（.docx）、Excel（.xlsx）或 PDF（.pdf），而不是“{out.name}”。"
                              f"请改为“{out.stem}.docx”等。", "out")
    if out.is_dir():
        raise ValidationError(f"“{out}”是一个文件夹，请给出文件名。", "out")
    return out


def notice_bytes(what: str, campaign_id: int, suffix: str, *, month: str = "", quarter: str = "",
                 period: str = "", kind: str = "", title: str = "", progress=None) -> tuple[bytes, str]:
    """(file content, what it is, e.g. "2026年10月月度通报")."""
    make = {".docx": notice_docx_bytes, ".xlsx": notice_xlsx_bytes, ".pdf": _pdf_bytes}[suffix.lower()]
    if what == "bulletin":
        from desk_app.reports.bulletin_pdf import monthly_notice  # noqa: PLC0415
        from desk_app.services import bulletin  # noqa: PLC0415

        month = bulletin.chosen_month(campaign_id, month)
        data = bulletin.in_month(campaign_id, month, lambda b: make(monthly_notice(b, title)), progress)
        return data, f"{int(month[:4])}年{int(month[5:])}月月度通报"
    if what == "quarter":
        from desk_app.reports.quarter_pdf import quarter_notice  # noqa: PLC0415
        from desk_app.services.bulletin_quarter import quarter_report  # noqa: PLC0415
        from desk_app.services.month_view import run_as_of  # noqa: PLC0415

        q = quarter_report(campaign_id, quarter)
        return run_as_of(campaign_id, q.frozen[-1], lambda: make(quarter_notice(q, title)), progress), \
            f"{q.label}办结率通报"
    if what == "ranking":
        from desk_app.reports.options import PrintOptions  # noqa: PLC0415
        from desk_app.reports.ranking_pdf import chosen_round, ranking_notice  # noqa: PLC0415
        from desk_app.services import rankings_rules  # noqa: PLC0415

        r = chosen_round(PrintOptions(period=period, ranking_kind=kind))
        return make(ranking_notice(rankings_rules.ranking(r.id), title)), f"{r.label}{r.kind_name}通报"
    raise ValidationError(f"没有“{what}”这种通报。可用的有：{'、'.join(WHAT)}", "what")


def export_notice(what: str, campaign_id: int, out: str | Path, **options) -> tuple[Path, str]:
    out = output_file(out)
    data, label = notice_bytes(what, campaign_id, out.suffix, **options)
    return write_bytes(data, out), label
