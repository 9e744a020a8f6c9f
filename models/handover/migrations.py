"""The handover part's schema: its chain of migrations (see ``models.migrations``)."""
from __future__ import annotations

import peewee as pw

from models.migrations import register_chain


def models() -> list:
    from models.handover import tables
    return list(tables.MODELS)


def migration_001(db: pw.Database) -> None:
    """Appointments, handovers with their keys and meter readings, defects, the key cabinet and its loans,
    lost keys, vacant-room inspections."""
    db.create_tables(models(), safe=True)
    # The start page asks for keys out and defects open: keep those small and quick.
    db.execute_sql("CREATE INDEX IF NOT EXISTS key_loan_out ON key_loan (due_at) WHERE returned_at IS NULL "
                   "AND NOT lost")
    db.execute_sql("CREATE INDEX IF NOT EXISTS handover_defect_open ON handover_defect (due_on) "
                   "WHERE state <> 'confirmed'")


register_chain("handover", [migration_001], models)
