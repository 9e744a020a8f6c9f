"""The daily close (日结): one sheet per day the money moved."""
import datetime as dt

import pytest

from models.check import ERROR, run_checks
from models.errors import Conflict
from models.money import cashier, closing
from models.money.cashier import Payment
from models.money.ledger import Receipt

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
