"""Money's printed documents: receipt, refund slip, reminders, daily close sheet (registered as documents).

Each is gathered by its ``*_for(actor, ...)`` function in ``models.money.documents`` (which checks
that the actor may see accounts) and built by its module here; the window's previews make them
through the same registry entries as the command line's ``print``.
"""
from __future__ import annotations

import datetime as dt

from models import validation as v
from models.errors import InvalidInput
from models.i18n import _
from reports.pdf.records import room_named
from reports.pdf.registry import Document, Option, register_document

PAY_WITHIN = dt.timedelta(days=15)       # a reminder printed from the command line: pay within 15 days


def _receipt(actor, receipt_id: int, _options: dict) -> bytes:
    from models.money.documents import receipt_for
    from reports.pdf.money.receipt import build_receipt
    return build_receipt(receipt_for(actor, receipt_id))


def _receipt_name(receipt_id: int) -> str:
    from models.money.cashier import get_receipt
    from reports.pdf.money.receipt import TITLE
    return f"{TITLE} {get_receipt(receipt_id).serial}"


def _receipt_named(text: str) -> int:
    from models.money.cashier import find_receipt
    return find_receipt(text).id


def _refund(actor, refund_id: int, _options: dict) -> bytes:
    from models.money.documents import refund_for
    from reports.pdf.money.refund import build_refund
    return build_refund(refund_for(actor, refund_id))


def _refund_name(refund_id: int) -> str:
    from models.money.cashier import get_refund
    from reports.pdf.money.refund import TITLE
    return f"{TITLE} {get_refund(refund_id).serial}"


def _refund_named(text: str) -> int:
    from models.money.documents import find_refund
    return find_refund(text).id


def _close(actor, close_id: int, _options: dict) -> bytes:
    from models.money.documents import close_for
    from reports.pdf.money.daily_close import build_close
    return build_close(close_for(actor, close_id))


def _close_name(close_id: int) -> str:
    from models.money.ledger import DailyClose
    from reports.pdf.money.daily_close import TITLE
    close = DailyClose.get_or_none(DailyClose.id == close_id)
    return f"{TITLE} {close.serial}" if close else TITLE


def _close_named(text: str) -> int:
    from models.money.documents import find_close
    return find_close(text).id


def _reminders(actor, room_ids: list[int] | None, options: dict) -> bytes:
    """The reminder of one room, or of every room owing ``min_months`` or more (in room order)."""
    from models.money.documents import printed_room_label, reminders_for
    from models.records.estate import get_room
    from reports.pdf.money.reminder import build_reminders
    as_of = v.parse_date(options["as_of"], field="as_of") if options.get("as_of") else dt.date.today()
    min_months = v.integer(options.get("min_months") or "1", "min_months", low=1, high=600,
                           what="The number of months")
    docs = reminders_for(actor, as_of, as_of + PAY_WITHIN, min_months=min_months, room_ids=room_ids)
    if not docs and room_ids:
        raise InvalidInput(_("{room} owes nothing on {date}: there is no reminder to print.").format(
            room=printed_room_label(get_room(room_ids[0])), date=v.format_date_cn(as_of)))
    if not docs:
        raise InvalidInput(_("No room owes {n} months or more on {date}: no reminder to print.").format(
            n=min_months, date=as_of))
    return build_reminders(docs)


def _reminders_name(room_ids: list[int] | None) -> str:
    from models.records.estate import get_room
    from reports.pdf.money.reminder import TITLE
    return f"{TITLE} {get_room(room_ids[0]).code}" if room_ids and len(room_ids) == 1 else TITLE


RECEIPT = register_document(Document("receipt", "Receipt", "its number (2026-000123)",
                                     find=_receipt_named, make=_receipt, name=_receipt_name))
REFUND = register_document(Document("refund", "Refund slip", "its number (TK2026-000106)",
                                    find=_refund_named, make=_refund, name=_refund_name))
REMINDERS = register_document(Document(
    "reminders", "Arrears reminders", "a room, or none for every room in arrears",
    find=lambda text: [room_named(text).id] if (text or "").strip() else None, make=_reminders, name=_reminders_name,
    options=(Option("min_months", "rooms owing at least this many months", "1"),
             Option("as_of", "arrears as of this date (default today)"))))
CLOSE = register_document(Document("close", "Daily close sheet", "its number (RJ2026-000012) or the day closed",
                                   find=_close_named, make=_close, name=_close_name))
