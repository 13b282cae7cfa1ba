#!/usr/bin/env bash
# Quick start: set up with the test tools and run the tests (offscreen; no display needed).
#   bash scripts/test.sh [PYTEST ARGS]               the default tier on the newest PySide6, in .venv
#   bash scripts/test.sh --oldest-qt [PYTEST ARGS]   the GUI and print tests (tests/ui) on the oldest
#                                                    supported PySide6-Essentials, in .venv-oldest-qt
# What gets installed (once; again only when pyproject.toml changes) is printed by scripts/setup.sh:
# Qt's system libraries, xvfb, xauth and poppler-utils with apt-get; desk_app with its dependencies and
# pytest, pytest-qt, pytest-xdist, pypdf, ruff with pip into the virtual environment.
# The tests run in parallel (pytest-xdist), one worker per CPU core, at least 2 and at most 4: every test
# has its own data folder and database, each worker builds its own session templates (the demo, a
# PostgreSQL cluster). DESK_APP_TEST_WORKERS=N sets the number; `-n 0` (after the other arguments works
# too) runs them in this one process, e.g. under a debugger.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=test
venv=.venv
tests=()
if [ "${1:-}" = "--oldest-qt" ]; then
  shift
  mode=test-oldest
  venv=.venv-oldest-qt
  tests=(tests/ui)
fi
bash scripts/setup.sh "$mode"
export QT_QPA_PLATFORM=offscreen
# Every worker imports all of desk_app, ui and the test modules, and many tests start Python again: with
# PYTHONDONTWRITEBYTECODE set (some shells and containers set it) each of them compiled every module and
# pytest rewrote every test module's asserts again on every run, ~8 s of CPU per process. The caches go
# to __pycache__ folders (git ignores them).
unset PYTHONDONTWRITEBYTECODE
"$venv/bin/python" - <<'PY'
import sys
from importlib.metadata import version
print(f"测试环境：{sys.prefix}，Python {sys.version.split()[0]}，PySide6-Essentials {version('PySide6-Essentials')}，"
      f"pypdfium2 {version('pypdfium2')}")
PY
cores=$(nproc 2>/dev/null || echo 2)
workers=${DESK_APP_TEST_WORKERS:-$(( cores < 2 ? 2 : (cores > 4 ? 4 : cores) ))}
exec "$venv/bin/python" -m pytest -n "$workers" --dist loadgroup "${tests[@]}" "$@"
