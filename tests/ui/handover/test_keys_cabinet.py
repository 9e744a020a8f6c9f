"""钥匙柜 as the clerk works it: a key scanned and lent in five actions with its slip in the preview, scanned
again and taken back, a tag no key has said in Chinese, an entrusted key past its date and a loan with no
borrower refused in the form's red line with nothing written."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from shiboken6 import isValid

from models.handover import keys
from models.handover.tables import IN_CABINET, LOST, OUT, RETIRED, Key, KeyLoan, KeyLoss
from tests.ui.english import unexplained_english
from tests.ui.conftest import type_text
from tests.ui.handover.keys_desk import (TODAY, Actions, desk, keys_held, lent, modal,  # noqa: F401
                                         no_scanner_echo)
from tests.ui.money_clerk import answer_next
from ui.handover.cabinet_actions import LostDialog
from ui.handover.loan_dialog import LoanDialog, ReturnDialog
from ui.widgets.print_preview import PrintPreview


def _state(key) -> str:
    return Key.get_by_id(key.id).state


def test_a_key_is_lent_in_five_actions_from_the_scan_and_its_slip_is_in_the_preview(
        qtbot, keys_held, clerk, no_scanner_echo):
    """The benchmark (issue 18): a key loan in at most 5 actions from the scan. Each action is one scan (the
    code and the scanner's Enter), one typed text or one key press, sent to whatever has the keyboard."""
    window, page = desk(qtbot, clerk)
    qtbot.waitUntil(page.scan_field.hasFocus)
    assert page.scan_field.placeholderText() == "扫描钥匙牌或输入挂钩号"
    act = Actions(qtbot)
    act.scan("K000001")
    dialog = modal(qtbot, LoanDialog)
    assert dialog.key.hook == "A-001" and dialog.borrower.lineEdit().hasFocus()
    assert "3栋2单元101 入户门" in dialog.findChild(type(dialog.message), "key_heading").text()
    proposed = keys.proposed_due()                            # keys.loan_hours on, never due in the night
    assert dialog.due.dateTime().toPython().replace(second=0) == proposed
    act.type("王师傅")
    act.enter("to the purpose")
    assert dialog.purpose.hasFocus()
    act.type("带客户看房")
    act.enter("lend")
    preview = modal(qtbot, PrintPreview)
    assert len(act.done) == 5, act.done
    loan = KeyLoan.get()
    assert (loan.borrower, loan.purpose, loan.borrower_kind, loan.lent_by) == ("王师傅", "带客户看房", "staff", "李静")
    assert loan.serial == f"JY{TODAY.year}-000001" and loan.serial in preview.windowTitle() and preview.page_labels
    assert abs((loan.due_at - keys.proposed_due(loan.out_at)).total_seconds()) <= 60     # proposed and kept
    assert _state(keys_held["vacant"]) == OUT
    preview.reject()
    qtbot.waitUntil(lambda: window.focusWidget() is page.scan_field)     # the window's keyboard, once it is active
    assert page.scan_field.text() == ""
    assert page.scan_note.text() == (f"钥匙 A-001 已借给王师傅，借用单 {loan.serial}，"
                                     f"应于 {loan.due_at:%m-%d %H:%M} 前归还。")


def test_a_regular_borrower_is_picked_by_a_few_letters_with_unit_and_phone(qtbot, keys_held, clerk, no_scanner_echo):
    lent(clerk, keys_held["plant"], "刘工", borrower_kind="contractor", unit="安居维修公司", phone="13912345678")
    window, page = desk(qtbot, clerk)
    type_text(qtbot, page.scan_field, "a-001")                # the hook typed, in small letters
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    dialog = modal(qtbot, LoanDialog)
    type_text(qtbot, dialog.borrower.lineEdit(), "刘")                 # the remembered names offered
    popup = dialog.borrower.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key_Return)                                # Enter takes the one offered, goes on
    assert dialog.borrower.currentText() == "刘工" and dialog.purpose.hasFocus()
    assert (dialog.kind.currentData(), dialog.unit.text(), dialog.phone.text()) == (
        "contractor", "安居维修公司", "13912345678")
    dialog.print_slip.setChecked(False)
    type_text(qtbot, dialog.purpose, "更换水表")
    qtbot.keyClick(dialog.purpose, Qt.Key_Return)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())
    loan = KeyLoan.get(KeyLoan.key == keys_held["vacant"].id)
    assert (loan.borrower_kind, loan.unit, loan.phone) == ("contractor", "安居维修公司", "13912345678")
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreview) and w.isVisible()]


def test_the_key_scanned_again_is_taken_back_with_enter(qtbot, keys_held, clerk, no_scanner_echo):
    loan = lent(clerk, keys_held["vacant"], "张师傅", hours_late=26)
    window, page = desk(qtbot, clerk)
    act = Actions(qtbot)
    act.scan("K000001")
    dialog = modal(qtbot, ReturnDialog)
    assert dialog.returned_by.text() == "张师傅" and dialog.returned_by.hasFocus()
    line = dialog.findChild(type(dialog.message), "loan_line").text()
    assert loan.serial in line and "已逾期 1 天" in line
    act.enter("take it back")
    assert len(act.done) == 2
    back = KeyLoan.get_by_id(loan.id)
    assert back.returned_at is not None and (back.returned_by, back.received_by) == ("张师傅", "李静")
    assert _state(keys_held["vacant"]) == IN_CABINET
    qtbot.waitUntil(lambda: window.focusWidget() is page.scan_field)
    assert page.scan_note.text() == "钥匙 A-001 已归还入柜，归还人：张师傅。"


def test_the_scanner_s_second_enter_does_not_take_a_key_back(qtbot, keys_held, clerk):
    """A scanner ending its code with CR and LF sends a second Enter into the form just opened: it is not the
    clerk's, so the return form waits for the clerk's own."""
    lent(clerk, keys_held["vacant"])
    window, page = desk(qtbot, clerk)
    type_text(qtbot, page.scan_field, "K000001")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    dialog = modal(qtbot, ReturnDialog)
    qtbot.keyClick(dialog.returned_by, Qt.Key_Return)       # the scanner's own
    assert dialog.isVisible() and _state(keys_held["vacant"]) == OUT
    qtbot.wait(350)
    qtbot.keyClick(dialog.returned_by, Qt.Key_Return)       # the clerk's
    assert _state(keys_held["vacant"]) == IN_CABINET


def test_a_tag_no_key_has_is_said_in_chinese_and_nothing_is_written(qtbot, keys_held, clerk):
    window, page = desk(qtbot, clerk)
    type_text(qtbot, page.scan_field, "K999999")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    assert page.scan_message.text() == ("没有钥匙牌或挂钩号为 K999999 的钥匙：请核对钥匙牌，或确认这把钥匙是否登记入柜。")
    assert page.scan_message.isVisible() and QApplication.activeModalWidget() is None
    assert page.scan_field.hasFocus() and page.scan_field.selectedText() == "K999999"   # the next scan replaces it
    assert KeyLoan.select().count() == 0 and all(k.state == IN_CABINET for k in Key.select())
    type_text(qtbot, page.scan_field, "B-001")
    assert page.scan_message.text() == ""                     # the sentence goes once the clerk types again


def test_an_entrusted_key_past_its_date_is_refused_at_the_scan(qtbot, keys_held, clerk, no_scanner_echo):
    """Said beneath the scan field, no loan form to fill for nothing; the 借出 button says the same."""
    window, page = desk(qtbot, clerk)
    type_text(qtbot, page.scan_field, "C-002")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    ended = keys_held["ended"].entrusted_until
    said = keys.why_not_lend(Key.get_by_id(keys_held["ended"].id))
    assert said == page.scan_message.text() and page.scan_message.isVisible()
    assert "委托已过期" in said and f"{ended.year}年{ended.month}月{ended.day}日" in said
    assert QApplication.activeModalWidget() is None and page.scan_field.hasFocus()
    assert page.current_id() == keys_held["ended"].id                 # the key chosen in the list, amber
    page.scan_message.clear()
    qtbot.mouseClick(page.lend_button, Qt.LeftButton)
    assert page.scan_message.text() == said and QApplication.activeModalWidget() is None
    assert KeyLoan.select().count() == 0 and _state(keys_held["ended"]) == IN_CABINET


def test_a_loan_with_no_borrower_is_refused_and_the_borrower_asked_for(qtbot, keys_held, clerk, no_scanner_echo):
    window, page = desk(qtbot, clerk)
    type_text(qtbot, page.scan_field, "K000002")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    dialog = modal(qtbot, LoanDialog)
    qtbot.keyClick(dialog.borrower.lineEdit(), Qt.Key_Return)   # no name: on to the purpose
    type_text(qtbot, dialog.purpose, "抄表")
    qtbot.keyClick(dialog.purpose, Qt.Key_Return)
    assert dialog.message.text() == "请填写借用人姓名：借用单上要写明谁借的钥匙。"
    assert dialog.borrower.hasFocus() or dialog.borrower.lineEdit().hasFocus()
    assert dialog.isVisible() and KeyLoan.select().count() == 0 and _state(keys_held["plant"]) == IN_CABINET
    type_text(qtbot, dialog.borrower.lineEdit(), "赵")
    assert dialog.message.text() == ""
    dialog.reject()


def test_a_key_lost_while_out_is_recorded_with_what_was_done(qtbot, keys_held, clerk):
    loan = lent(clerk, keys_held["vacant"], "张师傅")
    window, page = desk(qtbot, clerk)
    page.show_key(keys_held["vacant"].id)
    assert page.lost_button.isEnabled() and page.return_button.isEnabled() and not page.lend_button.isEnabled()
    assert not page.replace_button.isVisible()                 # a clerk does not hang new keys (keys.manage)
    qtbot.mouseClick(page.lost_button, Qt.LeftButton)
    dialog = modal(qtbot, LostDialog)
    assert loan.serial in dialog.findChild(QLabel, "loan_line").text() and not unexplained_english(dialog)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)     # nothing chosen
    assert dialog.message.text() == "请选择钥匙遗失后的处理（已换锁、已配钥匙）。" and KeyLoss.select().count() == 0
    qtbot.mouseClick(dialog.action.buttons()[0], Qt.LeftButton)                       # 已换锁
    type_text(qtbot, dialog.note, "借用人在小区内遗失")
    qtbot.keyClick(dialog.note, Qt.Key_Return)
    loss = KeyLoss.get()
    assert (loss.action, loss.note, loss.reported_by, loss.loan_id) == ("lock_changed", "借用人在小区内遗失", "李静", loan.id)
    assert _state(keys_held["vacant"]) == LOST and KeyLoan.get_by_id(loan.id).lost
    assert page.scan_note.text() == "钥匙 A-001 已登记遗失。"
    row = page.model.ids().index(keys_held["vacant"].id)
    assert page.model.data(page.model.index(row, 0), Qt.ForegroundRole).color().name() == "#8a9099"   # grey
    assert not page.lost_button.isEnabled() and not page.return_button.isEnabled()


def test_a_lost_key_cannot_be_scanned_out_until_a_new_one_hangs_on_its_hook(qtbot, keys_held, supervisor,
                                                                           no_scanner_echo):
    from models.handover import keys
    keys.report_lost(supervisor, "A-001", "copy_made")
    window, page = desk(qtbot, supervisor)
    type_text(qtbot, page.scan_field, "A-001")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    assert page.scan_message.text() == "钥匙 A-001 已登记遗失：须先挂回新钥匙才能借出。"
    assert QApplication.activeModalWidget() is None and KeyLoan.select().count() == 0
    assert page.current_id() == keys_held["vacant"].id and page.replace_button.isEnabled()
    answer_next("挂回", typed="已配新钥匙")
    qtbot.mouseClick(page.replace_button, Qt.LeftButton)
    assert _state(keys_held["vacant"]) == IN_CABINET and page.lend_button.isEnabled()
    page.scan_field.clear()
    type_text(qtbot, page.scan_field, "A-001")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    modal(qtbot, LoanDialog).reject()


def test_a_key_given_back_is_no_longer_held_and_stays_on_record(qtbot, keys_held, supervisor):
    window, page = desk(qtbot, supervisor)
    page.show_key(keys_held["ended"].id)
    seen = []
    answer_next("不再保管", typed="委托已过期，已退还业主", seen=seen)
    qtbot.mouseClick(page.retire_button, Qt.LeftButton)
    assert seen[0]["title"] == "不再保管：钥匙 C-002" and "C-002" in seen[0]["text"]
    assert _state(keys_held["ended"]) == RETIRED and Key.select().count() == 4
    page.shown.setCurrentIndex(page.shown.findData("retired"))
    assert page.model.ids() == [keys_held["ended"].id] and page.count_label.text() == "共 1 行"


def test_a_tag_scanned_while_the_list_has_the_keyboard_still_lends_that_key(qtbot, keys_held, clerk,
                                                                            no_scanner_echo):
    window, page = desk(qtbot, clerk)
    rect = page.view.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, pos=rect.center())      # A-001 clicked
    assert page.view.hasFocus() and page.current_id() == keys_held["vacant"].id
    qtbot.keyClicks(page.view, "K000002")                                          # the scanner types on
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    dialog = modal(qtbot, LoanDialog)
    assert dialog.key.hook == "B-001"
    dialog.reject()


def test_a_role_that_only_sees_the_cabinet_is_told_why_a_scan_lends_nothing(qtbot, keys_held, finance):
    window, page = desk(qtbot, finance)
    assert not page.lend_button.isVisible() and not page.add_button.isVisible() and page.tags_button.isVisible()
    type_text(qtbot, page.scan_field, "A-001")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    assert page.scan_message.text().startswith("A-001：") and QApplication.activeModalWidget() is None
    assert page.current_id() == keys_held["vacant"].id and KeyLoan.select().count() == 0
