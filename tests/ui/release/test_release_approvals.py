"""主任审批 as the director works it from their own desk while the clerk waits: the start page's tile, the
request read, 批准 with a note, 不批准 only with a reason; a request from another desk appears by itself;
others read the page without its buttons."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from models.release import approvals, issuing
from models.release.issuing import GoodsLine, SlipInput
from models.release.slips import ReleaseApproval
from tests.domain.release.conftest import raise_months
from tests.ui.money_clerk import answer_next, open_window, toolbar_button

OWNER_ID = "110101199003077774"


@pytest.fixture
def asked(estate, clerk, finance):
    """The owner of 3-2-1201 owes four months; the clerk has asked the director."""
    raise_months(finance, 4)
    return approvals.request_approval(clerk, estate["rooms"][0].id, estate["owner"].id, "沙发×1", "业主急用")


def _tile(window, caption: str):
    start = window.open_page("start")
    for tile in start.cards():
        texts = [label.text() for label in tile.findChildren(QLabel)]
        if caption in texts:
            return tile, texts
    raise AssertionError(f"no tile {caption!r}")


def test_the_director_approves_from_their_own_start_page_while_the_clerk_waits(qtbot, estate, asked, clerk,
                                                                              director):
    room, owner = estate["rooms"][0].id, estate["owner"].id
    clerk_page = open_window(qtbot, clerk).open_page("release_approvals")
    assert clerk_page.model.rowCount() == 1 and not clerk_page.approve_button.isVisible()
    assert "等待管理处主任" in clerk_page.detail.text()
    assert issuing.readiness(room, owner).pending is not None              # the clerk waits

    window = open_window(qtbot, director)
    tile, texts = _tile(window, "待主任审批的放行")
    assert "1" in texts
    qtbot.mouseClick(tile, Qt.LeftButton)
    page = window.pages["release_approvals"]
    assert window.stack.currentWidget() is page and page.model.rowCount() == 1
    assert "欠物业管理费 4 个月" in page.detail.text() and "业主急用" in page.detail.text()
    seen = []
    answer_next("批准", typed="请提醒业主月底前缴清", seen=seen)
    qtbot.mouseClick(toolbar_button(page, "批准"), Qt.LeftButton)
    assert seen and "missing" not in seen[0] and "3栋2单元1201" in seen[0]["text"], seen
    approval = ReleaseApproval.get_by_id(asked.id)
    assert (approval.state, approval.decided_by, approval.decision_note) == ("approved", "孙主任", "请提醒业主月底前缴清")
    assert page.model.rowCount() == 0 and page.detail.text() == "没有待主任审批的放行。"
    assert clerk_page.model.rowCount() == 0                                 # told by the bus, not by hand
    ready = issuing.readiness(room, owner)
    assert ready.ready and ready.approval.id == asked.id
    slip = issuing.issue_slip(clerk, SlipInput(room, owner, OWNER_ID, [GoodsLine("沙发", 1)]))
    assert slip.approval_id == asked.id


def test_a_decline_needs_a_reason(qtbot, estate, asked, director):
    page = open_window(qtbot, director).open_page("release_approvals")
    first, second = [], []
    answer_next("不批准", typed="", seen=first)
    QTimer.singleShot(400, lambda: answer_next("取消", seen=second))        # the reason was asked for again
    qtbot.mouseClick(toolbar_button(page, "不批准…"), Qt.LeftButton)
    assert second and "请写明不批准的理由" in second[0]["text"], second
    assert ReleaseApproval.get_by_id(asked.id).state == "waiting"
    answer_next("不批准", typed="请业主先缴清欠费")
    qtbot.mouseClick(toolbar_button(page, "不批准…"), Qt.LeftButton)
    approval = ReleaseApproval.get_by_id(asked.id)
    assert (approval.state, approval.decision_note) == ("declined", "请业主先缴清欠费")
    page.filter_boxes["state"].setCurrentIndex(page.filter_boxes["state"].findText("不批准"))
    assert page.model.rowCount() == 1 and "请业主先缴清欠费" in page.detail.text()
    assert not page.approve_button.isEnabled()                             # decided: nothing more to do


def test_a_request_from_another_desk_appears_by_itself(qtbot, estate, clerk, finance, director):
    raise_months(finance, 4)
    page = open_window(qtbot, director).open_page("release_approvals")
    assert page.model.rowCount() == 0 and page.detail.text() == "没有待主任审批的放行。"
    page.poll.setInterval(50)
    # Another PC writes to the shared database: no signal reaches this window.
    approvals.request_approval(clerk, estate["rooms"][0].id, estate["owner"].id, "冰箱×1")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.approve_button.isEnabled() and "冰箱×1" in page.detail.text()
