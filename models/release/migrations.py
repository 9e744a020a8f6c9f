"""The release part's schema: its chain of migrations (see ``models.migrations``)."""
from __future__ import annotations

import secrets

import peewee as pw

from models.migrations import register_chain


def models() -> list:
    from models.release import slips
    return list(slips.MODELS)


def migration_001(db: pw.Database) -> None:
    """Release slips and their goods, calls to owners, the director's approvals, the check-code key."""
    from models.release.slips import ReleaseKey
    db.create_tables(models(), safe=True)
    # The follow-up lists and the start page ask for unused slips: keep that small and quick.
    db.execute_sql("CREATE INDEX IF NOT EXISTS release_slip_open ON release_slip (valid_until) WHERE state = 'issued'")
    if not ReleaseKey.select().exists():
        ReleaseKey.create(secret=secrets.token_hex(32))


register_chain("release", [migration_001], models)
