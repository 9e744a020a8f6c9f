"""The renovation part's schema: its chain of migrations (see ``models.migrations``)."""
from __future__ import annotations

import peewee as pw

from models.migrations import register_chain


def models() -> list:
    from models.renovation import works
    return list(works.MODELS)


def migration_001(db: pw.Database) -> None:
    """Contractors, applications and their workers, inspections, rectification notices, escalations."""
    db.create_tables(models(), safe=True)
    # The daily inspection list and the start page ask for the renovations on site: keep that quick.
    db.execute_sql("CREATE INDEX IF NOT EXISTS renovation_on_site ON renovation (room_id) "
                   "WHERE state IN ('in_works', 'suspended', 'completion')")
    db.execute_sql("CREATE INDEX IF NOT EXISTS inspection_last ON inspection (renovation_id, at)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS rectification_open ON rectification_notice (deadline) "
                   "WHERE state = 'open'")


register_chain("renovation", [migration_001], models)
