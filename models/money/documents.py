"""What the money documents print, gathered from the books: 收据, 退款单, 催缴通知, 收款日结单.

Plain frozen data for ``reports.pdf.money.receipt``, ``reports.pdf.money.refund``, ``reports.pdf.money.reminder``
and ``reports.pdf.money.daily_close``; no Qt, no ReportLab. Everything a printout needs is
here (the office's name and phone included), so the PDF builders never touch the
database and a document can be built, compared and printed again from its data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

import peewee as pw

from models import settings
from models.errors import InvalidInput, NotFound
from models.records.estate import Building, Entrance, Room, get_room
from models.i18n import _
from models.amounts import capital, yuan
from models.money.arrears import arrears_of_room, estate_arrears
from models.money.cashier import get_receipt, get_refund, refunds_of_receipt
from models.money.charging import month_label
from models.money.closing import close_receipts, close_refunds, method_totals
from models.money.ledger import AREA_MONTHLY, METHODS, PRINTED_METHODS, Allocation, Charge, DailyClose, ReceiptLine
from models.records.people import CO_OWNER, OWNER, TENANT, current_parties
from models.validation import format_date_cn


def method_label(key: str) -> str:
    """The method as printed: always Chinese (a form is Chinese whatever the screen language)."""
    return PRINTED_METHODS.get(key, key)


def _office() -> tuple[str, str, str]:
    return settings.office_name(), settings.shown("office.phone"), settings.shown("office.address")


# --- the room as printed -----------------------------------------------------------------

# Printed words: Chinese whatever the screen language (FORMS.md).
PRINTED_USES = {"residential": "住宅", "shop": "商铺", "office": "写字楼", "parking": "车位", "storage": "储藏室"}


class RoomLabels:
    """The room as a form names it, for one document or one print run.

    A room of a residential building is 3栋2单元1201. A parking space, or any room of a building
    with no homes in it (a garage P1, a storage block), is not in a 栋 at all: it prints as its
    use and its code, 车位 P1-B1022, instead of the meaningless P1栋B1022. Which buildings hold
    homes is asked once per run, not once per room.
    """

    def __init__(self) -> None:
        self._homes: dict[int, bool] = {}

    def _has_homes(self, building_id: int) -> bool:
        if building_id not in self._homes:
            self._homes[building_id] = (Room.select().where((Room.building == building_id)
                                                            & (Room.use == "residential")).exists())
        return self._homes[building_id]

    def __call__(self, room: Room) -> str:
        if room.use == "parking" or not self._has_homes(room.building_id):
            return f"{PRINTED_USES.get(room.use, '')} {room.code}".strip()
        return room.label


def printed_room_label(room: Room) -> str:
    """One room as printed (see ``RoomLabels``)."""
    return RoomLabels()(room)


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


# --- 催缴通知 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderItem:
    """One kind of charge owed: 物业管理费 | 2026年8月-11月 | 4 | ¥895.00.

    Charges with no month (an opening balance, a one-off charge) of an item make a row of their own."""
    name: str
    periods: str                     # the months owed as ranges; "" for charges with no month
    months: int
    amount_fen: int
    opening: bool = False            # an opening balance (期初欠费) carried over from before the program
    note: str = ""                   # the notes of charges with no month (补收2025年水费)


@dataclass(frozen=True)
class ReminderDoc:
    """催缴通知 for one room."""
    room_id: int
    room_code: str                   # 3-2-1201
    room_label: str                  # 3栋2单元1201; 车位 P1-B1022
    owners: tuple[str, ...]          # owner and co-owners
    tenants: tuple[str, ...]         # current tenants (who pay the fee of a let room)
    as_of: dt.date                   # 截至
    pay_by: dt.date                  # 请于 … 前
    issued_on: dt.date               # the notice's date
    months: int                      # months of management fee owed
    months_list: tuple[dt.date, ...]  # those months (the first of each)
    fee_fen: int                     # what is owed on those months of management fee
    amount_fen: int                  # everything owed
    capital: str
    items: tuple[ReminderItem, ...]
    office: str
    office_phone: str
    office_address: str

    @property
    def occupant(self) -> str:
        """Who the notice is for: the tenant of a let room, else the owner."""
        return (self.tenants or self.owners or ("",))[0]

    @property
    def months_text(self) -> str:
        return month_ranges(self.months_list)

    @property
    def others_owed(self) -> bool:
        """Something besides the management fee is owed (parking, an opening balance …)."""
        return self.amount_fen != self.fee_fen


def month_ranges(months) -> str:
    """Consecutive months as ranges: 2025年12月-2026年2月、2026年5月."""
    ordered = sorted(set(months))
    if not ordered:
        return ""
    # Months in a run have month-number minus position constant.
    runs = [[m for _i, m in group] for _k, group in
            groupby(enumerate(ordered), key=lambda p: p[1].year * 12 + p[1].month - p[0])]
    parts = []
    for run in runs:
        first, last = run[0], run[-1]
        if first == last:
            parts.append(month_label(first))
        elif first.year == last.year:
            parts.append(f"{month_label(first)}-{last.month}月")
        else:
            parts.append(f"{month_label(first)}-{month_label(last)}")
    return "、".join(parts)


def _reminder_items(lines) -> tuple[ReminderItem, ...]:
    """The owed charges by item, the management fee first; an item's monthly charges in one row,
    its charges with no month in another."""
    groups: dict[tuple[int, bool], list] = {}
    for charge, owed in lines:
        groups.setdefault((charge.item_id, charge.period is None), []).append((charge, owed))
    rows = []
    for (_item_id, undated), pairs in groups.items():
        item = pairs[0][0].item
        periods = sorted({c.period for c, _o in pairs if c.period})
        notes = dict.fromkeys(c.note for c, _o in pairs if undated and c.note)
        row = ReminderItem(item.name, month_ranges(periods), len(periods), sum(o for _c, o in pairs),
                           opening=undated and all(c.source == "opening" for c, _o in pairs), note="；".join(notes))
        rows.append(((item.kind != AREA_MONTHLY, item.sort_order, undated), row))
    return tuple(row for _key, row in sorted(rows, key=lambda r: r[0]))


def reminder_document(room_id: int, as_of: dt.date, pay_by: dt.date, *,
                      issued_on: dt.date | None = None, labels: RoomLabels | None = None) -> ReminderDoc:
    """The arrears reminder of a room: what it owes on ``as_of``, to be paid by ``pay_by``."""
    labels = labels or RoomLabels()
    issued_on = issued_on or dt.date.today()
    if pay_by < as_of:
        raise InvalidInput(_("The date to pay by cannot be before {date}.").format(date=format_date_cn(as_of)),
                           field="pay_by")
    room = get_room(room_id)
    arrears = arrears_of_room(room_id, as_of)
    if arrears.amount_fen <= 0:
        raise InvalidInput(_("{room} owes nothing on {date}: there is no reminder to print.").format(
            room=labels(room), date=format_date_cn(as_of)))
    # The months of management fee the notice names; anything else owed is "其他费用".
    fee_lines = [(c, o) for c, o in arrears.lines if c.item.kind == AREA_MONTHLY and c.period]
    months = sorted({c.period for c, _o in fee_lines})
    parties = current_parties(room_id, (OWNER, CO_OWNER, TENANT))
    office, phone, address = _office()
    return ReminderDoc(
        room_id=room.id, room_code=room.code, room_label=labels(room),
        owners=tuple(p.person.name for p in parties if p.role in (OWNER, CO_OWNER)),
        tenants=tuple(p.person.name for p in parties if p.role == TENANT),
        as_of=as_of, pay_by=pay_by, issued_on=issued_on, months=len(months), months_list=tuple(months),
        fee_fen=sum(o for _c, o in fee_lines), amount_fen=arrears.amount_fen, capital=capital(arrears.amount_fen),
        items=_reminder_items(arrears.lines), office=office, office_phone=phone, office_address=address)


def reminder_documents(as_of: dt.date, pay_by: dt.date, *, min_months: int = 1, room_ids=None,
                       issued_on: dt.date | None = None, progress=None) -> list[ReminderDoc]:
    """Reminders for a print run: the given rooms (one owing nothing is left out), or every room
    owing ``min_months`` or more of management fee, in room order.

    ``progress(done, total)`` is called once a room (a window runs several hundred rooms in the
    background and can cancel by raising from it)."""
    chosen = room_ids is not None
    if not chosen:
        # In room order, as the notices are delivered (the arrears list is by amount).
        owing = [row["room_id"] for row in estate_arrears(as_of, min_months)]
        room_ids = [r.id for r in Room.select(Room.id).join(Building).switch(Room).join(Entrance)
                    .where(Room.id.in_(owing))
                    .order_by(pw.fn.LENGTH(Building.code), Building.code, Entrance.code, Room.floor, Room.number)] \
            if owing else []
    docs = []
    labels = RoomLabels()
    if progress:
        progress(0, len(room_ids))
    for done, room_id in enumerate(room_ids, 1):
        try:
            docs.append(reminder_document(room_id, as_of, pay_by, issued_on=issued_on, labels=labels))
        except InvalidInput:
            if not chosen:
                raise
            # a chosen room that owes nothing gets no notice
        if progress:
            progress(done, len(room_ids))
    return docs


# --- 收款日结单 ---------------------------------------------------------------------------------


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


def close_document(close_id: int) -> CloseDoc:
    """The daily close as printed. The totals are the ones stored when the day was closed: the
    money counted and handed over, net of the refunds the close lists."""
    close = DailyClose.get_or_none(DailyClose.id == close_id)
    if close is None:
        raise NotFound(_("No such daily close."))
    rooms: dict[int, str] = {}
    labels = RoomLabels()

    def room_label(room_id) -> str:
        if room_id and room_id not in rooms:
            rooms[room_id] = labels(get_room(room_id))
        return rooms.get(room_id, "")

    lines = []
    for r in close_receipts(close.id):
        # Only a void made by the time of the close takes the receipt out of its totals.
        voided = r.voided_at is not None and r.voided_at <= close.closed_at
        lines.append(CloseLine(r.serial, r.taken_at, room_label(r.room_id), r.payer, r.method,
                               method_label(r.method), r.total_fen, voided, r.void_reason or "",
                               voided_later=r.voided_at is not None and not voided))
    refunds = tuple(CloseRefundLine(f.serial, f.at, f.receipt.serial if f.receipt_id else "", room_label(f.room_id),
                                    f.payee, f.method, method_label(f.method), f.amount_fen, f.reason)
                    for f in close_refunds(close.id))
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
    totals = tuple(MethodTotal(m, method_label(m), counts.get(m, 0), stored.get(m, 0), received.get(m, 0),
                               len(paid_back.get(m, ())), sum(paid_back.get(m, ()))) for m in order)
    return CloseDoc(
        close_no=close_serial(close), clerk=close.clerk, day=close.day, closed_at=close.closed_at,
        receipts=tuple(lines), totals=totals, total_fen=close.total_fen, capital=capital(close.total_fen),
        confirmed_by=close.confirmed_by or "", confirmed_at=close.confirmed_at, office=settings.office_name(),
        refunds=refunds)
