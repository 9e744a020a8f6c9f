"""What the money documents print, gathered from the books: 收据, 退款单, 催缴通知, 收款日结单.

Plain frozen data for ``reports.pdf.money.receipt``, ``reports.pdf.money.refund``, ``reports.pdf.money.reminder``
and ``reports.pdf.money.daily_close``; no Qt, no ReportLab. Everything a printout needs is
here (the office's name and phone included), so the PDF builders never touch the
database and a document can be built, compared and printed again from its data.

This module gathers the reminders and names every document's data in one place: the receipt and
the refund slip are gathered in ``receipt_docs``, the daily close sheet in ``close_docs``, and
what they all print alike (the method, the room, the letterhead) in ``printed``. A printout asks
for a document through its ``*_for(actor, ...)`` function, which checks the actor may see accounts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

import peewee as pw

from models.amounts import capital
from models.errors import InvalidInput
from models.i18n import _
from models.money.arrears import arrears_of_room, estate_arrears
from models.money.charging import month_label
from models.money.close_docs import (CloseDoc, CloseLine, CloseRefundLine, MethodTotal, close_document, close_for,
                                     close_serial, find_close)
from models.money.ledger import AREA_MONTHLY
from models.money.printed import PRINTED_USES, RoomLabels, method_label, office_lines, printed_room_label
from models.money.receipt_docs import (ReceiptDoc, ReceiptDocLine, RefundDoc, RefundNote, find_refund, receipt_document,
                                       receipt_for, refund_document, refund_for)
from models.records.estate import Building, Entrance, Room, get_room
from models.records.people import CO_OWNER, OWNER, TENANT, current_parties
from models.validation import format_date_cn

__all__ = [
    # what every document prints alike
    "PRINTED_USES", "RoomLabels", "method_label", "office_lines", "printed_room_label",
    # 收据, 退款单
    "ReceiptDoc", "ReceiptDocLine", "RefundDoc", "RefundNote", "find_refund", "receipt_document", "receipt_for",
    "refund_document", "refund_for",
    # 催缴通知
    "ReminderDoc", "ReminderItem", "month_ranges", "reminder_document", "reminder_documents", "reminders_for",
    # 收款日结单
    "CloseDoc", "CloseLine", "CloseRefundLine", "MethodTotal", "close_document", "close_for", "close_serial",
    "find_close",
]


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
    office, phone, address = office_lines()
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


def reminders_for(actor, as_of: dt.date, pay_by: dt.date, *, min_months: int = 1, room_ids=None,
                  issued_on: dt.date | None = None, progress=None) -> list[ReminderDoc]:
    """The reminders of a print run as ``actor`` prints them (the arrears page and ``print reminders``);
    see ``reminder_documents``."""
    actor.require("money.view")
    return reminder_documents(as_of, pay_by, min_months=min_months, room_ids=room_ids, issued_on=issued_on,
                              progress=progress)
