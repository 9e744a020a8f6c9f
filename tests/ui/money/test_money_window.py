"""The cashier's day in the window: find the room, take the money, print; void; close the day."""
import datetime as dt

from PySide6.QtCore import Qt

from models.money import charging, closing
from models.money.ledger import Charge, Receipt
from tests.ui.money_clerk import answer_next, month_back as _month, open_window as _window, toolbar_button


def test_cashier_in_a_few_keystrokes(qtbot, estate, clerk, finance):
    for n in (2, 1):
        charging.generate_month(finance, _month(n))
    window = _window(qtbot, clerk)
    page = window.open_page("cashier")
    qtbot.keyClicks(page.room_box, "3-2-1201")
    qtbot.keyClick(page.room_box, Qt.Key_Return)
    assert page.room_title.text() == "3栋2单元1201"
    assert page.charges.rowCount() == 2 and page.amount.text() == "447.50"
    assert "肆佰肆拾柒元伍角" in page.total_label.text()
    assert page.payer.currentText() == "李娜"            # the room is let: the tenant pays (seed 004 场景五)
    page.item_boxes["pass_deposit"].setValue(2)
    assert "¥647.50" in page.total_label.text()
    with qtbot.waitActive(window):
        window.activateWindow()
    page.amount.setFocus()
    qtbot.keyClick(page.amount, Qt.Key_F9)
    assert Receipt.select().count() == 1, page.message.text()
    receipt = Receipt.get()
    assert (receipt.total_fen, receipt.payer, receipt.clerk) == (64750, "李娜", "李静")
    assert "已开具收据" in page.message.text()
    assert page.charges.rowCount() == 0                  # paid: nothing left open
    assert page.preview.isVisible() and len(page.preview.page_labels) == 1
    page.preview.reject()


def test_part_payment_of_ticked_months_and_a_refusal(qtbot, estate, clerk, finance):
    for n in (2, 1):
        charging.generate_month(finance, _month(n))
    window = _window(qtbot, clerk)
    page = window.open_page("cashier")
    page.show_room(estate["rooms"][0].id)
    page.charges.setData(page.charges.index(0, 0), Qt.Unchecked, Qt.CheckStateRole)   # untick the oldest
    assert page.amount.text() == "223.75"
    page.amount.clear()
    qtbot.keyClicks(page.amount, "500")
    page.take()
    assert "预交" in page.message.text() and Receipt.select().count() == 0
    page.amount.clear()
    qtbot.keyClicks(page.amount, "100")
    page.take()
    newest = Charge.select().order_by(Charge.period.desc()).first()
    assert newest.settled_fen == 10000
    page.preview.reject()


def test_void_from_the_receipts_list(qtbot, estate, clerk, finance):
    from models.money.cashier import Payment, take_payment
    charging.generate_month(finance, _month(1))
    take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "cash", amount="223.75"))
    window = _window(qtbot, finance)
    page = window.open_page("receipts")
    assert page.model.rowCount() == 1
    page.view.selectRow(0)
    page.view.setCurrentIndex(page.model.index(0, 0))
    answer_next("作废", typed="金额录错")
    qtbot.mouseClick(toolbar_button(page, "作废…"), Qt.LeftButton)
    receipt = Receipt.get()
    assert receipt.voided_by == "钱会计" and receipt.void_reason == "金额录错"
    assert page.model.data(page.model.index(0, page.spec.columns.index(page.spec.column("status")))) == "已作废"


def test_a_clerk_sees_no_void_button(qtbot, estate, clerk):
    window = _window(qtbot, clerk)
    page = window.open_page("receipts")
    texts = [page.actions_row.itemAt(i).widget().text() for i in range(page.actions_row.count())
             if page.actions_row.itemAt(i).widget()]
    assert "作废…" not in texts and "打印…" in texts


def test_daily_close_then_finance_receives(qtbot, estate, clerk, finance):
    from models.money.cashier import Payment, take_payment
    charging.generate_month(finance, _month(1))
    take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "cash", amount="100"))
    take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "wechat", amount="50"))
    window = _window(qtbot, clerk)
    page = window.open_page("daily_close")
    assert page.mine.rowCount() == 2 and "¥150.00" in page.totals.text()
    answer_next("确认日结")
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    assert page.mine.rowCount() == 0 and page.closes.rowCount() == 1
    page.preview.reject()
    assert not page.confirm_button.isVisibleTo(page)      # a clerk cannot receive money
    finance_window = _window(qtbot, finance)
    finance_page = finance_window.open_page("daily_close")
    finance_page.closes_view.setCurrentIndex(finance_page.closes.index(0, 0))
    qtbot.mouseClick(finance_page.confirm_button, Qt.LeftButton)
    assert closing.not_handed_over().count() == 0
    received = finance_page.closes.headers.index("财务签收")
    assert "钱会计" in finance_page.closes.rows[0][received]


def test_arrears_list_as_of_a_date_and_reminders(qtbot, estate, clerk, finance):
    for n in (3, 2, 1):
        charging.generate_month(finance, _month(n))
    window = _window(qtbot, clerk)
    page = window.open_page("arrears")
    assert page.model.rowCount() == 1
    months_col = page.spec.columns.index(page.spec.column("months"))
    assert page.model.data(page.model.index(0, months_col)) == "3"
    page.as_of.set_date(_month(1) + dt.timedelta(days=3))     # early last month: two months were due
    assert page.model.data(page.model.index(0, months_col)) == "2"
    qtbot.mouseClick(toolbar_button(page, "打印催缴通知…"), Qt.LeftButton)
    qtbot.waitUntil(lambda: page.preview is not None, timeout=20000)
    assert len(page.preview.page_labels) >= 1
    page.preview.reject()


def test_arrears_open_with_the_biggest_debt_first(qtbot, estate, clerk, finance, supervisor):
    from models.records import estate as e
    from models.money.cashier import Payment, take_payment
    e.update_room(supervisor, estate["rooms"][1].id, e.RoomInput("3", "2", "1202", "120.00", state="occupied"))
    for n in (2, 1):
        charging.generate_month(finance, _month(n))
    take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "cash", amount="100"))
    window = _window(qtbot, clerk)
    page = window.open_page("arrears")
    amount_col = page.spec.columns.index(page.spec.column("amount"))
    amounts = [page.model.data(page.model.index(r, amount_col)) for r in range(page.model.rowCount())]
    assert amounts == ["600.00", "347.50"]
