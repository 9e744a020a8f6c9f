"""The desk as a clerk meets it: the cashier's keyboard and method, the daily close's question,
preview titles, background reminder runs, the rates and the arrears total."""
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from models import settings
from models.money import charging, closing
from models.money.ledger import DailyClose, Receipt
from tests.ui.conftest import type_text
from tests.ui.money_clerk import answer_next, month_back, nav_click, open_window, owing_estate, toolbar_button
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
    owing_estate(estate, supervisor, finance)
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
    owing_estate(estate, supervisor, finance)
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
