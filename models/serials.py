"""Serial numbers per document kind and year: unique and gapless.

Allocated inside the transaction that creates the record, so a rolled-back
operation gives its number back and two processes never share one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import peewee as pw

from models.db import BaseModel, database, is_sqlite


class SerialCounter(BaseModel):
    kind = pw.CharField(max_length=30)
    year = pw.IntegerField()
    last = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("kind", "year")


@dataclass(frozen=True)
class SerialKind:
    """A numbered register a part keeps (receipts, refunds, release slips…). ``model()`` is its table
    (with ``year`` and ``number``); ``show(year, number)`` prints a number as its form does. The
    integrity check looks for gaps and doubles in every kind registered here."""
    kind: str
    title: str                                   # English source: the register's name, plural
    model: Callable[[], type]
    show: Callable[[int, int], str]
    order: int = 500


KINDS: dict[str, SerialKind] = {}


def register_kind(kind: SerialKind) -> SerialKind:
    KINDS[kind.kind] = kind
    return kind


def allocate(kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``. Must run inside a write transaction.

    Insert-if-missing, then one increment that takes the counter row's lock (on SQLite the
    database's, from BEGIN IMMEDIATE) and holds it to commit: a second issuer waits, then
    increments what the first committed; a rolled-back operation gives its number back.
    On PostgreSQL the increment returns the number itself (``UPDATE … RETURNING``), so no
    second read can see anything but the number this transaction took.
    """
    if kind not in KINDS:
        raise RuntimeError(f"serial kind {kind!r} was never registered (serials.register_kind)")
    db = database.obj
    if db.transaction_depth() == 0:
        raise RuntimeError("serial numbers are allocated inside the operation's transaction")
    if is_sqlite(db):
        db.execute_sql("INSERT OR IGNORE INTO serial_counter (kind, year, last) VALUES (?, ?, 0)", (kind, year))
        (SerialCounter.update(last=SerialCounter.last + 1)
         .where((SerialCounter.kind == kind) & (SerialCounter.year == year)).execute())
        return SerialCounter.get((SerialCounter.kind == kind) & (SerialCounter.year == year)).last
    db.execute_sql("INSERT INTO serial_counter (kind, year, last) VALUES (%s, %s, 0) ON CONFLICT DO NOTHING",
                   (kind, year))
    row = db.execute_sql("UPDATE serial_counter SET last = last + 1 WHERE kind = %s AND year = %s RETURNING last",
                         (kind, year)).fetchone()
    return int(row[0])


def format_serial(year: int, number: int, prefix: str = "") -> str:
    """``No. 2026-000123`` style, as printed top right on a form."""
    return f"{prefix}{year}-{number:06d}"
