"""The money registers: receipts, deposits held, arrears (each a ListSpec, so screen and export agree)."""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models import validation as v
from models.errors import InvalidInput
from models.records.estate import Building, Entrance, Room
from models.i18n import _, label_table
from models.listing import Column, ListSpec, group_concat, prefix, register
from models.money.ledger import DEPOSIT, METHODS, Charge, ChargeItem, DailyClose, Deposit, Receipt, ReceiptLine, Refund
from models.records.people import CO_OWNER, OWNER, Person, Phone, RoomParty


def method_label(key: str) -> str:
    return _(METHODS.get(key, key))


def _owners_of(room_field):
    rp, p = RoomParty.alias("rp_m"), Person.alias("p_m")
    return (rp.select(group_concat(p.name)).join(p, on=(rp.person == p.id))
            .where((rp.room == room_field) & rp.end_date.is_null() & rp.role.in_((OWNER, CO_OWNER))))


def _owner_phone_of(room_field):
    rp, ph = RoomParty.alias("rp_mp"), Phone.alias("ph_m")
    return (ph.select(ph.number).join(rp, on=(rp.person == ph.person))
            .where((rp.room == room_field) & rp.end_date.is_null() & (rp.role == OWNER) & (ph.is_primary == True))  # noqa
            .limit(1))


# --- receipts --------------------------------------------------------------------------

def _receipt_status():
    return pw.Case(None, [(Receipt.voided_at.is_null(False), "voided"), (Receipt.with_finance == True, "finance"),  # noqa
                          (DailyClose.confirmed_at.is_null(False), "handed"), (Receipt.close.is_null(False), "closed")],
                   "open")


# A receipt number as one integer (year × 10⁶ + number) that every database can select and sort;
# shown as 2026-000123.
SERIAL = Receipt.year * 1_000_000 + Receipt.number


def serial_text(value) -> str:
    return f"{int(value) // 1_000_000}-{int(value) % 1_000_000:06d}" if value else ""


RECEIPT_STATES = label_table("money.receipt_states", {
    "voided": "Voided", "finance": "Taken by finance", "handed": "Handed to finance",
    "closed": "Closed, not yet received", "open": "Not yet handed over"})


def _receipt_text(query, text):
    t = v.compact(text).upper().replace("NO.", "")
    if t[:4].isdigit() and "-" in t:
        try:
            year, number = v.serial(t if t.partition("-")[2] else t + "0")
        except InvalidInput:             # 2026-99999999999… is no receipt: nothing, not an overflow
            return query.where(Receipt.id == -1)
        return query.where((Receipt.year == year) & (Receipt.number == number))
    if t and t[0].isdigit():
        return query.where(prefix(Room.code, t))
    return query.where(prefix(Receipt.payer, v.clean_text(text)))


def _status_filter(query, status):
    conditions = {"voided": Receipt.voided_at.is_null(False),
                  "not_handed": Receipt.voided_at.is_null() & (Receipt.with_finance == False)  # noqa: E712
                  & DailyClose.confirmed_at.is_null()}
    return query.where(conditions[status]) if status in conditions else query


def _refunded():
    """What was paid back against the receipt (its fees and its deposits), summed in SQL; empty if nothing."""
    refund = Refund.alias("refund_r")
    return refund.select(pw.fn.SUM(refund.amount_fen)).where(refund.receipt == Receipt.id)


# Widths in characters (a Chinese character counts two) as the columns' contents run: 2026-000123,
# 3-2-1201, a name of two to four characters, 12,345.00. The items (物业管理费 2026年8月-10月；
# 出入证押金 ×3) are the widest, and on screen the column that takes what the window has left;
# a void reason is rare and short, its tooltip has it all.
def _clerk_named(text) -> str:
    """A receipt's clerk as the list shows them (the name printed on receipts), typed as that name
    or as the user's sign-in name; a former clerk no longer on the users list is taken as typed."""
    from models.users import User
    name = v.text(text, "clerk", required=True)
    user = User.get_or_none(User.username == name)
    return user.display_name if user is not None else name


RECEIPTS = register(ListSpec(
    key="receipts", title="Receipts", id_expr=Receipt.id, default_sort="serial", default_descending=True,
    permission="money.view",
    base=lambda: (Receipt.select().join_from(Receipt, Room, pw.JOIN.LEFT_OUTER)
                  .join_from(Receipt, DailyClose, pw.JOIN.LEFT_OUTER)),
    columns=[
        Column("serial", "Receipt no.", SERIAL, width=14, sort=(Receipt.year, Receipt.number), display=serial_text),
        Column("year", "Year", Receipt.year, kind="int", width=4),
        Column("taken_at", "Received at", Receipt.taken_at, kind="datetime", width=16),
        Column("room", "Room", Room.code, width=9),
        Column("payer", "Payer", Receipt.payer, width=8),
        Column("items", "Items", ReceiptLine.select(group_concat(ReceiptLine.label, "；"))
               .where(ReceiptLine.receipt == Receipt.id), width=44, sortable=False),
        Column("method", "Method", Receipt.method, width=6, display=method_label),
        Column("total", "Amount", Receipt.total_fen, kind="money", width=10),
        Column("refunded", "Refunded", _refunded(), kind="money", width=8,
               sort=(pw.fn.COALESCE(_refunded(), 0),)),
        Column("clerk", "Received by", Receipt.clerk, width=6),
        Column("status", "Status", _receipt_status(), width=12, display=lambda s: _(RECEIPT_STATES.get(s, s))),
        Column("void_reason", "Void reason", Receipt.void_reason, width=10),
    ],
    text_filter=_receipt_text,
    filters={"method": lambda q, m: q.where(Receipt.method == m), "status": _status_filter,
             "year": lambda q, y: q.where(Receipt.year == v.year(y)),
             "clerk": lambda q, c: q.where(Receipt.clerk == c),
             "from": lambda q, d: q.where(Receipt.taken_at >= dt.datetime.combine(v.parse_date(d), dt.time())),
             "to": lambda q, d: q.where(Receipt.taken_at <= dt.datetime.combine(v.parse_date(d), dt.time.max))},
    filter_values={"method": v.choice(METHODS, "Method"), "year": v.year, "clerk": _clerk_named, "from": v.parse_date, "to": v.parse_date,
                   "status": v.choice({"not_handed": RECEIPT_STATES["open"], "voided": RECEIPT_STATES["voided"]},
                                    "Status")},
))

# --- deposits ----------------------------------------------------------------------------


def _deposit_item(text) -> str:
    """A kind of deposit, typed as its code or its name (装修保证金)."""
    items = dict(ChargeItem.select(ChargeItem.code, ChargeItem.name).where(ChargeItem.kind == DEPOSIT)
                 .order_by(ChargeItem.sort_order).tuples())
    return v.label_key(text, items, "Deposit", "item")


DEPOSIT_STATES = label_table("money.deposit_states", {"held": "Held", "part": "Partly refunded", "settled": "Refunded or kept"})


def _deposit_status():
    return pw.Case(None, [(Deposit.held_fen == Deposit.amount_fen, "held"), (Deposit.held_fen > 0, "part")],
                   "settled")


DEPOSITS = register(ListSpec(
    key="deposits", title="Deposits", id_expr=Deposit.id, default_sort="taken_on", default_descending=True,
    permission="money.view",
    base=lambda: (Deposit.select().join_from(Deposit, ChargeItem).join_from(Deposit, Room, pw.JOIN.LEFT_OUTER)
                  .join_from(Deposit, ReceiptLine, pw.JOIN.LEFT_OUTER)
                  .join_from(ReceiptLine, Receipt, pw.JOIN.LEFT_OUTER)),
    # For whom (a person or a contractor's company) takes what the window has left on screen.
    columns=[
        Column("taken_on", "Taken on", Deposit.taken_on, kind="date", width=10),
        Column("room", "Room", Room.code, width=9),
        Column("payer", "For whom", Deposit.payer, width=16),
        Column("item", "Deposit", ChargeItem.name, width=10),
        Column("quantity", "Quantity", Deposit.quantity, kind="int", width=4),
        Column("amount", "Taken", Deposit.amount_fen, kind="money", width=10),
        Column("held", "Held", Deposit.held_fen, kind="money", width=10),
        Column("status", "Status", _deposit_status(), width=8, display=lambda s: _(DEPOSIT_STATES.get(s, s))),
        Column("receipt", "Receipt no.", SERIAL, width=12, display=serial_text),
        Column("source", "Source", Deposit.source, width=4,
               display=lambda s: {"receipt": "收据", "opening": "期初"}.get(s, s)),
    ],
    text_filter=lambda q, t: q.where(prefix(Room.code, v.compact(t).upper()) | prefix(Deposit.payer, t)),
    filters={"held": lambda q, only: q.where(Deposit.held_fen > 0) if only else q,
             "item": lambda q, code: q.where(ChargeItem.code == code)},
    filter_values={"held": v.yes_no("Held"), "item": _deposit_item},
))

# --- arrears ------------------------------------------------------------------------------


def _owed_subquery(as_of: dt.date):
    """Per room: what is owed on charges due by ``as_of``, from the open-charge index (today's figures)."""
    months = pw.fn.COUNT(pw.fn.DISTINCT(Charge.period))      # months of any monthly fee owed
    return (Charge.select(Charge.room.alias("room_id"), pw.fn.SUM(Charge.amount_fen - Charge.settled_fen).alias("owed"),
                          months.alias("months"), pw.fn.MIN(Charge.period).alias("since"))
            .where((Charge.settled_fen < Charge.amount_fen) & Charge.cancelled_at.is_null()
                   & (Charge.due_date <= as_of))
            .group_by(Charge.room))


def _owed_past_subquery(as_of: dt.date):
    """The same on a past date: charges due by then, less what was paid by then (and not voided by then)."""
    from models.money.ledger import Allocation
    end = dt.datetime.combine(as_of, dt.time.max)
    paid = (Allocation.select(Allocation.charge.alias("charge_id"), pw.fn.SUM(Allocation.amount_fen).alias("paid"))
            .where((Allocation.at <= end) & (Allocation.voided_at.is_null() | (Allocation.voided_at > end)))
            .group_by(Allocation.charge)).alias("paid")
    owed_expr = Charge.amount_fen - pw.fn.COALESCE(paid.c.paid, 0)
    months = pw.fn.COUNT(pw.fn.DISTINCT(Charge.period))
    return (Charge.select(Charge.room.alias("room_id"), pw.fn.SUM(owed_expr).alias("owed"), months.alias("months"),
                          pw.fn.MIN(Charge.period).alias("since"))
            .join(paid, pw.JOIN.LEFT_OUTER, on=(paid.c.charge_id == Charge.id))
            .where((Charge.due_date <= as_of) & (Charge.cancelled_at.is_null() | (Charge.cancelled_at > end))
                   & (owed_expr > 0))
            .group_by(Charge.room))


def _arrears_base(filters: dict):
    as_of = v.parse_date(filters.get("as_of")) if filters.get("as_of") else dt.date.today()
    owed = (_owed_subquery(as_of) if as_of >= dt.date.today() else _owed_past_subquery(as_of)).alias("owed")
    return (Room.select().join(owed, on=(owed.c.room_id == Room.id))
            .join_from(Room, Building).join_from(Room, Entrance))


ARREARS = register(ListSpec(
    key="arrears", title="Arrears", id_expr=Room.id, default_sort="amount", default_descending=True,
    permission="money.view", parametrized=True, base=_arrears_base,
    # The owners (张伟、李娜 …) take what the window has left on screen; the figures keep their width.
    columns=[
        Column("room", "Room", Room.code, width=10,
               sort=(pw.fn.LENGTH(Building.code), Building.code, Entrance.code, Room.floor, Room.number)),
        Column("owners", "Owner", _owners_of(Room.id), width=16),
        Column("phone", "Owner phone", _owner_phone_of(Room.id), width=12, personal="phone", sortable=False),
        Column("months", "Months owed", pw.SQL('"owed"."months"'), kind="int", width=4),
        # MIN() over a date comes back as text from SQLite: shown (and exported) as the month, 2026-08.
        Column("since", "Owed since", pw.SQL('"owed"."since"'), width=7,
               display=lambda d: (d if isinstance(d, str) else d.isoformat())[:7] if d else ""),
        Column("amount", "Amount owed", pw.SQL('"owed"."owed"'), kind="money", width=10),
    ],
    text_filter=lambda q, t: q.where(prefix(Room.code, v.compact(t).upper())),
    filters={"as_of": lambda q, _d: q, "min_months": lambda q, n: q.where(pw.SQL('"owed"."months"') >= int(n)),
             "building": lambda q, b: q.where(Building.code == b)},
    filter_values={"as_of": v.parse_date,
                   "min_months": lambda n: v.integer(n, "min_months", low=1, high=600, what="The number of months")},
))


def arrears_rows(as_of: dt.date) -> list[dict]:
    """The estate's arrears as plain rows (for reminders and the head-office pack)."""
    filters = {"as_of": as_of}
    keys = ["room_id"] + [c.key for c in ARREARS.columns]
    query = (ARREARS._filtered(filters, "").select(Room.id, *[c.expr for c in ARREARS.columns])
             .order_by(*ARREARS._order(None, False)))
    return [dict(zip(keys, row)) for row in query.tuples()]


def arrears_total(filters: dict | None = None, text: str = "") -> tuple[int, int]:
    """What the arrears list shows (as of its date, with its filters and search), summed in one
    SQL query: (rooms, fen owed). The list may hold thousands of rooms; none is loaded."""
    owed = pw.SQL('"owed"."owed"')
    rooms, fen = (ARREARS._filtered(filters or {}, text)
                  .select(pw.fn.COUNT(Room.id), pw.fn.COALESCE(pw.fn.SUM(owed), 0)).scalar(as_tuple=True))
    return int(rooms or 0), int(fen or 0)
