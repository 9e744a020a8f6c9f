"""The database: refusals that leave files untouched, migrations, transactions."""
import hashlib
import sqlite3

import pytest

from models import db as dbmod
from models import migrations
from models.errors import DatabaseRefused


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_gets_the_latest_schema(db):
    assert migrations.current_version(db) == migrations.LATEST
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_is_idempotent(db_path):
    dbmod.open_database(db_path)
    dbmod.close_database()
    database = dbmod.open_database(db_path)
    assert migrations.current_version(database) == migrations.LATEST
    dbmod.close_database()


def test_not_a_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    before = digest(path)
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(path)
    assert "不是本程序的数据库" in str(err.value)
    assert digest(path) == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_newer_database_is_refused_and_untouched(db_path):
    dbmod.open_database(db_path)
    dbmod.database.obj.execute_sql(f"UPDATE schema_version SET version = {migrations.LATEST + 5}")
    dbmod.close_database()
    before = digest(db_path)
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(db_path)
    assert "更新版本" in str(err.value)
    dbmod.close_database()
    assert digest(db_path) == before


def test_someone_elses_sqlite_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseRefused, match="其他程序"):
        dbmod.open_database(path)
    dbmod.close_database()


def test_a_failed_operation_writes_nothing(db, supervisor):
    from models import estate as e
    from models.audit import AuditLog
    with pytest.raises(RuntimeError):
        with dbmod.write_tx():
            e.create_room(supervisor, e.RoomInput("1", "1", "101", "50"))
            raise RuntimeError("power cut")
    assert e.Room.select().count() == 0 and AuditLog.select().count() == 0


def test_serials_are_gapless_and_rolled_back_with_their_operation(db):
    from models import serials
    with dbmod.write_tx():
        assert serials.allocate("receipt", 2026) == 1
        assert serials.allocate("receipt", 2026) == 2
    with pytest.raises(RuntimeError):
        with dbmod.write_tx():
            assert serials.allocate("receipt", 2026) == 3
            raise RuntimeError
    with dbmod.write_tx():
        assert serials.allocate("receipt", 2026) == 3
        assert serials.allocate("receipt", 2027) == 1
    assert serials.format_serial(2026, 123) == "2026-000123"
