"""Checking the data: SQLite's integrity (or quick) check, foreign keys, and the attachment files.

Works on the database file directly (read-only), so it also reports on a file too damaged for the
program to open. The report is in Chinese, for the clerk.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desk_app import paths

MAX_LISTED = 5
MAX_TECHNICAL = 40


@dataclass
class CheckLine:
    title: str
    ok: bool
    text: str
    details: list[str] = field(default_factory=list)  # in Chinese, for the clerk
    serious: bool = True  # False: worth knowing, but the data itself is sound
    technical: list[str] = field(default_factory=list)  # SQLite's own (English) findings, for an administrator


@dataclass
class IntegrityReport:
    path: Path
    quick: bool
    lines: list[CheckLine] = field(default_factory=list)
    checked_at: datetime = field(default_factory=datetime.now)

    @property
    def database_ok(self) -> bool:
        return all(line.ok for line in self.lines if line.serious)

    @property
    def ok(self) -> bool:
        return all(line.ok for line in self.lines)

    too_new: bool = False  # made by a newer program: not checked, not damaged, refused like everywhere

    @property
    def damaged(self) -> bool:
        """The database itself is unusable or inconsistent (restore from a backup)."""
        return not self.database_ok and not self.too_new

    def conclusion(self) -> str:
        if self.too_new:
            return "数据由更新版本的程序创建，本程序不能检查或使用它。请安装最新版本的程序；数据没有改动。"
        if self.ok:
            return "数据完好。"
        if self.database_ok:
            return "数据库完好，但部分附件文件有问题；可从备份中恢复这些附件，或重新上传。"
        return ("数据已损坏。请不要继续录入，在“设置 › 备份与恢复”中从最近的完好备份恢复"
                "（命令行：desk-app restore 备份文件夹）。恢复前程序会先把当前数据另存一份。")

    def explanation(self) -> str:
        """A plain Chinese account for a dialog: what is wrong and what to do, without SQLite's words."""
        if self.too_new:
            return self.conclusion()
        if self.ok:
            return "检查完毕，数据完好。"
        if self.database_ok:
            return "数据库完好，但部分附件文件缺失或被改动。\n" + self.conclusion()
        return ("数据文件已损坏：文件中有一部分内容无法读取（常见原因是断电、强行关机、磁盘故障，"
                "或文件在复制到 U 盘途中出错）。继续使用可能丢失更多数据。\n\n"
                "怎么办：请不要继续录入，从最近的完好备份恢复。恢复前程序会先把当前（损坏的）数据另存一份，"
                "不会丢弃任何文件；如果没有完好的备份，请把数据文件夹交给管理员处理。")

    def technical_lines(self) -> list[str]:
        return [row for line in self.lines for raw in line.technical for row in raw.splitlines() if row.strip()]

    def technical_text(self) -> str:
        """SQLite's raw findings (English), for an administrator: '' when there are none."""
        rows = self.technical_lines()
        if not rows:
            return ""
        shown = rows[:MAX_TECHNICAL]
        more = [f"……另有 {len(rows) - len(shown)} 行"] if len(rows) > len(shown) else []
        return "\n".join(["技术细节（供管理员参考）："] + [f"    {r}" for r in shown + more])

    def text(self, *, technical: bool = True) -> str:
        """The whole report: the Chinese findings and conclusion first, SQLite's own lines last."""
        kind = "快速检查" if self.quick else "完整检查"
        out = [f"数据检查报告（{kind}，{self.checked_at:%Y-%m-%d %H:%M}）", f"数据文件：{self.path}"]
        for line in self.lines:
            out.append(f"{'✔' if line.ok else '✘'} {line.title}：{line.text}")
            out.extend(f"    · {d}" for d in line.details[:MAX_LISTED])
            if len(line.details) > MAX_LISTED:
                out.append(f"    · ……另有 {len(line.details) - MAX_LISTED} 处")
        out.append("结论：" + self.conclusion())
        raw = self.technical_text() if technical else ""
        if raw:
            out.extend(["", raw])
        return "\n".join(out)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
        # Read-only folder without the WAL index: nobody can be writing, read the file as it is.
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _database_lines(conn: sqlite3.Connection, quick: bool) -> list[CheckLine]:
    pragma = "quick_check" if quick else "integrity_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}(100)").fetchall()]
    lines = []
    if rows == ["ok"]:
        lines.append(CheckLine("数据库结构完整性", True, "正常"))
    else:
        lines.append(CheckLine("数据库结构完整性", False, "数据文件已损坏，部分内容无法读取",
                               technical=rows))
        return lines  # further queries on a damaged file mean little and may fail
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not bad:
        lines.append(CheckLine("数据关联（外键）", True, "正常"))
    else:
        details = [f"表 {t} 第 {rowid} 行指向 {parent} 中不存在的记录" for t, rowid, parent, _ in bad]
        lines.append(CheckLine("数据关联（外键）", False, f"发现 {len(bad)} 条记录指向不存在的数据", details))
    return lines


def _version_line(conn: sqlite3.Connection, report: IntegrityReport) -> bool:
    """Flag a database made by a newer program (True): its tables may mean what this version does not know."""
    from desk_app.db.migrations import LATEST_VERSION  # noqa: PLC0415

    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version <= LATEST_VERSION:
        return False
    report.too_new = True
    report.lines.append(CheckLine("数据版本", False, f"数据版本 {version} 由更新版本的程序创建，"
                                  f"本程序只支持到 {LATEST_VERSION}，没有检查其内容"))
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _attachment_line(conn: sqlite3.Connection, verify_hashes: bool, progress=None) -> CheckLine:
    try:
        rows = conn.execute("SELECT id, file_name, sha256, size, deleted_at IS NOT NULL FROM attachment "
                            "ORDER BY id").fetchall()
    except sqlite3.DatabaseError:
        return CheckLine("附件文件", False, "无法读取附件清单")
    store = paths.attachments_dir()
    missing, altered = [], []
    checked: dict[str, bool] = {}
    for index, (_id, name, sha, size, deleted) in enumerate(rows, 1):
        if sha not in checked:
            file = store / sha[:2] / sha
            if not file.is_file():
                checked[sha] = False
                missing.append((name, deleted))
                continue
            good = file.stat().st_size == size and (not verify_hashes or _sha256(file) == sha)
            checked[sha] = good
            if not good:
                altered.append((name, deleted))
        elif not checked[sha]:
            (missing if not (store / sha[:2] / sha).is_file() else altered).append((name, deleted))
        if progress and index % 20 == 0 and progress(index, len(rows), "正在核对附件……") is False:
            break
    live_missing = [n for n, d in missing if not d]
    live_altered = [n for n, d in altered if not d]
    if not live_missing and not live_altered:
        what = "已核对内容（SHA-256）" if verify_hashes else "已核对大小"
        extra = f"；回收站中另有 {len(missing) + len(altered)} 个附件文件缺失" if missing or altered else ""
        return CheckLine("附件文件", True, f"共 {len(rows)} 个，全部完好，{what}{extra}", serious=False)
    details = [f"文件缺失：{n}" for n in live_missing] + [f"内容与登记不符（可能被改动或损坏）：{n}" for n in live_altered]
    return CheckLine("附件文件", False, f"共 {len(rows)} 个，其中 {len(live_missing)} 个缺失、"
                     f"{len(live_altered)} 个内容不符", details, serious=False)


class _ServerRows:
    """The one query _attachment_line asks, answered by the open server database."""

    def __init__(self, db):
        self.db = db

    def execute(self, sql: str):
        return self.db.execute_sql(sql)


def _check_server(quick: bool, verify_hashes: bool | None, progress) -> IntegrityReport:
    """The shared PostgreSQL database: the server keeps its own files and foreign keys whole, so what is
    checked here is that it answers, its version, and this PC's attachment files."""
    from desk_app.db.migrations import LATEST_VERSION  # noqa: PLC0415
    from desk_app.db.models import database  # noqa: PLC0415

    db = database.current
    report = IntegrityReport(Path(db.location()), quick)
    if progress:
        progress(0, 0, "正在检查数据库……")
    version = db.schema_version()
    if version > LATEST_VERSION:
        report.too_new = True
        report.lines.append(CheckLine("数据版本", False, f"数据版本 {version} 由更新版本的程序创建，"
                                      f"本程序只支持到 {LATEST_VERSION}，没有检查其内容"))
        return report
    report.lines.append(CheckLine("数据库服务器", True, f"连接正常，数据版本 {version}"))
    report.lines.append(CheckLine("数据关联（外键）", True, "由数据库服务器保证"))
    hashes = (not quick) if verify_hashes is None else verify_hashes
    report.lines.append(_attachment_line(_ServerRows(db), hashes, progress))
    return report


def check(path: Path | None = None, *, quick: bool = False, verify_hashes: bool | None = None,
          progress=None) -> IntegrityReport:
    """Check the database file (default: the data folder's, or the open server database) and its
    attachments."""
    if path is None:
        from desk_app.db.models import database  # noqa: PLC0415

        if database.obj is not None and database.engine_name == "postgresql":
            return _check_server(quick, verify_hashes, progress)
    path = Path(path) if path else paths.database_path()
    report = IntegrityReport(path, quick)
    if not path.exists():
        report.lines.append(CheckLine("数据文件", False, "不存在"))
        return report
    if path.is_file() and path.stat().st_size == 0:
        report.lines.append(CheckLine("数据文件", False, "是空文件（0 字节），可能在复制或同步时被截断；"
                                      "请从备份恢复"))
        return report
    if progress:
        progress(0, 0, "正在检查数据库……")
    try:
        conn = _connect(path)
    except sqlite3.DatabaseError as exc:
        report.lines.append(CheckLine("数据库结构完整性", False, "无法打开数据文件，文件已损坏或不是本程序的数据",
                                      technical=[str(exc)]))
        return report
    try:
        if _version_line(conn, report):
            return report
        report.lines.extend(_database_lines(conn, quick))
        if report.database_ok:
            hashes = (not quick) if verify_hashes is None else verify_hashes
            report.lines.append(_attachment_line(conn, hashes, progress))
    except sqlite3.DatabaseError as exc:
        report.lines.append(CheckLine("数据库结构完整性", False, "读取时出错，数据文件已损坏",
                                      technical=[str(exc)]))
    finally:
        conn.close()
    return report


def startup_check() -> IntegrityReport:
    """The quick check run when the program starts (no attachment hashing)."""
    return check(quick=True, verify_hashes=False)
