"""Rosters an office already keeps (房屋/业主花名册), recorded in one go.

A reader (``reports/excel/records/importer.py``) turns a sheet into records: the
spreadsheet row number and a dict of field key → raw cell value. Here each
record is checked with the same rules as the desk's own operations (creating
a room, recording a person, registering an owner, a move-in), duplicates are
found inside the file and against the database, and everything is written in
one transaction, with one audit entry per created record.

Nothing is written when a row is refused, unless ``skip_invalid``; a
``dry_run`` checks everything and writes nothing. No Qt, no openpyxl.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from models.db import now
from models.errors import DomainError
from models.i18n import _
from models.imports import audit_import, import_tx, start_import
from models.records.importing.checks import Checker, check_people_roster, check_rooms_roster
from models.records.importing.fields import FIELDS, ROOM_FIELDS, ImportField, Progress, Record, UncalculatedFormula
from models.records.importing.report import RosterReport
from models.records.importing.rows import Plan, person_plan, room_plan
from models.records.importing.writing import count_new, write_people, write_room_states, write_rooms, write_ties

__all__ = ["import_records", "RosterReport", "ImportField", "FIELDS", "ROOM_FIELDS", "Record", "Progress",
           "UncalculatedFormula", "join_problems"]

PROGRESS_EVERY = 500


def join_problems(problems: list[str]) -> str:
    """A row's problems in one line: 证件号码为空；租期结束早于开始。"""
    if len(problems) == 1:
        return problems[0]
    parts = [p.rstrip("。. ") for p in problems]
    end = problems[-1][len(parts[-1]):].strip()
    return _("; ").join(parts) + end


# --- entry points -----------------------------------------------------------------------------------------

def import_records(actor, kind: str, records: Iterable[Record], *, skip_invalid: bool = False,
                   dry_run: bool = False, progress: Progress | None = None, source: str = "") -> RosterReport:
    """Check and record a roster: ``kind`` is "rooms" or "people".

    ``records`` are (spreadsheet row number, {field key: raw value}); the keys are those of
    ``FIELDS[kind]``. Returns the report; nothing is written when a row is refused unless
    ``skip_invalid``, and never on a ``dry_run``. ``progress(done, total)`` may raise
    ``Cancelled``: the transaction is then rolled back.
    """
    records, report = start_import(actor, "records.import", kind, FIELDS, records, RosterReport,
                                   unknown=_("Unknown kind of roster: {kind}"), skip_invalid=skip_invalid,
                                   dry_run=dry_run, source=source)
    make_plan = room_plan if kind == "rooms" else person_plan
    today = dt.date.today()
    total = len(records)
    plans: list[Plan] = []
    for done, (row, rec) in enumerate(records, 1):
        try:
            plans.append(make_plan(row, rec, today))
        except DomainError as error:    # a plan keeps its row's problems; this is one no check foresaw
            plans.append(Plan(row, "", role="", problems=[str(error)]))
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)

    with import_tx(report):
        checker = Checker(plans, report)
        if kind == "rooms":
            check_rooms_roster(plans, checker)
            rooms = {}
        else:
            rooms = check_people_roster(plans, checker)
        # One line per refused row, with every problem found in it.
        report.refused = sorted((p.row, join_problems(p.problems)) for p in plans if p.problems)
        good = [p for p in plans if p.row not in checker.refused_rows]
        report.people_matched = sum(1 for p in good if p.person is not None and p.person_key in checker.recorded_people)
        if report.stops(good):
            count_new(good, checker, report)
            if not dry_run:
                report.rooms_created = report.people_created = report.ties_created = 0
            return report
        stamp = now()
        if kind == "rooms":
            room_ids = write_rooms(actor, good, report, stamp)
        else:
            room_ids = {code: rid for code, (rid, _s) in rooms.items()}
        if progress:
            progress(total, total)
        person_ids = write_people(actor, good, checker, report, stamp)
        write_ties(actor, good, room_ids, person_ids, report, stamp)
        if kind == "people":
            write_room_states(actor, good, rooms)
        report.written = True
        audit_import(actor, f"import.{kind}", report)
        if progress:
            progress(total, total)
    return report
