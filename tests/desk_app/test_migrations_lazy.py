"""A database that is current opens on its version number alone: the migration modules (and what they import)
load only when the data is behind (desk_app/db/migrations/__init__.py)."""

import json
import subprocess
import sys
from pathlib import Path

import desk_app.db.migrations as migrations_package


def test_the_names_are_the_migration_modules_in_order():
    folder = Path(migrations_package.__file__).parent
    on_disk = sorted(p.stem for p in folder.glob("m[0-9][0-9][0-9][0-9]_*.py"))
    assert list(migrations_package.NAMES) == on_disk
    assert len(on_disk) == migrations_package.LATEST_VERSION
    assert [m.__name__.rsplit(".", 1)[1] for m in migrations_package.MIGRATIONS] == on_disk
    assert all(callable(m.upgrade) for m in migrations_package.MIGRATIONS)


def _open_in_a_fresh_process(folder: Path) -> dict:
    code = ("import json, sys\nfrom desk_app.db import open_database, schema_version\n"
            "db = open_database(__import__('pathlib').Path(sys.argv[1]))\n"
            "print(json.dumps({'version': schema_version(db),"
            " 'loaded': sorted(m for m in sys.modules if m.startswith('desk_app.db.migrations.'))}))")
    result = subprocess.run([sys.executable, "-c", code, str(folder / "desk.sqlite3")], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_new_database_is_built_by_the_migrations_and_a_current_one_opens_without_them(tmp_path):
    created = _open_in_a_fresh_process(tmp_path)  # version 0: every migration runs
    assert created["version"] == migrations_package.LATEST_VERSION
    assert created["loaded"] == [f"desk_app.db.migrations.{name}" for name in migrations_package.NAMES]
    reopened = _open_in_a_fresh_process(tmp_path)
    assert reopened == {"version": migrations_package.LATEST_VERSION, "loaded": []}
