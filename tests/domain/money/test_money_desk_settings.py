"""The cashier's default method (an office setting) and the arrears list's total (one SQL query)."""
import datetime as dt
import logging

import pytest

from models.records import estate as e
from models import settings
from models.errors import InvalidInput
from models.money import charging
from models.money.cashier import Payment, take_payment
from models.money.lists import arrears_rows, arrears_total
from models.money.preferences import DEFAULT_METHOD, default_method

TODAY = dt.date.today()


def months_back(n):
    this = TODAY.replace(day=1)
    index = this.year * 12 + this.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def test_the_default_method_is_cash_unless_the_office_says_otherwise(db, admin):
    assert default_method() == "cash"
    for typed, key in (("微信", "wechat"), ("transfer", "transfer"), ("Alipay", "alipay"), ("现金", "cash")):
        settings.set_value(admin, DEFAULT_METHOD, typed)
        assert default_method() == key
    with pytest.raises(InvalidInput, match="现金、刷卡、转账、微信、支付宝"):
        settings.set_value(admin, DEFAULT_METHOD, "支票")
    assert default_method() == "cash"


@pytest.fixture
def owing(estate, supervisor, finance, clerk):
    for room in estate["rooms"][1:]:
        e.update_room(supervisor, room.id, e.RoomInput("3", "2", room.number, room.area, state="occupied"))
    for n in (3, 2, 1):
        charging.generate_month(finance, months_back(n))
    take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "cash", amount="223.75"))
    return estate


def _queries(caplog, fn):
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        result = fn()
    return result, [r for r in caplog.records if r.name == "peewee"]


def test_arrears_total_is_what_the_list_shows_in_one_query(owing, caplog):
    rows = arrears_rows(TODAY)
    (rooms, fen), queries = _queries(caplog, lambda: arrears_total({"as_of": TODAY}))
    assert (rooms, fen) == (len(rows), sum(r["amount"] for r in rows)) == (4, 2 * 22375 + 3 * (30000 + 22375 + 11313))
    assert len(queries) == 1                               # summed in SQL, no row loaded
    assert arrears_total({"as_of": TODAY, "min_months": "3"}) == (3, 3 * (30000 + 22375 + 11313))
    assert arrears_total({"as_of": TODAY}, "3-2-12") == (2, 2 * 22375 + 3 * 30000)
    # On a past date: what was owed then (early last month, two months were due; nothing paid yet).
    past = months_back(1) + dt.timedelta(days=3)
    then = arrears_rows(past)
    assert arrears_total({"as_of": past}) == (len(then), sum(r["amount"] for r in then))
    assert arrears_total({"as_of": past, "min_months": "3"}) == (0, 0)
