"""待审批 as the engineering supervisor works it (seed 004 场景二): the start page's tile, the application read
in the panel, 批准 with conditions from the row; the clerk who took the papers then finds it in their
follow-up (首接责任制) and records how the owner was told. A clerk sees 批准 greyed, saying who decides."""
from __future__ import annotations

from PySide6.QtCore import Qt

from models.renovation.works import Renovation
from tests.domain.renovation.conftest import lived_in, submitted  # noqa: F401  (fixtures)
from tests.ui.money_clerk import answer_next, open_window
from tests.ui.renovation.renovation_clerk import button, tile


def test_the_engineer_approves_from_the_review_page_and_the_clerk_tells_the_owner(qtbot, estate, submitted, clerk,
                                                                                 engineer):
    window = open_window(qtbot, engineer)
    widget, texts = tile(window, "待审批的装修申请")
    assert "1" in texts
    qtbot.mouseClick(widget, Qt.LeftButton)
    page = window.pages["renovation_review"]
    assert window.stack.currentWidget() is page and page.model.rowCount() == 1
    assert submitted.serial in page.detail.text() and "深圳市安居装饰工程有限公司" in page.detail.text()
    approve = page.buttons["approve"]
    assert approve.isEnabled() and approve.text() == "批准…"
    seen = []
    answer_next("批准", typed="按图施工，不得拆改承重墙", seen=seen)
    qtbot.mouseClick(approve, Qt.LeftButton)
    assert seen and "missing" not in seen[0] and "3栋2单元1202" in seen[0]["text"], seen
    decided = Renovation.get_by_id(submitted.id)
    assert (decided.state, decided.decided_by, decided.decision_note) == ("approved", "赵工", "按图施工，不得拆改承重墙")
    assert page.model.rowCount() == 0 and page.detail.text() == "没有待审批的装修申请。"

    desk = open_window(qtbot, clerk)
    widget, texts = tile(desk, "我的首接跟进（未告知业主）")
    assert "1" in texts
    qtbot.mouseClick(widget, Qt.LeftButton)
    follow = desk.pages["renovation_follow_up"]
    assert follow.model.rowCount() == 1 and "按图施工" in follow.detail.text()
    answer_next("已告知业主", typed="电话告知业主本人", seen=seen)
    qtbot.mouseClick(follow.buttons["told"], Qt.LeftButton)
    told = Renovation.get_by_id(submitted.id)
    assert told.owner_told_by == "李静" and told.owner_told_how == "电话告知业主本人"
    assert follow.model.rowCount() == 0


def test_a_clerk_sees_approve_greyed_with_who_decides(qtbot, estate, submitted, clerk):
    window = open_window(qtbot, clerk)
    page = window.open_page("renovation_review")
    assert page.model.rowCount() == 1
    for verb in ("approve", "ask_papers", "reject"):
        assert not page.buttons[verb].isEnabled() and "无权" in page.buttons[verb].toolTip(), verb
    assert "工程主管" in page.detail.text()

    qtbot.mouseClick(page.buttons["open"], Qt.LeftButton)
    record = window.pages["renovation"]
    assert window.stack.currentWidget() is record and record.renovation.id == submitted.id
    approve = record.buttons["approve"]
    assert approve.isVisible() and not approve.isEnabled() and "无权" in approve.toolTip()
    assert not record.buttons["start"].isVisible()                     # only the moves from 待审批 are shown


def test_more_papers_asked_then_brought_back_to_review(qtbot, estate, submitted, clerk, engineer):
    window = open_window(qtbot, engineer)
    page = window.open_page("renovation_review")
    answer_next("要求补交", typed="资质证书复印件")
    qtbot.mouseClick(page.buttons["ask_papers"], Qt.LeftButton)
    assert Renovation.get_by_id(submitted.id).state == "more_papers" and page.model.rowCount() == 0

    desk = open_window(qtbot, clerk)
    from ui.renovation import open_renovation
    open_renovation(desk.ctx, submitted.id)
    record = desk.pages["renovation"]
    assert record.state.text() == "待补资料" and "资质证书复印件" in record.facts.text()
    answer_next("资料已补交", typed="资质证书复印件已交")
    qtbot.mouseClick(button(record, "补交资料…"), Qt.LeftButton)
    assert Renovation.get_by_id(submitted.id).state == "submitted"
    assert record.state.text() == "待审批"
    page.refresh()
    assert page.model.rowCount() == 1
