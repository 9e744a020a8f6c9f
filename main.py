"""Property desk: the front desk of a residential property-management office.

    python main.py [--db PATH_OR_URL]                     the window
    python main.py --db X demo [--rooms N]                a generated estate
    python main.py --db X import rooms|people|opening-arrears|opening-deposits FILE.xlsx [--skip-invalid] [--dry-run]
    python main.py --db X export rooms|people|id_copies|audit|receipts|deposits|arrears --out FILE.xlsx
    python main.py --db X charge month [2026-11]          raise a month's fees (once per month)
    python main.py --db X print card|receipt|reminders [ROOM|SERIAL] --out FILE.pdf
    python main.py --db X check                           integrity check
    python main.py --db X user add NAME --role ROLE       (password in PMDESK_PASSWORD)

The command line never prompts: it acts as ``--user NAME`` (password from the
PMDESK_PASSWORD environment variable) or as the computer's account, marked as
the command line in the audit log. It exits non-zero with a one-line reason.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from models.errors import DomainError
from models.i18n import _, set_language

EXPORTABLE = ("rooms", "people", "id_copies", "audit", "receipts", "deposits", "arrears")


class UsageError(Exception):
    """The command line itself is wrong (an unknown verb, a missing argument)."""


def _argparse_speaks_our_language() -> None:
    """argparse's own words (usage:, options, "invalid choice") go through the program's catalogue."""
    argparse._ = lambda text: _(text) if text else text
    argparse.ngettext = lambda singular, plural, n: _(singular if n == 1 else plural)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing its usage and exiting: the caller says it in one line."""

    def error(self, message: str):
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="database file or URL (postgresql://user:pass@host/name); default: the user's data folder")
    common.add_argument("--user", default=argparse.SUPPRESS,
                        help="act as this user (password from the PMDESK_PASSWORD environment variable)")
    common.add_argument("--lang", default=argparse.SUPPRESS, choices=("zh_CN", "en"), help="zh_CN (default) or en")
    common.add_argument("--create", action="store_true", default=argparse.SUPPRESS,
                        help="make a new, empty database at --db if none is there (never over an existing file)")

    parser = _Parser(prog="main.py", parents=[common], description="Property-management front desk (物业前台)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo", parents=[common], help="fill the database with a realistic generated office")
    demo.add_argument("--rooms", type=int, default=600, help="number of rooms (10 to 50,000)")
    demo.add_argument("--seed", type=int, default=2026)

    imp = sub.add_parser("import", parents=[common], help="import a room or people roster from xlsx")
    imp.add_argument("kind", choices=("rooms", "people", "opening-arrears", "opening-deposits"))
    imp.add_argument("file")
    imp.add_argument("--skip-invalid", action="store_true", help="write the good rows even if some are refused")
    imp.add_argument("--dry-run", action="store_true", help="check the file, write nothing")

    exp = sub.add_parser("export", parents=[common], help="export a list to xlsx")
    exp.add_argument("list", choices=EXPORTABLE)
    exp.add_argument("--out", required=True)
    exp.add_argument("--search", default="", help="the same filter text as the list's search box")
    exp.add_argument("--unmasked", action="store_true", help="full ID and phone numbers (director/admin)")
    exp.add_argument("--as-of", default="", help="arrears: as of this date (default today)")
    exp.add_argument("--year", default="", help="receipts: only this year's")

    prn = sub.add_parser("print", parents=[common], help="print a document to PDF")
    prn.add_argument("document", choices=("card", "receipt", "reminders"))
    prn.add_argument("target", nargs="?", default="",
                     help="card: the room (3-2-1201); receipt: its number (2026-000123); reminders: a room, or none "
                          "for every room in arrears")
    prn.add_argument("--out", required=True)
    prn.add_argument("--min-months", default="1", help="reminders: rooms owing at least this many months")
    prn.add_argument("--as-of", default="", help="reminders: arrears as of this date (default today)")

    chg = sub.add_parser("charge", parents=[common], help="raise charges")
    chg.add_argument("what", choices=("month",))
    chg.add_argument("month", nargs="?", default="", help="the month, e.g. 2026-11 (default: this month)")
    chg.add_argument("--backdate", action="store_true",
                     help="allow a month before the office's first charged month or more than a year back")

    sub.add_parser("check", parents=[common], help="check the database's integrity")

    usr = sub.add_parser("user", parents=[common], help="manage users")
    usr_sub = usr.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    add = usr_sub.add_parser("add", parents=[common])
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("clerk", "cs_supervisor", "eng_supervisor", "finance",
                                                       "director", "admin"))
    add.add_argument("--name", default="", help="the person's name as printed on forms")
    usr_sub.add_parser("list", parents=[common])
    return parser


def _progress_printer(label: str):
    """A terminal progress line for long work (only when attached to a terminal)."""
    if not sys.stderr.isatty():
        return None
    state = {"last": -1}

    def progress(done: int, total: int | None) -> None:
        pct = int(done * 100 / total) if total else -1
        if pct != state["last"]:
            state["last"] = pct
            sys.stderr.write(f"\r{label} {pct}%" if pct >= 0 else f"\r{label} {done}")
            sys.stderr.flush()
    return progress


# The verbs that the computer's account runs as allowed jobs (models.users.require_job).
JOBS = {"export": "export", "print": "print", "check": "check"}


def _open(args) -> None:
    """Open the database; a new one only where that is meant (the default place, --create, or a demo)."""
    from models.db import default_target, open_database
    target = getattr(args, "db", None)
    if target is not None and not target.strip():
        from models.errors import DatabaseRefused
        raise DatabaseRefused(_("No database was named: give a file path or a postgresql:// address."))
    # The default data-folder database may always be made (models.db); PMDESK_DB or --db only with --create.
    create = bool(getattr(args, "create", False)) or args.command == "demo"
    open_database(target or default_target(), create=create)


def run_command(args) -> int:
    from models import validation as v
    from models.users import cli_actor, require_job

    _open(args)
    actor = cli_actor(getattr(args, "user", None))
    if args.command in JOBS:
        require_job(actor, JOBS[args.command])

    if args.command == "demo":
        from models import demo
        summary = demo.generate(actor, rooms=args.rooms, seed=args.seed, progress=_progress_printer(_("Generating")))
        print("\n".join(summary.lines()))
    elif args.command == "import":
        if args.kind.startswith("opening-"):
            from reports.excel.money.opening import import_opening_file
            report = import_opening_file(actor, args.kind.split("-", 1)[1], Path(args.file),
                                         skip_invalid=args.skip_invalid, dry_run=args.dry_run,
                                         progress=_progress_printer(_("Importing")))
        else:
            from reports.excel.records.importer import import_file
            report = import_file(actor, args.kind, Path(args.file), skip_invalid=args.skip_invalid,
                                 dry_run=args.dry_run, progress=_progress_printer(_("Importing")))
        print(report.summary())
        if report.refused and not args.skip_invalid:
            return 1
    elif args.command == "export":
        from models.listing import get_list
        from reports.excel.writer import export_list
        spec = get_list(args.list)
        filters = {}
        if args.as_of:
            filters["as_of"] = v.parse_date(args.as_of, field="as_of")
        if args.year:
            filters["year"] = v.year(args.year)
        rows = export_list(spec, Path(args.out), actor, filters=filters, text=v.search_text(args.search),
                           reveal=args.unmasked,
                           progress=_progress_printer(_("Exporting")))
        print(_("{rows} rows written to {path}").format(rows=rows, path=args.out))
    elif args.command == "print":
        data = _print_document(actor, args)
        _write_output(Path(args.out), data)
        print(_("Written: {path}").format(path=args.out))
    elif args.command == "charge":
        _charge_month(actor, args)
    elif args.command == "check":
        from models.check import format_report, run_checks
        findings = run_checks()
        print(format_report(findings))
        return 1 if any(f.level == "error" for f in findings) else 0
    elif args.command == "user":
        from models import users
        if args.user_command == "list":
            for u in users.list_users():
                print(f"{u.username}\t{u.display_name}\t{users.role_label(u.role)}\t"
                      f"{_('active') if u.active else _('disabled')}")
        else:
            password = os.environ.get("PMDESK_NEW_PASSWORD") or os.environ.get("PMDESK_PASSWORD")
            if not password:
                raise DomainError(_("Put the new user's password in the PMDESK_NEW_PASSWORD environment variable."))
            user = users.create_user(actor, args.username, args.name or args.username, args.role, password)
            print(_("User {name} created.").format(name=user.username))
    return 0


def _charge_month(actor, args) -> None:
    import datetime as dt
    from models import validation as v
    from models.amounts import yuan
    from models.money.charging import generate_month
    from models.money.charging import backdate_reason, month_plan
    month = v.month(args.month) if args.month else dt.date.today().replace(day=1)
    if not args.backdate and backdate_reason(month):
        from models.errors import InvalidInput
        raise InvalidInput(_("{why} Check the month; if it really was never charged, run again with --backdate.")
                           .format(why=backdate_reason(month)))
    if args.backdate and backdate_reason(month):
        # Say what the back-dated run raises before it does: the log of a scheduled job keeps it.
        plan = month_plan(month)
        print(_("Back-dated run: {why} It raises {lines} charges for {rooms} rooms, {total}.").format(
            why=backdate_reason(month), lines=plan.lines, rooms=plan.rooms, total=yuan(plan.total_fen)))
    run = generate_month(actor, month, backdate=args.backdate, progress=_progress_printer(_("Raising charges")))
    print(_("{month}: {lines} charges for {rooms} rooms, {total}.").format(
        month=f"{run.month:%Y-%m}", lines=run.lines, rooms=run.rooms, total=yuan(run.total_fen)))


def _write_output(path: Path, data: bytes) -> None:
    """Write a document where the job asked; a folder that is missing or closed is said plainly."""
    from models.errors import InvalidInput
    from reports.excel.writer import check_destination
    check_destination(path, "document.pdf")
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InvalidInput(_("Cannot write {path}: {reason}").format(path=path, reason=error.strerror or error))


def _room(text: str):
    from models.errors import InvalidInput, NotFound
    from models.records.estate import find_room
    if not text.strip():
        raise InvalidInput(_("Name the room, e.g. 3-2-1201 or 3栋2单元1201."))
    room = find_room(text)
    if room is None:
        raise NotFound(_("No room {room}.").format(room=text))
    return room


def _print_document(actor, args) -> bytes:
    import datetime as dt
    from models import validation as v
    from models.errors import InvalidInput
    if args.document == "card":
        from models.records.cards import owner_card_for
        from reports.pdf.records.owner_card import build_owner_card
        return build_owner_card(owner_card_for(actor, _room(args.target).id))
    if args.document == "receipt":
        from models.money.cashier import find_receipt
        from models.money.documents import receipt_document
        from reports.pdf.money.receipt import build_receipt
        actor.require("money.view")
        return build_receipt(receipt_document(find_receipt(args.target).id))
    from models.money.arrears import estate_arrears
    from models.money.documents import reminder_document
    from reports.pdf.money.reminder import build_reminders
    actor.require("money.view")
    as_of = v.parse_date(args.as_of) if args.as_of else dt.date.today()
    min_months = v.integer(args.min_months, "min_months", low=1, high=600, what="The number of months")
    rooms = [_room(args.target).id] if args.target else [
        row["room_id"] for row in estate_arrears(as_of, min_months=min_months)]
    if not rooms:
        raise InvalidInput(_("No room owes {n} months or more on {date}: no reminder to print.").format(
            n=min_months, date=as_of))
    return build_reminders([reminder_document(rid, as_of, as_of + dt.timedelta(days=15)) for rid in rooms])


def _say(message: str) -> None:
    """The one line a failed command prints (on stderr), whatever went wrong."""
    text = " ".join(str(message).split())
    print(f"{_('Error')}: {text}", file=sys.stderr)


def _log_unexpected(error: BaseException) -> Path | None:
    """Keep the details of a fault for the maintainer; the clerk reads one line."""
    import datetime as dt
    import traceback
    from models.paths import user_data_dir
    try:
        folder = user_data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "command-line-errors.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {' '.join(sys.argv)}\n")
            log.write("".join(traceback.format_exception(error)))
        return path
    except OSError:
        return None


def _quiet_stdout() -> None:
    """The reader of our output went away (``check | head -1``): say nothing more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    set_language("zh_CN")
    _argparse_speaks_our_language()
    try:
        args = _parser().parse_args(argv)
    except UsageError as error:
        _say(_("{problem}. See main.py --help.").format(problem=error))
        return 2
    set_language(getattr(args, "lang", None) or "zh_CN")
    if not args.command:
        from ui.app import run_gui
        return run_gui(getattr(args, "db", None), getattr(args, "user", None), create=getattr(args, "create", False))
    import peewee as pw
    try:
        code = run_command(args)
        sys.stdout.flush()
        return code
    except DomainError as error:
        _say(str(error))
        return 1
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    except KeyboardInterrupt:
        _say(_("Interrupted; nothing half-written was kept."))
        return 130
    except pw.DatabaseError as error:
        from models.db import explain
        _say(explain(error))
        return 1
    except Exception as error:  # the last net: a fault is logged, never shown as a traceback
        log = _log_unexpected(error)
        _say(_("The program met an unexpected fault ({kind}); nothing half-written was kept. Details: {log}").format(
            kind=type(error).__name__, log=log or "-"))
        return 3


if __name__ == "__main__":
    sys.exit(main())
