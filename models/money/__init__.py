"""Money: fees, payments, deposits, receipts and arrears (DOMAIN.md "Money"; seed 004 场景三).

Everything is integer fen. Who may do what is declared here, once.
"""
from __future__ import annotations

from models.audit import describe_actions, describe_entities
from models.users import (ADMIN, CLERK, COMMAND_LINE, CS_SUPERVISOR, DIRECTOR, ENG_SUPERVISOR, FINANCE,
                          register_permission)

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
