"""Money (DOMAIN.md "Money"; seed 004 场景三): fees, payments, receipts, deposits, arrears, daily close."""
import datetime as dt

import pytest

from models.records import estate as e
from models.audit import AuditLog
from models.errors import Conflict, InvalidInput, NotAllowed
from models import amounts
from models.money import arrears, cashier, charging, closing, deposits, rates
from models.money.cashier import DeskItem, Payment
from models.money.ledger import Allocation, Charge, ChargeRun, CreditEntry, Deposit, Receipt, ReceiptLine, Refund

TODAY = dt.date.today()
THIS_MONTH = TODAY.replace(day=1)


def months_back(n):
    """The first of the month n months before this one (negative: ahead)."""
    index = THIS_MONTH.year * 12 + THIS_MONTH.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def counts():
    return tuple(m.select().count() for m in (Charge, Receipt, ReceiptLine, Allocation, CreditEntry, Deposit, Refund,
                                              AuditLog))


@pytest.fixture
def billed(estate, finance):
    """Three past months and this one raised for the small estate (rooms 1201 and 1202 are charged)."""
    for n in (3, 2, 1, 0):
        charging.generate_month(finance, months_back(n))
    return estate


# --- amounts ------------------------------------------------------------------------------

@pytest.mark.parametrize("area, rate, fen", [
    ("89.50", "2.50", 22375),       # 223.75 exactly
    ("89.50", "2.375", 21256),      # 212.5625 → half up to the fen
    ("45.25", "1.85", 8371),        # 83.7125
    ("120.05", "3.30", 39617),      # 396.165 → 396.17
    ("0.01", "2.50", 3),            # 2.5 fen → 3
    ("60.02", "2.25", 13505),       # 135.045 → 135.05
])
def test_area_times_rate_rounds_half_up_to_the_fen(area, rate, fen):
    from models.validation import area_dm2
    assert amounts.area_fee(area_dm2(area), amounts.parse_rate(rate)) == fen


@pytest.mark.parametrize("fen, text", [
    (150000, "壹仟伍佰元整"), (1050, "壹拾元零伍角"), (1000156, "壹万零壹元伍角陆分"), (100100, "壹仟零壹元整"),
    (1001, "壹拾元零壹分"), (5, "伍分"), (0, "零元整"), (1010000, "壹万零壹佰元整"), (22375, "贰佰贰拾叁元柒角伍分"),
    (200000000, "贰佰万元整"), (100000001, "壹佰万元零壹分"),
])
def test_capital_numerals_as_banks_write_them(fen, text):
    assert amounts.capital(fen) == text


def test_amount_parsing():
    assert amounts.parse_yuan("¥1,500.5") == 150050
    assert amounts.parse_yuan("１５００") == 150000
    for bad in ("0", "-5", "1.234", "abc", ""):
        with pytest.raises(InvalidInput):
            amounts.parse_yuan(bad)


# --- rates and monthly charging -----------------------------------------------------------

def test_month_is_charged_once_by_area_and_use(estate, finance):
    before = counts()
    run = charging.generate_month(finance, months_back(1))
    # Only rooms that are not vacant are charged: 1201 (let) of the fixture; the others are vacant.
    charges = list(Charge.select().where(Charge.run == run))
    assert [(c.room_id, c.amount_fen) for c in charges] == [(estate["rooms"][0].id, 22375)]
    assert run.total_fen == sum(c.amount_fen for c in charges)
    with pytest.raises(Conflict) as err:
        charging.generate_month(finance, months_back(1))
    assert "已经生成" in str(err.value) or "不会重复" in str(err.value)
    assert Charge.select().count() == before[0] + 1 and ChargeRun.select().count() == 1


def test_a_rate_change_never_rewrites_the_past(billed, finance):
    with pytest.raises(InvalidInput):
        rates.set_rate(finance, "management_fee", "residential", "3.00", None)
    with pytest.raises(Conflict) as err:
        rates.set_rate(finance, "management_fee", "residential", "3.00", THIS_MONTH)
    assert "生效" in str(err.value)
    next_month = months_back(-1)
    rates.set_rate(finance, "management_fee", "residential", "3.00", next_month)
    old = Charge.select().where(Charge.period == THIS_MONTH).first()
    assert old.amount_fen == 22375                    # charged months keep their amount
    run = charging.generate_month(finance, next_month)
    assert Charge.get(Charge.run == run).amount_fen == 26850      # 89.50 × 3.00


def test_a_clerk_may_not_raise_charges_or_change_rates(estate, clerk):
    with pytest.raises(NotAllowed):
        charging.generate_month(clerk, THIS_MONTH)
    with pytest.raises(NotAllowed):
        rates.set_rate(clerk, "management_fee", "residential", "3.00", months_back(-1))


# --- taking payments ----------------------------------------------------------------------

def test_payment_settles_oldest_first_with_one_receipt(billed, clerk):
    room = billed["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "wechat", amount="447.50"))
    assert receipt.serial == f"{TODAY.year}-000001" and receipt.total_fen == 44750
    [line] = receipt.lines
    assert line.label == f"物业管理费 {months_back(3).year}年{months_back(3).month}月-" + (
        f"{months_back(2).month}月" if months_back(2).year == months_back(3).year else
        f"{months_back(2).year}年{months_back(2).month}月")
    assert line.amount_fen == sum(a.amount_fen for a in line.allocations) == receipt.total_fen
    owed = arrears.arrears_of_room(room)
    assert owed.amount_fen == 22375 and owed.months == 1          # this month is not due yet
    assert receipt.clerk == "李静" and not receipt.with_finance


def test_part_payment_and_chosen_charges(billed, clerk):
    room = billed["rooms"][0].id
    newest = charging.open_charges(room)[-1]
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="100", charge_ids=[newest.id]))
    assert receipt.lines[0].label.endswith("（部分）")
    assert Charge.get_by_id(newest.id).settled_fen == 10000
    assert charging.open_charges(room)[0].settled_fen == 0        # the oldest was not touched: the clerk chose


def test_more_than_chosen_is_refused_unless_prepayment(billed, clerk):
    room = billed["rooms"][0].id
    before = counts()
    with pytest.raises(InvalidInput) as err:
        cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="2000"))
    assert "预交" in str(err.value)
    assert counts() == before
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="2000", prepayment=True))
    kinds = {line.kind: line.amount_fen for line in receipt.lines}
    assert kinds == {"charges": 89500, "prepayment": 110500}
    assert charging.credit_balance(room) == 110500
    # next month's charge is paid from the credit as it is raised
    charging.generate_month(clerk.__class__("钱丽", "finance"), months_back(-1))
    assert charging.credit_balance(room) == 110500 - 22375
    assert arrears.arrears_of_room(room, months_back(-2)).amount_fen == 0


@pytest.mark.parametrize("amount", ["0", "-5", 0])
def test_zero_or_negative_payments_are_refused(billed, clerk, amount):
    before = counts()
    with pytest.raises(InvalidInput):
        cashier.take_payment(clerk, billed["rooms"][0].id, Payment("张伟", "cash", amount=amount))
    assert counts() == before


def test_payment_needs_payer_and_method(billed, clerk):
    with pytest.raises(InvalidInput):
        cashier.take_payment(clerk, billed["rooms"][0].id, Payment(" ", "cash", amount="10"))
    with pytest.raises(InvalidInput):
        cashier.take_payment(clerk, billed["rooms"][0].id, Payment("张伟", "bitcoin", amount="10"))


def test_renovation_money_on_one_receipt(estate, clerk):
    """Seed 004 场景二: deposit, pass fee and pass deposit per worker, garbage fee."""
    room = estate["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", items=[
        DeskItem("renovation_deposit"), DeskItem("pass_deposit", 3), DeskItem("pass_fee", 3), DeskItem("garbage_fee")]))
    assert [(line.label, line.amount_fen) for line in receipt.lines] == [
        ("装修保证金", 200000), ("出入证押金 ×3", 30000), ("办证工本费 ×3", 6000), ("垃圾清运费", 30000)]
    assert receipt.total_fen == 266000 == sum(line.amount_fen for line in receipt.lines)
    held = deposits.held_totals()
    assert held["装修保证金"] == 200000 and held["出入证押金"] == 30000 and held["合计"] == 230000


def test_receipts_numbered_per_year_without_gaps_even_after_a_refusal(billed, clerk):
    room = billed["rooms"][0].id
    first = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="10"))
    with pytest.raises(InvalidInput):
        cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="99999"))
    second = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="10"))
    assert (first.number, second.number) == (1, 2)


# --- voids and refunds ----------------------------------------------------------------------

def test_only_finance_or_a_supervisor_voids(billed, clerk, finance, supervisor, director):
    room = billed["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="223.75"))
    with pytest.raises(NotAllowed) as err:
        cashier.void_receipt(clerk, receipt.id, "录错")
    assert "无权" in str(err.value)
    with pytest.raises(InvalidInput):
        cashier.void_receipt(finance, receipt.id, "  ")
    cashier.void_receipt(finance, receipt.id, "金额录错")
    assert arrears.arrears_of_room(room).amount_fen == 3 * 22375    # owed again
    with pytest.raises(Conflict) as err:
        cashier.void_receipt(supervisor, receipt.id, "again")
    assert "已" in str(err.value)
    assert Receipt.select().count() == 1                            # never deleted
    assert Receipt.get_by_id(receipt.id).total_fen == 22375          # never edited


def test_refund_is_its_own_record_and_never_above_what_was_paid(billed, clerk, finance):
    room = billed["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="1000", prepayment=True))
    with pytest.raises(NotAllowed):
        cashier.refund_receipt(clerk, receipt.id, "10", "多收")
    before = counts()
    with pytest.raises(InvalidInput) as err:
        cashier.refund_receipt(finance, receipt.id, "1000.01", "多收")
    assert "超过" in str(err.value) or "more than" in str(err.value)
    assert counts() == before
    refund = cashier.refund_receipt(finance, receipt.id, "300", "多收预交款")
    assert refund.receipt_id == receipt.id and refund.serial == f"TK{TODAY.year}-000001"
    # 895.00 settled four months (this one not yet due); the 105.00 prepaid goes back first, then the
    # latest month settled: it is owed again.
    assert charging.credit_balance(room) == 0
    assert charging.open_charges(room)[-1].owed_fen == 30000 - 10500
    refund2 = cashier.refund_receipt(finance, receipt.id, "100", "再退")
    assert refund2.number == 2
    assert cashier.refundable_fen(Receipt.get_by_id(receipt.id)) == 100000 - 40000
    with pytest.raises(Conflict):
        cashier.void_receipt(finance, receipt.id, "有退款的收据不能作废")


# --- deposits -----------------------------------------------------------------------------------

def test_deposit_part_refund_with_deductions_and_forfeit(estate, clerk, finance):
    room = estate["rooms"][0].id
    cashier.take_payment(clerk, room, Payment("张伟", "cash", items=[DeskItem("renovation_deposit"),
                                                                    DeskItem("key_deposit")]))
    renovation = Deposit.get(Deposit.amount_fen == 200000)
    key = Deposit.get(Deposit.amount_fen == 5000)
    with pytest.raises(InvalidInput):      # a deduction needs its reason
        deposits.refund_deposit(finance, renovation.id, "1500", [deposits.Deduction("500", "")])
    with pytest.raises(InvalidInput):      # more than held
        deposits.refund_deposit(finance, renovation.id, "1800", [deposits.Deduction("500", "损坏电梯厅地砖")])
    refund = deposits.refund_deposit(finance, renovation.id, "1500", [deposits.Deduction("500", "损坏电梯厅地砖")])
    assert refund.amount_fen == 150000 and "损坏电梯厅地砖" in refund.reason
    assert Deposit.get_by_id(renovation.id).held_fen == 0
    deposits.forfeit_deposit(finance, key.id, "钥匙遗失")
    assert deposits.held_totals()["合计"] == 0
    yesterday = TODAY - dt.timedelta(days=1)
    assert deposits.held_totals(yesterday)["合计"] == 0            # nothing was held before it was taken
    with pytest.raises(Conflict):
        deposits.forfeit_deposit(finance, key.id, "again")


# --- arrears ------------------------------------------------------------------------------------

def test_arrears_as_of_a_date(billed, clerk):
    room = billed["rooms"][0].id
    assert arrears.arrears_of_room(room).months == 3
    cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="223.75"))
    assert arrears.arrears_of_room(room).months == 2
    last_week = TODAY - dt.timedelta(days=7)
    then = arrears.arrears_of_room(room, last_week)      # before today's payment
    assert then.amount_fen == sum(c.amount_fen for c in Charge.select().where(Charge.due_date <= last_week))
    rows = arrears.estate_arrears()
    assert [r["room"] for r in rows] == ["3-2-1201"] and rows[0]["amount"] == 2 * 22375


# --- daily close --------------------------------------------------------------------------------

def test_daily_close_lists_totals_by_method_and_is_received_by_finance(billed, clerk, finance):
    room = billed["rooms"][0].id
    cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="100"))
    cashier.take_payment(clerk, room, Payment("张伟", "wechat", amount="200"))
    voided = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="50"))
    cashier.void_receipt(finance, voided.id, "重复收款")
    by_finance = cashier.take_payment(finance, room, Payment("张伟", "card", amount="10"))
    assert by_finance.with_finance
    assert closing.not_handed_over().count() == 2
    close = closing.close_day(clerk)
    assert close.receipts == 3 and close.total_fen == 30000
    assert closing.method_totals(close) == {"cash": 10000, "wechat": 20000}
    with pytest.raises(Conflict):
        closing.close_day(clerk)
    with pytest.raises(NotAllowed):
        closing.confirm_close(clerk, close.id)
    closing.confirm_close(finance, close.id)
    assert closing.not_handed_over().count() == 0
    with pytest.raises(Conflict):
        closing.confirm_close(finance, close.id)


def test_a_closed_receipt_is_refunded_not_voided(billed, clerk, finance):
    receipt = cashier.take_payment(clerk, billed["rooms"][0].id, Payment("张伟", "cash", amount="100"))
    close = closing.close_day(clerk)
    with pytest.raises(Conflict) as err:
        cashier.void_receipt(finance, receipt.id, "录错")
    assert close.serial in str(err.value) and "退款" in str(err.value)
    assert cashier.refund_receipt(finance, receipt.id, "100", "录错").amount_fen == 10000


def test_a_refund_gives_back_only_what_its_receipt_paid(billed, clerk, finance):
    """Two receipts paid the same charge: refunding the first must not undo the second's payment."""
    room = billed["rooms"][0].id
    first = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="300"))     # month 1 + part of 2
    second = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="100"))    # more of month 2
    month2 = charging.open_charges(room)[0]
    assert month2.settled_fen == 30000 - 22375 + 10000
    cashier.refund_receipt(finance, first.id, "200", "多收")
    month2 = Charge.get_by_id(month2.id)
    assert month2.settled_fen == 10000                      # the second receipt's ¥100 stays
    assert cashier.refundable_fen(Receipt.get_by_id(second.id)) == 10000


def test_a_refunded_desk_fee_is_not_owed(estate, clerk, finance):
    room = estate["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", items=[DeskItem("garbage_fee")]))
    cashier.refund_receipt(finance, receipt.id, "300", "不需清运")
    assert arrears.arrears_of_room(room).amount_fen == 0


def test_a_void_takes_back_only_its_own_receipts_prepayment_and_only_if_unused(billed, clerk, finance):
    """Credit is used oldest first: the older prepayment paid toward the new month, the newer one is still whole."""
    from models.check import ERROR, run_checks
    room = billed["rooms"][0].id
    older = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="995", prepayment=True))   # 4 months + 100
    charging.generate_month(finance, months_back(-1))           # the older 100 of credit goes on the new month
    newer = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="300", prepayment=True))  # rest + 176.25
    assert charging.credit_balance(room) == 17625
    # The room holds 176.25 of credit, more than the older receipt's 100, but none of it is the older
    # receipt's: it was used, so the older receipt cannot be voided.
    with pytest.raises(Conflict) as err:
        cashier.void_receipt(finance, older.id, "录错")
    assert "退款" in str(err.value)
    assert Receipt.get_by_id(older.id).voided_at is None and charging.credit_balance(room) == 17625
    assert charging.credit_left_by_line(room) == {older.lines[1].id: 0, newer.lines[1].id: 17625}
    # The newer one's credit is untouched: it can be voided, and only its own credit goes with it.
    cashier.void_receipt(finance, newer.id, "重复收款")
    assert charging.credit_balance(room) == 0
    assert Charge.get(Charge.period == months_back(-1)).owed_fen == 22375 - 10000
    assert not [f.message for f in run_checks() if f.level == ERROR]


def test_a_refund_of_a_prepayment_takes_its_own_receipts_unused_credit(billed, clerk, finance):
    room = billed["rooms"][0].id
    older = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="995", prepayment=True))
    newer = cashier.take_payment(clerk, room, Payment("张伟", "cash", amount="300", prepayment=True))
    charging.generate_month(finance, months_back(-1))           # uses the older 100 and 123.75 of the newer
    refund = cashier.refund_receipt(finance, older.id, "100", "多收")
    # Its 100 of credit is used up: the 100 comes back off the latest month it paid, which is owed again.
    assert charging.credit_balance(room) == 40000 - 22375
    assert Charge.get(Charge.period == THIS_MONTH).owed_fen == 10000
    assert refund.amount_fen == 10000
    cashier.refund_receipt(finance, newer.id, "176.25", "多收")   # what is left of the newer one's credit
    assert charging.credit_balance(room) == 0


def test_a_desk_fee_refunded_in_part_is_due_by_what_the_office_keeps(estate, clerk, finance):
    """Three passes paid, one returned unused: the pass fee is 40.00 now, settled, not cancelled, not owed."""
    from models.check import ERROR, run_checks
    room = estate["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", items=[DeskItem("garbage_fee"),
                                                                              DeskItem("pass_fee", 3)]))
    cashier.refund_receipt(finance, receipt.id, "20", "退回一张出入证")
    fee = Charge.get((Charge.source == "desk") & (Charge.item == rates.item("pass_fee")))
    garbage = Charge.get((Charge.source == "desk") & (Charge.item == rates.item("garbage_fee")))
    assert (fee.amount_fen, fee.settled_fen, fee.cancelled_at) == (4000, 4000, None)
    assert (garbage.amount_fen, garbage.settled_fen, garbage.cancelled_at) == (30000, 30000, None)
    assert arrears.arrears_of_room(room).amount_fen == 0
    assert not [f.message for f in run_checks() if f.level == ERROR]
    cashier.refund_receipt(finance, receipt.id, "40", "另两张也退回")
    fee = Charge.get_by_id(fee.id)
    assert fee.settled_fen == 0 and fee.cancelled_at is not None
    assert arrears.arrears_of_room(room).amount_fen == 0
    assert cashier.refundable_fen(Receipt.get_by_id(receipt.id)) == 30000
    assert not [f.message for f in run_checks() if f.level == ERROR]


def test_a_receipt_s_fee_can_be_refunded_after_its_deposit_went_back(estate, clerk, finance):
    """A receipt for a ¥20 fee and a ¥100 deposit: once the deposit went back through the deposit
    ledger, the fee may still be refunded (it showed −¥80.00 refundable)."""
    from models.money import deposits
    room = estate["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", items=[DeskItem("pass_fee"),
                                                                              DeskItem("pass_deposit")]))
    deposit = deposits.deposits_of_receipt(receipt)[0]
    deposits.refund_deposit(finance, deposit.id, "100")
    assert cashier.refundable_fen(Receipt.get_by_id(receipt.id)) == 2000
    cashier.refund_receipt(finance, receipt.id, "20", "证件不办了")
    assert cashier.refundable_fen(Receipt.get_by_id(receipt.id)) == 0
    assert cashier.refunded_fen(receipt.id) == 12000
