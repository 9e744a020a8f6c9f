"""A database made by the version before (schema 2, demo data) opens and upgrades without loss.

The fixture was made by commit 8ea609f (``main.py --db X demo --rooms 40``): every register
it holds is compared row by row before and after the upgrade.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from models import db as dbmod
from models import migrations

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema2-demo.db"


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


@pytest.fixture
def old_office(tmp_path):
    path = tmp_path / "office.db"
    shutil.copyfile(FIXTURE, path)
    return path


def test_the_previous_version_s_database_upgrades_without_loss(old_office):
    before = _registers(old_office)
    assert before["schema_version"][1] == [(2,)] and len(before["receipt"][1]) > 100
    db = dbmod.open_database(old_office)
    try:
        assert migrations.current_version(db) == migrations.LATEST
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
        if table == "schema_version":
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
