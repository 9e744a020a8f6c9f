"""The integrity check (数据检查): is the database file sound, and do the records keep their rules?

``run_checks()`` runs every registered check and returns findings a supervisor
can read (errors, warnings, and "ok" lines); ``format_report()`` turns them into
the text the window shows and the command line prints. Each check is a set-based
query, or one pass over a table where the rule lives in Python (ID check digits,
phone normal forms, pinyin initials), so a 20,000-room estate is checked in
seconds. A module with rules of its own (receipts, deposits, keys...) adds its
checks with ``@register_check``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import peewee as pw

from models import migrations
from models import validation as v
from models.audit import AuditLog
from models.db import database, is_sqlite, now
from models.errors import Cancelled, InvalidInput
from models.records.estate import LET, Room, label_from_code
from models.i18n import _
from models.serials import SerialCounter
from models.records.people import OWNER, TENANT, Person, Phone, RoomParty, initials_of, sort_key_of

ERROR, WARNING, OK = "error", "warning", "ok"
LEVELS = {ERROR: "Error", WARNING: "Warning", OK: "OK"}
EXAMPLES = 5   # problems named in a finding; the count says how many there are


@dataclass(frozen=True)
class Finding:
    level: str          # "error" | "warning" | "ok"
    message: str        # already translated: the sentence the supervisor reads
    check: str = ""     # key of the check that found it


@dataclass(frozen=True)
class Check:
    key: str
    title: str                                   # English source, translated when shown
    run: Callable[[], Iterable[Finding]]
    order: int = 500
    sqlite_only: bool = False


CHECKS: dict[str, Check] = {}


def register_check(key: str, title: str, *, order: int = 500, sqlite_only: bool = False):
    """Register a check: a function returning its findings (none when all is well)."""
    def register(fn):
        CHECKS[key] = Check(key, title, fn, order, sqlite_only)
        return fn
    return register


def serial_findings(model, kind: str, what: str, show) -> list[Finding]:
    """A numbered register's gaps (any part's: receipts, refunds, slips…): per year, numbers 1..max,
    each once, and the serial counter of ``kind`` standing at the last one. ``model`` has ``year``
    and ``number``; ``show(year, number)`` prints a number as the form does."""
    stats = (model.select(model.year, pw.fn.COUNT(model.id), pw.fn.COUNT(pw.fn.DISTINCT(model.number)),
                          pw.fn.MIN(model.number), pw.fn.MAX(model.number))
             .group_by(model.year).order_by(model.year).tuples())
    counters = dict(SerialCounter.select(SerialCounter.year, SerialCounter.last)
                    .where(SerialCounter.kind == kind).tuples())
    findings = []
    for year, count, distinct, low, high in stats:
        if count != distinct or low != 1 or high != count:
            numbers = [n for (n,) in model.select(model.number).where(model.year == year).order_by(model.number)
                       .tuples()]
            seen, doubles = set(), []
            for n in numbers:
                if n in seen:
                    doubles.append(n)
                seen.add(n)
            missing = [n for n in range(1, high + 1) if n not in seen]
            if missing:
                findings.append(Finding(ERROR, _("{what} of {year}: {count} numbers between 1 and {last} are missing "
                                                 "(e.g. {examples}).").format(
                    what=what, year=year, count=len(missing), last=high,
                    examples="、".join(show(year, n) for n in missing[:5]))))
            if doubles or low < 1:
                findings.append(Finding(ERROR, _("{what} of {year}: numbers used twice or below 1 (e.g. {examples}).")
                                        .format(what=what, year=year, examples="、".join(
                                            show(year, n) for n in (doubles or [low])[:5]))))
        last = counters.get(year, 0)
        if last != high:
            findings.append(Finding(ERROR, _("{what} of {year}: the counter stands at {counter} but the last number "
                                             "issued is {last}; the next one would be skipped or used twice.").format(
                what=what, year=year, counter=last, last=high)))
    issued = {year for year, *_rest in stats}
    for year, last in sorted(counters.items()):
        if year not in issued and last:
            findings.append(Finding(ERROR, _("{what} of {year}: the counter stands at {counter} but none was issued.")
                                    .format(what=what, year=year, counter=last)))
    return findings


def run_checks(progress=None) -> list[Finding]:
    """Every registered check, in order. ``progress(done, total)`` may raise ``Cancelled``."""
    checks = sorted(CHECKS.values(), key=lambda c: c.order)
    findings: list[Finding] = []
    for i, check in enumerate(checks):
        if progress is not None:
            progress(i, len(checks))
        title = _(check.title)
        if check.sqlite_only and not is_sqlite():
            findings.append(Finding(OK, _("{title}: checked by the database server, not here.").format(title=title),
                                    check.key))
            continue
        try:
            found = [f if f.check else Finding(f.level, f.message, check.key) for f in check.run()]
        except Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - a check that cannot run is itself a finding, not a crash
            found = [Finding(ERROR, _("{title}: the check could not run ({reason}).").format(title=title, reason=exc),
                             check.key)]
        findings += found or [Finding(OK, _("{title}: no problems found.").format(title=title), check.key)]
    if progress is not None:
        progress(len(checks), len(checks))
    return findings


def format_report(findings: list[Finding]) -> str:
    """The report as text: a headline with the counts, then one line per finding, errors first."""
    errors = sum(f.level == ERROR for f in findings)
    warnings = sum(f.level == WARNING for f in findings)
    rank = {ERROR: 0, WARNING: 1, OK: 2}
    lines = [_("Integrity check of {when}: {errors} errors, {warnings} warnings.").format(
        when=now().strftime("%Y-%m-%d %H:%M"), errors=errors, warnings=warnings)]
    for finding in sorted(findings, key=lambda f: rank.get(f.level, 3)):
        lines.append(f"[{_(LEVELS.get(finding.level, finding.level))}] {finding.message}")
    return "\n".join(lines)


# --- helpers ----------------------------------------------------------------------


def _examples(items: list[str], count: int) -> str:
    # Items that carry a reason are sentences of their own: separate them more strongly than names.
    shown = ("；" if any("：" in i or ": " in i for i in items[:EXAMPLES]) else "、").join(items[:EXAMPLES])
    if count > EXAMPLES:
        return _("{shown} and {more} more").format(shown=shown, more=count - EXAMPLES)
    return shown


def finding(level: str, message: str, items: list[str], count: int | None = None) -> list[Finding]:
    """One finding naming the first few problems, or none when there are none."""
    count = len(items) if count is None else count
    if not count:
        return []
    return [Finding(level, message.format(count=count, examples=_examples(items, count)))]


def _person(pid: int, name: str, reason: str = "") -> str:
    text = _("{name} (No. {id})").format(name=name, id=pid)
    return _("{what}: {reason}").format(what=text, reason=reason.rstrip("。.")) if reason else text


def query_finding(level: str, message: str, query: pw.Select, describe: Callable[[tuple], str]) -> list[Finding]:
    """A finding from a query of problem rows: counted in SQL, the first few named."""
    count = query.count()
    if not count:
        return []
    items = [describe(row) for row in query.limit(EXAMPLES).tuples()]
    return finding(level, message, items, count)


# --- the database file -------------------------------------------------------------


@register_check("sqlite.integrity", "Database file integrity", order=10, sqlite_only=True)
def _integrity() -> list[Finding]:
    rows = [r[0] for r in database.obj.execute_sql("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return []
    return [Finding(ERROR, _("The database file is damaged: {details}").format(details="; ".join(rows[:EXAMPLES])))]


@register_check("sqlite.foreign_keys", "References between records", order=20, sqlite_only=True)
def _foreign_keys() -> list[Finding]:
    broken: dict[str, int] = {}
    for table, *_rest in database.obj.execute_sql("PRAGMA foreign_key_check").fetchall():
        broken[table] = broken.get(table, 0) + 1
    return [Finding(ERROR, _("{count} records of table {table} point at records that do not exist.").format(
        count=count, table=table)) for table, count in sorted(broken.items())]


@register_check("schema.version", "Schema version", order=30)
def _schema_version() -> list[Finding]:
    found = migrations.current_version(database.obj)
    if found == migrations.LATEST:
        return []
    return [Finding(ERROR, _("The schema version is {found}; this program expects {latest}.").format(
        found=found, latest=migrations.LATEST))]


# --- people -----------------------------------------------------------------------


@register_check("people.id_numbers", "ID numbers", order=100)
def _id_numbers() -> list[Finding]:
    """Each stored number passes the check a clerk's entry passes, and its derived columns follow it."""
    invalid, mismatch, bad_rev = [], [], []
    query = Person.select(Person.id, Person.name, Person.id_type, Person.id_number, Person.id_rev, Person.gender,
                          Person.birth_date).tuples()
    for pid, name, id_type, number, rev, gender, born in query.iterator():
        if not number:
            if rev:
                bad_rev.append(_person(pid, name))
            continue
        try:
            normal = v.id_document(id_type, number)
        except InvalidInput as exc:
            invalid.append(_person(pid, name, str(exc)))
            continue
        if normal != number:
            invalid.append(_person(pid, name, _("not in the standard form ({number})").format(number=normal)))
        if rev != number[::-1]:
            bad_rev.append(_person(pid, name))
        if id_type == v.ID_MAINLAND and (gender != v.gender_from_id(number)
                                         or born != v.mainland_id_birth_date(number)):
            mismatch.append(_person(pid, name))
    return (finding(ERROR, _("{count} people have an invalid ID number: {examples}"), invalid)
            + finding(ERROR, _("{count} people have a gender or birth date that does not match their ID number: "
                                "{examples}"), mismatch)
            + finding(ERROR, _("{count} people have an ID search key that does not match their ID number "
                                "(searching by the last digits will miss them): {examples}"), bad_rev))


@register_check("people.initials", "Pinyin initials of names", order=110)
def _initials() -> list[Finding]:
    if not initials_of("张"):
        return [Finding(WARNING, _("Pinyin initials cannot be checked: the pypinyin package is not installed."))]
    expected: dict[str, tuple[str, str]] = {}
    wrong, unsorted = [], []
    for pid, name, initials, key in Person.select(Person.id, Person.name, Person.initials,
                                                   Person.sort_key).tuples().iterator():
        if name not in expected:
            expected[name] = (initials_of(name), sort_key_of(name))
        if initials != expected[name][0]:
            wrong.append(_person(pid, name))
        if key != expected[name][1]:
            unsorted.append(_person(pid, name))
    return (finding(WARNING, _("{count} people have pinyin initials that do not match their name "
                                "(searching by initials will miss them): {examples}"), wrong)
            + finding(WARNING, _("{count} people have a pinyin sort key that does not match their name "
                                  "(lists will show them out of order): {examples}"), unsorted))


def _normal_phone(number: str) -> str | None:
    try:
        return v.phone(number)
    except InvalidInput:
        return None


@register_check("people.phones", "Phone numbers", order=120)
def _phones() -> list[Finding]:
    unusual, bad_rev = [], []
    query = (Phone.select(Phone.number, Phone.number_rev, Person.id, Person.name).join(Person).tuples())
    for number, rev, pid, name in query.iterator():
        if _normal_phone(number) != number:
            unusual.append(_person(pid, name, number))
        if rev != number.replace("-", "")[::-1]:
            bad_rev.append(_person(pid, name, number))
    emergency = [_person(pid, name, number) for pid, name, number in
                 Person.select(Person.id, Person.name, Person.emergency_phone)
                 .where(Person.emergency_phone != "").tuples().iterator()
                 if _normal_phone(number) != number]
    primaries = (Phone.select(Phone.person, Person.name).join(Person).group_by(Phone.person, Person.name)
                 .having(pw.fn.SUM(pw.Case(None, [(Phone.is_primary == True, 1)], 0)) != 1))  # noqa: E712
    return (finding(ERROR, _("{count} phone numbers are not in the standard form: {examples}"), unusual)
            + finding(ERROR, _("{count} phone numbers have a search key that does not match the number "
                                "(searching by the last digits will miss them): {examples}"), bad_rev)
            + finding(ERROR, _("{count} emergency-contact phones are not in the standard form: {examples}"),
                       emergency)
            + query_finding(WARNING, _("{count} people with phones have no primary phone, or more than one: "
                                        "{examples}"), primaries, lambda row: _person(*row)))


# --- ties to rooms ------------------------------------------------------------------


def _tie_label(row: tuple) -> str:
    code, name = row
    return f"{label_from_code(code)} {name}"


@register_check("ties.owners", "Current owner of each room", order=200)
def _two_owners() -> list[Finding]:
    rooms = (RoomParty.select(Room.code).join(Room)
             .where((RoomParty.role == OWNER) & RoomParty.end_date.is_null())
             .group_by(Room.id, Room.code).having(pw.fn.COUNT(RoomParty.id) > 1))
    return query_finding(ERROR, _("{count} rooms have more than one current owner: {examples}"), rooms,
                          lambda row: label_from_code(row[0]))


@register_check("ties.dates", "Dates of ties and leases", order=210)
def _tie_dates() -> list[Finding]:
    def ties(condition):
        return (RoomParty.select(Room.code, Person.name).join_from(RoomParty, Room).join_from(RoomParty, Person)
                .where(condition).order_by(RoomParty.id))
    return (query_finding(ERROR, _("{count} ties to rooms end before they start: {examples}"),
                           ties(RoomParty.end_date < RoomParty.start_date), _tie_label)
            + query_finding(ERROR, _("{count} tenancies have a lease that ends before it starts: {examples}"),
                             ties((RoomParty.role == TENANT) & (RoomParty.lease_end < RoomParty.start_date)),
                             _tie_label))


@register_check("rooms.let", "Rooms let and their tenants", order=220)
def _let_rooms() -> list[Finding]:
    tenanted = RoomParty.select(RoomParty.room).where((RoomParty.role == TENANT) & RoomParty.end_date.is_null())
    def rooms(condition):
        return Room.select(Room.code).where(condition).order_by(Room.code)
    describe = lambda row: label_from_code(row[0])  # noqa: E731
    return (query_finding(WARNING, _("{count} rooms are let but have no current tenant: {examples}"),
                           rooms((Room.state == LET) & Room.id.not_in(tenanted)), describe)
            + query_finding(WARNING, _("{count} rooms have a current tenant but are not in the state “let”: "
                                        "{examples}"), rooms((Room.state != LET) & Room.id.in_(tenanted)), describe))


# --- audit trail and summary ----------------------------------------------------------


def _unaudited(model: type[pw.Model]) -> pw.Expression:
    entries = AuditLog.select(AuditLog.id).where((AuditLog.entity == model._meta.table_name)
                                                 & (AuditLog.entity_id == model.id))
    return ~pw.fn.EXISTS(entries)


@register_check("audit.coverage", "Audit trail", order=300)
def _audit_coverage() -> list[Finding]:
    return (query_finding(WARNING, _("{count} rooms have no entry in the audit log: {examples}"),
                           Room.select(Room.code).where(_unaudited(Room)).order_by(Room.id),
                           lambda row: label_from_code(row[0]))
            + query_finding(WARNING, _("{count} people have no entry in the audit log: {examples}"),
                             Person.select(Person.id, Person.name).where(_unaudited(Person)).order_by(Person.id),
                             lambda row: _person(*row)))


@register_check("summary", "Record counts", order=1000)
def _summary() -> list[Finding]:
    def current(role):
        return RoomParty.select().where((RoomParty.role == role) & RoomParty.end_date.is_null()).count()
    return [Finding(OK, _("Records: {rooms} rooms, {people} people, {owners} current owners, {tenants} current "
                          "tenants, {audit} audit entries.").format(
        rooms=Room.select().count(), people=Person.select().count(), owners=current(OWNER),
        tenants=current(TENANT), audit=AuditLog.select().count()))]


# Parts with rules of their own register their checks when imported.
from models import parts  # noqa: E402

parts.load("models", "checks")
