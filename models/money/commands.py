"""Money's verbs of the command line: ``charge month`` (raise a month's fees, once per month)."""
from __future__ import annotations

import datetime as dt

from models import validation as v
from models.amounts import yuan
from models.commands import group, progress_printer, verb
from models.errors import InvalidInput
from models.i18n import _

group("charge", "raise charges")


def _month_arguments(parser) -> None:
    parser.add_argument("month", nargs="?", default="", metavar=_("MONTH"), help=_("the month, e.g. 2026-11 (default: this month)"))
    parser.add_argument("--backdate", action="store_true",
                        help=_("allow a month before the office's first charged month or more than a year back"))


@verb("charge month", "raise a month's fees (once per month)", arguments=_month_arguments)
def charge_month(actor, args) -> None:
    from models.money.charging import backdate_reason, generate_month, month_plan
    month = v.month(args.month) if args.month else dt.date.today().replace(day=1)
    why = backdate_reason(month)
    if why and not args.backdate:
        raise InvalidInput(_("{why} Check the month; if it really was never charged, run again with --backdate.")
                           .format(why=why))
    if why:
        # Say what the back-dated run raises before it does: the log of a scheduled job keeps it.
        plan = month_plan(month)
        print(_("Back-dated run: {why} It raises {lines} charges for {rooms} rooms, {total}.").format(
            why=why, lines=plan.lines, rooms=plan.rooms, total=yuan(plan.total_fen)))
    run = generate_month(actor, month, backdate=args.backdate, progress=progress_printer(_("Raising charges")))
    print(_("{month}: {lines} charges for {rooms} rooms, {total}.").format(
        month=f"{run.month:%Y-%m}", lines=run.lines, rooms=run.rooms, total=yuan(run.total_fen)))
