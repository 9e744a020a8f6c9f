"""The release form as a clerk walks it (seed 004 场景五): from the room found, the owner's slip in a
handful of actions; the owner over three months waits for the director; the tenant pays first (F8 and
back) and the owner is called."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from models.money import charging
from models.release import approvals
from models.release.slips import ReleaseSlip
from tests.ui.conftest import type_text, when_modal
from tests.ui.money_clerk import month_back, open_window

OWNER_ID = "110101199003077774"
TENANT_ID = "440304198512120023"


class Actions:
    """Counts what the clerk does: each click, shortcut or field typed is one action."""

    def __init__(self, qtbot):
        self.qtbot, self.count = qtbot, 0

    def click(self, button):
        assert button.isVisible() and button.isEnabled(), button.text()
        self.count += 1
        self.qtbot.mouseClick(button, Qt.LeftButton)

    def type(self, widget, text):
        self.count += 1
        widget.setFocus()
        type_text(self.qtbot, widget, text)

    def key(self, widget, key, modifier=Qt.NoModifier):
        self.count += 1
        self.qtbot.keyClick(widget, key, modifier)


def _previews():
    from ui.widgets.print_preview import PrintPreview
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreview) and w.isVisible()]


def _close_previews(qtbot, actions=None):
    for preview in _previews():
        close = [b for b in preview.findChildren(QPushButton) if b.text() == "关闭"][0]
        (actions.click if actions else lambda b: qtbot.mouseClick(b, Qt.LeftButton))(close)


def _form_from_room(qtbot, window, room_id, actions):
    window.open_room(room_id)
    room_page = window.pages["room"]
    actions.click(room_page.actions["release.issue"])
    form = window.pages["release_issue"]
    assert window.stack.currentWidget() is form and form.room_id == room_id
    return form


def test_an_owner_s_slip_takes_five_actions_once_the_room_is_found(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    actions = Actions(qtbot)
    form = _form_from_room(qtbot, window, estate["rooms"][0].id, actions)           # 1: 物品放行…
    assert form.person.currentText().startswith("张伟") and form.id_shown.hasFocus()
    assert "无欠" in form.arrears.text()
    actions.type(form.id_shown, OWNER_ID)                                           # 2: the ID shown
    assert "✓" in form.id_state.text()
    actions.click(form.goods.whole)                                                 # 3: 整户搬迁
    actions.key(form.id_shown, Qt.Key_Return, Qt.ControlModifier)                   # 4: Ctrl+Enter issues
    slip = ReleaseSlip.get()
    assert slip.whole_household and slip.person_name == "张伟" and slip.items.count() == 1
    qtbot.waitUntil(lambda: bool(_previews()))
    assert slip.serial in _previews()[0].windowTitle()
    _close_previews(qtbot, actions)                                                 # 5: 关闭 (or 打印)
    assert actions.count <= 6, actions.count
    assert slip.serial in form.done.text()


def test_a_wrong_id_or_no_goods_is_refused_on_the_form(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    form = _form_from_room(qtbot, window, estate["rooms"][0].id, Actions(qtbot))
    type_text(qtbot, form.id_shown, "110101199003070599")
    assert "✗" in form.id_state.text()
    qtbot.mouseClick(form.goods.pick_buttons["冰箱"], Qt.LeftButton)
    qtbot.mouseClick(form.issue_button, Qt.LeftButton)
    assert "不符" in form.message.text() and form.id_shown.hasFocus()
    form.id_shown.clear()
    type_text(qtbot, form.id_shown, OWNER_ID)
    form.goods.clear()
    qtbot.mouseClick(form.issue_button, Qt.LeftButton)
    assert "物品" in form.message.text()
    assert ReleaseSlip.select().count() == 0


def test_an_owner_over_three_months_waits_for_the_director(qtbot, estate, clerk, finance, director):
    for n in (4, 3, 2, 1):
        charging.generate_month(finance, month_back(n))
    window = open_window(qtbot, clerk)
    form = _form_from_room(qtbot, window, estate["rooms"][0].id, Actions(qtbot))
    assert "4 个月" in form.arrears.text() and "主任" in form.rules.text()
    assert not form.issue_button.isEnabled() and form.ask_button.isVisible()
    type_text(qtbot, form.id_shown, OWNER_ID)
    qtbot.mouseClick(form.goods.pick_buttons["沙发"], Qt.LeftButton)
    qtbot.mouseClick(form.ask_button, Qt.LeftButton)
    assert "等待" in form.rules.text() and form.poll.isActive()
    # The director, at their own desk, approves; the clerk's form sees it on its next look.
    waiting = approvals.waiting_approvals()
    assert [a.goods for a in waiting] == ["沙发×1"]
    approvals.decide_approval(director, waiting[0].id, True, "业主承诺月底前缴清")
    qtbot.waitUntil(lambda: form.issue_button.isEnabled(), timeout=5000)
    assert "孙主任" in form.rules.text()
    qtbot.mouseClick(form.issue_button, Qt.LeftButton)
    slip = ReleaseSlip.get()
    assert slip.approval_id == waiting[0].id and slip.arrears_months == 4
    _close_previews(qtbot)


def test_a_tenant_pays_first_and_the_owner_is_called(qtbot, estate, clerk, finance):
    from ui.release.call_dialog import CallDialog
    charging.generate_month(finance, month_back(1))
    window = open_window(qtbot, clerk)
    form = _form_from_room(qtbot, window, estate["rooms"][0].id, Actions(qtbot))
    form.person.setCurrentIndex(form.person.findData(estate["tenant"].id))
    assert "管理费" in form.rules.text() and form.pay_button.isVisible() and not form.issue_button.isEnabled()
    type_text(qtbot, form.id_shown, TENANT_ID)
    qtbot.mouseClick(form.goods.pick_buttons["冰箱"], Qt.LeftButton)
    charging.generate_month(finance, month_back(0))          # this month raised too, not yet overdue
    # F8: the cashier on this room; the payment taken; Alt+← back to the form as it was.
    qtbot.keyClick(form.id_shown, Qt.Key_F8)
    cashier = window.pages["cashier"]
    assert window.stack.currentWidget() is cashier and cashier.room.id == form.room_id
    # Ticked: the overdue management fee the release waits for, not a month not yet due.
    assert cashier.charges.ticked == set(form.ready.arrears.charge_ids)
    assert cashier.amount.fen() == form.ready.arrears.fen
    cashier.amount.setFocus()
    qtbot.keyClick(cashier.amount, Qt.Key_F9)
    qtbot.waitUntil(lambda: bool(_previews()))
    _close_previews(qtbot)
    qtbot.keyClick(cashier, Qt.Key_Left, Qt.AltModifier)
    assert window.stack.currentWidget() is form
    assert form.goods.summary() == "冰箱×1" and form.id_shown.text() == TENANT_ID
    assert "无欠" in form.arrears.text() and "致电业主" in form.rules.text()

    def answer(dialog):
        for widget in dialog.answers.values():
            widget.yes.setChecked(True)
        dialog.answers["rent_owed"].no.setChecked(True)
        dialog.answers["owner_goods"].no.setChecked(True)
        ok = [b for b in dialog.findChildren(QPushButton) if b.text() == "记录通话"][0]
        qtbot.mouseClick(ok, Qt.LeftButton)
    when_modal(answer, CallDialog)
    qtbot.mouseClick(form.call_button, Qt.LeftButton)
    assert form.issue_button.isEnabled(), form.rules.text()
    qtbot.mouseClick(form.issue_button, Qt.LeftButton)
    slip = ReleaseSlip.get()
    assert slip.person_role == "tenant" and slip.owner_call.consent and slip.arrears_fen == 0
    _close_previews(qtbot)


def test_a_slip_is_corrected_by_a_new_one_from_the_list(qtbot, estate, clerk):
    """A printed slip is never edited: 更正… opens the form on the old slip's lines, the new slip cancels it."""
    from models.release import issuing
    old = issuing.issue_slip(clerk, issuing.SlipInput(estate["rooms"][0].id, estate["owner"].id, OWNER_ID,
                                                      [issuing.GoodsLine("沙发", 1, "三人位"), issuing.GoodsLine("纸箱", 4)]))
    window = open_window(qtbot, clerk)
    listing = window.open_page("releases")
    listing.view.selectRow(listing.model.ids().index(old.id))
    qtbot.mouseClick(listing.correct_button, Qt.LeftButton)
    form = window.pages["release_issue"]
    assert window.stack.currentWidget() is form and form.replaces == old.id and "更正" in form.heading.text()
    assert [(g.name, str(g.quantity), g.note) for g in form.goods.lines()] == [("沙发", "1", "三人位"), ("纸箱", "4", "")]
    form.goods.add("纸箱")                                    # what was wrong: five boxes, not four
    type_text(qtbot, form.id_shown, OWNER_ID)
    qtbot.keyClick(form.id_shown, Qt.Key_Return, Qt.ControlModifier)
    new = ReleaseSlip.select().order_by(ReleaseSlip.id.desc()).first()
    assert new.replaces_id == old.id and ReleaseSlip.get_by_id(old.id).state == "cancelled"
    assert [(i.name, i.quantity) for i in new.items.order_by(issuing.ReleaseItem.line)] == [("沙发", 1), ("纸箱", 5)]
    assert form.replaces is None
    _close_previews(qtbot)


def test_goods_typed_past_the_last_row_go_on_new_rows(qtbot, estate, clerk):
    """Item, Tab, quantity, Tab, note, Tab: twelve lines typed in a row are twelve lines, none overwritten."""
    window = open_window(qtbot, clerk)
    form = _form_from_room(qtbot, window, estate["rooms"][0].id, Actions(qtbot))
    table = form.goods.table
    table.setFocus()
    table.setCurrentIndex(form.goods.model.index(0, 0))
    for n in range(1, 13):
        for text in (f"物品{n}", str(n), f"备注{n}"):
            qtbot.keyClick(table, Qt.Key_F2)                  # edit the cell, as typing into it does
            editor = QApplication.focusWidget()
            type_text(qtbot, editor, text)
            qtbot.keyClick(editor, Qt.Key_Tab)
    lines = form.goods.lines()
    assert [line.name for line in lines] == [f"物品{n}" for n in range(1, 13)]
    assert [str(line.quantity) for line in lines] == [str(n) for n in range(1, 13)]
