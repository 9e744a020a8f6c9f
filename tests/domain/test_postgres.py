"""The same records on PostgreSQL (several PCs sharing one database).

Runs when PMDESK_TEST_PG names a server URL (``.ci/run`` starts one on loopback).
"""
import pytest

pytestmark = pytest.mark.postgres

@pytest.fixture
def pg(empty_pg_url):
    from models import db as dbmod
    return dbmod.open_database(empty_pg_url, create=True)


def test_records_lists_and_search_on_postgres(pg):
    from models import migrations, serials
    from models.records import estate as e, people as p, search
    from models.db import write_tx
    from models.listing import get_list
    from models.users import ADMIN, Actor
    actor = Actor("管理员", ADMIN)
    assert migrations.current_version(pg) == migrations.LATEST
    room = e.create_room(actor, e.RoomInput("3", "2", "1201", "89.50"))
    owner = p.create_person(actor, p.PersonInput("张伟", id_number="110101199003077774",
                                                 phones=[("13812345678", "mobile")]))
    co = p.create_person(actor, p.PersonInput("李娜", id_number="440304198512120023"))
    p.transfer_ownership(actor, room.id, [owner.id, co.id], "2020-05-01", "D-1")
    rooms = get_list("rooms")
    row = rooms.fetch(rooms.ids())[room.id]
    assert row[7] == "张伟、李娜"
    assert [h.title for h in search.search("3栋2单元12")] == ["3栋2单元1201"]
    assert [h.title for h in search.search("5678")] == ["张伟"]
    with write_tx():
        assert serials.allocate("receipt", 2026) == 1
    with write_tx():
        assert serials.allocate("receipt", 2026) == 2
    people = get_list("people")
    assert len(list(people.iter_rows(text="zw"))) == 1


def test_newer_postgres_database_is_refused(pg):
    from models import db as dbmod, migrations
    from models.errors import DatabaseRefused
    pg.execute_sql(f"UPDATE schema_version SET version = {migrations.LATEST + 1}")
    with pytest.raises(DatabaseRefused, match="更新版本"):
        migrations.check_openable(pg)
