"""Fixtures: a fresh database per test, and an actor of each role."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models import db as dbmod  # noqa: E402
from models.i18n import set_language  # noqa: E402
from models.users import ADMIN, CLERK, CS_SUPERVISOR, DIRECTOR, ENG_SUPERVISOR, FINANCE, Actor  # noqa: E402


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "office.db"


# The office every test works in, as its first-start set-up named it.
TEST_OFFICE = {"office.name": "阳光花园管理处", "office.estate": "阳光花园", "office.phone": "0755-8888 6666",
               "office.address": "阳光花园3栋1楼客服中心"}


@pytest.fixture
def db(db_path):
    from models import settings
    database = dbmod.open_database(db_path, create=True)
    with dbmod.write_tx():
        for key, value in TEST_OFFICE.items():
            settings.Setting.create(key=key, value=value)
    yield database
    dbmod.close_database()


@pytest.fixture
def new_db(db_path):
    """A database as a new office's first start finds it: nothing set up."""
    database = dbmod.open_database(db_path, create=True)
    yield database
    dbmod.close_database()


def _actor(role, name):
    return Actor(name=name, role=role, via="gui", user_id=None)


@pytest.fixture
def clerk(db):
    return _actor(CLERK, "李静")


@pytest.fixture
def supervisor(db):
    return _actor(CS_SUPERVISOR, "王芳")


@pytest.fixture
def engineer(db):
    return _actor(ENG_SUPERVISOR, "赵工")


@pytest.fixture
def finance(db):
    return _actor(FINANCE, "钱会计")


@pytest.fixture
def director(db):
    return _actor(DIRECTOR, "孙主任")


@pytest.fixture
def admin(db):
    return _actor(ADMIN, "管理员")


@pytest.fixture
def estate(db, supervisor, clerk):
    """A small estate: building 3 entrance 2 with four rooms, an owner and a tenant."""
    from models.records import estate as e, people as p
    rooms = [e.create_room(supervisor, e.RoomInput("3", "2", n, a)) for n, a in
             (("1201", "89.50"), ("1202", "120.00"), ("1301", "89.50"), ("101", "45.25"))]
    owner = p.create_person(clerk, p.PersonInput("张伟", id_number="110101199003077774",
                                                 phones=[("13812345678", "mobile")]))
    tenant = p.create_person(clerk, p.PersonInput("李娜", id_number="440304198512120023",
                                                  phones=[("13900001111", "mobile")]))
    p.transfer_ownership(clerk, rooms[0].id, [owner.id], "2020-05-01", "粤房证2020-001")
    p.move_in_tenant(clerk, rooms[0].id, tenant.id, "2025-01-01", "2026-12-31", "ZL-001")
    return dict(rooms=rooms, owner=owner, tenant=tenant)


PG_SERVER = os.environ.get("PMDESK_TEST_PG")   # .ci/run starts a throw-away server on loopback


@pytest.fixture
def empty_pg_url():
    """The URL of a new, empty database on the test PostgreSQL server, dropped afterwards."""
    if not PG_SERVER:
        pytest.skip("no PostgreSQL server (set PMDESK_TEST_PG)")
    import uuid
    import psycopg2
    name = f"pmdesk_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(PG_SERVER)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield PG_SERVER.rsplit("/", 1)[0] + "/" + name
    finally:
        dbmod.close_database()
        admin.cursor().execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.close()
