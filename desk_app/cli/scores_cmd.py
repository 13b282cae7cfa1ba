"""`desk-app import scores FILE.xlsx --round YYYY-Qn [--kind 作风指数评价]`: the scorer's Excel for a round.

Hooked into `desk-app import` (import_cmd) as its third FORMAT; the file is checked whole before anything
is written, and replacing a round's existing scores asks first (--yes)."""

from __future__ import annotations

import sys

from desk_app.errors import ValidationError


def add_arguments(parser) -> None:
    g = parser.add_argument_group("排名成绩（scores）",
                                  "--kind 为排名活动（默认 作风指数评价，也可写 财政大讲堂 等），--sheet 为工作表")
    g.add_argument("--round", metavar="YYYY-Qn", help="成绩所属的轮次：季度 2026-Q1，或月份 2026-03")


def _progress(done, total, text=""):
    if sys.stderr.isatty() and text:
        sys.stderr.write(f"\r{text}\u3000\u3000")
        sys.stderr.flush()
    return True


def run(args, confirm) -> int:
    from desk_app.exchange.scores_import import apply_scores, preview_scores  # noqa: PLC0415

    if not args.round:
        raise ValidationError("导入排名成绩需要用 --round 指定轮次，例如 --round 2026-Q1（2026年第一季度）", "round")
    preview = preview_scores(args.file, args.round, args.kind, sheet=args.sheet, progress=_progress)
    if sys.stderr.isatty():
        sys.stderr.write("\r")
    print(preview.summary_text())
    if args.dry_run:
        return 0
    if preview.existing and not confirm(args, f"替换{preview.kind.name} {preview.period} 已有的 {preview.existing} 个得分？"):
        print("已取消，没有导入任何内容。")
        return 1
    result = apply_scores(preview, progress=_progress)
    print(result.text())
    return 0
