"""The integrity check (数据检查): is the database file sound, and do the records keep their rules?

``run_checks()`` runs every registered check and returns findings a supervisor
can read (errors, warnings, and "ok" lines); ``format_report()`` turns them into
the text the window shows and the command line prints. The core checks the file
itself (SQLite's integrity and references), the schema version and the audit
trail's coverage; each part adds the rules of its own records with
``@register_check`` (records: ID numbers, phones, ties; money: receipts,
deposits…) and declares with ``must_be_audited`` which of its records the audit
log must name. A check is a set-based query, or one pass over a table where the
rule lives in Python, so a 20,000-room estate is checked in seconds;
``finding``, ``query_finding`` and ``serial_findings`` phrase what it found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import peewee as pw

from models import migrations
from models.audit import AuditLog
from models.db import database, is_sqlite, now
from models.errors import Cancelled
from models.i18n import _
from models.serials import SerialCounter

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
    from models import parts
    parts.load("models")     # the parts register their checks (and what must be audited) as they load
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


# --- the audit trail -----------------------------------------------------------------


@dataclass(frozen=True)
class Audited:
    """A part's records that must each have an entry in the audit log (checked by "audit.coverage")."""
    model: type[pw.Model]
    columns: tuple                          # what names a record in the finding, selected in this order
    describe: Callable[[tuple], str]        # a row of ``columns`` as the supervisor reads it
    message: Callable[[], str]              # the translated sentence, with {count} and {examples}


AUDITED: list[Audited] = []


def must_be_audited(model: type[pw.Model], columns: tuple, describe: Callable[[tuple], str],
                    message: Callable[[], str]) -> None:
    """Declare that every record of ``model`` is created through an audited operation (a part's
    rooms, people, key loans…); the audit-coverage check names those the log never mentions."""
    AUDITED.append(Audited(model, tuple(columns), describe, message))


def unaudited(model: type[pw.Model]) -> pw.Expression:
    """True for a record of ``model`` that no audit log entry names."""
    entries = AuditLog.select(AuditLog.id).where((AuditLog.entity == model._meta.table_name)
                                                 & (AuditLog.entity_id == model.id))
    return ~pw.fn.EXISTS(entries)


@register_check("audit.coverage", "Audit trail", order=300)
def _audit_coverage() -> list[Finding]:
    findings: list[Finding] = []
    for audited in AUDITED:
        model = audited.model
        query = model.select(*audited.columns).where(unaudited(model)).order_by(model.id)
        findings += query_finding(WARNING, audited.message(), query, audited.describe)
    return findings
