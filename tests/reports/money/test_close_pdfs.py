"""收款日结单: its data, and the sheet read back as finance reads it."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from models.errors import NotFound
from models.money import cashier, closing
from models.money import documents as docs
from models.amounts import capital
from models.money.cashier import DeskItem, Payment
from reports.pdf.money.daily_close import build_close

from tests.reports.money.money_books import (FEE_1202, TODAY, pages as _pages, squash as _squash)


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
