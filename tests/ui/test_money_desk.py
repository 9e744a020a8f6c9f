"""The desk as a clerk meets it: the cashier's keyboard and method, the daily close's question,
preview titles, background reminder runs, the rates and the arrears total."""
import datetime as dt
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from models.records import estate as e
from models import settings
from models.money import charging, closing
from models.money.ledger import DailyClose, Receipt
from tests.ui.conftest import type_text
from tests.ui.money_clerk import answer_next, month_back, nav_click, open_window, toolbar_button
from ui.widgets.print_preview import PrintPreview


def _find_room(qtbot, page, code: str) -> None:
    page.room_box.selectAll()
    qtbot.keyClicks(page.room_box, code)
    qtbot.keyClick(page.room_box, Qt.Key_Return)


def _choose_method(qtbot, page, key: str) -> None:
    """Arrow down the method box until it shows the method, as a clerk does with the keyboard."""
    page.method.setFocus()
    qtbot.keyClick(page.method, Qt.Key_Home)
    for _step in range(page.method.count()):
        if page.method.currentData() == key:
            return
        qtbot.keyClick(page.method, Qt.Key_Down)
    assert page.method.currentData() == key


def _take(qtbot, page) -> None:
    page.amount.setFocus()
    qtbot.keyClick(page.amount, Qt.Key_F9)


def _close_preview(qtbot, preview) -> None:
    close = [b for b in preview.findChildren(QPushButton) if b.text() == "关闭"][0]
    qtbot.mouseClick(close, Qt.LeftButton)
    assert not preview.isVisible()


def _visible(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


# --- 1. the method does not carry over to the next payer --------------------------------------

def test_each_new_payer_starts_on_cash(qtbot, estate, clerk, finance):
    charging.generate_month(finance, month_back(1))
    window = open_window(qtbot, clerk)
    page = window.open_page("cashier")
    _find_room(qtbot, page, "3-2-1201")
    assert page.method.currentText() == "现金"
    _choose_method(qtbot, page, "wechat")
    _take(qtbot, page)
    assert Receipt.get().method == "wechat", page.message.text()
    _close_preview(qtbot, page.preview)
    # After the payment the next payer (the same room's next visitor) starts on cash again.
    assert page.method.currentData() == "cash" and page.method.currentText() == "现金"

    _choose_method(qtbot, page, "wechat")
    _find_room(qtbot, page, "3-2-1202")              # a new room typed: a new payer
    assert page.room_title.text() == "3栋2单元1202"
    assert page.method.currentData() == "cash"
    page.payer.setFocus()
    type_text(qtbot, page.payer.lineEdit(), "王先生")              # 1202 has no owner on record
    page.item_boxes["pass_fee"].setFocus()
    page.item_boxes["pass_fee"].selectAll()
    qtbot.keyClicks(page.item_boxes["pass_fee"], "1")
    _take(qtbot, page)
    second = Receipt.select().order_by(Receipt.id.desc()).get()
    assert (second.method, second.total_fen) == ("cash", 2000), page.message.text()
    _close_preview(qtbot, page.preview)
    # The close by method is what the drawer holds: one 微信 payment, one cash.
    assert set(closing.totals_by_method(closing.open_receipts(clerk))) == {"cash", "wechat"}


def test_the_office_default_method_is_where_each_payer_starts(qtbot, estate, clerk, admin):
    settings.set_value(admin, "money.default_method", "转账")
    window = open_window(qtbot, clerk)
    page = window.open_page("cashier")
    _find_room(qtbot, page, "3-2-1201")
    assert page.method.currentData() == "transfer"
    _choose_method(qtbot, page, "cash")
    _find_room(qtbot, page, "3-2-1202")
    assert page.method.currentData() == "transfer"


# --- 2. the cashier takes the keyboard when opened ---------------------------------------------

def test_opening_the_cashier_from_the_navigation_puts_the_keyboard_in_the_room_box(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    nav_click(qtbot, window, "收银台")
    page = window.pages["cashier"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.room_box, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "3-2-1201")      # typed where the keyboard is
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert page.room_title.text() == "3栋2单元1201"
    # Away and back: the room box has the keyboard again, its text selected to be typed over.
    nav_click(qtbot, window, "收据")
    nav_click(qtbot, window, "收银台")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.room_box, timeout=2000)
    assert page.room_box.selectedText() == "3-2-1201"


# --- 3. the daily close asks first; previews are titled with the printed number ---------------

def test_daily_close_asks_in_chinese_and_titles_the_sheet_with_its_number(qtbot, monkeypatch, estate, clerk,
                                                                         finance, supervisor):
    from models.money.cashier import Payment, take_payment, void_receipt
    charging.generate_month(finance, month_back(1))
    room = estate["rooms"][0].id
    take_payment(clerk, room, Payment("张伟", "cash", amount="100"))
    take_payment(clerk, room, Payment("张伟", "wechat", amount="50"))
    wrong = take_payment(clerk, room, Payment("张伟", "cash", amount="10"))
    void_receipt(supervisor, wrong.id, "金额录错")
    window = open_window(qtbot, clerk)
    page = window.open_page("daily_close")

    seen = []
    answer_next("取消", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    assert seen and "missing" not in seen[0], seen
    question = seen[0]
    assert sorted(question["buttons"]) == sorted(["确认日结", "取消"])
    assert "3 张" in question["text"] and "作废 1 张" in question["text"] and "¥150.00" in question["text"]
    assert DailyClose.select().count() == 0 and page.mine.rowCount() == 3       # cancelled: nothing closed

    answer_next("确认日结", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    close = DailyClose.get()
    assert close.receipts == 3 and page.mine.rowCount() == 0
    preview = page.preview
    assert preview.windowTitle() == f"打印预览：收款日结单 {close.serial}"      # RJ2026-000001, not the row id
    offered = []
    monkeypatch.setattr("ui.widgets.print_preview.save_file_name", lambda *a: offered.append(a[3]) or None)
    save = [b for b in preview.findChildren(QPushButton) if b.text() == "另存为 PDF…"][0]
    qtbot.mouseClick(save, Qt.LeftButton)
    assert offered == [f"收款日结单 {close.serial}.pdf"]
    _close_preview(qtbot, preview)

    # Reprinting a close from the list is titled the same way.
    page.closes_view.setCurrentIndex(page.closes.index(0, 0))
    reprint = [b for b in page.findChildren(QPushButton) if b.text() == "打印所选日结单"][0]
    qtbot.mouseClick(reprint, Qt.LeftButton)
    assert page.preview.windowTitle() == f"打印预览：收款日结单 {close.serial}"
    _close_preview(qtbot, page.preview)


def test_nothing_to_close_is_said_without_asking(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    page = window.open_page("daily_close")
    seen = []
    answer_next("关闭", seen=seen)
    qtbot.mouseClick(page.close_button, Qt.LeftButton)
    assert len(seen) == 1 and "没有需要日结" in seen[0]["text"], seen
    assert seen[0]["buttons"] == ["关闭"] and DailyClose.select().count() == 0


def test_receipt_preview_and_void_question_are_chinese(qtbot, monkeypatch, estate, clerk, finance):
    from models.money.cashier import Payment, take_payment
    charging.generate_month(finance, month_back(1))
    receipt = take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "cash", amount="223.75"))
    window = open_window(qtbot, finance)
    page = window.open_page("receipts")
    page.view.selectRow(0)
    qtbot.mouseClick(toolbar_button(page, "打印…"), Qt.LeftButton)
    assert page.preview.windowTitle() == f"打印预览：收据 {receipt.serial}"
    _close_preview(qtbot, page.preview)
    seen = []
    answer_next("取消", seen=seen)
    qtbot.mouseClick(toolbar_button(page, "作废…"), Qt.LeftButton)
    assert sorted(seen[0]["buttons"]) == sorted(["作废", "取消"]), seen
    assert Receipt.get().voided_at is None


# --- 4. reminder runs in the background -----------------------------------------------------------

def _owing_estate(estate, supervisor, finance, months=2):
    for room in estate["rooms"][1:]:
        e.update_room(supervisor, room.id, e.RoomInput("3", "2", room.number, room.area, state="occupied"))
    for n in range(months, 0, -1):
        charging.generate_month(finance, month_back(n))


def _slow_rooms(monkeypatch):
    """Each room's reminder after the first waits for the gate: a run of several hundred, in small."""
    from models.money import documents
    gate = threading.Event()
    original = documents.reminder_document
    calls = []

    def slow(room_id, *args, **kwargs):
        calls.append(room_id)
        if len(calls) > 1:
            gate.wait(20)
        return original(room_id, *args, **kwargs)
    monkeypatch.setattr(documents, "reminder_document", slow)
    return gate


def test_reminders_for_the_list_print_in_the_background_with_progress(qtbot, monkeypatch, estate, clerk,
                                                                     supervisor, finance):
    _owing_estate(estate, supervisor, finance)
    window = open_window(qtbot, clerk)
    page = window.open_page("arrears")
    assert page.model.rowCount() == 4
    gate = _slow_rooms(monkeypatch)
    seen = []
    answer_next("打印催缴通知", seen=seen)
    qtbot.mouseClick(toolbar_button(page, "打印催缴通知…"), Qt.LeftButton)
    # Control is back at once: no preview yet, a progress dialog counting rooms then pages.
    assert sorted(seen[0]["buttons"]) == sorted(["打印催缴通知", "取消"]), seen
    assert page.preview is None and not _visible(PrintPreview)
    progress = page.reminders_job[2]
    qtbot.waitUntil(lambda: progress.value() == 1 and progress.isVisible(), timeout=5000)
    assert progress.maximum() == 4 + 2                     # four rooms, then two pages
    assert "4" in progress.labelText()
    gate.set()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=20000)
    assert page.preview.windowTitle() == "打印预览：催缴通知 4 份"
    assert len(page.preview.page_labels) == 2              # two notices to an A4
    # Cut and stack is intended (reports/pdf/reminder.py): the preview says so, once, above the pages.
    from PySide6.QtWidgets import QLabel
    note = page.preview.findChild(QLabel, "preview-note")
    assert note is not None and note.isVisible()
    assert "第 1 页是第 1 份和第 3 份" in note.text() and "房号顺序" in note.text()
    assert not _visible(QProgressDialog)
    _close_preview(qtbot, page.preview)


def test_cancelling_a_reminder_run_leaves_nothing_open(qtbot, monkeypatch, estate, clerk, supervisor, finance):
    _owing_estate(estate, supervisor, finance)
    window = open_window(qtbot, clerk)
    page = window.open_page("arrears")
    gate = _slow_rooms(monkeypatch)
    answer_next("打印催缴通知")
    qtbot.mouseClick(toolbar_button(page, "打印催缴通知…"), Qt.LeftButton)
    progress = page.reminders_job[2]
    qtbot.waitUntil(lambda: progress.isVisible() and progress.value() == 1, timeout=5000)
    cancel = [b for b in progress.findChildren(QPushButton) if b.text() == "取消"][0]
    qtbot.mouseClick(cancel, Qt.LeftButton)
    gate.set()
    thread = page.reminders_job[0]
    qtbot.waitUntil(lambda: thread.isFinished(), timeout=20000)
    qtbot.wait(50)                                         # the queued "failed: cancelled" is delivered
    assert page.preview is None
    assert not _visible(PrintPreview) and not _visible(QProgressDialog)
    from PySide6.QtWidgets import QMessageBox
    assert not _visible(QMessageBox)                       # a cancel is not an error


def test_one_room_s_reminder_is_titled_with_its_room(qtbot, estate, clerk, finance):
    charging.generate_month(finance, month_back(1))
    window = open_window(qtbot, clerk)
    page = window.open_page("arrears")
    page.view.selectRow(0)
    qtbot.mouseClick(toolbar_button(page, "打印催缴通知…"), Qt.LeftButton)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=20000)
    assert page.preview.windowTitle() == "打印预览：催缴通知 3-2-1201"
    from PySide6.QtWidgets import QLabel
    assert page.preview.findChild(QLabel, "preview-note") is None      # one notice: nothing to explain
    _close_preview(qtbot, page.preview)


def test_reminders_note_names_the_second_notice_of_page_one():
    from reports.pdf.money.reminder import _impose
    from ui.money.printing import reminders_note
    assert reminders_note(1) == reminders_note(2) == ""
    for n in (3, 4, 7, 300):
        second = _impose(list(range(1, n + 1)))[0][1]              # what page 1 really holds below notice 1
        assert f"第 1 页是第 1 份和第 {second} 份" in reminders_note(n), n


# --- 5. rates shown as money and rates, right-aligned ------------------------------------------

def test_rates_show_money_and_rates_right_aligned(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    nav_click(qtbot, window, "收费标准")
    page = window.pages["rates"]
    model = page.model
    rate_col = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index("收费标准")
    shown = {(model.data(model.index(r, 0)), model.data(model.index(r, 2))): model.data(model.index(r, rate_col))
             for r in range(model.rowCount())}
    assert shown[("物业管理费", "住宅")] == "2.50 元/㎡·月"
    assert shown[("物业管理费", "商铺")] == "5.00 元/㎡·月"
    assert shown[("车位管理费", "车位")] == "¥60.00/月"
    assert shown[("装修保证金", "所有用途")] == "¥2,000.00/户"
    assert shown[("出入证押金", "所有用途")] == "¥100.00/证"
    alignment = Qt.AlignmentFlag(model.data(model.index(0, rate_col), Qt.TextAlignmentRole))
    assert alignment & Qt.AlignRight


def test_starting_rates_say_so_instead_of_a_made_up_date(qtbot, estate, clerk, finance):
    from models.money import rates
    next_year = dt.date(dt.date.today().year + 1, 1, 1)
    rates.set_rate(finance, "garbage_fee", "", "320", next_year)
    window = open_window(qtbot, clerk)
    nav_click(qtbot, window, "收费标准")
    model = window.pages["rates"].model
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    since = headers.index("生效日期")
    shown = [(model.data(model.index(r, 0)), model.data(model.index(r, since))) for r in range(model.rowCount())]
    assert ("物业管理费", "初始标准") in shown and ("垃圾清运费", next_year.isoformat()) in shown
    assert not any("2000-01-01" in text for _item, text in shown)


def test_a_rate_set_finer_than_two_decimals_shows_as_set():
    from models.amounts import parse_rate
    from ui.money.rates_page import rate_text
    assert rate_text(parse_rate("2.375"), "area_monthly", "元/㎡·月") == "2.375 元/㎡·月"
    assert rate_text(parse_rate("3"), "area_monthly", "元/㎡·月") == "3.00 元/㎡·月"
    assert rate_text(parse_rate("12000"), "deposit", "元/户") == "¥12,000.00/户"
    assert rate_text(parse_rate("0.125"), "fixed", "元/张") == "¥0.125/张"
    assert rate_text(parse_rate("5"), "fixed", "件") == "¥5.00 件"


# --- 7. the arrears total --------------------------------------------------------------------------

def test_arrears_page_totals_what_it_lists(qtbot, estate, clerk, supervisor, finance):
    from models.money.cashier import Payment, take_payment
    _owing_estate(estate, supervisor, finance, months=3)
    take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "cash", amount="223.75"))   # 1201 owes 2 months
    window = open_window(qtbot, clerk)
    page = window.open_page("arrears")
    # 1201: 2 × 223.75; 1202: 3 × 300.00; 1301: 3 × 223.75; 101: 3 × 113.13 (45.25 m² × 2.50)
    fees = {"1201": 2 * 22375, "1202": 3 * 30000, "1301": 3 * 22375, "101": 3 * 11313}
    assert page.model.rowCount() == 4
    assert page.total_label.text() == f"合计欠费 ¥{sum(fees.values()) / 100:,.2f}（4 户）"

    box = page.filter_boxes["min_months"]
    box.setFocus()
    for _step in range(box.findData("3")):
        qtbot.keyClick(box, Qt.Key_Down)
    assert page.model.rowCount() == 3
    three = sum(v for k, v in fees.items() if k != "1201")
    assert page.total_label.text() == f"合计欠费 ¥{three / 100:,.2f}（3 户）"

    qtbot.keyClicks(page.search, "3-2-13")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.total_label.text() == f"合计欠费 ¥{fees['1301'] / 100:,.2f}（1 户）"

    page.search.clear()
    page.as_of.set_date(month_back(1) + dt.timedelta(days=3))     # early last month: two months were due
    qtbot.waitUntil(lambda: "（0 户）" in page.total_label.text() or page.model.rowCount() == 0, timeout=2000)
    assert page.total_label.text() == "合计欠费 ¥0.00（0 户）"         # nobody owed three months then


# --- 8. list columns as wide as what they hold ---------------------------------------------------

def _column(page, key: str) -> int:
    return page.spec.columns.index(page.spec.column(key))


def test_list_columns_fit_what_they_hold(qtbot, estate, clerk, finance, supervisor):
    from models.money.cashier import DeskItem, Payment, take_payment
    _owing_estate(estate, supervisor, finance, months=3)
    take_payment(clerk, estate["rooms"][0].id, Payment("李娜", "cash", amount="671.25",
                                                       items=[DeskItem("pass_deposit", 3)]))
    window = open_window(qtbot, finance)
    window.resize(1280, 800)             # as it first opens (an earlier test may have left another size)

    def laid_out(view, columns):       # the stretched column is sized when the view is laid out (a timer)
        qtbot.wait(50)
        qtbot.waitUntil(lambda: sum(view.columnWidth(i) for i in range(columns)) >= view.viewport().width() - 2)

    receipts = window.open_page("receipts")
    view = receipts.view
    laid_out(view, len(receipts.spec.columns))
    fm = view.fontMetrics()
    items = receipts.model.data(receipts.model.index(0, _column(receipts, "items")))
    assert items.startswith("物业管理费 ") and items.endswith("；出入证押金 ×3")    # 物业管理费 2026年8月-10月；…
    widths = [view.columnWidth(i) for i in range(len(receipts.spec.columns))]
    # The items take what the other columns leave (the whole fee line, across a year end too, and more; the
    # tooltip has the rest); the void reason (mostly empty) only what its head needs.
    assert widths[_column(receipts, "items")] >= fm.horizontalAdvance("物业管理费 2025年12月-2026年2月；") + 6, \
        (widths, view.viewport().width())
    assert widths[_column(receipts, "items")] == max(widths) and sum(widths) == view.viewport().width()
    assert widths[_column(receipts, "void_reason")] <= fm.horizontalAdvance("作废原因") + 40

    arrears = window.open_page("arrears")
    qtbot.waitUntil(lambda: arrears.model.rowCount() == 3)        # 1201 has paid its three months
    view = arrears.view
    laid_out(view, 6)
    amount = view.columnWidth(_column(arrears, "amount"))
    assert amount < view.viewport().width() // 6                        # not half the list
    assert amount >= view.fontMetrics().horizontalAdvance("欠费金额") + 20
    assert view.columnWidth(_column(arrears, "owners")) == max(view.columnWidth(i) for i in range(6))

    from models.money import closing
    take_payment(clerk, estate["rooms"][1].id, Payment("王先生", "wechat", items=[DeskItem("pass_fee", 2)]))
    take_payment(clerk, estate["rooms"][1].id, Payment("王先生", "card", items=[DeskItem("pass_fee", 1)]))
    closing.close_day(clerk)
    close_page = window.open_page("daily_close")
    view, model = close_page.closes_view, close_page.closes
    qtbot.wait(50)
    by_method = model.headers.index("按收款方式")
    text = model.rows[0][by_method]
    assert "现金" in text and "微信" in text and "刷卡" in text
    assert view.columnWidth(by_method) >= view.fontMetrics().horizontalAdvance(text) + 6
