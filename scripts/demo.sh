#!/usr/bin/env bash
# Quick start: set up, build demo data once (in ./demo-data), and open the program on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
data="${DESK_APP_DEMO_DIR:-$PWD/demo-data}"
if [ ! -f "$data/desk.sqlite3" ]; then
  .venv/bin/desk-app --data-dir "$data" demo
fi
exec .venv/bin/desk-app --data-dir "$data" "$@"
