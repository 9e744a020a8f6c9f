"""What every import shares (models/imports.py): its start, when it writes nothing, its report's summary."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from models.errors import InvalidInput, NotAllowed
from models.imports import ImportReport, start_import


@dataclass
class _Report(ImportReport):
    def recorded(self) -> str:
        return "3 things"


def _start(actor, kind="things", records=((2, {"a": 1}),), **how):
    return start_import(actor, "records.import", kind, {"things": ()}, records, _Report,
                        unknown="Unknown kind: {kind}", **how)


def test_an_import_starts_with_the_permission_the_kind_and_a_row(db, supervisor, clerk):
    with pytest.raises(NotAllowed):
        _start(clerk)
    with pytest.raises(InvalidInput, match="Unknown kind: stuff"):
        _start(supervisor, "stuff")
    with pytest.raises(InvalidInput, match="表头下面没有"):
        _start(supervisor, records=iter(()))
    records, report = _start(supervisor, records=iter([(2, {"a": 1}), (3, {"a": 2})]), dry_run=True, source="a.xlsx")
    assert records == [(2, {"a": 1}), (3, {"a": 2})]
    assert (report.kind, report.rows_read, report.dry_run, report.skip_invalid, report.source) == \
        ("things", 2, True, False, "a.xlsx")


def test_when_an_import_writes_nothing():
    report = _Report(kind="things", rows_read=2)
    assert not report.stops([1, 2]) and report.stops([])
    report.refused.append((3, "不对"))
    assert report.stops([1])
    report.skip_invalid = True
    assert not report.stops([1])
    report.dry_run = True
    assert report.stops([1])
    assert "试导入" in report.summary() and "第 3 行：不对" in report.summary()
