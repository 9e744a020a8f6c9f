"""Each part keeps its own chain of migrations and its own schema version (issue 15)."""
from __future__ import annotations

import hashlib

import pytest

from models import db as dbmod
from models import migrations, parts
from models.errors import DatabaseRefused


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_records_the_version_of_the_core_and_of_every_part(db):
    versions = migrations.part_versions(db)
    assert list(versions) and set(versions) == {"core", *parts.names()}
    assert versions == {chain.part: chain.latest for chain in migrations.chains()}
    assert [chain.part for chain in migrations.chains()] == ["core", *parts.names()]
    assert migrations.current_version(db) == migrations.FORMAT


def test_every_part_in_the_manifest_brings_its_chain_and_its_tables(db):
    tables = set(db.get_tables())
    for name in parts.names():
        chain = migrations.CHAINS[name]
        assert chain.latest >= 1 and chain.models(), name
        assert {m._meta.table_name for m in chain.models()} <= tables, name


def test_a_part_added_to_the_manifest_is_migrated_on_the_next_open(db_path, monkeypatch):
    dbmod.open_database(db_path, create=True)
    dbmod.close_database()

    def create_kiosk(db):
        db.execute_sql("CREATE TABLE kiosk_note (id INTEGER PRIMARY KEY, text VARCHAR(20))")

    def add_colour(db):
        db.execute_sql("ALTER TABLE kiosk_note ADD COLUMN colour VARCHAR(10)")

    monkeypatch.setattr(parts, "MANIFEST", parts.MANIFEST + (("kiosk", ("records",)),))
    monkeypatch.setitem(migrations.CHAINS, "kiosk", migrations.Chain("kiosk", (create_kiosk, add_colour), list))
    database = dbmod.open_database(db_path)
    try:
        assert migrations.part_versions(database)["kiosk"] == 2
        assert {c.name for c in database.get_columns("kiosk_note")} == {"id", "text", "colour"}
    finally:
        dbmod.close_database()


def _bump(db_path, sql):
    dbmod.open_database(db_path, create=True)
    dbmod.database.obj.execute_sql(sql)
    dbmod.close_database()
    return _digest(db_path)


def test_a_part_newer_than_this_version_is_refused_and_untouched(db_path):
    before = _bump(db_path, "UPDATE part_version SET version = version + 1 WHERE part = 'money'")
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(db_path)
    assert "更新版本" in str(err.value) and "money" in str(err.value)
    dbmod.close_database()
    assert _digest(db_path) == before


def test_a_part_this_version_does_not_have_is_refused_and_untouched(db_path):
    before = _bump(db_path, "INSERT INTO part_version (part, version) VALUES ('telescope', 1)")
    with pytest.raises(DatabaseRefused) as err:
        dbmod.open_database(db_path)
    assert "telescope" in str(err.value) and "更新版本" in str(err.value)
    dbmod.close_database()
    assert _digest(db_path) == before


def test_a_database_of_the_global_chain_gets_its_parts_versions(db_path):
    """Global versions 1-4 map onto the parts' chains (records 1, money 1, records 2, money 2)."""
    dbmod.open_database(db_path, create=True)
    db = dbmod.database.obj
    db.execute_sql("DROP TABLE part_version")
    db.execute_sql("UPDATE schema_version SET version = 3")   # money's refund columns not applied yet
    dbmod.close_database()
    database = dbmod.open_database(db_path)
    try:
        versions = migrations.part_versions(database)
        # Global 1-4 were core 1; the core's later steps (2: attachments) run on opening, as any part's do.
        assert {part: versions[part] for part in ("records", "money")} == {"records": 2, "money": 2}
        assert versions["core"] == migrations.CHAINS["core"].latest
        assert set(versions) == {"core", *parts.names()}      # a part younger than the chain starts at its latest
        assert migrations.current_version(database) == migrations.FORMAT
    finally:
        dbmod.close_database()
