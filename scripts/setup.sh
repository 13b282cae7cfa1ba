#!/usr/bin/env bash
# Set up a checkout: the system libraries Qt needs (Debian/Ubuntu/UOS/Kylin, via apt-get when run as
# root or with sudo), a virtual environment and the program installed into it.
#   scripts/setup.sh              runtime only, in .venv (newest releases of every dependency)
#   scripts/setup.sh test         with the test tools (pytest, pytest-qt, pypdf, ruff; xvfb, poppler-utils,
#                                 and PostgreSQL's server for the tests on the shared engine)
#   scripts/setup.sh test-oldest  the same in .venv-oldest-qt, with the oldest releases desk_app supports
#                                 (scripts/oldest-supported.txt: PySide6-Essentials 6.8.0, pypdfium2 4.30.0)
# Python: $PYTHON, else python3 when it is 3.11 or newer, else python3.13/3.12/3.11 from the PATH, else
# (apt systems) python3.11 is installed — Ubuntu 22.04 has it in universe.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
venv=.venv
constraints=""
case "$mode" in
  run | test) ;;
  test-oldest) venv=.venv-oldest-qt; constraints=scripts/oldest-supported.txt ;;
  *) echo "用法：scripts/setup.sh [run|test|test-oldest]" >&2; exit 2 ;;
esac

QT_LIBS="libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-render0 libxcb-util1"
TEST_TOOLS="xvfb xauth poppler-utils"

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
installed() {  # Ubuntu 24.04 renamed some libraries (libglib2.0-0t64): either name will do
  dpkg -s "$1" >/dev/null 2>&1 || dpkg -s "${1}t64" >/dev/null 2>&1
}

want="$QT_LIBS"
[ "$mode" != run ] && want="$want $TEST_TOOLS"
if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  missing=""
  for pkg in $want; do
    installed "$pkg" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    echo "安装系统软件包（apt-get）：$missing"
    # shellcheck disable=SC2086 # one word per package
    apt_install $missing
  fi
fi

# The tests run the service, exchange and print suites on PostgreSQL too, against a throw-away cluster they
# start themselves (desk_app/db/pg_cluster.py: initdb + pg_ctl); without the server those variants skip.
if [ "$mode" != run ] && command -v apt-get >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 \
    && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "安装 PostgreSQL（apt-get，供测试启动临时数据库服务器）"
  apt_install postgresql || echo "未能安装 PostgreSQL：PostgreSQL 上的测试将被跳过。" >&2
fi

new_enough() { "$1" -c 'import sys; raise SystemExit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; }
python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 && new_enough "$candidate"; then python="$candidate"; break; fi
  done
fi
if [ -z "$python" ] && command -v apt-get >/dev/null 2>&1; then
  if ! command -v python3 >/dev/null 2>&1; then  # a minimal system without Python at all
    echo "安装 python3 和 python3-venv（apt-get）"
    apt_install python3 python3-venv || true
    new_enough python3 && python=python3
  fi
  if [ -z "$python" ]; then
    echo "系统的 python3 低于 3.11：安装 python3.11 和 python3.11-venv（apt-get）"
    apt_install python3.11 python3.11-venv || true
    command -v python3.11 >/dev/null 2>&1 && python=python3.11
  fi
fi
if [ -z "$python" ] || ! new_enough "$python"; then
  echo "需要 Python 3.11 或更新版本（当前 python3：$(python3 --version 2>&1)）。" >&2
  echo "请安装 python3.11（Ubuntu 22.04：sudo apt install python3.11 python3.11-venv），或用 PYTHON=路径 指定。" >&2
  exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    # Debian/Ubuntu ship venv separately (python3-venv, or python3.11-venv for a side-by-side 3.11).
    rm -rf "$venv"
    if command -v apt-get >/dev/null 2>&1; then
      minor=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      apt_install "python${minor}-venv" 2>/dev/null || apt_install python3-venv
    fi
    "$python" -m venv "$venv"
  fi
fi
extra=""
[ "$mode" != run ] && extra="[test]"
# Install only when the project's requirements changed since the last time (a second run works offline).
stamp="$venv/.desk_app-installed-${mode}"
want_stamp=$(cat pyproject.toml ${constraints:+"$constraints"} | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
  if [ -n "$constraints" ]; then
    echo "安装 Python 依赖到 $venv：desk_app 及其依赖，取支持的最低版本（$(grep -v '^#' "$constraints" | tr '\n' ' ')）…"
  else
    echo "安装 Python 依赖到 $venv：desk_app 及其依赖的最新版本${extra:+，以及 pytest、pytest-qt、pypdf、ruff}（首次约需一两分钟）…"
  fi
  log="$venv/pip-install.log"
  if ! { "$venv/bin/python" -m pip install --disable-pip-version-check --upgrade pip &&
         "$venv/bin/python" -m pip install --disable-pip-version-check -e ".${extra}" \
           ${constraints:+-c "$constraints"}; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "安装失败，完整记录见 $log（请检查网络或软件源）。" >&2
    exit 1
  fi
  echo "$want_stamp" > "$stamp"
fi
