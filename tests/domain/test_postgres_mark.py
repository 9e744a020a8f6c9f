"""On PostgreSQL, too: this program's databases carry its mark, and another program's are left alone.

Runs when PMDESK_TEST_PG names a server URL (``.ci/run`` starts one on loopback).
"""

import pytest

pytestmark = pytest.mark.postgres



@pytest.fixture
def empty_pg(empty_pg_url):
    return empty_pg_url


def _sql(url, *statements):
    import psycopg2
    con = psycopg2.connect(url)
    con.autocommit = True
    rows = None
    for statement in statements:
        cur = con.cursor()
        cur.execute(statement)
        rows = cur.fetchall() if cur.description else rows
    con.close()
    return rows


def test_a_new_postgres_database_is_marked(empty_pg):
    from models import db as dbmod, migrations
    database = dbmod.open_database(empty_pg)
    assert migrations.is_marked(database)
    dbmod.close_database()
    assert _sql(empty_pg, f"SELECT name FROM {migrations.MARKER_TABLE}") == [(migrations.APP_NAME,)]
    dbmod.open_database(empty_pg)     # reopening adds no second mark
    dbmod.close_database()
    assert _sql(empty_pg, f"SELECT count(*) FROM {migrations.MARKER_TABLE}") == [(1,)]


def test_another_programs_postgres_database_with_a_schema_version_is_left_alone(empty_pg):
    from models import db as dbmod
    from models.errors import DatabaseRefused
    _sql(empty_pg, "CREATE TABLE schema_version (version INTEGER)", "INSERT INTO schema_version VALUES (1)",
         "CREATE TABLE invoices (id SERIAL PRIMARY KEY)")
    with pytest.raises(DatabaseRefused, match="其他程序"):
        dbmod.open_database(empty_pg)
    dbmod.close_database()
    assert sorted(r[0] for r in _sql(empty_pg, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) \
        == ["invoices", "schema_version"]


def test_an_unmarked_postgres_database_of_ours_gets_the_mark(empty_pg):
    from models import db as dbmod, migrations
    dbmod.open_database(empty_pg)
    dbmod.close_database()
    _sql(empty_pg, f"DROP TABLE {migrations.MARKER_TABLE}")      # as the version before the mark left it
    database = dbmod.open_database(empty_pg)
    assert migrations.is_marked(database)
