"""peewee is imported without the PostgreSQL driver (a third of a second of the window's start) and given
it, exactly as its own import would have, when PostgreSQL is used (desk_app/db/lean_peewee.py)."""

import json
import subprocess
import sys

# What peewee's psycopg 3 support reads: the driver, its transaction states, its JSON wrappers.
FIGURES = """
import json, peewee
a = peewee.Psycopg3Adapter
db = peewee.PostgresqlDatabase("postgresql://nobody@127.0.0.1/none", prefer_psycopg3=True)
print(json.dumps({"driver": getattr(peewee.psycopg, "__name__", None),
                  "states": [str(a.txn_idle), str(a.txn_inerror), str(a.txn_unknown)],
                  "json": [repr(peewee.Json_pg3), repr(peewee.Jsonb_pg3), repr(peewee.TransactionStatus)],
                  "adapter": type(db._adapter).__name__, "binary": repr(db._adapter.get_binary_type())}))
"""


def _run(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_opening_the_data_layer_imports_no_postgresql_driver():
    found = _run("import json, sys, desk_app.db, desk_app.services.session, peewee\n"
                 "print(json.dumps({'loaded': sorted(m for m in sys.modules if m.startswith('psycopg')),"
                 " 'peewee_has': peewee.psycopg is not None}))")
    assert found == {"loaded": [], "peewee_has": False}


def test_attaching_the_driver_gives_peewee_what_its_own_import_would():
    plain = _run(FIGURES)  # peewee imported on its own: it imports psycopg itself
    attached = _run("import desk_app.db\nfrom desk_app.db.lean_peewee import attach_psycopg\nattach_psycopg()\n"
                    + FIGURES)
    assert plain["driver"] == "psycopg" and plain["adapter"] == "Psycopg3Adapter"
    assert attached == plain


def test_the_postgresql_engine_attaches_the_driver_itself():
    found = _run("import json, peewee\nfrom desk_app.db.engine import parse_url\n"
                 "from desk_app.db.engine_postgres import PostgresEngine\n"
                 "db = PostgresEngine(parse_url('postgresql://nobody@127.0.0.1:1/none'))\n"
                 "print(json.dumps({'adapter': type(db._adapter).__name__, 'has': peewee.psycopg is not None}))")
    assert found == {"adapter": "Psycopg3Adapter", "has": True}


def test_peewee_reads_hashlib_only_when_it_first_uses_it():
    """Long index names hash with md5, UUID fields convert: the real modules, imported on peewee's first use."""
    found = _run("import json, sys, uuid, desk_app.db, peewee\n"
                 "before = 'hashlib' in sys.modules\n"
                 "name = peewee._truncate_constraint_name('t' * 80)\n"
                 "value = peewee.UUIDField().db_value(uuid.UUID(int=1))\n"
                 "print(json.dumps({'before': before, 'after': 'hashlib' in sys.modules, 'name': len(name),"
                 " 'value': value, 'real': type(peewee.hashlib).__name__}))")
    assert found == {"before": False, "after": True, "name": 64, "value": "00000000000000000000000000000001",
                     "real": "module"}
