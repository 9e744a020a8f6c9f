"""What the money operations are given is checked once, by the shared parsers, whoever calls.

An amount of 10^15 fen or 2**63 fen, ``True`` for one fen, a float, a fractional number of passes,
a 10,000-character payer or a NUL in a reason: each refused with the clerk's sentence, nothing
written, never a TypeError or an OverflowError from further down.
"""
import datetime as dt

import pytest

from models.audit import AuditLog
from models.errors import InvalidInput
from models.money import cashier, charging, deposits
from models.money.cashier import DeskItem, Payment
from models.money.ledger import Charge, ChargeRun, Deposit, Receipt, Refund

TODAY = dt.date.today()
THIS_MONTH = TODAY.replace(day=1)
LONG = "张" * 10_000


def months_back(n):
    index = THIS_MONTH.year * 12 + THIS_MONTH.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def counts():
    return tuple(m.select().count() for m in (Charge, ChargeRun, Receipt, Refund, Deposit, AuditLog))


@pytest.fixture
def paid(estate, clerk):
    """A receipt of the first room (a prepayment, so that it can be refunded) and a deposit."""
    room = estate["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", "100", prepayment=True,
                                                        items=[DeskItem("key_deposit")]))
    return dict(room=room, receipt=receipt, deposit=Deposit.get(Deposit.line.in_([l.id for l in receipt.lines])))


@pytest.mark.parametrize("amount", [10 ** 15, 2 ** 63, True, 1.5, -1, "１" * 500])
def test_an_impossible_amount_is_refused_at_the_desk(paid, clerk, amount):
    before = counts()
    with pytest.raises(InvalidInput) as error:
        cashier.take_payment(clerk, paid["room"], Payment("张伟", "cash", amount, prepayment=True))
    assert error.value.field == "amount"
    assert counts() == before


@pytest.mark.parametrize("amount", [10 ** 15, 2 ** 63, True, 2.5])
def test_an_impossible_amount_is_refused_for_refunds_deposits_and_charges(paid, finance, amount):
    before = counts()
    with pytest.raises(InvalidInput):
        cashier.refund_receipt(finance, paid["receipt"].id, amount, "多收")
    with pytest.raises(InvalidInput):
        deposits.refund_deposit(finance, paid["deposit"].id, amount)
    with pytest.raises(InvalidInput):
        deposits.refund_deposit(finance, paid["deposit"].id, 0, [deposits.Deduction(amount, "遗失")])
    with pytest.raises(InvalidInput):
        charging.add_charge(finance, paid["room"], "management_fee", amount)
    assert counts() == before


@pytest.mark.parametrize("quantity", [2.5, "2.5", True, 0, 201, "三", None])
def test_a_desk_item_quantity_is_a_whole_number(paid, clerk, quantity):
    before = counts()
    with pytest.raises(InvalidInput) as error:
        cashier.take_payment(clerk, paid["room"], Payment("张伟", "cash", items=[DeskItem("pass_fee", quantity)]))
    assert "办证工本费" in str(error.value) and error.value.field == "quantity"
    assert counts() == before


def test_long_or_control_text_is_refused_not_cut(paid, clerk, finance):
    before = counts()
    for payer in (LONG, "张\x00伟"):
        with pytest.raises(InvalidInput) as error:
            cashier.take_payment(clerk, paid["room"], Payment(payer, "cash", "10", prepayment=True))
        assert error.value.field == "payer" and "交款人" in str(error.value)
    with pytest.raises(InvalidInput) as error:
        cashier.take_payment(clerk, paid["room"], Payment("张伟", "cash", "10", prepayment=True, note="备" * 201))
    assert "备注" in str(error.value) and "200" in str(error.value)
    for reason in (LONG, "录错\x00"):
        with pytest.raises(InvalidInput) as error:
            cashier.void_receipt(finance, paid["receipt"].id, reason)
        assert "原因" in str(error.value)
        with pytest.raises(InvalidInput):
            cashier.refund_receipt(finance, paid["receipt"].id, "10", reason)
        with pytest.raises(InvalidInput):
            deposits.forfeit_deposit(finance, paid["deposit"].id, reason)
        with pytest.raises(InvalidInput):
            deposits.refund_deposit(finance, paid["deposit"].id, "10", [deposits.Deduction("10", reason)])
    with pytest.raises(InvalidInput):
        deposits.refund_deposit(finance, paid["deposit"].id, "50", payee=LONG)
    with pytest.raises(InvalidInput):
        charging.add_charge(finance, paid["room"], "management_fee", "10", note="备" * 101)
    assert counts() == before
    # Within the limits the text is kept whole.
    receipt = cashier.take_payment(clerk, paid["room"], Payment("张伟", "cash", "10", prepayment=True,
                                                                note="备" * 200))
    assert receipt.note == "备" * 200


def test_many_deductions_still_make_a_refund_reason_that_fits(paid, finance):
    """Each deduction's reason is kept whole on the deposit; the refund's own reason says as much as fits."""
    from models.money.ledger import DepositMovement
    kept = [deposits.Deduction("1", f"第{i}项损坏：{'墙面' * 40}") for i in range(5)]
    refund = deposits.refund_deposit(finance, paid["deposit"].id, "10", kept)
    assert refund.reason == "退还押金：钥匙押金；" + "；".join(["扣¥1.00"] * 5)
    assert sorted(m.reason for m in DepositMovement.select().where(DepositMovement.kind == "deduct")) == \
        sorted(d.reason for d in kept)
    many = [deposits.Deduction("0.01", f"第{i}项") for i in range(30)]
    refund = deposits.refund_deposit(finance, paid["deposit"].id, "10", many)
    assert refund.reason == "退还押金：钥匙押金；扣款 30 项，共 ¥0.30"
    assert Deposit.get_by_id(paid["deposit"].id).held_fen == 5000 - 1000 - 500 - 1000 - 30


@pytest.mark.parametrize("serial", ["2026-" + "9" * 400, "9" * 400, "2026-000001\x00", "TK2026-000001", "1899-000001"])
def test_a_receipt_number_that_cannot_be_is_refused_not_overflowed(db, serial):
    with pytest.raises(InvalidInput) as error:
        cashier.find_receipt(serial)
    assert "2026-000123" in str(error.value)


def test_a_receipt_number_is_found_as_printed(paid):
    serial = paid["receipt"].serial
    assert cashier.find_receipt(serial).id == paid["receipt"].id
    assert cashier.find_receipt(f"No. {serial[:5]}{int(serial[5:])}").id == paid["receipt"].id


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "13", "", "2026-11-31x", "9999-01"])
def test_a_month_that_is_not_one_is_refused(estate, finance, month):
    with pytest.raises(InvalidInput) as error:
        charging.generate_month(finance, month)
    assert error.value.field == "month"
    assert charging.month_start("2026年11月") == dt.date(2026, 11, 1) == charging.month_start("2026/11")


# --- back-dated monthly charging --------------------------------------------------------------

def test_a_month_before_the_first_run_or_a_year_back_is_raised_only_when_confirmed(estate, finance):
    charging.generate_month(finance, months_back(2))            # the office's first month
    before = counts()
    for month, words in ((months_back(3), "首次"), (months_back(13), "超过 12 个月")):
        assert words in charging.backdate_reason(month)
        with pytest.raises(InvalidInput) as error:
            charging.generate_month(finance, month)
        assert words in str(error.value) and error.value.field == "month"
        assert counts() == before
    assert charging.backdate_reason(months_back(1)) is None
    run = charging.generate_month(finance, months_back(3), backdate=True)
    assert run.lines == 1 and charging.backdate_reason(months_back(3)) is None      # now the first month
    assert AuditLog.get(AuditLog.action == "charge.month", AuditLog.entity_id == run.id).after


def test_a_month_plan_says_what_a_run_would_raise_without_writing(estate, finance):
    before = counts()
    plan = charging.month_plan(months_back(1))
    assert tuple(plan) == (1, 1, 22375) and plan.total_fen == 22375       # only 1201 (let) is charged
    assert counts() == before
    run = charging.generate_month(finance, months_back(1))
    assert (run.rooms, run.lines, run.total_fen) == tuple(plan)
    assert tuple(charging.month_plan(months_back(1))) == (0, 0, 0)        # nothing left to raise for it


def test_the_receipts_list_searched_with_an_impossible_number_finds_nothing(db):
    """Issue 14 item 4: an over-long receipt number in the receipts list's box raised OverflowError."""
    from models.listing import get_list
    spec = get_list("receipts")
    assert spec.count(text="2026-" + "9" * 40) == 0 and spec.ids(text="No. 2026-" + "9" * 40) == []
    with pytest.raises(InvalidInput):
        spec.count(filters={"year": "abc"})
