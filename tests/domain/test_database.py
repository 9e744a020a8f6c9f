"""The database: refusals that leave files untouched, migrations, transactions."""
import hashlib
import os
import re
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
    dbmod.open_database(db_path, create=True)
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
    dbmod.open_database(db_path, create=True)
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
    from models.records import estate as e
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


# --- databases refused and left exactly as they were (issue 14, item 3) -------------------------------

def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def _english(message, *allowed):
    """Words of the driver's English left in a message (the paths it names aside)."""
    for text in allowed:
        message = message.replace(str(text), "")
    return re.findall(r"[A-Za-z]{4,}", message)


def _other_program(path, *statements):
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return path


def test_another_programs_sqlite_is_left_byte_for_byte(tmp_path):
    path = _other_program(tmp_path / "music.db", "CREATE TABLE songs (title TEXT)",
                          "INSERT INTO songs VALUES ('月亮代表我的心')")
    before = path.read_bytes()
    assert before[18:20] == b"\x01\x01"          # a rollback-journal file, as most programs leave them
    with pytest.raises(DatabaseRefused, match="其他程序"):
        dbmod.open_database(path)
    assert path.read_bytes() == before            # not switched to WAL (bytes 18-19), nothing else either
    assert _files(tmp_path) == ["music.db"]       # no -wal, -shm or -journal left beside it


def test_a_schema_version_table_alone_does_not_make_it_ours(tmp_path):
    for version in (2, 99):
        path = _other_program(tmp_path / f"other{version}.db", "CREATE TABLE schema_version (version INTEGER)",
                              f"INSERT INTO schema_version VALUES ({version})", "CREATE TABLE songs (title TEXT)")
        before = path.read_bytes()
        with pytest.raises(DatabaseRefused, match="其他程序"):
            dbmod.open_database(path)
        assert path.read_bytes() == before
    assert _files(tmp_path) == ["other2.db", "other99.db"]


def test_another_programs_mark_is_refused_even_when_empty(tmp_path):
    path = _other_program(tmp_path / "marked.db", "PRAGMA application_id = 12345")
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="其他程序"):
        dbmod.open_database(path)
    assert path.read_bytes() == before and _files(tmp_path) == ["marked.db"]


def test_a_new_database_carries_the_programs_mark(db, db_path):
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    dbmod.close_database()
    assert db_path.read_bytes()[68:72] == b"PMDK"   # in the header, readable without SQLite


def test_an_unmarked_database_of_ours_gets_the_mark_and_keeps_its_records(db_path, supervisor):
    from models.records import estate as e
    dbmod.open_database(db_path, create=True)
    e.create_room(supervisor, e.RoomInput("1", "1", "101", "50"))
    dbmod.database.obj.execute_sql("PRAGMA application_id = 0")     # as the version before the mark left it
    dbmod.close_database()
    assert db_path.read_bytes()[68:72] == b"\0\0\0\0"
    database = dbmod.open_database(db_path)
    assert migrations.is_marked(database)
    assert e.Room.select().count() == 1
    dbmod.close_database()


def test_our_tables_without_the_version_table_are_not_ours(tmp_path):
    path = _other_program(tmp_path / "half.db", "CREATE TABLE app_user (id INTEGER)",
                          "CREATE TABLE audit_log (id INTEGER)", "CREATE TABLE room (id INTEGER)")
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="其他程序"):
        dbmod.open_database(path)
    assert path.read_bytes() == before


def test_a_missing_file_is_created_only_when_asked(tmp_path):
    path = tmp_path / "sub" / "new.db"
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(path)
    assert "--create" in str(err.value) and str(path) in str(err.value)
    assert _files(tmp_path) == []                 # not even the folder
    database = dbmod.open_database(path, create=True)
    assert migrations.current_version(database) == migrations.LATEST
    dbmod.close_database()


def test_the_default_database_is_created_on_first_start(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "data"))
    monkeypatch.delenv("PMDESK_DB", raising=False)
    database = dbmod.open_database(dbmod.default_target())
    assert migrations.current_version(database) == migrations.LATEST
    dbmod.close_database()


def test_an_empty_file_is_refused_as_a_cut_short_database(tmp_path):
    path = tmp_path / "office.db"
    path.touch()
    for create in (False, True):
        with pytest.raises(DatabaseRefused) as err:
            dbmod.open_database(path, create=create)
        assert "0 字节" in str(err.value) and "备份" in str(err.value)
    assert path.stat().st_size == 0 and _files(tmp_path) == ["office.db"]


def test_a_read_only_file_is_refused_before_any_journal_is_left(db_path, monkeypatch):
    dbmod.open_database(db_path, create=True)
    dbmod.close_database()
    before = db_path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(dbmod.os, "access", lambda p, mode, *a, **k: False if mode == os.W_OK else
                        real_access(p, mode, *a, **k))
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(db_path)
    assert "只读" in str(err.value) and not _english(str(err.value), db_path)
    assert db_path.read_bytes() == before and _files(db_path.parent) == ["office.db"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write a file of mode 0444 and a folder of mode 0555")
@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_modes_are_refused(db_path, what):
    dbmod.open_database(db_path, create=True)
    dbmod.close_database()
    target = db_path if what == "file" else db_path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        with pytest.raises(DatabaseRefused, match="只读"):
            dbmod.open_database(db_path)
        assert _files(db_path.parent) == ["office.db"]
    finally:
        target.chmod(mode)


def test_a_write_to_a_read_only_database_is_explained(db, supervisor):
    from models.records import estate as e
    db.execute_sql("PRAGMA query_only = 1")       # SQLite now refuses writes as on a read-only file
    with pytest.raises(DatabaseRefused) as err:
        e.create_room(supervisor, e.RoomInput("1", "1", "101", "50"))
    message = str(err.value)
    assert "只读" in message and "未保存" in message and "readonly" not in message
    db.execute_sql("PRAGMA query_only = 0")
    assert e.Room.select().count() == 0


def test_garbage_after_the_sqlite_magic_is_refused_in_chinese(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(dbmod.SQLITE_MAGIC + bytes(range(256)) * 40)
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(path)
    message = str(err.value)
    assert "损坏" in message and not _english(message, path), message
    assert path.read_bytes() == before and _files(tmp_path) == ["broken.db"]


def test_a_malformed_database_is_refused_in_chinese(db_path):
    dbmod.open_database(db_path, create=True)
    dbmod.close_database()
    damaged = bytearray(db_path.read_bytes())
    damaged[100:4096] = bytes(range(256)) * 15 + bytes(range(156))     # the schema page, scrambled
    db_path.write_bytes(bytes(damaged))
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(db_path)
    message = str(err.value)
    assert "损坏" in message and not _english(message, db_path), message
    assert db_path.read_bytes() == bytes(damaged) and _files(db_path.parent) == ["office.db"]


@pytest.mark.parametrize("text, words", [
    ("database disk image is malformed", "损坏"),
    ("file is not a database", "损坏"),
    ("attempt to write a readonly database", "只读"),
    ("database is locked", "另一"),
    ("disk I/O error", "读写错误"),
    ("unable to open database file", "无法打开"),
    ("database or disk is full", "已满"),
    ('could not connect to server: Connection refused', "服务器"),
    ('FATAL:  password authentication failed for user "desk"', "密码"),
    ("something nobody foresaw", "意外"),
])
def test_database_errors_are_said_in_chinese(text, words):
    message = dbmod.explain(sqlite3.OperationalError(text), "/srv/office.db")
    assert words in message and "/srv/office.db" in message
    assert not _english(message, "/srv/office.db"), message
