"""收据 and 退款单: their data, and the PDFs read back as a clerk reads the paper."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from models.errors import NotFound
from models.money import cashier
from models.money import documents as docs
from models.money.cashier import DeskItem, Payment
from reports.pdf.money.receipt import BOOK_LINES, build_receipt, build_receipts
from reports.pdf.money.refund import build_refund

from tests.reports.money.money_books import (A4, FEE_1202, TODAY, months_back, months_label as _months_label, pages as _pages, squash as _squash)


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
