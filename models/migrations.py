"""Numbered, append-only schema migrations, applied at start-up.

The schema version is kept in the ``schema_version`` table (PostgreSQL has no
``user_version``). Each migration is a function ``migration_NNN(db)``; a
released migration is never edited. Migrations create tables with
``safe=True`` and add columns only where missing, so a fresh database and an
upgraded one end with the same schema.
"""
from __future__ import annotations

import peewee as pw

from models.errors import DatabaseRefused
from models.i18n import _

VERSION_TABLE = "schema_version"


def _all_estate_models():
    from models import audit, estate, people, serials, settings, users
    import models.money  # noqa: F401  (money's permissions and audit names, before anything runs)
    return [users.User, audit.AuditLog, serials.SerialCounter, settings.Setting,
            estate.Building, estate.Entrance, estate.Room,
            people.Person, people.Phone, people.Vehicle, people.RoomParty, people.IdCopy]


def migration_001(db: pw.Database) -> None:
    """Records foundation: users, audit, serials, settings, estate and people."""
    db.create_tables(_all_estate_models(), safe=True)


def migration_002(db: pw.Database) -> None:
    """Money: charge items and rates, charges, receipts, allocations, credit, refunds, deposits, daily close."""
    from models.money import ledger
    from models.money.rates import seed_default_items
    db.create_tables(ledger.MODELS, safe=True)
    # The arrears list reads only what is still owed: a partial index keeps that small.
    db.execute_sql("CREATE INDEX IF NOT EXISTS charge_open ON charge (room_id, due_date) "
                   "WHERE settled_fen < amount_fen AND cancelled_at IS NULL")
    seed_default_items()


MIGRATIONS = [migration_001, migration_002]
LATEST = len(MIGRATIONS)


def _has_table(db: pw.Database, name: str) -> bool:
    return name in db.get_tables()


def current_version(db: pw.Database) -> int:
    if not _has_table(db, VERSION_TABLE):
        return 0
    row = db.execute_sql(f"SELECT version FROM {VERSION_TABLE}").fetchone()
    return int(row[0]) if row else 0


def check_openable(db: pw.Database) -> None:
    """Refuse, without writing, a database this version cannot use."""
    tables = db.get_tables()
    version = current_version(db)
    if version > LATEST:
        raise DatabaseRefused(
            _("This database was written by a newer version of the program (schema {found}; this version knows "
              "up to {latest}). Install the newer version; the database was left untouched.").format(
                found=version, latest=LATEST))
    if version == 0 and tables:
        raise DatabaseRefused(
            _("This database belongs to another program (it has tables but no schema version); it was left untouched."))


def upgrade(db: pw.Database) -> int:
    """Apply every migration above the database's version, each in its own transaction."""
    check_openable(db)
    version = current_version(db)
    for number in range(version + 1, LATEST + 1):
        with db.atomic():
            if not _has_table(db, VERSION_TABLE):
                db.execute_sql(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)")
                db.execute_sql(f"INSERT INTO {VERSION_TABLE} (version) VALUES (0)")
            MIGRATIONS[number - 1](db)
            db.execute_sql(f"UPDATE {VERSION_TABLE} SET version = {number}")
    return current_version(db)
