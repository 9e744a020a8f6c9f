"""The demo's renovations change hands: a part that claims them gets money's deposits through
money's public order, money takes none of its own, and the rest of the money stays as it was."""
from __future__ import annotations

import datetime as dt

import pytest

from models import db as dbmod
from models import demo
from models.demo_context import STEPS, DemoContext, demo_step
from models.money.demo_book import RENOVATION_NOTE
from models.money.demo_deposits import order_renovation_deposits
from models.money.ledger import Charge, Deposit, Receipt

DAY = dt.date(2026, 6, 15)


@pytest.fixture
def steps():
    """Test steps in place of the parts that claim renovations (they would claim them first)."""
    from models import parts
    parts.load("models")
    claimants = {key: STEPS.pop(key) for key in [k for k in STEPS if k.startswith("renovation")]}
    added = []

    def register(key, order, fn):
        demo_step(key, order=order)(fn)
        added.append(key)
    yield register
    for key in added:
        STEPS.pop(key, None)
    STEPS.update(claimants)


def _monthly_charges():
    return list(Charge.select(Charge.room, Charge.period, Charge.item, Charge.amount_fen)
                .where(Charge.source == "monthly").order_by(Charge.room, Charge.period, Charge.item).tuples())


def _generate(path, admin):
    dbmod.open_database(path, create=True)
    demo.generate(admin, 150, seed=5, today=DAY)


def test_a_claimed_renovation_gets_its_deposits_only_through_money_s_order(tmp_path, admin, steps):
    _generate(tmp_path / "as_before.db", admin)
    own = {room for (room,) in Deposit.select(Deposit.room).distinct().tuples()}
    charges = _monthly_charges()
    dbmod.close_database()
    assert own, "money takes renovation deposits of its own when nobody claims renovations"

    orders = []

    def _renovation_part(ctx: DemoContext):
        ctx.claim("renovation", "renovation")
        works = max(ctx.events_of("renovation"), key=lambda e: e.on)      # under way, this year
        orders.append(order_renovation_deposits(ctx, works, workers=3))

    steps("test.renovation", 45, _renovation_part)
    _generate(tmp_path / "claimed.db", admin)
    try:
        order, = orders
        assert order.taken and order.workers == 3
        deposits = list(Deposit.select().order_by(Deposit.id))
        assert {d.room_id for d in deposits} == {order.event.room_id}      # none of money's own
        assert [d.id for d in deposits] == order.deposit_ids
        receipt = Receipt.get(Receipt.note == RENOVATION_NOTE)
        assert receipt.id == order.receipt_id and receipt.room_id == order.event.room_id
        assert order.receipt_number == f"{receipt.year}-{receipt.number:06d}"
        assert receipt.taken_at.date() in (order.event.on, order.event.on - dt.timedelta(days=1))
        assert _monthly_charges() == charges                               # the rest of the money is the same
    finally:
        dbmod.close_database()


def test_money_publishes_the_past_renovations_it_invents(db, admin, steps):
    seen = []
    steps("test.after_money", 60, lambda ctx: seen.extend(ctx.events_of("renovation")))
    demo.generate(admin, 150, seed=5, today=DAY)
    finished = [e for e in seen if e.until is not None]
    assert finished and all(e.on < e.until < DAY for e in finished)
    assert {e.room_id for e in finished} <= {r for (r,) in Deposit.select(Deposit.room).tuples()}


def test_an_order_needs_a_claim_and_must_come_before_money(db, admin, steps):
    def _unclaimed(ctx: DemoContext):
        order_renovation_deposits(ctx, ctx.events_of("renovation")[0], workers=2)
    steps("test.unclaimed", 45, _unclaimed)
    with pytest.raises(ValueError, match="claimed"):
        demo.generate(admin, 60, seed=5, today=DAY)
    STEPS.pop("test.unclaimed")

    def _too_late(ctx: DemoContext):
        ctx.claim("renovation", "renovation")
    steps("test.too_late", 60, _too_late)
    with pytest.raises(ValueError, match="money"):
        demo.generate(admin, 60, seed=5, today=DAY)
