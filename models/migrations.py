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

# This program's mark on its databases, so that another program's file is never taken for ours
# (a "schema_version" table alone proves nothing). SQLite: the header's application id, readable
# without any table. PostgreSQL: a row in a marker table.
APPLICATION_ID = int.from_bytes(b"PMDK", "big")
MARKER_TABLE = "app_marker"
APP_NAME = "PropertyDesk"
# A database this program made before it marked them has these tables besides the version table.
CORE_TABLES = ("app_user", "audit_log", "room")


def _all_estate_models():
    from models import audit, serials, settings, users
    from models.records import estate, people
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


def _columns(db: pw.Database, table: str) -> set[str]:
    return {c.name for c in db.get_columns(table)}


def migration_003(db: pw.Database) -> None:
    """People sort by pinyin: a sort key per person (丁 before 万, as a Chinese list reads)."""
    from models.records.people import Person, sort_key_of
    if "sort_key" not in _columns(db, "person"):
        db.execute_sql("ALTER TABLE person ADD COLUMN sort_key VARCHAR(120) NOT NULL DEFAULT ''")
    db.execute_sql("CREATE INDEX IF NOT EXISTS person_sort_key ON person (sort_key)")
    keys: dict[str, str] = {}
    rows = list(Person.select(Person.id, Person.name).where(Person.sort_key == "").tuples())
    for start in range(0, len(rows), 500):
        for pid, name in rows[start:start + 500]:
            if name not in keys:
                keys[name] = sort_key_of(name)
            Person.update(sort_key=keys[name]).where(Person.id == pid).execute()


def migration_004(db: pw.Database) -> None:
    """Money: a refund is counted, less, in the daily close (日结) of whoever paid it out.

    Refunds paid before this version have no payer's user id and no close: they stay out of
    every close, as the closes of their days were counted without them.
    """
    columns = _columns(db, "refund")
    if "by_user_id" not in columns:
        db.execute_sql("ALTER TABLE refund ADD COLUMN by_user_id INTEGER")
    if "close_id" not in columns:
        db.execute_sql("ALTER TABLE refund ADD COLUMN close_id INTEGER REFERENCES daily_close (id) ON DELETE RESTRICT")
    db.execute_sql("CREATE INDEX IF NOT EXISTS refund_close_id ON refund (close_id)")


MIGRATIONS = [migration_001, migration_002, migration_003, migration_004]
LATEST = len(MIGRATIONS)


def _has_table(db: pw.Database, name: str) -> bool:
    return name in db.get_tables()


def _is_sqlite(db: pw.Database) -> bool:
    return isinstance(db, pw.SqliteDatabase)


def current_version(db: pw.Database) -> int:
    if not _has_table(db, VERSION_TABLE):
        return 0
    row = db.execute_sql(f"SELECT version FROM {VERSION_TABLE}").fetchone()
    return int(row[0]) if row else 0


def application_id(db: pw.Database) -> int | None:
    """SQLite: the id in the file's header (0 when none was ever set); None on PostgreSQL."""
    if not _is_sqlite(db):
        return None
    return int(db.execute_sql("PRAGMA application_id").fetchone()[0])


def is_marked(db: pw.Database, tables: set[str] | None = None) -> bool:
    """Does the database carry this program's mark?"""
    if _is_sqlite(db):
        return application_id(db) == APPLICATION_ID
    if MARKER_TABLE not in (tables if tables is not None else set(db.get_tables())):
        return False
    return db.execute_sql(f"SELECT 1 FROM {MARKER_TABLE} WHERE name = {db.param}", (APP_NAME,)).fetchone() is not None


def looks_ours(tables: set[str]) -> bool:
    """A database this program made before it marked them: the version table and its core tables."""
    return VERSION_TABLE in tables and set(CORE_TABLES) <= tables


def mark(db: pw.Database) -> None:
    """Put this program's mark on the database (inside the caller's transaction)."""
    if _is_sqlite(db):
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        return
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (name VARCHAR(60) NOT NULL, "
                   f"created_at TIMESTAMP NOT NULL)")
    db.execute_sql(f"INSERT INTO {MARKER_TABLE} (name, created_at) VALUES ({db.param}, CURRENT_TIMESTAMP)",
                   (APP_NAME,))


def _foreign() -> DatabaseRefused:
    return DatabaseRefused(_("This database belongs to another program (it does not carry this program's mark "
                             "or have its tables); it was left untouched."))


def check_openable(db: pw.Database) -> None:
    """Refuse, without writing, a database this version cannot use.

    Ours: marked as this program's, or (made before the mark) holding the version table and the
    core tables. Empty: nothing in it yet, so a new database. Anything else belongs to another
    program, even with a table called ``schema_version``.
    """
    tables = set(db.get_tables())
    if not is_marked(db, tables):
        app_id = application_id(db)
        if app_id:      # another program put its own mark in the header
            raise _foreign()
        if tables and not looks_ours(tables):
            if VERSION_TABLE not in tables:
                raise DatabaseRefused(
                    _("This database belongs to another program (it has tables but no schema version); "
                      "it was left untouched."))
            raise _foreign()
    version = current_version(db)
    if version > LATEST:
        raise DatabaseRefused(
            _("This database was written by a newer version of the program (schema {found}; this version knows "
              "up to {latest}). Install the newer version; the database was left untouched.").format(
                found=version, latest=LATEST))


def upgrade(db: pw.Database) -> int:
    """Mark the database as this program's, then apply every migration above its version, each in its
    own transaction."""
    check_openable(db)
    if not is_marked(db):
        with db.atomic():
            mark(db)
    version = current_version(db)
    for number in range(version + 1, LATEST + 1):
        with db.atomic():
            if not _has_table(db, VERSION_TABLE):
                db.execute_sql(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)")
                db.execute_sql(f"INSERT INTO {VERSION_TABLE} (version) VALUES (0)")
            MIGRATIONS[number - 1](db)
            db.execute_sql(f"UPDATE {VERSION_TABLE} SET version = {number}")
    return current_version(db)
