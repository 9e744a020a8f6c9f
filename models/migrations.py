"""Numbered, append-only schema migrations, one chain per part, applied at start-up.

The core and every part (``models/parts.py``) keep their own chain of migrations,
registered from their own package with ``register_chain``: ``records`` its estate and
people, ``money`` its ledger, and so on. Each part's schema version is a row of the
``part_version`` table; the ``schema_version`` table holds the version of this scheme
itself (``FORMAT``), so that a program from before the parts refuses a database written
by this one. A released migration is never edited. Migrations create tables with
``safe=True`` and add columns only where missing, so a fresh database and an upgraded one
end with the same schema.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import peewee as pw

from models.errors import DatabaseRefused
from models.i18n import _

VERSION_TABLE = "schema_version"
PART_TABLE = "part_version"
CORE = "core"
# 1-4: one global chain (until issue 15); 5: one chain per part, versions in ``part_version``.
FORMAT = 5
LATEST = FORMAT
# What the global versions 1-4 had applied, as (part, version) of the chains that replaced them.
LEGACY = {1: ((CORE, 1), ("records", 1)), 2: (("money", 1),), 3: (("records", 2),), 4: (("money", 2),)}

# This program's mark on its databases, so that another program's file is never taken for ours
# (a "schema_version" table alone proves nothing). SQLite: the header's application id, readable
# without any table. PostgreSQL: a row in a marker table.
APPLICATION_ID = int.from_bytes(b"PMDK", "big")
MARKER_TABLE = "app_marker"
APP_NAME = "PropertyDesk"
# A database this program made before it marked them has these tables besides the version table.
CORE_TABLES = ("app_user", "audit_log", "room")

Migration = Callable[[pw.Database], None]


@dataclass(frozen=True)
class Chain:
    part: str
    steps: tuple[Migration, ...]           # step n (1-based) brings the part to version n
    models: Callable[[], list]             # the part's tables, for whoever needs them all (checks, copies)

    @property
    def latest(self) -> int:
        return len(self.steps)


CHAINS: dict[str, Chain] = {}


def register_chain(part: str, steps: list[Migration], models: Callable[[], list]) -> None:
    """A part's migrations, oldest first; appending is the only change a released chain may get."""
    CHAINS[part] = Chain(part, tuple(steps), models)


def _core_models() -> list:
    from models import attachments, audit, serials, settings, users
    return [users.User, audit.AuditLog, serials.SerialCounter, settings.Setting, attachments.Attachment]


def _core_001(db: pw.Database) -> None:
    """The core: users, audit log, serial counters, settings."""
    from models import audit, serials, settings, users
    db.create_tables([users.User, audit.AuditLog, serials.SerialCounter, settings.Setting], safe=True)


def _core_002(db: pw.Database) -> None:
    """Attachments: files kept in the database for any part's records (models/attachments.py)."""
    from models import attachments
    db.create_tables([attachments.Attachment], safe=True)


register_chain(CORE, [_core_001, _core_002], _core_models)


def chains() -> list[Chain]:
    """The core's chain, then every part's, in the manifest's (dependency) order."""
    from models import parts
    parts.load("models")
    return [CHAINS[CORE]] + [CHAINS[name] for name in parts.names() if name in CHAINS]


def all_models() -> list:
    """Every table of the core and the parts, in dependency order."""
    return [model for chain in chains() for model in chain.models()]


def columns(db: pw.Database, table: str) -> set[str]:
    """The columns a table has now (a migration adds a column only where it is missing)."""
    return {c.name for c in db.get_columns(table)}


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
        raise _newer(version, LATEST)
    known = {chain.part: chain.latest for chain in chains()}
    for part, found in part_versions(db).items():
        if part not in known:
            raise DatabaseRefused(_("This database was written by a newer version of the program (it holds the "
                                    "module {part}, which this version does not have). Install the newer version; "
                                    "the database was left untouched.").format(part=part))
        if found > known[part]:
            raise _newer(f"{part} {found}", f"{part} {known[part]}")


def _newer(found, latest) -> DatabaseRefused:
    return DatabaseRefused(
        _("This database was written by a newer version of the program (schema {found}; this version knows "
          "up to {latest}). Install the newer version; the database was left untouched.").format(
            found=found, latest=latest))


def part_versions(db: pw.Database) -> dict[str, int]:
    """The schema version of the core and of every part, as recorded in the database."""
    if not _has_table(db, PART_TABLE):
        return {}
    return {part: int(version) for part, version in db.execute_sql(f"SELECT part, version FROM {PART_TABLE}")}


def _set_part_version(db: pw.Database, part: str, version: int) -> None:
    if db.execute_sql(f"UPDATE {PART_TABLE} SET version = {db.param} WHERE part = {db.param}",
                      (version, part)).rowcount == 0:
        db.execute_sql(f"INSERT INTO {PART_TABLE} (part, version) VALUES ({db.param}, {db.param})", (part, version))


def _version_tables(db: pw.Database) -> None:
    """The two version tables; a database of the global chain (1-4) gets its parts' versions from it."""
    if not _has_table(db, VERSION_TABLE):
        db.execute_sql(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)")
        db.execute_sql(f"INSERT INTO {VERSION_TABLE} (version) VALUES (0)")
    if not _has_table(db, PART_TABLE):
        db.execute_sql(f"CREATE TABLE {PART_TABLE} (part VARCHAR(40) NOT NULL PRIMARY KEY, version INTEGER NOT NULL)")
    version = current_version(db)
    if version < FORMAT:
        for number in range(1, version + 1):
            for part, part_version in LEGACY[number]:
                _set_part_version(db, part, part_version)
        db.execute_sql(f"UPDATE {VERSION_TABLE} SET version = {FORMAT}")


def upgrade(db: pw.Database) -> dict[str, int]:
    """Mark the database as this program's, then bring the core and each part, in dependency order,
    to its latest version: every migration in its own transaction, recorded with it."""
    check_openable(db)
    with db.atomic():
        if not is_marked(db):
            mark(db)
        _version_tables(db)
    for chain in chains():
        for number in range(part_versions(db).get(chain.part, 0) + 1, chain.latest + 1):
            with db.atomic():
                chain.steps[number - 1](db)
                _set_part_version(db, chain.part, number)
    return part_versions(db)
