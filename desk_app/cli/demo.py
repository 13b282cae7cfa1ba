"""desk-app demo: build the demo campaign in an empty data folder."""

from __future__ import annotations

import sys
import time


def register(sub) -> None:
    p = sub.add_parser("demo", help="在空的数据文件夹中生成演示数据",
                       description="按种子文件 000 生成演示活动：七大专班、12 次推进会、台账事项等。")
    p.add_argument("--entries", type=int, default=None, metavar="N", help="台账条目数（默认 450：每人至少 6 条，另有议定事项、重点任务等）")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（相同种子生成相同数据）")
    p.add_argument("--index", action="store_true",
                   help="生成后立即建立检索索引（默认：2 万条以内立即建立，更多时由程序下次打开时在后台建立）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=run)


def run(args) -> int:
    from desk_app import paths  # noqa: PLC0415
    from desk_app.demo import DEFAULT_ENTRIES  # noqa: PLC0415
    from desk_app.services import demo_data  # noqa: PLC0415
    from desk_app.services.session import open_data as open_database  # noqa: PLC0415

    open_database()
    started = time.perf_counter()

    def progress(done, total, text=""):
        if not args.quiet and sys.stderr.isatty():
            sys.stderr.write(f"\r{text or '正在生成演示数据'}　{done * 100 // max(total, 1)}%\033[K")
            sys.stderr.flush()

    entries = DEFAULT_ENTRIES if args.entries is None else args.entries
    index = True if args.index else None
    result = demo_data.build(entries=entries, seed=args.seed, progress=progress, index=index)
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    elapsed = time.perf_counter() - started
    db_file = paths.database_path()
    size_mb = sum(f.stat().st_size for f in (db_file, db_file.with_name(db_file.name + "-wal")) if f.exists()) / 1e6
    from desk_app.db.models import database  # noqa: PLC0415

    where = (f"数据文件 {size_mb:.1f} MB：{paths.data_dir()}" if database.engine_name == "sqlite"
             else f"数据库 {database.location()}")
    print(f"已生成演示数据：{result.people} 人，{result.task_forces} 个专班，{result.meetings} 次会议，"
          f"{result.entries} 条台账。用时 {elapsed:.1f} 秒，{where}")
    if not demo_data.history_frozen(entries):
        print(f"超过 {demo_data.FREEZE_HISTORY_UP_TO} 条的演示数据不封存以往月份（通报的趋势和排名变化从本月开始）；"
              "需要时用 desk-app freeze YYYY-MM 封存某月。")
    if not demo_data.indexed_now(entries, index):
        print("检索索引将在下次打开程序时于后台建立（期间搜索照常可用，只是稍慢）；"
              "需要立即建立时请在生成时加 --index。")
    return 0
