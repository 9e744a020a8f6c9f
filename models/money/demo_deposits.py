"""Renovation deposits for the part that owns renovations (演示数据: 装修押金的交接).

Money's demo takes a renovation's deposits and fees on one receipt (装修押金, 出入证押金, 出入证
工本费, 垃圾清运费) for every renovation it finds, unless a later part claimed the renovation
events (``ctx.claim("renovation", part)``, see ``models.demo_context``). That part makes its
own applications and asks money for their deposits here, in a step ordered before money's (50):
the order is played in the room's account with everything else, so its receipt is numbered in
time order and closed with its day, and the deposit is refunded after the works if they were
finished. Once money's step has run, the order names what was written (receipt and deposit
ids), for a step of the claimant ordered after money's to link its records to them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.demo_context import DemoContext, DemoEvent
from models.records.estate import VACANT

ORDERS = "money.deposit_orders"      # ctx.shared: the orders waiting for money's step, None once it ran
PART = "money"


@dataclass
class DepositOrder:
    """A renovation's deposits and fees, asked of money's demo by the part that owns renovations."""
    event: DemoEvent                  # the renovation: its room, its start day
    workers: int                      # passes (出入证) asked for: a pass deposit and fee each
    finished: dt.date | None = None   # works inspected (验收): the deposits come back after; None if under way
    deposits: list = field(default_factory=list)     # money's deposits once its step ran (none if not taken)

    @property
    def taken(self) -> bool:
        """False when the renovation began before the two years of accounts, or no deposit item is set up."""
        return bool(self.deposits)

    @property
    def receipt_id(self) -> int | None:
        return self.deposits[0].receipt.id if self.deposits else None

    @property
    def receipt_number(self) -> str:
        """The receipt's printed serial (2025-000123), or "" when nothing was taken."""
        receipt = self.deposits[0].receipt if self.deposits else None
        return f"{receipt.year}-{receipt.number:06d}" if receipt is not None else ""

    @property
    def deposit_ids(self) -> list[int]:
        return [deposit.id for deposit in self.deposits]


def order_renovation_deposits(ctx: DemoContext, event: DemoEvent, workers: int,
                              finished: dt.date | None = None) -> DepositOrder:
    """Ask money's demo to take the deposits and fees of the renovation ``event``.

    Only for renovations claimed by another part, before money's step has run, and in a room that
    pays (not 空置). A programming error otherwise (``ValueError``), never a silent loss.
    """
    holder = ctx.claimed_by(event.kind)
    if event.kind != "renovation" or holder in (None, PART):
        raise ValueError("only renovation events another part claimed can have their deposits ordered")
    orders = ctx.shared.setdefault(ORDERS, [])
    if orders is None:
        raise ValueError("money's demo step has already run: order deposits in a step ordered before it")
    rooms = ctx.shared.get("money.rooms_by_id")
    if rooms is None or len(rooms) != len(ctx.rooms):      # one index for all the orders, not a scan each
        rooms = ctx.shared["money.rooms_by_id"] = {r.id: r for r in ctx.rooms}
    room = rooms.get(event.room_id)
    if room is None or room.state == VACANT:
        raise ValueError(f"room {event.room_id} pays nothing (vacant or unknown): no deposits can be taken")
    order = DepositOrder(event, workers, finished)
    orders.append(order)
    return order


def take_orders(ctx: DemoContext) -> dict[int, list[DepositOrder]]:
    """Money's step: the orders per room; later orders are refused."""
    orders = ctx.shared.get(ORDERS) or []
    ctx.shared[ORDERS] = None
    per_room: dict[int, list[DepositOrder]] = {}
    for order in orders:
        per_room.setdefault(order.event.room_id, []).append(order)
    return per_room
