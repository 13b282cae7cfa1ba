"""Which database this process uses: ``--database URL``, else ``$DESK_APP_DATABASE``, else the data
folder's saved choice (设置 › 数据库, the file database.json beside desk.sqlite3), else ``sqlite``.

The saved choice belongs to the data folder, as the backups, logs and attachments do; it holds the URL as
typed (a password in it is readable by whoever can read the folder, so the README advises pgpass).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from desk_app import paths

from .engine import SQLITE, Target, parse_url

ENV = "DESK_APP_DATABASE"
SETTING_FILE = "database.json"

_override: str | None = None


def set_database_url(url: str | None) -> None:
    """The --database option of this process (None: back to the environment and the saved choice)."""
    global _override
    _override = url.strip() if url else None


def setting_path() -> Path:
    return paths.data_dir() / SETTING_FILE


def saved_url() -> str:
    """The data folder's saved choice ('' when there is none or it cannot be read)."""
    try:
        data = json.loads(setting_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    url = data.get("url") if isinstance(data, dict) else None
    return url.strip() if isinstance(url, str) else ""


def save_url(url: str) -> None:
    """Save the choice for the data folder (checked first: a bad URL raises DatabaseError, nothing saved)."""
    target = parse_url(url)
    path = setting_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if target.engine == SQLITE and target.path is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps({"url": url.strip()}, ensure_ascii=False), encoding="utf-8")
    if os.name != "nt":
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def configured_url() -> str:
    return _override or os.environ.get(ENV, "").strip() or saved_url() or SQLITE


def source() -> str:
    """Where the configured URL comes from, in Chinese (for messages and the settings page)."""
    if _override:
        return "命令行选项 --database"
    if os.environ.get(ENV, "").strip():
        return f"环境变量 {ENV}"
    if saved_url():
        return f"设置 › 数据库（{setting_path()}）"
    return "默认"


def configured_target() -> Target:
    return parse_url(configured_url())


def probe(url: str) -> str:
    """Try a database URL without using it: what is there, in Chinese; DatabaseError naming what is wrong
    (bad address, no server, password, not initialised, too new). Nothing is written."""
    from desk_app.errors import DatabaseError  # noqa: PLC0415

    from .migrations import LATEST_VERSION  # noqa: PLC0415

    target = parse_url(url)
    if not target.is_postgresql:
        path = target.path or paths.database_path()
        return f"{target.describe()}：{path}" + ("" if path.exists() else "（尚不存在，第一次打开时建立）")
    from .open_postgres import connect, not_initialised_message  # noqa: PLC0415

    db = connect(target, read_only=True)
    try:
        if not db.is_initialised():
            raise DatabaseError(not_initialised_message(target))
        version = db.schema_version()
        entries = db.execute_sql('SELECT COUNT(*) FROM "ledger_entry" WHERE "deleted_at" IS NULL').fetchone()[0]
        campaigns = db.execute_sql('SELECT COUNT(*) FROM "campaign"').fetchone()[0]
    finally:
        db.close()
    state = ("" if version == LATEST_VERSION else
             f"（将由本程序升级到 {LATEST_VERSION}）" if version < LATEST_VERSION else "（比本程序新，请先升级本程序）")
    return f"连接成功：{target.describe()}，数据版本 {version}{state}，{campaigns} 个活动，台账 {entries} 条。"
