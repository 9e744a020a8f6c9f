"""The database: one proxy every model binds to, opened from a path or a URL.

SQLite by default (a file in the user's data folder), PostgreSQL when several
PCs share one database (``--db postgresql://user:pass@host/name``).
"""
from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import peewee as pw
from playhouse.db_url import connect as connect_url

from models.errors import DatabaseRefused
from models.i18n import _

database = pw.DatabaseProxy()

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 15000),
    # Money and permanent registers: a commit survives a power cut.
    ("synchronous", "full"),
    ("cache_size", -32000),
)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


def now() -> dt.datetime:
    """Local wall-clock time, to the second: what the office reads on paper."""
    return dt.datetime.now().replace(microsecond=0)


def is_url(target: str) -> bool:
    return "://" in target


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database before anything touches it."""
    if path.is_dir():
        raise DatabaseRefused(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise DatabaseRefused(
            _("{path} is not a database of this program (not a SQLite file); it was left untouched.").format(path=path))


def open_database(target: str | Path, *, migrate: bool = True) -> pw.Database:
    """Open (and, unless told otherwise, upgrade) the database at a path or URL.

    A file that is not a database, or a database written by a newer version,
    is refused with a readable message and left exactly as it was.
    """
    from models import migrations

    target = str(target)
    if is_url(target) and not target.startswith("sqlite"):
        db = connect_url(target)
    else:
        path = Path(target[len("sqlite:///"):] if target.startswith("sqlite:///") else target)
        _check_sqlite_file(path)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        db = pw.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=15,
                               check_same_thread=False)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        migrations.check_openable(db)
        if migrate:
            migrations.upgrade(db)
    except pw.DatabaseError as exc:
        with contextlib.suppress(Exception):
            db.close()
        raise DatabaseRefused(_("The database cannot be opened: {reason}").format(reason=exc)) from exc
    except Exception:
        with contextlib.suppress(Exception):
            db.close()
        raise
    return db


def is_sqlite(db: pw.Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, pw.SqliteDatabase)


class _WriteTx:
    """``db.atomic()`` that says in the clerk's words when another PC holds the database too long."""

    def __init__(self, inner):
        self.inner = inner

    def __enter__(self):
        try:
            return self.inner.__enter__()
        except pw.OperationalError as error:
            raise _busy(error) from error

    def __exit__(self, exc_type, exc, tb):
        try:
            return self.inner.__exit__(exc_type, exc, tb)
        except pw.OperationalError as error:
            raise _busy(error) from error


def _busy(error: Exception) -> Exception:
    from models.errors import Conflict
    if "locked" in str(error) or "busy" in str(error):
        return Conflict(_("Another desk is writing to the database; nothing was changed. Try again in a moment."))
    return error


def write_tx():
    """One transaction for one operation.

    On SQLite the write lock is taken at BEGIN (IMMEDIATE), so two processes
    allocating serial numbers queue up instead of failing on lock upgrade.
    Nested calls become savepoints.
    """
    db = database.obj
    if is_sqlite(db) and db.transaction_depth() == 0:
        return _WriteTx(db.atomic("IMMEDIATE"))
    return db.atomic()


def close_database() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def default_target() -> str:
    """The embedded SQLite database in the user's data folder, unless PMDESK_DB says otherwise."""
    import os
    from models.paths import default_database_path
    return os.environ.get("PMDESK_DB") or str(default_database_path())


def sync_id_sequences(models) -> None:
    """PostgreSQL: rows were bulk-inserted with explicit ids, so move each id sequence past them."""
    db = database.obj
    if is_sqlite(db):
        return
    for model in models:
        table = model._meta.table_name
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)')
