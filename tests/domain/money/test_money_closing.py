"""The daily close (日结): one sheet per day the money moved, and refunds counted in the drawer that paid them."""
import datetime as dt

import pytest

from models.check import ERROR, run_checks
from models.errors import Conflict
from models.money import cashier, closing
from models.money.cashier import Payment
from models.money.ledger import DailyClose, Receipt, Refund

TODAY = dt.date.today()


def _no_errors():
    errors = [f.message for f in run_checks() if f.level == ERROR]
    assert not errors, errors


def _taken_on(receipt, day: dt.date):
    """As if the receipt had been taken at 10:00 on ``day`` (the desk forgot to close that day)."""
    Receipt.update(taken_at=dt.datetime.combine(day, dt.time(10))).where(Receipt.id == receipt.id).execute()


def test_days_left_open_are_closed_one_sheet_a_day_dated_by_their_receipts(estate, clerk):
    room = estate["rooms"][0].id
    three_days_ago, yesterday = TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=1)
    old = cashier.take_payment(clerk, room, Payment("张伟", "cash", "100", prepayment=True))
    late = cashier.take_payment(clerk, room, Payment("张伟", "wechat", "50", prepayment=True))
    today = cashier.take_payment(clerk, room, Payment("张伟", "cash", "20", prepayment=True))
    _taken_on(old, three_days_ago)
    _taken_on(late, yesterday)
    assert closing.open_days(clerk) == [three_days_ago, yesterday, TODAY]

    first = closing.close_day(clerk)                   # the oldest day open, on its own sheet
    assert (first.day, first.receipts, first.total_fen) == (three_days_ago, 1, 10000)
    assert [r.id for r in closing.close_receipts(first.id)] == [old.id]
    this_day = closing.close_day(clerk, TODAY)         # or a day named
    assert (this_day.day, this_day.total_fen, closing.method_totals(this_day)) == (TODAY, 2000, {"cash": 2000})
    with pytest.raises(Conflict) as error:
        closing.close_day(clerk, three_days_ago)
    assert "尚未日结" in str(error.value)
    last = closing.close_day(clerk)
    assert (last.day, closing.method_totals(last)) == (yesterday, {"wechat": 5000})
    assert closing.open_days(clerk) == []
    with pytest.raises(Conflict):
        closing.close_day(clerk)
    # Taken after the day's close: the day is open again, for its own second sheet.
    again = cashier.take_payment(clerk, room, Payment("张伟", "cash", "5", prepayment=True))
    assert closing.close_day(clerk).day == TODAY and Receipt.get_by_id(again.id).close_id is not None
    _no_errors()


def test_a_refund_is_counted_less_in_the_close_of_whoever_paid_it_out(estate, clerk, supervisor, finance):
    """The drawer count agrees: what a close hands over is what its drawer holds, refunds paid out of it taken off."""
    room = estate["rooms"][0].id
    by_clerk = cashier.take_payment(clerk, room, Payment("张伟", "cash", "300", prepayment=True))
    by_supervisor = cashier.take_payment(supervisor, room, Payment("张伟", "cash", "200", prepayment=True))
    cashier.refund_receipt(supervisor, by_clerk.id, "100", "多收", method="cash")     # out of the supervisor's drawer
    paid_by_finance = cashier.refund_receipt(finance, by_supervisor.id, "50", "多收", method="wechat")
    assert [r.id for r in closing.open_refunds(supervisor)] == [Refund.get(Refund.by == supervisor.name).id]

    clerks = closing.close_day(clerk)
    assert (clerks.total_fen, closing.method_totals(clerks)) == (30000, {"cash": 30000})
    supervisors = closing.close_day(supervisor)
    assert (supervisors.total_fen, closing.method_totals(supervisors)) == (10000, {"cash": 10000})
    assert [r.amount_fen for r in closing.close_refunds(supervisors.id)] == [10000]
    assert supervisors.confirmed_at is None                   # handed to finance as before

    # Finance pays refunds out of the money it holds: its own close of the day lists them, received as made.
    finances = closing.close_day(finance)
    assert [r.id for r in closing.close_refunds(finances.id)] == [paid_by_finance.id]
    assert (finances.receipts, finances.total_fen, closing.method_totals(finances)) == (0, -5000, {"wechat": -5000})
    assert finances.confirmed_by == finance.name and finances.day == TODAY
    assert Refund.select().where(Refund.close.is_null()).count() == 0
    _no_errors()


def test_a_close_that_does_not_count_its_refunds_is_found(estate, clerk, supervisor):
    room = estate["rooms"][0].id
    receipt = cashier.take_payment(supervisor, room, Payment("张伟", "cash", "200", prepayment=True))
    cashier.refund_receipt(supervisor, receipt.id, "50", "多收")
    close = closing.close_day(supervisor)
    DailyClose.update(total_fen=20000).where(DailyClose.id == close.id).execute()
    assert any("日结" in f.message and f.level == ERROR for f in run_checks())
