"""Counting the statements a service sends to its database (round trips to a server)."""


def record_statements(monkeypatch) -> list[str]:
    """The SQL of every statement the bound database runs from now on (this test only), in order."""
    from desk_app.db.models import database

    seen: list[str] = []
    real = type(database.obj).execute_sql

    def recording(self, sql, params=None):
        seen.append(sql)
        return real(self, sql, params)

    monkeypatch.setattr(type(database.obj), "execute_sql", recording)
    return seen
