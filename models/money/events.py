"""Money's lines on a room's timeline: receipts (voided ones said so) and refunds."""
from __future__ import annotations

from models.amounts import yuan
from models.i18n import _
from models.money.ledger import Receipt, Refund
from models.timeline import Event, timeline_source


@timeline_source("money")
def room_events(room_id: int) -> list[Event]:
    events = []
    for receipt in Receipt.select().where(Receipt.room == room_id):
        voided = _("(voided)") if receipt.voided_at else ""
        events.append(Event(receipt.taken_at, _("Receipt {serial}").format(serial=receipt.serial) + voided,
                            f"{receipt.payer} {yuan(receipt.total_fen)}", "receipt", receipt.id))
    for refund in Refund.select().where(Refund.room == room_id):
        events.append(Event(refund.at, _("Refund {serial}").format(serial=refund.serial),
                            f"{refund.payee} {yuan(refund.amount_fen)} {refund.reason}", "refund", refund.id))
    return events
