"""The demo's money: two years of fees, receipts, deposits and daily closes that the desk's own rules accept."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import peewee as pw
import pytest

from models import demo
from models.check import ERROR, run_checks
from models.errors import Conflict
from models.records.estate import VACANT, Room
from models.money.arrears import estate_arrears
from models.money.cashier import Payment, take_payment
from models.money.charging import credit_balance, generate_month
from models.money.deposits import held_as_of
from models.money.ledger import (Allocation, Charge, ChargeRun, CreditEntry, DailyClose, Deposit, Receipt,
                                 ReceiptLine, Refund)
from models.serials import SerialCounter

ROOMS = 150
LABEL = re.compile(r"^(物业管理费|车位管理费) \d{4}年\d{1,2}月(-(\d{4}年)?\d{1,2}月)?(（部分）)?$")


@pytest.fixture
def office(db, admin):
    return demo.generate(admin, ROOMS, seed=5)


def _errors():
    return [f.message for f in run_checks() if f.level == ERROR]


def _month(n_back: int) -> dt.date:
    today = dt.date.today()
    index = today.year * 12 + today.month - 1 - n_back
    return dt.date(index // 12, index % 12 + 1, 1)


def test_two_years_of_monthly_charges(office):
    runs = list(ChargeRun.select().order_by(ChargeRun.month))
    assert [r.month for r in runs] == [_month(n) for n in range(23, -1, -1)]
    for run in runs:
        charges = Charge.select().where(Charge.run == run)
        assert run.lines == charges.count() > 0
        assert run.total_fen == sum(c.amount_fen for c in charges)
        assert run.rooms == charges.select(Charge.room).distinct().count()
    charged = {r for (r,) in Charge.select(Charge.room).where(Charge.source == "monthly").distinct().tuples()}
    vacant = {r for (r,) in Room.select(Room.id).where(Room.state == VACANT).tuples()}
    assert charged and not charged & vacant
    assert len(charged) >= 0.8 * (ROOMS - len(vacant))
    # Each month once per room and item, due at the month's end.
    per = Counter(Charge.select(Charge.room, Charge.item, Charge.period).where(Charge.source == "monthly").tuples())
    assert max(per.values()) == 1
    sample = Charge.select().where(Charge.source == "monthly").first()
    assert sample.due_date.month == sample.period.month and (sample.due_date + dt.timedelta(days=1)).day == 1


def test_receipts_are_numbered_per_year_without_gaps_and_add_up(office):
    years = [y for (y,) in Receipt.select(Receipt.year).distinct().order_by(Receipt.year).tuples()]
    assert years[-1] == dt.date.today().year and len(years) >= 2
    for year in years:
        numbers = [n for (n,) in Receipt.select(Receipt.number).where(Receipt.year == year).order_by(Receipt.number)
                   .tuples()]
        assert numbers == list(range(1, len(numbers) + 1))
        assert SerialCounter.get((SerialCounter.kind == "receipt") & (SerialCounter.year == year)).last == len(numbers)
        # Numbers follow the time the money was taken.
        times = [t for (t,) in Receipt.select(Receipt.taken_at).where(Receipt.year == year).order_by(Receipt.number)
                 .tuples()]
        assert times == sorted(times)
    assert Receipt.select().count() >= 8 * ROOMS
    lines = (ReceiptLine.select(ReceiptLine.receipt, pw.fn.SUM(ReceiptLine.amount_fen)).group_by(ReceiptLine.receipt))
    totals = dict(Receipt.select(Receipt.id, Receipt.total_fen).tuples())
    assert dict(lines.tuples()) == totals
    labels = [label for (label,) in ReceiptLine.select(ReceiptLine.label).where(ReceiptLine.kind == "charges").tuples()]
    assert all(LABEL.match(label) for label in labels), [x for x in labels if not LABEL.match(x)][:5]
    assert any("-" in label for label in labels)            # several months on one line
    kinds = Counter(k for (k,) in ReceiptLine.select(ReceiptLine.kind).tuples())
    assert kinds["charges"] > 0 and kinds["prepayment"] > 0
    methods = Counter(m for (m,) in Receipt.select(Receipt.method).tuples())
    assert methods.most_common(1)[0][0] in ("wechat", "alipay") and methods["cash"] > 0
    assert not _errors()


def test_allocations_and_settled_sums_agree(office):
    live = dict(Allocation.select(Allocation.charge, pw.fn.SUM(Allocation.amount_fen))
                .where(Allocation.voided_at.is_null()).group_by(Allocation.charge).tuples())
    for charge_id, amount, settled in Charge.select(Charge.id, Charge.amount_fen, Charge.settled_fen).tuples():
        assert settled == live.get(charge_id, 0) and 0 <= settled <= amount
    rooms = {r for (r,) in CreditEntry.select(CreditEntry.room).distinct().tuples()}
    assert rooms and all(credit_balance(r) >= 0 for r in rooms)
    assert any(credit_balance(r) > 0 for r in rooms)          # paid ahead, still in credit today


def test_voided_receipts_settle_nothing(office):
    voided = list(Receipt.select().where(Receipt.voided_at.is_null(False)))
    assert voided
    for receipt in voided:
        assert receipt.void_reason and receipt.voided_by and receipt.voided_at >= receipt.taken_at
        allocations = Allocation.select().join(ReceiptLine).where(ReceiptLine.receipt == receipt)
        assert allocations.count() and all(a.voided_at is not None for a in allocations)


def test_arrears_with_a_few_long_term_debtors(office):
    owing = estate_arrears()
    assert owing
    long_term = [row for row in owing if row["months"] >= 4]
    charged = Room.select().where(Room.state != VACANT).count()
    assert 1 <= len(long_term) <= 0.1 * charged
    assert len(owing) < 0.6 * charged                       # most rooms pay regularly
    assert all(row["amount"] > 0 for row in owing)


def test_renovation_deposits_fees_and_refunds(office):
    held = held_as_of()
    assert held
    renovation = (Receipt.select().join(ReceiptLine).where(ReceiptLine.label == "装修保证金").first())
    assert renovation is not None
    labels = [line.label for line in renovation.lines.order_by(ReceiptLine.id)]
    assert labels[0] == "装修保证金" and labels[1].startswith("出入证押金") and labels[-1] == "垃圾清运费"
    assert any(label.startswith("办证工本费") for label in labels)
    fees = Charge.select().where(Charge.source == "desk")
    assert fees.count() and all(c.settled_fen == c.amount_fen and c.note.count("-") == 1 for c in fees)
    for deposit in Deposit.select():
        out = sum(m.amount_fen for m in deposit.movements)
        assert deposit.held_fen == deposit.amount_fen - out >= 0
    for refund in Refund.select():
        assert refund.receipt_id is not None and refund.reason.startswith("退还")


def test_daily_closes_received_by_finance_and_today_left_open(office):
    today = dt.date.today()
    clerk_receipts = Receipt.select().where(Receipt.with_finance == False)  # noqa: E712
    for receipt in clerk_receipts:
        if receipt.taken_at.date() < today:
            assert receipt.close_id is not None
            assert receipt.close.day == receipt.taken_at.date() and receipt.close.clerk == receipt.clerk
        else:
            assert receipt.close_id is None
    assert Receipt.select().where((Receipt.with_finance == True) & Receipt.close.is_null(False)).count() == 0  # noqa
    closes = list(DailyClose.select())
    assert closes and all(c.confirmed_by and c.confirmed_at >= c.closed_at for c in closes)
    clerks = {r.clerk for r in Receipt.select(Receipt.clerk).distinct()}
    assert {"李静", "钱丽"} <= clerks


def test_refunds_are_counted_in_the_close_of_whoever_paid_them(db, admin):
    """Deposits go back by finance on weekdays, by the supervisor at the weekend; each refund before today is in
    its payer's close of its day (finance's own close received as made), today's are left open."""
    from models.users import User
    demo.generate(admin, 600, seed=5)          # larger than ``office``: renovations finished, deposits back
    today = dt.date.today()
    ids = {u.display_name: u.id for u in User.select()}
    refunds = list(Refund.select())
    assert {r.by for r in refunds} == {"钱丽", "王芳"}
    for refund in refunds:
        assert refund.by == ("钱丽" if refund.at.weekday() < 5 else "王芳")
        assert refund.by_user_id == ids[refund.by]
        if refund.at.date() < today:
            close = refund.close
            assert (close.day, close.clerk, close.clerk_user_id) == (refund.at.date(), refund.by, refund.by_user_id)
        else:
            assert refund.close_id is None
    own = list(DailyClose.select().where(DailyClose.clerk == "钱丽"))
    assert own and all(c.receipts == 0 and c.total_fen < 0 and c.confirmed_at == c.closed_at for c in own)
    assert not _errors()


def test_the_desk_carries_on_from_the_demo(office, clerk, finance):
    row = max(estate_arrears(), key=lambda r: r["months"])
    year = dt.date.today().year
    last = Receipt.select(pw.fn.MAX(Receipt.number)).where(Receipt.year == year).scalar()
    receipt = take_payment(clerk, row["room_id"], Payment("张伟", "cash", "100"))
    assert (receipt.year, receipt.number) == (year, last + 1)
    with pytest.raises(Conflict):
        generate_month(finance, dt.date.today())              # this month is already raised
    generate_month(finance, _month(-1))                       # next month's run applies prepaid credit
    assert not _errors()


def test_the_money_checks_find_what_went_wrong(office, finance):
    """Each rule of the cashier's book, broken on purpose behind the program's back, is reported."""
    from models.db import database
    from models.money.deposits import refund_deposit
    refund_deposit(finance, held_as_of()[0]["deposit"].id, "50")        # at least one refund to renumber
    assert not _errors()
    sql = database.obj.execute_sql
    year = Receipt.select(pw.fn.MAX(Receipt.year)).scalar()
    refund_year = Refund.select(pw.fn.MAX(Refund.year)).scalar()
    close_year = DailyClose.select(pw.fn.MAX(DailyClose.year)).scalar()
    charge = Charge.select().where(Charge.settled_fen > 0).first()
    sql("UPDATE charge SET settled_fen = settled_fen - 1 WHERE id = ?", (charge.id,))
    sql("UPDATE charge_run SET lines = lines + 1 WHERE id = (SELECT MIN(id) FROM charge_run)")
    receipt = Receipt.select().where(Receipt.voided_at.is_null() & Receipt.close.is_null(False)).first()
    sql("UPDATE receipt SET total_fen = total_fen + 100 WHERE id = ?", (receipt.id,))
    line = ReceiptLine.select().where(ReceiptLine.kind == "charges").order_by(ReceiptLine.id.desc()).first()
    allocation = Allocation.get(Allocation.line == line)
    sql("UPDATE allocation SET amount_fen = amount_fen - 1 WHERE id = ?", (allocation.id,))
    sql("UPDATE charge SET settled_fen = settled_fen - 1 WHERE id = ?", (allocation.charge_id,))
    voided = Allocation.select().where(Allocation.voided_at.is_null(False)).first()
    sql("UPDATE allocation SET voided_at = NULL WHERE id = ?", (voided.id,))
    other = Receipt.select().where(Receipt.room != line.receipt.room).first()
    sql("UPDATE receipt SET room_id = ? WHERE id = ?", (other.room_id, line.receipt_id))
    sql("UPDATE receipt SET number = number + 5 WHERE year = ? AND number = "
        "(SELECT MAX(number) FROM receipt WHERE year = ?)", (year, year))
    sql("UPDATE refund SET number = number + 1 WHERE year = ? AND number = "
        "(SELECT MAX(number) FROM refund WHERE year = ?)", (refund_year, refund_year))
    sql("UPDATE serial_counter SET last = last + 1 WHERE kind = 'daily_close' AND year = ?", (close_year,))
    sql("UPDATE deposit SET held_fen = held_fen - 100 WHERE id = (SELECT MIN(id) FROM deposit)")
    sql("INSERT INTO credit_entry (room_id, amount_fen, reason, at) VALUES (?, -999999, 'applied', ?)",
        (charge.room_id, dt.datetime.now().isoformat(" ")))
    sql("UPDATE daily_close SET total_fen = total_fen + 1 WHERE id = (SELECT MAX(id) FROM daily_close)")
    found = {f.check for f in run_checks() if f.level == ERROR}
    assert {"money.settled", "money.runs", "money.receipt_totals", "money.receipt_lines", "money.receipt_rooms",
            "money.receipt_numbers", "money.refund_numbers", "money.close_numbers", "money.deposits",
            "money.credit", "money.closes"} <= found
    messages = "\n".join(f.message for f in run_checks() if f.level == ERROR)
    assert f"{year}年的收据：1 至" in messages and "缺少 5 个编号" in messages and "计数器" in messages
    assert "收据金额" in messages and "明细合计" in messages and "已作废收据" in messages
