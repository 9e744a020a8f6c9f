"""The daily close page closes one day at a time: it lists that day's receipts and refunds, asks with the
day, the counts and the net total, says how many days are still open, and closes the next one after."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from models.money import cashier, closing
from models.money.cashier import Payment
from models.money.ledger import DailyClose, Receipt, Refund
from models.validation import format_date_cn
from tests.ui.money_clerk import answer_next, open_window

TODAY = dt.date.today()


def _on(model, row, day: dt.date, hour: int = 10) -> None:
    """As if the receipt (or refund) had been made at ``hour`` on ``day``: the desk forgot to close that day."""
    field = model.taken_at if model is Receipt else model.at
    model.update({field: dt.datetime.combine(day, dt.time(hour))}).where(model.id == row.id).execute()


def _close_preview(qtbot, preview) -> None:
    close = [b for b in preview.findChildren(QPushButton) if b.text() == "关闭"][0]
    qtbot.mouseClick(close, Qt.LeftButton)


def test_days_left_open_are_closed_one_at_a_time_from_the_page(qtbot, estate, supervisor):
    room = estate["rooms"][0].id
    first_day, second_day = TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=1)
    paid = cashier.take_payment(supervisor, room, Payment("张伟", "cash", "300", prepayment=True))
    wrong = cashier.take_payment(supervisor, room, Payment("张伟", "wechat", "50", prepayment=True))
    cashier.void_receipt(supervisor, wrong.id, "方式选错")
    refund = cashier.refund_receipt(supervisor, paid.id, "100", "多收", method="cash")
    later = cashier.take_payment(supervisor, room, Payment("张伟", "cash", "20", prepayment=True))
    cashier.take_payment(supervisor, room, Payment("张伟", "alipay", "5", prepayment=True))
    for receipt in (paid, wrong):
        _on(Receipt, receipt, first_day)
    _on(Refund, refund, first_day, 11)
    _on(Receipt, later, second_day)
    assert closing.open_days(supervisor) == [first_day, second_day, TODAY]

    window = open_window(qtbot, supervisor)
    page = window.open_page("daily_close")
    # The list is what the next close takes: the oldest day's two receipts and its refund, not the later days.
    numbers = [row[0] for row in page.mine.rows]
    assert numbers == [paid.serial, wrong.serial, refund.serial]
    assert page.mine.rows[2][5] == "-¥100.00" and paid.serial in page.mine.rows[2][6]
    assert "¥200.00" in page.totals.text()                     # 300 taken, 50 voided, 100 paid back
    assert format_date_cn(first_day) in page.mine_box.title()
    assert page.close_button.text() == f"日结{format_date_cn(first_day)}并打印日结单"
    assert "此后还有 2 天未日结" in page.days_note.text()

    seen = []
    answer_next("取消", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    assert seen and "missing" not in seen[0], seen
    question = seen[0]["text"]
    assert f"现在日结{format_date_cn(first_day)}吗" in question
    assert "收据 2 张（其中作废 1 张" in question and "支付退款 1 笔，共 ¥100.00" in question
    assert "净额 ¥200.00" in question and "交财务" in question
    assert f"此后还有 2 天未日结：{format_date_cn(second_day)}、{format_date_cn(TODAY)}" in question
    assert DailyClose.select().count() == 0

    answer_next("确认日结", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    close = DailyClose.get()
    assert (close.day, close.receipts, close.total_fen) == (first_day, 2, 20000)
    assert [r.id for r in closing.close_refunds(close.id)] == [refund.id]
    _close_preview(qtbot, page.preview)
    # The page says what was closed and that days remain; the next day is listed and ready.
    assert f"{format_date_cn(first_day)}已日结（{close.serial}）" in page.days_note.text()
    assert "还有 2 天未日结" in page.days_note.text()
    assert [row[0] for row in page.mine.rows] == [later.serial]
    assert page.close_button.text() == f"日结{format_date_cn(second_day)}并打印日结单"
    refunds_column = page.closes.headers.index("退款单")
    assert page.closes.rows[0][0] == close.serial and page.closes.rows[0][refunds_column] == "1"

    answer_next("确认日结", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    assert f"此后还有 1 天未日结：{format_date_cn(TODAY)}" in seen[-1]["text"]
    _close_preview(qtbot, page.preview)
    assert "还有 1 天未日结" in page.days_note.text()
    answer_next("确认日结", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    assert "还有" not in seen[-1]["text"]                                 # today is the last day open
    _close_preview(qtbot, page.preview)
    assert [c.day for c in DailyClose.select().order_by(DailyClose.id)] == [first_day, second_day, TODAY]
    assert page.mine.rowCount() == 0 and "还有" not in page.days_note.text()
    assert page.close_button.text() == "日结并打印日结单"


def test_finance_closes_its_own_refunds_received_as_made(qtbot, estate, clerk, finance):
    room = estate["rooms"][0].id
    receipt = cashier.take_payment(clerk, room, Payment("张伟", "cash", "300", prepayment=True))
    refund = cashier.refund_receipt(finance, receipt.id, "50", "多收", method="wechat")
    window = open_window(qtbot, finance)
    page = window.open_page("daily_close")
    assert [row[0] for row in page.mine.rows] == [refund.serial]         # the clerk's receipt is not finance's
    assert page.totals.text().startswith("本次日结净额：-¥50.00")
    seen = []
    answer_next("确认日结", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    assert "收据 0 张" in seen[0]["text"] and "净额 -¥50.00，记入您本人的日结单" in seen[0]["text"], seen
    close = DailyClose.get()
    assert (close.receipts, close.total_fen, close.confirmed_by) == (0, -5000, finance.name)
    _close_preview(qtbot, page.preview)
    assert page.mine.rowCount() == 0
    assert closing.open_receipts(clerk)[0].id == receipt.id               # the clerk's day is still the clerk's
