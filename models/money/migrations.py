"""The money part's schema: its chain of migrations (see ``models.migrations``).

Versions 1 and 2 were global versions 2 and 4 before each part kept its own chain.
"""
from __future__ import annotations

import peewee as pw

from models.migrations import columns, register_chain


def models() -> list:
    from models.money import ledger
    return list(ledger.MODELS)


def migration_001(db: pw.Database) -> None:
    """Charge items and rates, charges, receipts, allocations, credit, refunds, deposits, daily close."""
    from models.money.rates import seed_default_items
    db.create_tables(models(), safe=True)
    # The arrears list reads only what is still owed: a partial index keeps that small.
    db.execute_sql("CREATE INDEX IF NOT EXISTS charge_open ON charge (room_id, due_date) "
                   "WHERE settled_fen < amount_fen AND cancelled_at IS NULL")
    seed_default_items()


def migration_002(db: pw.Database) -> None:
    """A refund is counted, less, in the daily close (日结) of whoever paid it out.

    Refunds paid before this version have no payer's user id and no close: they stay out of
    every close, as the closes of their days were counted without them.
    """
    have = columns(db, "refund")
    if "by_user_id" not in have:
        db.execute_sql("ALTER TABLE refund ADD COLUMN by_user_id INTEGER")
    if "close_id" not in have:
        db.execute_sql("ALTER TABLE refund ADD COLUMN close_id INTEGER REFERENCES daily_close (id) ON DELETE RESTRICT")
    db.execute_sql("CREATE INDEX IF NOT EXISTS refund_close_id ON refund (close_id)")


register_chain("money", [migration_001, migration_002], models)
