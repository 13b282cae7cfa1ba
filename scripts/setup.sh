#!/usr/bin/env bash
# Set up a checkout: the system libraries Qt needs (Debian/Ubuntu/UOS/Kylin, via apt-get when
# run as root or with sudo), a virtual environment in .venv and the program installed into it.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh test     with the test tools (pytest, pytest-qt, xvfb, poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

QT_LIBS="libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-render0 libxcb-util1"
TEST_TOOLS="xvfb xauth poppler-utils"

want="$QT_LIBS"
[ "$mode" = test ] && want="$want $TEST_TOOLS"

if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for pkg in $want; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "安装系统软件包：$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

python="${PYTHON:-python3}"
"$python" - <<'PY' || { echo "需要 Python 3.11 或更新版本（当前：$("$python" --version 2>&1)）" >&2; exit 1; }
import sys
raise SystemExit(0 if sys.version_info >= (3, 11) else 1)
PY

if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    # Debian/Ubuntu ship venv separately (python3-venv, or python3.11-venv for a side-by-side 3.11).
    rm -rf .venv
    if command -v apt-get >/dev/null 2>&1; then
      sudo=""
      [ "$(id -u)" -ne 0 ] && sudo="sudo"
      minor=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      $sudo apt-get install -y -qq "python${minor}-venv" >/dev/null 2>&1 || $sudo apt-get install -y -qq python3-venv >/dev/null
    fi
    "$python" -m venv .venv
  fi
fi
extra=""
[ "$mode" = test ] && extra="[test]"
# Install only when the project's requirements changed since the last time (a second run works offline).
stamp=".venv/.desk_app-installed-${mode}"
want_stamp=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
  echo "安装 Python 依赖（首次约需一两分钟）…"
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
         .venv/bin/python -m pip install --disable-pip-version-check -e ".${extra}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "安装失败，完整记录见 $log（请检查网络或软件源）。" >&2
    exit 1
  fi
  echo "$want_stamp" > "$stamp"
fi
