"""收据 and 退款单 as printed, gathered from the books (plain frozen data, no ReportLab).

``receipt_for`` and ``refund_for`` are what a printout asks for, from the window or the command
line alike: they check that the actor may see accounts, then gather the document.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models import settings
from models.amounts import capital, yuan
from models.i18n import _
from models.money.cashier import find_by_serial, get_receipt, get_refund, refunds_of_receipt
from models.money.ledger import Allocation, Charge, ReceiptLine, Refund
from models.money.printed import method_label, printed_room_label
from models.records.estate import get_room
from models.validation import format_date_cn

# --- 收据 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptDocLine:
    """One printed line: 物业管理费 2026年10月-12月 | 3 | 1,500.00.

    ``quantity`` is the count of a desk item (出入证押金 3), the months a fee line covers, or
    ``None`` where nothing is counted (a prepayment)."""
    label: str
    quantity: int | None
    amount_fen: int


@dataclass(frozen=True)
class RefundNote:
    """A refund paid against a receipt, as its reprint notes it: 已退款 ¥100.00（TK2026-000106）."""
    serial: str
    amount_fen: int
    date: dt.date


@dataclass(frozen=True)
class ReceiptDoc:
    """收据: one receipt as every one of its three parts prints it."""
    serial: str                      # 2026-000123
    date: dt.date                    # the day the money was taken
    payer: str                       # 交款人
    room_label: str                  # 3栋2单元1201; "" for a receipt with no room
    lines: tuple[ReceiptDocLine, ...]
    total_fen: int
    capital: str                     # 人民币大写: 壹仟伍佰元整
    method: str                      # cash, card …
    method_label: str                # 现金 …
    clerk: str                       # 收款人
    note: str                        # 备注
    office: str                      # the letterhead
    voided: bool = False
    void_reason: str = ""
    voided_by: str = ""
    voided_on: dt.date | None = None
    refunds: tuple[RefundNote, ...] = ()      # paid against it since it was issued

    @property
    def date_text(self) -> str:
        return format_date_cn(self.date)

    @property
    def total_text(self) -> str:
        return yuan(self.total_fen)

    @property
    def refunded_fen(self) -> int:
        return sum(r.amount_fen for r in self.refunds)


def _line_label(line: ReceiptLine) -> str:
    """The cashier writes 出入证押金 ×3 into the label; the receipt has a 数量 column for the 3."""
    suffix = f" ×{line.quantity}"
    if line.quantity > 1 and line.label.endswith(suffix):
        return line.label[:-len(suffix)]
    return line.label


def _line_quantity(line: ReceiptLine) -> int | None:
    if line.kind == "prepayment":
        return None
    if line.kind == "charges":
        # Voided allocations count too: a voided receipt reprints as it was issued.
        months = (Charge.select(pw.fn.COUNT(pw.fn.DISTINCT(Charge.period))).join(Allocation)
                  .where((Allocation.line == line.id) & Charge.period.is_null(False)).scalar())
        return months or line.quantity
    return line.quantity


def receipt_document(receipt_id: int) -> ReceiptDoc:
    """The receipt as printed (a voided one carries who voided it, when and why)."""
    receipt = get_receipt(receipt_id)
    room = get_room(receipt.room_id) if receipt.room_id else None
    lines = tuple(ReceiptDocLine(_line_label(line), _line_quantity(line), line.amount_fen)
                  for line in receipt.lines.order_by(ReceiptLine.id))
    return ReceiptDoc(
        serial=receipt.serial, date=receipt.taken_at.date(), payer=receipt.payer,
        room_label=printed_room_label(room) if room else "", lines=lines, total_fen=receipt.total_fen,
        capital=capital(receipt.total_fen), method=receipt.method, method_label=method_label(receipt.method),
        clerk=receipt.clerk, note=receipt.note or "", office=settings.office_name(),
        voided=receipt.voided_at is not None, void_reason=receipt.void_reason or "",
        voided_by=receipt.voided_by or "", voided_on=receipt.voided_at.date() if receipt.voided_at else None,
        refunds=tuple(RefundNote(r.serial, r.amount_fen, r.at.date()) for r in refunds_of_receipt(receipt.id)))


def receipt_for(actor, receipt_id: int) -> ReceiptDoc:
    """The receipt as ``actor`` prints it (the window's preview and the command line's ``print receipt``)."""
    actor.require("money.view")
    return receipt_document(receipt_id)


# --- 退款单 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefundDoc:
    """退款单: money given back, as the slip the payee signs for prints it."""
    serial: str                      # TK2026-000106
    date: dt.date                    # the day it was paid
    payee: str                       # 领款人
    room_label: str                  # 3栋2单元1201; "" if none
    amount_fen: int
    capital: str                     # 人民币大写
    method: str
    method_label: str                # 现金 …
    reason: str
    by: str                          # 经办人: who paid it out
    office: str
    receipt_serial: str = ""         # the receipt refunded; "" (an opening deposit's refund has none)
    receipt_date: dt.date | None = None
    receipt_total_fen: int = 0
    refunded_before_fen: int = 0     # paid back on that receipt by earlier refunds

    @property
    def date_text(self) -> str:
        return format_date_cn(self.date)

    @property
    def amount_text(self) -> str:
        return yuan(self.amount_fen)

    @property
    def refunded_so_far_fen(self) -> int:
        """What the receipt has had back, this refund included."""
        return self.refunded_before_fen + self.amount_fen


def refund_document(refund_id: int) -> RefundDoc:
    """A refund as its slip prints it, with the receipt it refunds and what that receipt had back before."""
    refund = get_refund(refund_id)
    room = get_room(refund.room_id) if refund.room_id else None
    receipt = get_receipt(refund.receipt_id) if refund.receipt_id else None
    before = sum(r.amount_fen for r in refunds_of_receipt(receipt.id) if r.id < refund.id) if receipt else 0
    return RefundDoc(
        serial=refund.serial, date=refund.at.date(), payee=refund.payee,
        room_label=printed_room_label(room) if room else "", amount_fen=refund.amount_fen,
        capital=capital(refund.amount_fen), method=refund.method, method_label=method_label(refund.method),
        reason=refund.reason, by=refund.by, office=settings.office_name(),
        receipt_serial=receipt.serial if receipt else "", receipt_date=receipt.taken_at.date() if receipt else None,
        receipt_total_fen=receipt.total_fen if receipt else 0, refunded_before_fen=before)


def refund_for(actor, refund_id: int) -> RefundDoc:
    """The refund slip as ``actor`` prints it (the window's preview and the command line's ``print refund``)."""
    actor.require("money.view")
    return refund_document(refund_id)


def find_refund(serial: str) -> Refund:
    """``TK2026-000106`` (as the slip prints it) → the refund."""
    return find_by_serial(Refund, serial, prefix="TK", example="TK2026-000106", missing=_("No refund {serial}."))
