"""A renovation's page from the works to the end (seed 004 场景二, DOMAIN.md "Renovation"): the owner asks for
the acceptance, the engineering supervisor accepts with a deduction and its reason, the passes come back,
finance settles the deposit less the deduction and refunds the returned passes' deposits, each through
the money part with its refund slip, and closes the renovation."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from models.renovation.works import Deduction, Renovation, Worker
from models.money.ledger import Refund  # noqa: I001  (after the renovation's: money's ledger first fails to import)
from tests.domain.renovation.conftest import in_works, lived_in, submitted  # noqa: F401  (fixtures)
from tests.ui.money_clerk import answer_next, open_window
from tests.ui.renovation.renovation_clerk import button, close_previews, ok_when_up, previews


def _page(qtbot, actor, renovation_id):
    from ui.renovation import open_renovation
    window = open_window(qtbot, actor)
    open_renovation(window.ctx, renovation_id)
    page = window.pages["renovation"]
    assert window.stack.currentWidget() is page
    return page


def _choose_passes(page, rows):
    view = page.passes.view
    view.clearSelection()
    view.setSelectionMode(QAbstractItemView.MultiSelection)
    for row in rows:
        view.selectRow(row)
    view.setSelectionMode(QAbstractItemView.ExtendedSelection)


def test_accepted_with_a_deduction_then_the_deposit_and_the_passes_settled(qtbot, estate, in_works, clerk, engineer,
                                                                            finance):
    renovation_id = in_works.id
    desk = _page(qtbot, clerk, renovation_id)
    assert desk.state.text() == "施工中" and desk.buttons["print_permit"].isEnabled()
    answer_next("申请验收")
    qtbot.mouseClick(button(desk, "申请验收…"), Qt.LeftButton)
    assert Renovation.get_by_id(renovation_id).state == "completion"
    assert "ZX" in desk.passes.unreturned.text() and desk.passes.unreturned.isVisible()   # passes still out listed
    assert not desk.buttons["accept"].isEnabled() and "无权" in desk.buttons["accept"].toolTip()

    from ui.renovation.accept_dialog import AcceptDialog
    supervisor_page = _page(qtbot, engineer, renovation_id)
    said = []
    seen = ok_when_up(AcceptDialog, lambda d: (d.set_row(0, "200", "公共楼道墙面污损"), said.append(d.back.text())))
    qtbot.mouseClick(button(supervisor_page, "验收通过…"), Qt.LeftButton)
    assert seen == [""] and "应退 ¥1,800.00" in said[0], (seen, said)
    accepted = Renovation.get_by_id(renovation_id)
    assert accepted.state == "accepted" and accepted.accepted_by == "赵工"
    assert [(d.amount_fen, d.reason) for d in Deduction.select()] == [(20000, "公共楼道墙面污损")]

    desk.refresh()
    _choose_passes(desk, [0, 1])
    qtbot.mouseClick(desk.passes.buttons["return"], Qt.LeftButton)
    assert Worker.select().where(Worker.returned_at.is_null()).count() == 0
    assert desk.passes.model.index(0, 5).data() == "已交回"
    assert not desk.passes.buttons["refund"].isVisible()                 # a clerk does not pay money back

    from ui.renovation.settle_dialog import PayoutDialog
    money = _page(qtbot, finance, renovation_id)
    intro = []
    seen = ok_when_up(PayoutDialog, lambda d: intro.append(d.findChildren(type(money.state))[0].text()))
    qtbot.mouseClick(button(money, "结算押金…"), Qt.LeftButton)
    assert seen == [""] and "扣款 ¥200.00：公共楼道墙面污损" in intro[0] and "应退：¥1,800.00" in intro[0], intro
    assert Renovation.get_by_id(renovation_id).state == "settled"
    assert [r.amount_fen for r in Refund.select()] == [180000]
    qtbot.waitUntil(lambda: bool(previews()))
    assert Refund.get().serial in previews()[0].windowTitle()                # the refund slip to sign
    close_previews()

    _choose_passes(money, [0, 1])
    seen = ok_when_up(PayoutDialog)
    qtbot.mouseClick(money.passes.buttons["refund"], Qt.LeftButton)
    assert seen == [""] and Worker.select().where(Worker.refunded_at.is_null()).count() == 0
    assert sorted(r.amount_fen for r in Refund.select()) == [20000, 180000]      # two passes' deposits, ¥100 each
    close_previews()
    assert "退款单" in money.tabs.tabText(3) or money.money.refunds.rowCount() == 2

    answer_next("结案")
    qtbot.mouseClick(button(money, "结案…"), Qt.LeftButton)
    assert Renovation.get_by_id(renovation_id).state == "closed" and money.state.text() == "已结案"


def test_a_lost_pass_is_written_off_and_its_deposit_kept(qtbot, estate, in_works, clerk, engineer, finance):
    from models.renovation import deciding
    deciding.request_completion(clerk, in_works.id)
    deciding.accept(engineer, in_works.id, "验收合格")
    page = _page(qtbot, finance, in_works.id)
    _choose_passes(page, [1])
    assert page.passes.buttons["lost"].isEnabled() and not page.passes.buttons["refund"].isEnabled()
    answer_next("遗失核销")
    qtbot.mouseClick(page.passes.buttons["lost"], Qt.LeftButton)
    lost = Worker.get(Worker.line == 2)
    assert lost.lost and page.passes.model.index(1, 5).data() == "已注销"
    refund_now = page.buttons["close"]
    assert not refund_now.isVisible()                                     # the deposit is not settled yet


def test_more_workers_join_with_their_own_fees(qtbot, estate, in_works, clerk, tmp_path):
    from tests.domain.renovation.conftest import WORKER_IDS
    from tests.ui.renovation.renovation_clerk import type_cell
    from ui.renovation.workers_dialog import AddWorkersDialog
    page = _page(qtbot, clerk, in_works.id)

    def fill(dialog):
        type_cell(qtbot, dialog.workers.table, 0, 0, "张师傅")
        type_cell(qtbot, dialog.workers.table, 0, 1, WORKER_IDS[2])
        assert "¥120.00" in dialog.fees.total.text()              # a pass deposit and a pass fee, no deposit again
    seen = ok_when_up(AddWorkersDialog, fill)
    qtbot.mouseClick(page.passes.buttons["add"], Qt.LeftButton)
    assert seen == [""], seen
    assert [w.pass_number for w in Worker.select().order_by(Worker.line)][-1].endswith("-03")
    assert page.passes.model.rowCount() == 3 and page.tabs.tabText(0) == "施工人员及出入证（3）"
    qtbot.waitUntil(lambda: bool(previews()))                          # their fees' receipt
    close_previews()

    _choose_passes(page, [2])                                           # the new worker's pass alone, to print
    qtbot.mouseClick(page.buttons["print_passes"], Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(previews()))
    assert previews()[0].windowTitle().endswith(in_works.serial) and len(previews()[0].page_labels) == 1
    close_previews()


def test_the_passes_of_suspended_works_say_what_the_gate_says(qtbot, estate, in_works, clerk):
    from models.renovation import deciding
    from models.renovation.passes import answer_pass, qr_payload
    page = _page(qtbot, clerk, in_works.id)
    model = page.passes.model
    assert [model.index(row, 5).data() for row in range(model.rowCount())] == ["有效", "有效"]
    deciding.suspend(clerk, in_works.id, "违规拆改承重墙")
    page.refresh()
    shown = [model.index(row, 5).data() for row in range(model.rowCount())]
    gate = [answer_pass(qr_payload(worker)).state_label for worker in model.workers]
    assert shown == gate == ["停工整改", "停工整改"]
    assert model.index(0, 5).data(Qt.ForegroundRole).name() == "#c9302c"
    assert "停工" in model.index(0, 5).data(Qt.ToolTipRole) and in_works.room.label in model.index(0, 5).data(Qt.ToolTipRole)


def test_refunding_says_the_amount_and_which_chosen_passes_are_left_out_and_why(qtbot, estate, in_works, clerk,
                                                                                engineer, finance):
    from models.renovation import deciding, settling
    from ui.renovation.settle_dialog import PayoutDialog
    deciding.request_completion(clerk, in_works.id)
    deciding.accept(engineer, in_works.id, "验收合格")
    first, second = Worker.select().where(Worker.renovation == in_works.id).order_by(Worker.line)
    settling.return_pass(clerk, in_works.id, first.id)
    page = _page(qtbot, finance, in_works.id)
    _choose_passes(page, [0, 1])
    intro = []
    seen = ok_when_up(PayoutDialog, lambda d: intro.append(d.findChildren(type(page.state))[0].text()))
    qtbot.mouseClick(page.passes.buttons["refund"], Qt.LeftButton)
    assert seen == [""], seen
    lines = intro[0].split("\n")
    assert lines[0] == f"退还 1 张已交回出入证的押金：{first.pass_number} 刘师傅。"
    assert lines[1] == "应退：¥100.00（每张 ¥100.00：出入证押金 ¥200.00 共 2 张）"
    assert lines[2] == f"以下所选出入证本次不退：{second.pass_number} 黄师傅（未交回）"
    assert [r.amount_fen for r in Refund.select()] == [10000]
    close_previews()
    settling.return_pass(clerk, in_works.id, second.id)
    page.refresh()
    _choose_passes(page, [0, 1])
    seen = ok_when_up(PayoutDialog, lambda d: intro.append(d.findChildren(type(page.state))[0].text()))
    qtbot.mouseClick(page.passes.buttons["refund"], Qt.LeftButton)
    assert "应退：¥100.00" in intro[1] and f"{first.pass_number} 刘师傅（已退）" in intro[1], intro
    assert sorted(r.amount_fen for r in Refund.select()) == [10000, 10000]
    close_previews()
