"""Money: fees, payments, deposits, receipts and arrears (DOMAIN.md "Money"; seed 004 场景三).

Everything is integer fen. Who may do what is declared here, once.
"""
from __future__ import annotations

from models.audit import describe_actions, describe_entities, describe_fields, describe_values
from models.serials import SerialKind, register_kind
from models.users import (ADMIN, CLERK, COMMAND_LINE, CS_SUPERVISOR, DIRECTOR, ENG_SUPERVISOR, FINANCE,
                          register_permission)

# The core's registries this part fills (tests/test_parts.py holds it to exactly these).
BRINGS = ("models", "permissions", "audit", "serials", "settings", "lists", "checks", "demo", "timeline", "verbs",
          "labels", "documents", "importers", "pages", "start", "room_actions", "room_tabs", "openers")

# The computer's account (the command line without --user) reads too: its allowed jobs print
# receipts and reminders and export the money registers.
register_permission("money.view", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, FINANCE, DIRECTOR, ADMIN, COMMAND_LINE},
                    "see accounts")
# Seed 004 场景三: when finance is away the clerk takes the money and issues the receipt.
register_permission("money.take", {CLERK, CS_SUPERVISOR, FINANCE, DIRECTOR}, "take payments")
register_permission("money.void", {FINANCE, CS_SUPERVISOR, DIRECTOR}, "void receipts or refund")
register_permission("money.charge", {FINANCE, CS_SUPERVISOR, DIRECTOR, ADMIN}, "raise charges")
register_permission("money.rates", {FINANCE, DIRECTOR, ADMIN}, "change rates")
register_permission("money.confirm", {FINANCE}, "receive the day's takings")
register_permission("money.opening", {FINANCE, DIRECTOR, ADMIN}, "import opening balances")

describe_actions({
    "rate.set": "Rate set", "charge.month": "Monthly charges raised", "charge.add": "Charge raised",
    "receipt.issue": "Receipt issued", "receipt.void": "Receipt voided", "refund.issue": "Refund paid",
    "deposit.refund": "Deposit refunded", "deposit.forfeit": "Deposit forfeited", "close.day": "Daily close",
    "close.confirm": "Takings received by finance", "opening.import": "Opening balances imported",
    "credit.apply": "Prepaid credit applied",
})
describe_entities({"charge_item": "Charge item", "rate": "Rate", "charge_run": "Monthly charging",
                   "charge": "Charge", "receipt": "Receipt", "refund": "Refund", "deposit": "Deposit",
                   "daily_close": "Daily close", "deposit_movement": "Deposit movement",
                   "credit_entry": "Prepaid credit", "allocation": "Payment allocation",
                   "receipt_line": "Receipt line", "opening": "Opening balances"})

# How the audit log names money's fields (修改前/修改后).
describe_fields({
    "year": "Year", "payer": "Payer", "payee": "Payee", "method": "Payment method", "total_fen": "Total",
    "amount_fen": "Amount", "held_fen": "Deposit held", "settled_fen": "Settled", "amount": "Rate",
    "clerk": "Taken by", "clerk_user_id": "Clerk's user no.", "by": "Handled by", "by_user_id": "Handler's user no.",
    "created_by": "Recorded by", "with_finance": "Taken by finance", "close": "Daily close record no.",
    "receipt": "Receipt record no.", "item": "Charge item record no.", "run": "Monthly charging record no.",
    "voided_at": "Voided at", "voided_by": "Voided by", "void_reason": "Reason for voiding",
    "cancelled_at": "Cancelled at", "cancel_reason": "Reason for cancelling", "reason": "Reason", "at": "Time",
    "day": "Day", "closed_at": "Closed at", "receipts": "Receipts", "by_method": "By payment method",
    "confirmed_by": "Received by (finance)", "confirmed_at": "Received by finance at", "month": "Month",
    "period": "Month charged", "lines": "Lines", "rooms": "Rooms", "due_date": "Due date", "source": "Source",
    "effective_from": "Effective from", "kind": "Kind", "rows": "Rows", "backdate": "Back-dated",
})


def _serial(year: int, number: int) -> str:
    return f"{year}-{number:06d}"


def _model(name: str):
    def model():
        from models.money import ledger
        return getattr(ledger, name)
    return model


# Its numbered registers, each gapless per year (receipts 2026-000123, refunds TK2026-000004, closes).
register_kind(SerialKind("receipt", "Receipts", _model("Receipt"), _serial, order=440))
register_kind(SerialKind("refund", "Refunds", _model("Refund"), lambda y, n: f"TK{_serial(y, n)}", order=441))
register_kind(SerialKind("daily_close", "Daily closes", _model("DailyClose"), lambda y, n: f"RJ{_serial(y, n)}", order=442))


def _method_shown(key):
    from models.i18n import _
    from models.money.ledger import METHODS
    return _(METHODS[key]) if key in METHODS else key


describe_values({"method": _method_shown})

from models.money import events  # noqa: E402,F401  (its lines on a room's timeline)
from models.money import migrations  # noqa: E402,F401  (its schema chain)
from models.money import commands  # noqa: E402,F401  (its verbs of the command line)
from models.money import checks, demo_money  # noqa: E402,F401  (its checks and demo step)
