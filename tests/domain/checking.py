"""Reading the integrity check's findings, and planting problems for it, in the check tests."""
from __future__ import annotations

from models.check import OK
from models.db import database


def problems(findings, level=None):
    """The findings that are not OK (of ``level`` only, when given)."""
    return [f for f in findings if f.level != OK and (level is None or f.level == level)]


def sql(statement, params=()):
    """Run ``statement`` on the database as it is, bypassing the models (to plant a problem)."""
    database.obj.execute_sql(statement, params)


def one(findings, key, level):
    """The message of the one finding of check ``key`` at ``level`` (fails unless there is exactly one)."""
    found = [f for f in findings if f.check == key and f.level == level]
    assert len(found) == 1, [f.message for f in findings if f.level != OK]
    return found[0].message
