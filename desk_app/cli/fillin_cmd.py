"""desk-app export fill-in --month YYYY-MM --out DIR and desk-app import fill-in DIR_OR_FILES… [--dry-run]
(the arguments live in export_cmd and import_cmd; this module does the work)."""

from __future__ import annotations

import sys
from pathlib import Path


def terminal_progress(done, total, text=""):
    if sys.stderr.isatty() and text:
        sys.stderr.write(f"\r{text}\u3000\u3000")
        sys.stderr.flush()
    return True


def _end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r")


def run_export(args) -> int:
    from desk_app.exchange.fillin_export import export_fillin  # noqa: PLC0415
    from desk_app.services import context  # noqa: PLC0415
    from desk_app.services.month_freeze import check_month  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    month = check_month(args.month or context.today().strftime("%Y-%m"))
    open_data(create=False)
    result = export_fillin(None, month, Path(args.out).expanduser(), progress=terminal_progress)
    _end_progress()
    print(result.summary_text())
    print(f"各科室交回后：desk-app import fill-in {args.out}（先加 --dry-run 查看预览）")
    return 0


def run_import(args) -> int:
    from desk_app.errors import InputFileError  # noqa: PLC0415
    from desk_app.exchange.fillin_import import apply_fillin, preview_fillin  # noqa: PLC0415
    from desk_app.services.session import open_data, require_writer  # noqa: PLC0415

    open_data(create=False)
    if not args.dry_run:  # refused before anything is read or backed up
        require_writer()
    preview = preview_fillin(args.file, month=args.month or "", prefer_file=args.take_conflicts,
                             progress=terminal_progress)
    _end_progress()
    print(preview.summary_text())
    if args.notice:
        from desk_app.errors import ValidationError  # noqa: PLC0415

        if not args.notice.lower().endswith(".pdf"):  # said before anything is written
            raise ValidationError(f"催报通知应保存为 .pdf 文件：{args.notice}", "notice")
        _notice(preview, args.notice)
    if args.dry_run:
        print("（--dry-run：只检查，没有写入）")
        return 0
    if not preview.departments:
        raise InputFileError("没有可以导入的填报表，没有导入任何内容。")
    if not args.yes and not _confirm("确认导入以上内容？"):
        print("已取消，没有写入任何内容。")
        return 0
    result = apply_fillin(preview, progress=terminal_progress)
    _end_progress()
    print(result.summary_text())
    return 0


def _confirm(question: str) -> bool:
    from desk_app.errors import InputFileError  # noqa: PLC0415

    if not sys.stdin.isatty():
        raise InputFileError("需要确认才能导入：请加 --yes 参数（或先用 --dry-run 查看预览）。没有导入任何内容。")
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes", "是")


def _notice(preview, out: str) -> None:
    """The 催报通知 for the departments this batch leaves 未报 (a dry run counts the batch as returned)."""
    from desk_app.errors import ValidationError  # noqa: PLC0415
    from desk_app.reports.fillin_notice_pdf import document  # noqa: PLC0415
    from desk_app.reports.layout import write_atomically  # noqa: PLC0415

    path = Path(out).expanduser()
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"催报通知应保存为 .pdf 文件：{path}", "notice")
    doc = document(preview.campaign_id, preview.month, preview.not_reported)
    write_atomically(path, doc.render())
    print(f"催报通知：{path}（{len(doc.pages)} 页，{len(preview.not_reported)} 个未报科室）")
