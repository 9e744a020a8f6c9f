"""The cabinet's list (a key overdue in red, an ended entrustment marked, the drop-down's filters), a key
opened from elsewhere, a key put in the cabinet from a room's page with its tag offered, the key loans
and their slips, and every word of these screens in Chinese."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from models.handover.tables import ENTRUSTED, VACANT_ROOM, Key
from tests.ui.english import unexplained_english
from tests.ui.conftest import type_text, when_modal
from tests.ui.handover.keys_desk import (TODAY, desk, keys_held, lent, modal, no_scanner_echo)  # noqa: F401
from tests.ui.money_clerk import answer_next
from ui.handover.key_dialog import KeyDialog, add_key_for_room
from ui.handover.loan_dialog import LoanDialog, ReturnDialog
from ui.widgets.print_preview import PrintPreview


def _row(page, key_id: int) -> int:
    return page.model.ids().index(key_id)


def _colour(page, key_id: int, role) -> str | None:
    value = page.model.data(page.model.index(_row(page, key_id), 0), role)
    return value.color().name() if value is not None else None


def test_a_key_overdue_is_red_an_ended_entrustment_marked_and_the_filters_find_them(qtbot, keys_held, clerk):
    late = lent(clerk, keys_held["vacant"], "张师傅", hours_late=3)
    lent(clerk, keys_held["plant"], "陈阿姨")
    window, page = desk(qtbot, clerk)
    assert _colour(page, keys_held["vacant"].id, Qt.ForegroundRole) == "#c9302c"
    assert _colour(page, keys_held["plant"].id, Qt.ForegroundRole) is None            # out, not yet due
    assert _colour(page, keys_held["ended"].id, Qt.BackgroundRole) == "#fff1c9"
    assert _colour(page, keys_held["entrusted"].id, Qt.BackgroundRole) is None
    shown = {page.shown.itemData(i): page.shown.itemText(i) for i in range(page.shown.count())}
    assert shown == {"": "全部钥匙", "in": "在柜", "out": "借出", "overdue": "逾期未还钥匙", "lost": "遗失",
                     "expired": "委托已过期", "retired": "已退还"}
    page.shown.setCurrentIndex(page.shown.findData("overdue"))
    assert page.model.ids() == [keys_held["vacant"].id] and page.count_label.text() == "共 1 行"
    page.shown.setCurrentIndex(page.shown.findData("out"))
    assert set(page.model.ids()) == {keys_held["vacant"].id, keys_held["plant"].id}
    page.shown.setCurrentIndex(page.shown.findData("expired"))
    assert page.model.ids() == [keys_held["ended"].id]
    page.shown.setCurrentIndex(page.shown.findData("in"))
    assert set(page.model.ids()) == {keys_held["entrusted"].id, keys_held["ended"].id}
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key_Return)                 # Enter on a key in the cabinet: lend it
    modal(qtbot, LoanDialog).reject()
    page.shown.setCurrentIndex(page.shown.findData(""))
    type_text(qtbot, page.search, late.key.tag)              # the filter takes a tag too
    qtbot.waitUntil(lambda: page.model.ids() == [keys_held["vacant"].id])


def test_a_key_opened_from_elsewhere_is_chosen_even_when_the_filter_hid_it(qtbot, keys_held, clerk,
                                                                         no_scanner_echo):
    from ui.handover.cabinet_page import open_key
    loan = lent(clerk, keys_held["plant"], "陈阿姨")
    lent(clerk, keys_held["vacant"], "张师傅")
    window, page = desk(qtbot, clerk, "start")
    open_key(window.ctx, keys_held["plant"].id)
    page = window.pages["key_cabinet"]
    assert window.current_page_key() == "key_cabinet" and page.current_id() == keys_held["plant"].id
    page.shown.setCurrentIndex(page.shown.findData("in"))
    open_key(window.ctx, keys_held["plant"].id)
    assert page.shown.currentData() == "" and page.current_id() == keys_held["plant"].id
    qtbot.mouseClick(page.return_button, Qt.LeftButton)     # 归还… on the chosen key
    modal(qtbot, ReturnDialog).reject()
    qtbot.mouseClick(page.loans_button, Qt.LeftButton)      # 借用记录: that key's loans
    loans = window.pages["key_loans"]
    assert window.current_page_key() == "key_loans" and loans.model.ids() == [loan.id]


def test_a_key_put_in_from_a_room_s_page_and_its_tag_offered(qtbot, estate, supervisor):
    window, _page = desk(qtbot, supervisor, "start")
    room = estate["rooms"][0]                                # 1201: 张伟 owns it, let to 李娜
    add_key_for_room(window.ctx, room.id)
    dialog = modal(qtbot, KeyDialog)
    assert dialog.room_code.text() == room.code and dialog.room_label.text() == "3栋2单元1201"
    assert dialog.kind.currentData() == ENTRUSTED and dialog.owner.currentText() == "张伟"
    assert dialog.hook.hasFocus()
    assert not unexplained_english(dialog)
    type_text(qtbot, dialog.hook, "c-010")
    dialog.scope.setText("仅限维修水管时使用")
    dialog.until.set_date(TODAY.replace(year=TODAY.year + 1, day=1))
    seen = []
    answer_next("打印钥匙牌", seen=seen)
    qtbot.keyClick(dialog.hook, Qt.Key_Return)
    key = Key.get(Key.hook == "C-010")
    assert (key.kind, key.room_id, key.entrusted_by_id, key.entrusted_scope, key.label) == (
        ENTRUSTED, room.id, estate["owner"].id, "仅限维修水管时使用", "入户门")
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0]["text"] == f"钥匙 C-010（3栋2单元1201 入户门）已挂上，钥匙牌编号 {key.tag}。现在打印钥匙牌吗？"
    preview = modal(qtbot, PrintPreview)
    assert preview.page_labels
    preview.reject()


def test_the_key_dialog_refuses_a_hook_taken_and_an_entrusted_key_with_no_owner(qtbot, keys_held, supervisor):
    window, page = desk(qtbot, supervisor)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    dialog = modal(qtbot, KeyDialog)
    type_text(qtbot, dialog.hook, "B-001")
    type_text(qtbot, dialog.area, "会所")
    qtbot.keyClick(dialog.hook, Qt.Key_Return)
    assert dialog.message.text() == "挂钩 B-001 已有钥匙，请换一个空挂钩。" and dialog.hook.hasFocus()
    dialog.hook.setText("D-001")
    dialog.kind.setCurrentIndex(dialog.kind.findData(ENTRUSTED))
    assert dialog.entrusted.isVisible() and dialog.owner.count() == 0     # no room typed: no owner to choose
    qtbot.keyClick(dialog.hook, Qt.Key_Return)
    assert dialog.message.text() == "业主委托的钥匙须写明委托业主和委托期限。"
    dialog.kind.setCurrentIndex(dialog.kind.findData(VACANT_ROOM))
    type_text(qtbot, dialog.room_code, "9-9-999")
    qtbot.keyClick(dialog.room_code, Qt.Key_Return)
    assert "9-9-999" in dialog.message.text() and Key.select().count() == 4
    dialog.reject()


def test_the_key_loans_list_its_filters_and_the_slip_printed_again(qtbot, keys_held, clerk):
    from models.handover import keys
    from ui.handover.loans_page import open_loan
    late = lent(clerk, keys_held["vacant"], "张师傅", hours_late=5)
    back = lent(clerk, keys_held["plant"], "陈阿姨")
    keys.take_back(clerk, "B-001")
    window, page = desk(qtbot, clerk, "key_loans")
    assert page.model.rowCount() == 2
    row = page.model.ids().index(late.id)
    assert page.model.data(page.model.index(row, 0), Qt.ForegroundRole).color().name() == "#c9302c"
    page.shown.setCurrentIndex(page.shown.findData("overdue"))
    assert page.model.ids() == [late.id]
    page.shown.setCurrentIndex(page.shown.findData("returned"))
    assert page.model.ids() == [back.id]
    open_loan(window.ctx, late.id)                            # hidden by the filter: the filter gives way
    assert page.current_id() == late.id and page.shown.currentData() == ""
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    preview = modal(qtbot, PrintPreview)
    assert late.serial in preview.windowTitle()
    preview.reject()
    qtbot.mouseClick(page.key_button, Qt.LeftButton)
    assert window.current_page_key() == "key_cabinet" and window.pages["key_cabinet"].current_id() == late.key_id


def test_the_cabinet_and_the_loans_are_chinese_and_fit_a_1280_screen(qtbot, keys_held, clerk, no_scanner_echo):
    lent(clerk, keys_held["vacant"], "张师傅", hours_late=30)
    window, page = desk(qtbot, clerk)
    assert window.width() <= 1280 and window.minimumSizeHint().width() <= 1280
    assert not unexplained_english(page)
    type_text(qtbot, page.scan_field, "B-001")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    dialog = modal(qtbot, LoanDialog)
    assert not unexplained_english(dialog) and dialog.width() <= 1280
    dialog.reject()
    type_text(qtbot, page.scan_field, "A-001")
    qtbot.keyClick(page.scan_field, Qt.Key_Return)
    dialog = modal(qtbot, ReturnDialog)
    assert not unexplained_english(dialog)
    dialog.reject()
    loans = window.open_page("key_loans")
    QApplication.processEvents()
    assert not unexplained_english(loans)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_the_chosen_keys_tags_and_the_register_are_printed(qtbot, keys_held, clerk):
    window, page = desk(qtbot, clerk)
    for key, modifier in ((keys_held["vacant"], Qt.NoModifier), (keys_held["plant"], Qt.ControlModifier)):
        rect = page.view.visualRect(page.model.index(page.model.ids().index(key.id), 0))
        qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, modifier, rect.center())
    assert page.selected_ids() == [keys_held["vacant"].id, keys_held["plant"].id]
    seen = []

    def preview_offered(box):
        seen.append((box.windowTitle(), box.textValue()))
        box.accept()
    when_modal(preview_offered, QInputDialog)
    qtbot.mouseClick(page.tags_button, Qt.LeftButton)
    assert seen == [("打印钥匙牌", "A-001~B-001")]            # the chosen keys' hooks, from the first to the last
    preview = modal(qtbot, PrintPreview)
    assert "钥匙牌" in preview.windowTitle() and len(preview.page_labels) == 1
    preview.reject()
    qtbot.mouseClick(page.register_button, Qt.LeftButton)
    preview = modal(qtbot, PrintPreview)
    assert "钥匙登记簿" in preview.windowTitle()
    preview.reject()
