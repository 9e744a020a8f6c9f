"""The money documents (收据, 催缴通知, 收款日结单): their data, and the PDFs read back as a clerk
reads the paper."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from models.records import people as p
from models.errors import InvalidInput, NotFound
from models.money import cashier, charging, closing
from models.money import documents as docs
from models.amounts import area_fee, capital
from models.money.cashier import DeskItem, Payment
from reports.pdf.money.daily_close import build_close
from reports.pdf.money.receipt import BOOK_LINES, build_receipt, build_receipts
from reports.pdf.money.refund import build_refund
from reports.pdf.money.reminder import build_reminders

TODAY = dt.date.today()
THIS_MONTH = TODAY.replace(day=1)
PAY_BY = TODAY + dt.timedelta(days=15)
A4 = (595, 842)   # points, rounded


def months_back(n: int) -> dt.date:
    index = THIS_MONTH.year * 12 + THIS_MONTH.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def _id_number(first17: str) -> str:
    """A valid 18-digit ID number (GB 11643 check digit)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _squash(text: str) -> str:
    """Wrapped lines come back with breaks (and letter-spaced titles with spaces); compare without."""
    return re.sub(r"\s+", "", text)


def _months_label(first: dt.date, last: dt.date) -> str:
    """物业管理费 2026年8月-10月, as the cashier labels a fee line."""
    if first.year == last.year:
        return f"{first.year}年{first.month}月-{last.month}月"
    return f"{first.year}年{first.month}月-{last.year}年{last.month}月"


FEE_1201 = area_fee(8950, 25000)    # 89.50 m² × ¥2.50 = ¥223.75
FEE_1202 = area_fee(12000, 25000)   # 120.00 m² × ¥2.50 = ¥300.00
PARKING = 6000


@pytest.fixture
def books(estate, clerk, finance):
    """The small estate with owners in 1202 and 1301, three past months charged, a parking month
    owed by 1301, and three receipts: desk fees and deposits for ¥1,500.00 (1201), two months of
    management fee (1202), and one voided (1301)."""
    rooms = estate["rooms"]
    for room, name, first17 in ((rooms[1], "欧阳建国", "11010119750302001"), (rooms[2], "王芳芳", "44030419880808002")):
        person = p.create_person(clerk, p.PersonInput(name, id_number=_id_number(first17),
                                                      phones=[("13800002222", "mobile")]))
        p.transfer_ownership(clerk, room.id, [person.id], "2021-03-01", f"粤房证{room.number}")
    for n in (3, 2, 1):
        charging.generate_month(finance, months_back(n))
    charging.add_charge(finance, rooms[2].id, "parking_fee", "60", period=months_back(1))
    desk = cashier.take_payment(clerk, rooms[0].id, Payment(
        "李娜", "wechat", items=[DeskItem("renovation_deposit", 1, "1000"), DeskItem("pass_deposit", 3),
                                DeskItem("pass_fee", 3), DeskItem("garbage_fee", 1, "140")], note="装修办证"))
    fee = cashier.take_payment(clerk, rooms[1].id, Payment("欧阳建国", "cash", amount=str(2 * FEE_1202 // 100)))
    wrong = cashier.take_payment(clerk, rooms[2].id, Payment("王芳芳", "cash", items=[DeskItem("garbage_fee", 1, "300")]))
    cashier.void_receipt(finance, wrong.id, "金额开错，重新开具")
    return dict(estate, rooms=rooms, desk=desk, fee=fee, voided=wrong)


# --- 收据 ---------------------------------------------------------------------------------------


def test_receipt_document_is_the_receipt_as_printed(books):
    doc = docs.receipt_document(books["desk"].id)
    assert (doc.serial, doc.payer, doc.room_label, doc.date) == (books["desk"].serial, "李娜", "3栋2单元1201", TODAY)
    # The quantity has its own column, so the label does not repeat it (出入证押金, not 出入证押金 ×3).
    assert [(ln.label, ln.quantity, ln.amount_fen) for ln in doc.lines] == [
        ("装修保证金", 1, 100000), ("出入证押金", 3, 30000), ("办证工本费", 3, 6000), ("垃圾清运费", 1, 14000)]
    assert (doc.total_fen, doc.capital, doc.total_text) == (150000, "壹仟伍佰元整", "¥1,500.00")
    assert (doc.method_label, doc.clerk, doc.note, doc.voided) == ("微信", "李静", "装修办证", False)
    assert doc.office == "阳光花园管理处"

    fee = docs.receipt_document(books["fee"].id)
    # A fee line counts the months it covers.
    assert [(ln.label, ln.quantity, ln.amount_fen) for ln in fee.lines] == [
        (f"物业管理费 {_months_label(months_back(3), months_back(2))}", 2, 2 * FEE_1202)]
    assert (fee.method_label, fee.capital) == ("现金", "陆佰元整")

    void = docs.receipt_document(books["voided"].id)
    assert (void.voided, void.void_reason, void.voided_by, void.voided_on) == (True, "金额开错，重新开具", "钱会计", TODAY)
    with pytest.raises(NotFound):
        docs.receipt_document(99999)


def test_receipt_prints_three_parts_on_one_a4(books):
    doc = docs.receipt_document(books["desk"].id)
    data = build_receipt(doc)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == list(A4)
    text = _squash(reader.pages[0].extract_text())
    for part in ("第一联存根", "第二联交款人", "第三联记账"):
        assert text.count(part) == 1
    # Every part carries the whole receipt.
    for words in (f"No.{doc.serial}", "收据", "交款人李娜", "房号3栋2单元1201", f"日期{TODAY.year}年{TODAY.month}月{TODAY.day}日",
                  "合计人民币（大写）：壹仟伍佰元整", "¥1,500.00", "出入证押金", "1,000.00", "收款方式微信", "收款人李静",
                  "备注装修办证", "管理处(盖章)"):
        assert text.count(words) == 3, words
    assert "作废" not in text

    # Each part's serial stands at the top of its own third of the page.
    heights = []
    def visit(text, cm, tm, *_):
        if doc.serial in text:   # the text matrix is within the flowable; the page position needs both
            heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
    reader.pages[0].extract_text(visitor_text=visit)
    thirds = sorted(int(y // (A4[1] / 3)) for y in heights)
    assert thirds == [0, 1, 2]


def test_voided_receipt_reprints_with_void_across_every_part(books):
    doc = docs.receipt_document(books["voided"].id)
    text = _squash(_pages(build_receipt(doc))[0])
    assert text.count(f"作废原因：金额开错，重新开具（钱会计{TODAY.year}年{TODAY.month}月{TODAY.day}日作废）") == 3
    assert text.count("作废") >= 6          # the big mark and the reason line, in each part
    assert text.count("合计人民币（大写）：叁佰元整") == 3


def test_a_receipt_longer_than_the_book_says_so_and_attaches_the_list(books, clerk):
    receipt = cashier.take_payment(clerk, books["rooms"][0].id, Payment(
        "李娜", "cash", items=[DeskItem("pass_fee", 1) for _ in range(BOOK_LINES + 3)]))
    doc = docs.receipt_document(receipt.id)
    assert len(doc.lines) == 11
    pages = [_squash(t) for t in _pages(build_receipt(doc))]
    assert len(pages) == 2
    # The book's last line sums the rest, so the printed lines still add up to 合计.
    assert pages[0].count("其余4项（明细见附页）") == 3
    assert pages[0].count("80.00") == 3 and pages[0].count("¥220.00") == 3
    assert pages[0].count("贰佰贰拾元整") == 3
    assert "收据明细附页" in pages[1] and f"附于收据No.{doc.serial}，共11项" in pages[1]
    assert pages[1].count("办证工本费") == 11 and "¥220.00" in pages[1]


def test_receipts_print_one_a4_each(books):
    chosen = [docs.receipt_document(books[k].id) for k in ("desk", "fee", "voided")]
    pages = [_squash(t) for t in _pages(build_receipts(chosen))]
    assert len(pages) == 3
    for doc, text in zip(chosen, pages):
        assert text.count(f"No.{doc.serial}") == 3
        assert text.count(doc.capital) == 3
    assert "作废原因" in pages[2] and "作废" not in pages[0] + pages[1]


def test_receipt_output_is_byte_stable(books):
    doc = docs.receipt_document(books["desk"].id)
    assert build_receipt(doc) == build_receipt(doc)


# --- 退款单 ---------------------------------------------------------------------------------------


def test_refund_document_is_the_slip_as_printed(books, finance):
    first = cashier.refund_receipt(finance, books["fee"].id, "100", "多收退回", method="cash")
    second = cashier.refund_receipt(finance, books["fee"].id, "20.50", "再退", method="wechat")
    doc = docs.refund_document(second.id)
    assert (doc.serial, doc.date, doc.payee, doc.room_label) == (second.serial, TODAY, "欧阳建国", "3栋2单元1202")
    assert (doc.amount_fen, doc.amount_text, doc.capital) == (2050, "¥20.50", "贰拾元零伍角")
    assert (doc.method_label, doc.reason, doc.by, doc.office) == ("微信", "再退", "钱会计", "阳光花园管理处")
    assert (doc.receipt_serial, doc.receipt_date, doc.receipt_total_fen) == (books["fee"].serial, TODAY, 2 * FEE_1202)
    # What the receipt had back before this refund, so a second payment of the same refund shows.
    assert (doc.refunded_before_fen, doc.refunded_so_far_fen) == (10000, 12050)
    assert docs.refund_document(first.id).refunded_before_fen == 0
    with pytest.raises(NotFound):
        docs.refund_document(4242)


def test_refund_slip_prints_two_parts_on_one_a4(books, finance):
    refund = cashier.refund_receipt(finance, books["fee"].id, "100", "多收退回", method="cash")
    doc = docs.refund_document(refund.id)
    reader = PdfReader(io.BytesIO(build_refund(doc)))
    assert len(reader.pages) == 1 and [round(float(x)) for x in reader.pages[0].mediabox[2:]] == list(A4)
    text = _squash(reader.pages[0].extract_text())
    assert text.count("第一联存根") == 1 and text.count("第二联领款人") == 1
    for words in ("阳光花园管理处", "退款单", f"No.{refund.serial}", "领款人欧阳建国", "房号3栋2单元1202",
                  f"原收据号No.{books['fee'].serial}", f"原收款日期{TODAY.year}年{TODAY.month}月{TODAY.day}日",
                  f"原收款金额¥{2 * FEE_1202 // 100:,}.00", "此前已退¥0.00", "退款金额人民币（大写）：壹佰元整¥100.00",
                  "退款方式现金", f"退款日期{TODAY.year}年{TODAY.month}月{TODAY.day}日", "退款原因多收退回",
                  "以上退款已如数收到。", "经办人：钱会计", "领款人签字：", "管理处(盖章)"):
        assert text.count(words) == 2, words          # each part carries the whole slip
    assert build_refund(doc) == build_refund(doc)     # byte-stable


def test_a_deposit_refund_slip_names_the_deposit(books, finance):
    from models.money import deposits
    from models.money.ledger import Deposit
    deposit = Deposit.get(Deposit.quantity == 3)
    refund = deposits.refund_deposit(finance, deposit.id, "200", [deposits.Deduction("100", "出入证未交回")],
                                     payee="李娜")
    doc = docs.refund_document(refund.id)
    assert (doc.receipt_serial, doc.payee, doc.amount_fen) == (books["desk"].serial, "李娜", 20000)
    text = _squash(_pages(build_refund(doc))[0])
    assert "出入证押金" in text and "扣¥100.00：出入证未交回" in text and "人民币（大写）：贰佰元整" in text


def test_an_opening_deposit_s_refund_slip_says_it_has_no_receipt(books, finance):
    from models.money import deposits, opening
    from models.money.ledger import Deposit
    opening.import_opening(finance, "deposits", [(2, {"room": "3-2-1301", "item": "装修保证金", "payer": "王芳芳",
                                                     "amount": "2000", "taken_on": "2025-06-01"})])
    deposit = Deposit.get(Deposit.source == "opening")
    refund = deposits.refund_deposit(finance, deposit.id, "2000")
    doc = docs.refund_document(refund.id)
    assert (doc.receipt_serial, doc.receipt_date, doc.payee, doc.room_label) == ("", None, "王芳芳", "3栋2单元1301")
    text = _squash(_pages(build_refund(doc))[0])
    assert text.count("原收据号（无收据）") == 2 and "此前已退" not in text and "贰仟元整" in text


def test_a_refunded_receipt_reprints_with_its_refunds_noted(books, finance):
    first = cashier.refund_receipt(finance, books["fee"].id, "100", "多收退回", method="cash")
    doc = docs.receipt_document(books["fee"].id)
    assert [(r.serial, r.amount_fen) for r in doc.refunds] == [(first.serial, 10000)] and doc.refunded_fen == 10000
    text = _squash(_pages(build_receipt(doc))[0])
    assert text.count(f"已退款¥100.00（{first.serial}）") == 3          # on every part
    second = cashier.refund_receipt(finance, books["fee"].id, "5", "再退", method="cash")
    text = _squash(_pages(build_receipt(docs.receipt_document(books["fee"].id)))[0])
    assert text.count(f"已退款¥100.00（{first.serial}）；已退款¥5.00（{second.serial}）") == 3
    assert "已退款" not in _squash(_pages(build_receipt(docs.receipt_document(books["desk"].id)))[0])


def test_the_receipts_list_sums_what_was_refunded_in_sql(books, finance):
    from models.listing import get_list
    spec = get_list("receipts")
    cashier.refund_receipt(finance, books["fee"].id, "100", "多收退回", method="cash")
    cashier.refund_receipt(finance, books["fee"].id, "20.50", "再退", method="cash")
    column = [c.key for c in spec.columns].index("refunded")
    rows = spec.fetch([books["fee"].id, books["desk"].id])
    assert rows[books["fee"].id][column] == 12050 and rows[books["desk"].id][column] is None
    assert spec.ids(sort="refunded", descending=True)[0] == books["fee"].id


# --- 催缴通知 -------------------------------------------------------------------------------------


def test_reminder_document_has_the_arrears_of_the_room(books):
    rooms = books["rooms"]
    let = docs.reminder_document(rooms[0].id, TODAY, PAY_BY)
    assert (let.room_label, let.room_code, let.owners, let.tenants, let.occupant) == (
        "3栋2单元1201", "3-2-1201", ("张伟",), ("李娜",), "李娜")   # the tenant pays the fee of a let room
    assert let.months == 3 and let.months_list == (months_back(3), months_back(2), months_back(1))
    assert (let.amount_fen, let.fee_fen, let.capital) == (3 * FEE_1201, 3 * FEE_1201, "陆佰柒拾壹元贰角伍分")
    assert let.months_text == _months_label(months_back(3), months_back(1))
    assert [(i.name, i.months, i.amount_fen) for i in let.items] == [("物业管理费", 3, 3 * FEE_1201)]
    assert (let.as_of, let.pay_by, let.issued_on) == (TODAY, PAY_BY, TODAY)
    assert (let.office, let.office_phone, let.office_address) == ("阳光花园管理处", "0755-8888 6666", "阳光花园3栋1楼客服中心")

    paid_two = docs.reminder_document(rooms[1].id, TODAY, PAY_BY)
    assert (paid_two.months, paid_two.months_list, paid_two.amount_fen) == (1, (months_back(1),), FEE_1202)

    parking = docs.reminder_document(rooms[2].id, TODAY, PAY_BY)
    assert parking.others_owed and parking.amount_fen == 3 * FEE_1201 + PARKING
    assert [(i.name, i.months, i.amount_fen) for i in parking.items] == [
        ("物业管理费", 3, 3 * FEE_1201), ("车位管理费", 1, PARKING)]


def test_a_charge_with_no_month_is_owed_apart(books, finance):
    room = books["rooms"][0]
    charging.add_charge(finance, room.id, "management_fee", "150", note="2025年欠费补收")
    doc = docs.reminder_document(room.id, TODAY, PAY_BY)
    # The notice names the months of fee; a sum with no month is "其他费用", on its own row.
    assert (doc.months, doc.others_owed, doc.amount_fen) == (3, True, 3 * FEE_1201 + 15000)
    assert [(i.name, i.periods, i.months, i.amount_fen, i.note) for i in doc.items] == [
        ("物业管理费", _months_label(months_back(3), months_back(1)), 3, 3 * FEE_1201, ""),
        ("物业管理费", "", 0, 15000, "2025年欠费补收")]
    text = _squash(_pages(build_reminders([doc]))[0])
    assert "物业管理费3个月及其他费用" in text and "物业管理费2025年欠费补收150.00" in text


def test_no_reminder_for_a_room_owing_nothing(books):
    with pytest.raises(InvalidInput, match="3栋2单元101"):
        docs.reminder_document(books["rooms"][3].id, TODAY, PAY_BY)
    with pytest.raises(InvalidInput):
        docs.reminder_document(books["rooms"][0].id, TODAY, TODAY - dt.timedelta(days=1))


def test_month_ranges_collapse_consecutive_months():
    months = [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 1),
              dt.date(2026, 5, 1), dt.date(2026, 6, 1)]
    assert docs.month_ranges(months) == "2025年11月-2026年1月、2026年3月、2026年5月-6月"
    assert docs.month_ranges([]) == ""


def test_reminders_one_notice_per_room_two_to_a_page(books):
    run = docs.reminder_documents(TODAY, PAY_BY)
    assert [d.room_label for d in run] == ["3栋2单元1201", "3栋2单元1202", "3栋2单元1301"]   # room order
    pages = _pages(build_reminders(run))
    assert len(pages) == 2
    notices = [n for page in pages for n in _squash(page).split("尊敬的")[1:]]
    assert len(notices) == 3
    # Cut and stack: the upper halves carry the first half of the run, the lower halves the rest.
    assert [n.split("业主")[0] for n in notices] == ["3栋2单元1201", "3栋2单元1301", "3栋2单元1202"]
    by_room = {n.split("业主")[0]: n for n in notices}
    for doc in run:
        text = by_room[doc.room_label]
        assert f"截至{TODAY.year}年{TODAY.month}月{TODAY.day}日" in text
        assert f"物业管理费{doc.months}个月" in text
        assert f"共计人民币¥{doc.amount_fen // 100:,}.{doc.amount_fen % 100:02d}（大写：{capital(doc.amount_fen)}）" in text
        assert f"请于{PAY_BY.year}年{PAY_BY.month}月{PAY_BY.day}日前到管理处缴纳" in text
        assert "联系电话：0755-8888 6666".replace(" ", "") in text and "管理处(盖章)" in text
        assert doc.months_text.split("、")[0] in text
        assert "张伟" not in text and "李娜" not in text     # posted on doors: no names
    assert "及其他费用" in by_room["3栋2单元1301"] and "车位管理费" in by_room["3栋2单元1301"]
    assert "及其他费用" not in by_room["3栋2单元1201"]
    assert _squash(pages[0]).count("催缴通知") == 2


# --- 收款日结单 -------------------------------------------------------------------------------------


def test_close_document_lists_the_receipts_and_totals_by_method(books, clerk, finance):
    close = closing.close_day(clerk)
    closing.confirm_close(finance, close.id)
    doc = docs.close_document(close.id)
    assert doc.close_no == f"RJ{TODAY.year}-{close.number:06d}"
    assert [(r.serial, r.voided) for r in doc.receipts] == [
        (books["desk"].serial, False), (books["fee"].serial, False), (books["voided"].serial, True)]
    assert doc.receipts[2].void_reason == "金额开错，重新开具"
    assert [(t.label, t.count, t.amount_fen) for t in doc.totals] == [("现金", 1, 2 * FEE_1202), ("微信", 1, 150000)]
    assert (doc.total_fen, doc.capital, doc.counted, doc.voided) == (210000, "贰仟壹佰元整", 2, 1)
    assert (doc.clerk, doc.confirmed_by, doc.day) == ("李静", "钱会计", TODAY)

    text = _squash("".join(_pages(build_close(doc))))
    assert "收款日结单" in text and f"No.{doc.close_no}" in text
    for r in doc.receipts:
        assert r.serial in text
    assert f"{books['voided'].serial}" in text and "作废：金额开错，重新开具" in text
    assert "本单收据3张，其中有效2张，作废1张" in text
    assert "现金1600.00" in text and "微信11,500.00" in text
    assert "合计2¥2,100.00" in text and "合计人民币（大写）：贰仟壹佰元整" in text
    assert "交款人（经办人）：李静" in text and "收款人（财务）：钱会计" in text
    assert "第1页共1页" in text


def test_a_long_close_flows_over_pages(books, clerk):
    for i in range(40):
        cashier.take_payment(clerk, books["rooms"][i % 3].id, Payment("张伟", "cash", items=[DeskItem("pass_fee", 1)]))
    doc = docs.close_document(closing.close_day(clerk).id)
    pages = [_squash(t) for t in _pages(build_close(doc))]
    assert len(pages) >= 2
    assert all(f"第{n}页共{len(pages)}页" in page for n, page in enumerate(pages, 1))
    assert "序号收据号" in pages[1]                      # the column heads again
    assert "收款日结单No." in pages[1]                   # the running head names the form
    assert sum(page.count(f"{TODAY.year}-0") for page in pages) >= 43
    assert "合计人民币（大写）：" in pages[-1] and "交款人（经办人）" in pages[-1]


def _fen(figure: str) -> int:
    """-1,200.50 or ¥1,199.50 as printed → fen."""
    negative = figure.startswith("-")
    whole, cents = figure.lstrip("-").replace("¥", "").replace(",", "").split(".")
    return (-1 if negative else 1) * (int(whole) * 100 + int(cents))


def _net_totals(text: str) -> dict[str, tuple]:
    """The totals table of a close with refunds, read back: method → (receipts, taken, refunds, paid back, net)."""
    cells = [c.strip() for c in text.split("净额（元）", 1)[1].split("合计人民币")[0].splitlines() if c.strip()]
    rows = [cells[i:i + 6] for i in range(0, len(cells), 6)]
    return {r[0]: (int(r[1]), _fen(r[2]), int(r[3]), _fen(r[4]), _fen(r[5])) for r in rows}


def test_a_close_lists_the_refunds_it_counts_less(books, clerk, supervisor):
    """A refund paid out of the supervisor's drawer is on the supervisor's sheet, printed less, with the receipt
    it refunds; the totals by method are net of it and agree with what the close stored."""
    rooms = books["rooms"]
    own = cashier.take_payment(supervisor, rooms[0].id, Payment("张伟", "cash", "300", prepayment=True))
    cashier.take_payment(supervisor, rooms[1].id, Payment("欧阳建国", "wechat", "1200", prepayment=True))
    back_cash = cashier.refund_receipt(supervisor, own.id, "100", "多收，退回现金", method="cash")
    back_clerks = cashier.refund_receipt(supervisor, books["fee"].id, "20.50", "多收一个月", method="wechat")
    close = closing.close_day(supervisor)
    doc = docs.close_document(close.id)
    assert [(r.serial, r.receipt_serial, r.payee, r.method_label, r.amount_fen) for r in doc.refunds] == [
        (back_cash.serial, own.serial, "张伟", "现金", 10000),
        (back_clerks.serial, books["fee"].serial, "欧阳建国", "微信", 2050)]
    assert doc.refunds[1].room_label == "3栋2单元1202"
    stored = closing.method_totals(close)
    assert stored == {"cash": 20000, "wechat": 117950}
    assert {t.method: (t.count, t.received_fen, t.refunds, t.refunded_fen, t.amount_fen) for t in doc.totals} == {
        "cash": (1, 30000, 1, 10000, 20000), "wechat": (1, 120000, 1, 2050, 117950)}
    assert (doc.total_fen, doc.capital, doc.own) == (137950, "壹仟叁佰柒拾玖元伍角", False)

    raw = "".join(_pages(build_close(doc)))
    text = _squash(raw)
    assert "退款明细（从合计中扣除）" in text and "本单收据2张，其中有效2张，作废0张" in text
    assert "退款2笔，共¥120.50，从合计中扣除" in text
    assert f"{back_cash.serial}" in text and f"{back_clerks.serial}" in text
    assert f"{own.serial}3栋2单元1201张伟现金-100.00多收，退回现金" in text
    assert f"{books['fee'].serial}3栋2单元1202欧阳建国微信-20.50多收一个月" in text
    printed = _net_totals(raw)
    assert printed == {"现金": (1, 30000, 1, -10000, 20000), "微信": (1, 120000, 1, -2050, 117950),
                       "合计": (2, 150000, 2, -12050, 137950)}
    assert {docs.method_label(m): fen for m, fen in stored.items()} == {k: v[4] for k, v in printed.items()
                                                                      if k != "合计"}
    assert "合计人民币（大写）：壹仟叁佰柒拾玖元伍角" in text and "退款多于收款" not in text
    assert "交款人（经办人）：王芳" in text and "注：财务尚未确认收款。" in text


def test_a_finance_close_of_refunds_only_prints_a_negative_net(books, finance, tmp_path):
    """Finance's own close: no receipts, the refunds finance paid, a negative net read as 负…, one signature."""
    refund = cashier.refund_receipt(finance, books["fee"].id, "50", "多收", method="cash")
    close = closing.close_day(finance)
    doc = docs.close_document(close.id)
    assert (doc.receipts, [r.serial for r in doc.refunds], doc.total_fen, doc.own) == ((), [refund.serial], -5000, True)
    assert doc.capital == "负伍拾元整" == capital(-5000)
    assert [(t.label, t.count, t.received_fen, t.refunded_fen, t.amount_fen) for t in doc.totals] == [
        ("现金", 0, 0, 5000, -5000)]
    pdf = build_close(doc)
    raw = "".join(_pages(pdf))
    text = _squash(raw)
    assert "本单无收据；退款1笔，共¥50.00，从合计中扣除" in text and "（无）" in text
    assert f"{refund.serial}" in text and "-50.00多收" in text
    assert _net_totals(raw) == {"现金": (0, 0, 1, -5000, -5000), "合计": (0, 0, 1, -5000, -5000)}
    assert "-¥50.00" in text and "合计人民币（大写）：负伍拾元整（退款多于收款）" in text
    assert "经办人（财务）：钱会计" in text and "日结即为财务已收" in text
    assert "收款人（财务）" not in text and "尚未确认" not in text
    assert "第1页共1页" in text
    if shutil.which("pdftoppm"):
        from PIL import Image
        (tmp_path / "close.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(tmp_path / "close.pdf"),
                        str(tmp_path / "close")], check=True)
        image = Image.open(tmp_path / "close.png").convert("RGB")
        assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1


def test_a_close_with_many_refunds_flows_with_its_heads_on_every_page(books, supervisor):
    for i in range(30):
        receipt = cashier.take_payment(supervisor, books["rooms"][i % 2].id,
                                       Payment("张伟", "cash", "10", prepayment=True))
        cashier.refund_receipt(supervisor, receipt.id, "4", "多收")
    doc = docs.close_document(closing.close_day(supervisor).id)
    pages = [_squash(t) for t in _pages(build_close(doc))]
    assert len(pages) >= 2 and "序号收据号" in pages[0]
    with_refunds = [page for page in pages if "TK" in page]
    assert len(with_refunds) >= 2 and all("序号退款单号" in page for page in with_refunds)
    assert sum(page.count("-4.00多收") for page in pages) == 30
    assert "¥180.00" in pages[-1] and "合计人民币（大写）：壹佰捌拾元整" in pages[-1]


def test_a_long_payer_shares_the_width_with_an_empty_remark(books, clerk, supervisor):
    """A company's name was folded over nine lines beside an empty 备注 column: the two share by what they hold."""
    from reportlab.lib.units import mm
    from reports.pdf.money import daily_close
    company = "深圳市南山区阳光花园装饰工程有限公司代业主欧阳建国先生缴纳"
    cashier.take_payment(supervisor, books["rooms"][1].id, Payment(company, "cash", "300", prepayment=True))
    doc = docs.close_document(closing.close_day(supervisor).id)
    widths = daily_close._receipt_columns(doc)
    assert sum(widths) == pytest.approx(daily_close.WIDTH)
    payer, remark = widths[4], widths[7]
    assert payer > 40 * mm and remark < 15 * mm                   # no remark: the head's width only
    table = daily_close._receipts(doc)
    table.wrap(daily_close.WIDTH, 800)
    line = daily_close.SIZE * 1.3
    assert table._rowHeights[1] <= 3 * line + 8                   # the name in three lines at most, not nine
    assert company in _squash("".join(_pages(build_close(doc))))

    # With a void reason beside it, both wrap to about as many lines.
    reason = "金额开错，交款人要求重新开具一张抬头为公司全称的收据"
    wrong = cashier.take_payment(clerk, books["rooms"][1].id, Payment(company, "cash", "300", prepayment=True))
    cashier.void_receipt(supervisor, wrong.id, reason)
    doc = docs.close_document(closing.close_day(clerk).id)
    widths = daily_close._receipt_columns(doc)
    assert widths[7] > 25 * mm and widths[4] > 25 * mm
    assert sum(widths) == pytest.approx(daily_close.WIDTH)
    assert f"作废：{reason}" in _squash("".join(_pages(build_close(doc))))


def test_close_not_found(db):
    with pytest.raises(NotFound):
        docs.close_document(4242)


# --- the pages themselves ----------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_every_document_renders_with_ink(books, clerk, supervisor, tmp_path):
    from PIL import Image
    close = closing.close_day(clerk)
    refund = cashier.refund_receipt(supervisor, books["fee"].id, "100", "多收退回")
    printed = {"receipt": build_receipt(docs.receipt_document(books["desk"].id)),
               "reminders": build_reminders(docs.reminder_documents(TODAY, PAY_BY)),
               "close": build_close(docs.close_document(close.id)),
               "refund": build_refund(docs.refund_document(refund.id))}
    for name, data in printed.items():
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(tmp_path / name)], check=True)
        image = Image.open(tmp_path / f"{name}.png").convert("RGB")
        assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1, name    # A4 at 60 dpi
        raw = image.tobytes()
        pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
        dark = sum(1 for r, g, b in pixels if r + g + b < 200)
        red = sum(1 for r, g, b in pixels if r > 150 and g < 110 and b < 110)
        assert dark > len(pixels) * 0.01, name           # rules and text, not a blank page
        if name != "reminders":
            assert red > 10, name                        # the number, printed in red


def test_no_wrapped_line_starts_with_chinese_punctuation():
    """A narrow box forces wrapping: a line may break before a Han character, never before ，or ）."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    import io
    from pypdf import PdfReader
    from reports.pdf import layout as L
    text = "尊敬的业主：截至二〇二六年十一月二十四日，您尚欠物业管理费三个月，共计人民币（大写）壹仟元整，请于十二月前缴纳。" * 3
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([L.grid([[L.text(text)]], [37 * 2.83])])
    lines = [line.strip() for line in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text().splitlines()
             if line.strip()]
    assert len(lines) > 10
    assert not [line for line in lines if line[0] in "，；：）。、"], lines


# --- rooms outside a residential building --------------------------------------------------------


@pytest.fixture
def garage(books, supervisor, clerk, finance):
    """Underground garage P1 (no homes in it): parking space B1022 owing a month, storage room B1005;
    and a shop on the ground floor of building 3 (a residential building)."""
    from models.records import estate as e
    space = e.create_room(supervisor, e.RoomInput("P1", "", "B1022", "12.50", use="parking", state="occupied"))
    store = e.create_room(supervisor, e.RoomInput("P1", "", "B1005", "6.00", use="storage", state="occupied"))
    shop = e.create_room(supervisor, e.RoomInput("3", "2", "102", "60.00", use="shop", state="occupied"))
    charging.add_charge(finance, space.id, "parking_fee", "60", period=months_back(1))
    paid = cashier.take_payment(clerk, space.id, Payment("张伟", "cash", items=[DeskItem("pass_fee", 1)]))
    return dict(space=space, store=store, shop=shop, paid=paid)


def test_a_parking_space_prints_as_its_code_not_as_a_building(garage, clerk):
    space = garage["space"]
    assert space.label == "车位 P1-B1022"                  # the room page says it as paper does
    assert docs.printed_room_label(space) == "车位 P1-B1022"
    assert docs.printed_room_label(garage["store"]) == "储藏室 P1-B1005"    # in a building with no homes
    assert docs.printed_room_label(garage["shop"]) == "3栋2单元102"          # a shop in a residential building
    reminder = docs.reminder_document(space.id, TODAY, PAY_BY)
    assert reminder.room_label == "车位 P1-B1022"
    text = _squash("".join(_pages(build_reminders([reminder]))))
    assert "尊敬的车位P1-B1022业主/住户" in text and "栋" not in text.split("尊敬的")[1].split("业主")[0]
    receipt = docs.receipt_document(garage["paid"].id)
    assert receipt.room_label == "车位 P1-B1022"
    assert "车位P1-B1022" in _squash("".join(_pages(build_receipt(receipt))))
    close = docs.close_document(closing.close_day(clerk).id)
    assert "车位 P1-B1022" in [line.room_label for line in close.receipts]
    sheet = _squash("".join(_pages(build_close(close))))
    assert "车位P1-B1022" in sheet and "P1栋" not in sheet


def test_a_reminder_run_reports_progress_per_room_and_per_page_and_can_stop(books):
    seen = []
    run = docs.reminder_documents(TODAY, PAY_BY, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    pages = []
    data = build_reminders(run, progress=lambda done, total: pages.append((done, total)))
    assert pages == [(0, 2), (1, 2), (2, 2)] and data == build_reminders(run)    # same bytes as without

    class Stop(Exception):
        pass

    def stop_at_two(done, _total):
        if done == 2:
            raise Stop
    with pytest.raises(Stop):
        docs.reminder_documents(TODAY, PAY_BY, progress=stop_at_two)
