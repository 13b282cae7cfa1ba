"""A throw-away PostgreSQL cluster in a temporary folder, for the tests and the benchmarks.

Never used by the program itself: an office runs its own server (README, "Sharing one database").

start() runs initdb and pg_ctl from the PATH or /usr/lib/postgresql/*/bin (PostgreSQL 15 or newer), in a
folder under /dev/shm (else the temp folder), on a unix socket inside it and on 127.0.0.1 at a free port
(nothing else listens), with durability switched off (the data is thrown away; start(durable=True) keeps
it on). PostgreSQL refuses to run as root, so as root the cluster runs as the system user
`postgres` (Debian's package creates it) through runuser. ClusterUnavailable says why a cluster cannot
start; callers skip with that reason.

Inside: the superuser `desk` (trust on the socket) and, for the password tests, `desk_pw` with the
password PASSWORD, who must log in with it over 127.0.0.1 (scram-sha-256).

A process killed before it could stop its cluster (a test run interrupted, a benchmark killed) leaves the
server running and its folder behind. Each cluster's folder names the process that started it (OWNER_FILE:
its pid and start time), and start() first stops and removes the clusters in its parent folder whose
starting process is gone (clean_stale); a folder without that file (an older program's) is left alone.
"""

from __future__ import annotations

import glob
import os
import pwd
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "desk"
PASSWORD_USER = "desk_pw"
PASSWORD = "desk-pw-secret"
_SETTINGS = {
    "fsync": "off", "full_page_writes": "off", "synchronous_commit": "off", "max_connections": "60",
    "shared_buffers": "64MB", "log_min_messages": "fatal", "logging_collector": "off",
}


OWNER_FILE = "owner"
_PREFIX = "desk-pg-"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL server can be started here (the reason is the message)."""


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise ClusterUnavailable(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")


def _random_port() -> int:
    """A port for 127.0.0.1 (start() tries another when it is taken; no socket module in desk_app)."""
    return random.randint(20000, 60000)


@dataclass
class Cluster:
    folder: Path
    port: int
    run_as: str | None
    version: int = 0  # server_version_num

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A socket URL for a database of this cluster."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, database: str = "postgres", user: str = PASSWORD_USER, password: str | None = PASSWORD) -> str:
        auth = f"{user}:{password}" if password is not None else user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database, a copy of template if given (file by file: fastest for a small one)."""
        copy = f' TEMPLATE "{template}"' if template else ""
        if template and self.version >= 150000:
            copy += " STRATEGY FILE_COPY"
        self.sql(f'CREATE DATABASE "{name}"{copy}')
        return name

    def sql(self, statement: str, database: str = "postgres"):
        """Run one statement as the superuser (autocommit, so CREATE/DROP DATABASE work); its first row."""
        import psycopg  # noqa: PLC0415

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER, dbname=database,
                             autocommit=True) as conn:
            cursor = conn.execute(statement)
            return cursor.fetchone() if cursor.description else None

    def stop(self) -> None:
        _run([_binary("pg_ctl"), "stop", "-D", str(self.folder / "data"), "-m", "immediate", "-w"], self.run_as,
             check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(command: list[str], run_as: str | None, *, check: bool = True) -> subprocess.CompletedProcess:
    if run_as:
        command = ["runuser", "-u", run_as, "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise ClusterUnavailable(f"{Path(command[0]).name} failed: {(result.stderr or result.stdout).strip()[-400:]}")
    return result


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterUnavailable("running as root and there is no 'postgres' user to run the server as") from None
    if not shutil.which("runuser"):
        raise ClusterUnavailable("running as root and runuser is missing")
    return "postgres"


def _process_started(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux; '' where it cannot be told): with the pid it
    names one process, even after the pid is reused."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()  # after the command name, which may hold spaces and brackets
    return fields[19] if len(fields) > 19 else ""  # field 22, starttime


def _owner_text() -> str:
    return f"{os.getpid()} {_process_started(os.getpid())}"


def _owner_alive(text: str) -> bool:
    """Whether the process an owner file names still runs (True when the file cannot be read as one)."""
    pid_text, _, started = text.strip().partition(" ")
    try:
        pid = int(pid_text)
        os.kill(pid, 0)
    except ValueError:
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it runs, as somebody else
    return not started or _process_started(pid) in ("", started)


def clean_stale(parent: str | os.PathLike) -> list[Path]:
    """Stop and remove the clusters under parent whose starting process has ended (the folders removed)."""
    removed = []
    for folder in sorted(Path(parent).glob(f"{_PREFIX}*")):
        try:
            owner = (folder / OWNER_FILE).read_text(encoding="ascii")
        except OSError:
            continue  # no owner named (an older program's cluster, or one still being set up)
        if _owner_alive(owner):
            continue
        if (folder / "data" / "postmaster.pid").exists():
            try:
                pg_ctl, run_as = _binary("pg_ctl"), _run_as()
            except ClusterUnavailable:
                continue
            _run([pg_ctl, "stop", "-D", str(folder / "data"), "-m", "immediate", "-w"], run_as, check=False)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _default_parent() -> str | None:
    """/dev/shm where there is one: a database per test is created ten times faster in memory."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


# A server as an office runs it (README, "Server settings"): every commit on disk before the program hears
# it is saved, and buffers for the 100,000-entry ledger's working set (benchmarks).
DURABLE = {"fsync": "on", "full_page_writes": "on", "synchronous_commit": "on", "shared_buffers": "512MB"}


def start(parent: str | os.PathLike | None = None, *, durable: bool = False) -> Cluster:
    """Start a new cluster (in parent, else /dev/shm or the temp folder); stop() removes it again. Raises
    ClusterUnavailable with the reason. durable: the server's default durability (fsync, synchronous
    commit) instead of the tests' none, for timings that mean something."""
    try:
        import psycopg  # noqa: F401, PLC0415
    except ImportError:
        raise ClusterUnavailable("the psycopg driver is not installed") from None
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    run_as = _run_as()
    parent = parent or _default_parent() or tempfile.gettempdir()
    clean_stale(parent)
    folder = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=parent))
    (folder / OWNER_FILE).write_text(_owner_text(), encoding="ascii")
    if run_as:
        os.chmod(folder, 0o755)
        owner = pwd.getpwnam(run_as)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    data = folder / "data"
    cluster = Cluster(folder, _random_port(), run_as)
    try:
        _run([initdb, "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
              "--no-sync"], run_as)
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\n")
            settings = {**_SETTINGS, **(DURABLE if durable else {})}
            conf.writelines(f"{key} = '{value}'\n" for key, value in settings.items())
        (data / "pg_hba.conf").write_text(
            "local all all trust\n"
            f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n"
            "host all all 127.0.0.1/32 trust\n", encoding="utf-8")
        for attempt in range(5):  # a port someone else holds: the server does not start, try another
            result = _run([pg_ctl, "start", "-D", str(data), "-w", "-t", "60", "-l", str(folder / "server.log"),
                           "-o", f"-p {cluster.port}"], run_as, check=attempt == 4)
            if result.returncode == 0:
                break
            cluster.port = _random_port()
        cluster.sql(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")
        cluster.version = int(cluster.sql("SHOW server_version_num")[0])
    except (ClusterUnavailable, OSError, subprocess.SubprocessError) as exc:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-400:] if log.exists() else ""
        cluster.stop()
        raise ClusterUnavailable(f"{exc} {detail}".strip()) from exc
    except Exception:
        cluster.stop()
        raise
    return cluster
