"""The database: one proxy every model binds to, opened from a path or a URL.

SQLite by default (a file in the user's data folder), PostgreSQL when several
PCs share one database (``--db postgresql://user:pass@host/name``).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

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


def label(target: str | Path) -> str:
    """The database as the clerk may see it: a path, or a URL without its password."""
    target = str(target)
    if "://" in target and "@" in target:
        scheme, rest = target.split("://", 1)
        return f"{scheme}://{rest.split('@', 1)[1]}"
    return target


# What SQLite (and the PostgreSQL driver) say, in English, and what the clerk reads instead.
# Matched on the error's text, lower-cased; the first match wins.
def _reasons() -> tuple[tuple[tuple[str, ...], str], ...]:
    return (
        (("malformed",),
         _("The database {path} is damaged (SQLite finds its contents malformed). Restore the latest backup in its "
           "place; the damaged file was left as it was.")),
        (("not a database", "encrypted"),
         _("{path} starts like a database file but cannot be read as one: it is damaged, or it is not a database. "
           "Restore the latest backup; the file was left untouched.")),
        (("readonly", "read-only", "read only"), _read_only()),
        (("locked", "busy"),
         _("The database {path} is in use by another program or held by another desk; try again in a moment.")),
        (("disk i/o", "i/o error", "input/output"),
         _("The disk holding the database {path} reported a read or write error. Check the disk or network drive; "
           "if the file is damaged, restore the latest backup.")),
        (("full",),
         _("The disk holding the database {path} is full. Free some space and try again.")),
        (("unable to open",),
         _("The database {path} cannot be opened: the file or its folder cannot be reached, or this computer's "
           "account may not open it.")),
        (("password authentication", "authentication failed", "no password supplied"),
         _("The database server refused the user name or password given in {path}.")),
        (("does not exist",),
         _("The database named in {path} does not exist on the server.")),
        (("could not connect", "connection refused", "could not translate host", "timeout expired",
          "server closed the connection", "no route to host"),
         _("The database server of {path} cannot be reached. Check the network and that the server is running.")),
    )


def _read_only() -> str:
    return _("The database {path} is read-only: this program must be able to write to the file and to create files "
             "next to it in its folder. Copy it to a folder you may write to, or ask for write permission.")


def explain(error: BaseException, target: str | Path | None = None) -> str:
    """A clerk's sentence for a database error; never the driver's English."""
    text = str(error).lower()
    where = label(target if target is not None else _current_label())
    for words, sentence in _reasons():
        if any(word in text for word in words):
            return sentence.format(path=where)
    return _("The database {path} cannot be used because of an unexpected database error; nothing was "
             "changed.").format(path=where)


def _current_label() -> str:
    db = database.obj
    return label(getattr(db, "database", "") or "") if db is not None else ""


def _is_default_location(path: Path) -> bool:
    from models.paths import default_database_path
    try:
        return path.resolve() == default_database_path().resolve()
    except OSError:
        return False


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse, before SQLite or anything else touches it, a file that cannot be this program's database.

    Missing (unless told to create it), a folder, empty (a database cut short), not a SQLite file,
    or not writable: each refused with what to do, the file left as it was.
    """
    if path.is_dir():
        raise DatabaseRefused(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists():
        if not create:
            raise DatabaseRefused(_("There is no database at {path}. Check the path; to start a new, empty "
                                    "database there, run the program with --create.").format(path=path))
        folder = _existing_parent(path)
        if not os.access(folder, os.W_OK):
            raise DatabaseRefused(_("A new database cannot be created in {folder}: this computer's account may not "
                                    "write there.").format(folder=folder))
        return
    if path.stat().st_size == 0:
        raise DatabaseRefused(_("{path} is empty (0 bytes): most likely a database cut short by a crash or a failed "
                                "copy. Put the latest backup in its place; the file was left untouched.").format(
            path=path))
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise DatabaseRefused(
            _("{path} is not a database of this program (not a SQLite file); it was left untouched.").format(path=path))
    # SQLite keeps its journal (-wal, -shm) next to the file: both the file and its folder must be writable.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseRefused(_read_only().format(path=path))


def _existing_parent(path: Path) -> Path:
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _sqlite_uri(path: Path, *, immutable: bool) -> str:
    """A read-only SQLite URI for the file (Windows drive and UNC paths included)."""
    posix = path.resolve().as_posix()
    uri = "file:" + ("//" if posix.startswith("/") else "///") + quote(posix, safe="/:")
    return uri + "?mode=ro" + ("&immutable=1" if immutable else "")


def _identify_sqlite(path: Path, *, create: bool = False) -> None:
    """Decide, reading only, whether an existing SQLite file may be opened as this program's database.

    Opening it for real applies the pragmas, and ``journal_mode=wal`` rewrites another program's
    file: so first a read-only connection, then ``migrations.check_openable``, then close. A file
    in WAL mode with no ``-wal`` beside it holds everything in itself and is read as immutable, so
    that no ``-wal``/``-shm`` is left behind.
    """
    from models import migrations
    with path.open("rb") as fh:
        header = fh.read(100)
    in_wal_mode = len(header) >= 20 and header[18] == 2
    immutable = in_wal_mode and not Path(f"{path}-wal").exists()
    probe = pw.SqliteDatabase(_sqlite_uri(path, immutable=immutable), uri=True, timeout=15)
    try:
        probe.connect()
        migrations.check_openable(probe)
        if not create and not probe.get_tables() and not migrations.is_marked(probe):
            # A SQLite file with nothing in it: made by some other tool, or ours cut short before
            # its first table. Taking it over is as deliberate as making a new database.
            raise DatabaseRefused(_("{path} is an empty SQLite database that this program did not make. To start "
                                    "a new office in it, run the program with --create; it was left "
                                    "untouched.").format(path=path))
    except (pw.DatabaseError, sqlite3.Error) as exc:
        raise DatabaseRefused(explain(exc, path)) from exc
    finally:
        with contextlib.suppress(Exception):
            probe.close()


def open_database(target: str | Path, *, migrate: bool = True, create: bool = False) -> pw.Database:
    """Open (and, unless told otherwise, upgrade) the database at a path or URL.

    A file that is not a database, another program's database, a database written by a newer
    version, an empty (0-byte) or read-only file is refused with a readable message and left
    exactly as it was. A file that does not exist is created only when ``create`` is true (or it
    is the default database in the user's data folder: the first start).
    """
    from models import migrations

    target = str(target).strip()
    if not target:
        raise DatabaseRefused(_("No database was named: give a file path or a postgresql:// address."))
    if is_url(target) and not target.startswith("sqlite"):
        if target.split("://", 1)[0].lower() not in ("postgresql", "postgres", "postgresext"):
            raise DatabaseRefused(_("{target} is not a database this program can use: give a file path (SQLite) or "
                                    "a postgresql:// address.").format(target=label(target)))
        db = connect_url(target)
    else:
        path = Path(target[len("sqlite:///"):] if target.startswith("sqlite:///") else target)
        create = create or _is_default_location(path)
        _check_sqlite_file(path, create=create)
        if path.exists():
            _identify_sqlite(path, create=create)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = pw.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=15,
                               check_same_thread=False)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        migrations.check_openable(db)
        if migrate:
            migrations.upgrade(db)
    except (pw.DatabaseError, sqlite3.Error) as exc:
        with contextlib.suppress(Exception):
            db.close()
        raise DatabaseRefused(explain(exc, target)) from exc
    except Exception:
        with contextlib.suppress(Exception):
            db.close()
        raise
    return db


def is_sqlite(db: pw.Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, pw.SqliteDatabase)


class _WriteTx:
    """``db.atomic()`` that says in the clerk's words why the database would not take the write
    (another PC holds it too long, the file is read-only, the disk is full...)."""

    def __init__(self, inner):
        self.inner = inner

    def __enter__(self):
        try:
            return self.inner.__enter__()
        except pw.DatabaseError as error:
            raise _busy(error) from error

    def __exit__(self, exc_type, exc, tb):
        try:
            handled = self.inner.__exit__(exc_type, exc, tb)
        except pw.DatabaseError as error:
            raise _busy(error) from error
        if isinstance(exc, pw.DatabaseError) and not handled:
            # Rolled back above; say why in words instead of the driver's English.
            translated = _busy(exc)
            if translated is not exc:
                raise translated from exc
        return handled


def _busy(error: Exception) -> Exception:
    from models.errors import Conflict
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return Conflict(_("Another desk is writing to the database; nothing was changed. Try again in a moment."))
    if isinstance(error, (pw.DatabaseError, sqlite3.Error)) and any(word in text for word in _WRITE_FAILURES):
        return DatabaseRefused(_("Nothing was saved: {reason}").format(reason=explain(error)))
    return error


# Errors a write can meet that are about the database file, not about the operation.
_WRITE_FAILURES = ("readonly", "read-only", "disk is full", "database or disk is full", "disk i/o", "malformed",
                   "not a database", "unable to open")


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


def _sqlite_value(value):
    # Dates as peewee stores them on SQLite, without relying on sqlite3's deprecated default adapters.
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _with_dates_as_text(row, dated: list[int]) -> tuple:
    row = list(row)
    for i in dated:
        row[i] = _sqlite_value(row[i])
    return tuple(row)


def bulk_insert(model, fields: list, rows, *, progress=None, chunk: int = 5000) -> int:
    """Many rows at once (tuples in the order of ``fields``), inside the caller's transaction.

    The one bulk writer of the program (imports, the demo, a month's charges, bulk audit): on
    SQLite one prepared statement run for every row, several times faster than the query
    builder's many-row VALUES; on PostgreSQL multi-row inserts in chunks. Returns the rows
    written; ``progress(done, total)`` after each chunk.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return 0
    db = database.obj
    if is_sqlite(db):
        sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
            model._meta.table_name, ", ".join(f'"{f.column_name}"' for f in fields), ", ".join("?" * len(fields)))
        # Only dates need turning into text (as peewee stores them); every other value goes as it is.
        dated = [i for i, f in enumerate(fields) if isinstance(f, (pw.DateField, pw.DateTimeField))]
        cursor = db.connection().cursor()
        for start in range(0, len(rows), chunk):
            part = rows[start:start + chunk]
            if dated:
                part = [_with_dates_as_text(row, dated) for row in part]
            cursor.executemany(sql, part)
            if progress:
                progress(min(start + chunk, len(rows)), len(rows))
        return len(rows)
    per_chunk = max(1, min(chunk, 15000 // len(fields)))
    for start in range(0, len(rows), per_chunk):
        model.insert_many(rows[start:start + per_chunk], fields=fields).as_rowcount().execute()
        if progress:
            progress(min(start + per_chunk, len(rows)), len(rows))
    return len(rows)


def sync_id_sequences(models) -> None:
    """PostgreSQL: rows were bulk-inserted with explicit ids, so move each id sequence past them."""
    db = database.obj
    if is_sqlite(db):
        return
    for model in models:
        table = model._meta.table_name
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)')


def must_lock() -> bool:
    """Whether rows need locking (PostgreSQL; SQLite's one writer serialises); only inside a transaction."""
    db = database.obj
    if db.transaction_depth() == 0:
        raise RuntimeError("rows are locked inside the operation's transaction")
    return not is_sqlite(db)


def lock_rows(model: type[pw.Model], ids) -> None:
    """Lock the rows of ``model`` with these ids, in ascending order, until commit.

    ``FOR NO KEY UPDATE``: two operations locking the same row queue up, as with ``FOR UPDATE``,
    but a row that merely points at it (a charge of the month being raised, a receipt of the room)
    can still be written meanwhile, so the monthly run does not hold every desk up.
    """
    wanted = sorted({i for i in ids if i is not None})
    if not wanted or not must_lock():
        return
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start:start + 1000]
        list(model.select(model.id).where(model.id.in_(chunk)).order_by(model.id)
             .for_update("FOR NO KEY UPDATE").tuples())


def lock_row(model: type[pw.Model], row_id: int | None) -> None:
    lock_rows(model, [row_id])
