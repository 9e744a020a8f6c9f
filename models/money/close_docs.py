"""收款日结单 as printed, gathered from the books (plain frozen data, no ReportLab).

``close_for`` is what a printout asks for, from the window or the command line alike: it checks
that the actor may see accounts, then gathers the sheet. ``find_close`` reads the number the sheet
prints (RJ2026-000012), or a day that one person closed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import settings
from models import validation as v
from models.amounts import capital
from models.errors import InvalidInput, NotFound
from models.i18n import _
from models.money.closing import close_receipts, close_refunds, method_totals
from models.money.ledger import METHODS, DailyClose
from models.money.printed import RoomLabels, method_label
from models.records.estate import get_room
from models.validation import format_date_cn


@dataclass(frozen=True)
class CloseLine:
    """A receipt in the close; a voided one is listed, marked 作废 and not counted."""
    serial: str
    taken_at: dt.datetime
    room_label: str
    payer: str
    method: str
    method_label: str
    amount_fen: int
    voided: bool                     # voided by the time of the close: listed, not counted
    void_reason: str = ""
    voided_later: bool = False       # voided after the close: counted in the money handed over


@dataclass(frozen=True)
class CloseRefundLine:
    """A refund paid out of the drawer that day (退款): counted less in the close."""
    serial: str                      # TK2026-000001
    at: dt.datetime
    receipt_serial: str              # the receipt it refunds; "" if none
    room_label: str
    payee: str                       # 领款人
    method: str
    method_label: str
    amount_fen: int                  # paid out (positive; the sheet prints it less)
    reason: str


@dataclass(frozen=True)
class MethodTotal:
    """One method of the close: what was taken, what was paid back, and the net handed over (stored)."""
    method: str
    label: str
    count: int                       # receipts counted
    amount_fen: int                  # net: taken less refunded, as stored when the day was closed
    received_fen: int = 0
    refunds: int = 0
    refunded_fen: int = 0


@dataclass(frozen=True)
class CloseDoc:
    """收款日结单: a person's takings of a day, less the refunds they paid out, handed to finance."""
    close_no: str                    # RJ2026-000012
    clerk: str                       # 交款人 (经办人)
    day: dt.date
    closed_at: dt.datetime
    receipts: tuple[CloseLine, ...]
    totals: tuple[MethodTotal, ...]  # by method, in the order of METHODS
    total_fen: int                   # what was handed over: receipts not voided, less refunds (may be negative)
    capital: str
    confirmed_by: str                # 收款人 (财务); "" until finance receives it
    confirmed_at: dt.datetime | None
    office: str
    refunds: tuple[CloseRefundLine, ...] = ()

    @property
    def counted(self) -> int:
        return sum(1 for r in self.receipts if not r.voided)

    @property
    def voided(self) -> int:
        return sum(1 for r in self.receipts if r.voided)

    @property
    def received_fen(self) -> int:
        return sum(r.amount_fen for r in self.receipts if not r.voided)

    @property
    def refunded_fen(self) -> int:
        return sum(r.amount_fen for r in self.refunds)

    @property
    def own(self) -> bool:
        """Finance's own close (the refunds finance paid): received by its maker as it was made."""
        return bool(self.confirmed_by) and self.confirmed_by == self.clerk and self.confirmed_at == self.closed_at


def close_serial(close: DailyClose) -> str:
    """日结单 numbers, beside receipts (2026-000123) and refunds (TK2026-000001)."""
    return close.serial


class _RoomNames:
    """Each room of one close named once, as printed."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self.labels = RoomLabels()

    def __call__(self, room_id) -> str:
        if room_id and room_id not in self.names:
            self.names[room_id] = self.labels(get_room(room_id))
        return self.names.get(room_id, "")


def _receipt_lines(close: DailyClose, room_label) -> tuple[CloseLine, ...]:
    lines = []
    for r in close_receipts(close.id):
        # Only a void made by the time of the close takes the receipt out of its totals.
        voided = r.voided_at is not None and r.voided_at <= close.closed_at
        lines.append(CloseLine(r.serial, r.taken_at, room_label(r.room_id), r.payer, r.method,
                               method_label(r.method), r.total_fen, voided, r.void_reason or "",
                               voided_later=r.voided_at is not None and not voided))
    return tuple(lines)


def _refund_lines(close: DailyClose, room_label) -> tuple[CloseRefundLine, ...]:
    return tuple(CloseRefundLine(f.serial, f.at, f.receipt.serial if f.receipt_id else "", room_label(f.room_id),
                                 f.payee, f.method, method_label(f.method), f.amount_fen, f.reason)
                 for f in close_refunds(close.id))


def _method_totals(close: DailyClose, lines, refunds) -> tuple[MethodTotal, ...]:
    """By method: the net stored when the day was closed, beside what was taken and paid back."""
    stored = method_totals(close)
    counts: dict[str, int] = {}
    received: dict[str, int] = {}
    for line in lines:
        if not line.voided:
            counts[line.method] = counts.get(line.method, 0) + 1
            received[line.method] = received.get(line.method, 0) + line.amount_fen
    paid_back: dict[str, list[int]] = {}
    for refund in refunds:
        paid_back.setdefault(refund.method, []).append(refund.amount_fen)
    # A method whose takings were all paid back nets to nothing and is not stored: it is still a row.
    used = set(stored) | set(counts) | set(paid_back)
    order = [m for m in METHODS if m in used] + sorted(used - set(METHODS))
    return tuple(MethodTotal(m, method_label(m), counts.get(m, 0), stored.get(m, 0), received.get(m, 0),
                             len(paid_back.get(m, ())), sum(paid_back.get(m, ()))) for m in order)


def close_document(close_id: int) -> CloseDoc:
    """The daily close as printed. The totals are the ones stored when the day was closed: the
    money counted and handed over, net of the refunds the close lists."""
    close = DailyClose.get_or_none(DailyClose.id == close_id)
    if close is None:
        raise NotFound(_("No such daily close."))
    room_label = _RoomNames()
    lines = _receipt_lines(close, room_label)
    refunds = _refund_lines(close, room_label)
    return CloseDoc(
        close_no=close_serial(close), clerk=close.clerk, day=close.day, closed_at=close.closed_at,
        receipts=lines, totals=_method_totals(close, lines, refunds), total_fen=close.total_fen,
        capital=capital(close.total_fen), confirmed_by=close.confirmed_by or "", confirmed_at=close.confirmed_at,
        office=settings.office_name(), refunds=refunds)


def close_for(actor, close_id: int) -> CloseDoc:
    """The daily close sheet as ``actor`` prints it (the close page's preview and ``print close``)."""
    actor.require("money.view")
    return close_document(close_id)


def find_close(text: str) -> DailyClose:
    """The close a clerk names: its number as the sheet prints it (RJ2026-000012), or the day it
    closed when one person closed that day (several are named, to choose by number)."""
    if v.compact(text).upper().startswith("RJ"):
        year, number = v.serial(text, prefix="RJ", field="close", example="RJ2026-000012")
        close = DailyClose.get_or_none((DailyClose.year == year) & (DailyClose.number == number))
        if close is None:
            raise NotFound(_("No daily close {serial}.").format(serial=f"RJ{year}-{number:06d}"))
        return close
    try:
        day = v.parse_date(text, field="close")
    except InvalidInput:
        raise InvalidInput(_("{value} is neither a daily close number (e.g. RJ2026-000012) nor a day "
                             "(e.g. 2026-11-24).").format(value=v.shown(v.compact(text)[:40])), field="close") from None
    closes = list(DailyClose.select().where(DailyClose.day == day).order_by(DailyClose.year, DailyClose.number))
    if not closes:
        raise NotFound(_("Nobody closed {day}.").format(day=format_date_cn(day)))
    if len(closes) > 1:
        raise InvalidInput(_("{day} was closed {n} times ({serials}): name the one to print by its number.").format(
            day=format_date_cn(day), n=len(closes), serials="、".join(f"{c.serial}（{c.clerk}）" for c in closes)),
            field="close")
    return closes[0]
