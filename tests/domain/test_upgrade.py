"""Databases made by earlier versions (demo data) open and upgrade without loss.

``schema2-demo.db`` was made by commit 8ea609f and ``schema4-demo.db`` by 7f8a75f, the last
version with one global schema number (both ``main.py --db X demo --rooms 40``). Every register
they hold is compared row by row before and after the upgrade; afterwards the core and each
part record their own schema version (issue 15).
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from models import db as dbmod
from models import migrations

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD = {"schema2-demo.db": 2, "schema4-demo.db": 4}


def _registers(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for table in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            out[table] = (columns, con.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall())
        return out
    finally:
        con.close()


@pytest.fixture(params=sorted(OLD))
def old_office(request, tmp_path):
    path = tmp_path / "office.db"
    shutil.copyfile(FIXTURES / request.param, path)
    return path


def test_a_previous_version_s_database_upgrades_without_loss(old_office):
    before = _registers(old_office)
    version = before["schema_version"][1][0][0]
    assert version in OLD.values() and len(before["receipt"][1]) > 100
    db = dbmod.open_database(old_office)
    try:
        assert migrations.current_version(db) == migrations.FORMAT
        assert migrations.part_versions(db) == {chain.part: chain.latest for chain in migrations.chains()}
        assert migrations.is_marked(db)
        from models.check import run_checks
        errors = [f for f in run_checks() if f.level == "error"]
        assert not errors, errors
        from models.records.people import Person, sort_key_of
        assert all(p.sort_key == sort_key_of(p.name) for p in Person.select())
    finally:
        dbmod.close_database()
    after = _registers(old_office)
    for table, (columns, rows) in before.items():
        if table in ("schema_version", "part_version"):
            continue
        new_columns, new_rows = after[table]
        keep = [new_columns.index(c) for c in columns]
        assert [tuple(r[i] for i in keep) for r in new_rows] == rows, f"{table} changed in the upgrade"


def test_the_upgraded_office_goes_on_working(old_office):
    from models.money.cashier import Payment, find_receipt, take_payment
    from models.money.charging import open_charges
    from models.users import CLERK, Actor
    dbmod.open_database(old_office)
    try:
        owing = next(c for c in __import__("models.money.ledger", fromlist=["Charge"]).Charge.select()
                     if c.settled_fen < c.amount_fen and c.cancelled_at is None)
        receipt = take_payment(Actor("李静", CLERK), owing.room_id, Payment(payer="业主", method="cash",
                                                                          amount=owing.amount_fen - owing.settled_fen,
                                                                          charge_ids=[owing.id]))
        assert find_receipt(f"{receipt.year}-{receipt.number:06d}").id == receipt.id
        assert owing.id not in {c.id for c in open_charges(owing.room_id)}
    finally:
        dbmod.close_database()
