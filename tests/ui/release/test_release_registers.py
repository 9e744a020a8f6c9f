"""放行条 as a clerk follows them up: the list, its filters, a slip cancelled with a reason, a slip marked used
from the gate part the guard sent back, a slip opened by a double-click."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer

from models.records.ties import current_parties
from models.release import calls, gate, issuing
from models.release.issuing import GoodsLine, SlipInput
from models.release.slips import ReleaseSlip
from models.users import Actor
from tests.ui.money_clerk import answer_next, nav_click, open_window, toolbar_button

OWNER_ID, TENANT_ID = "110101199003077774", "440304198512120023"
TODAY = dt.date.today()


@pytest.fixture
def slips(estate, clerk):
    room, owner, tenant = estate["rooms"][0].id, estate["owner"].id, estate["tenant"].id

    def slip(person=owner, shown=OWNER_ID, **changes):
        return issuing.issue_slip(clerk, SlipInput(room, person, shown, [GoodsLine("沙发", 1)], **changes))

    made = dict(urgent=slip(urgent=True), old=slip(issued_on=TODAY - dt.timedelta(days=3)))
    calls.record_owner_call(clerk, calls.CallInput(room, tenant, "13812345678", dt.datetime.now(), "业主本人",
                                                   owner_knows=True, rent_owed=False, owner_goods=False, consent=True))
    made["tenant"] = slip(tenant, TENANT_ID, whole_household=True)
    made["used"] = slip()
    gate.use_slip(Actor("周卫东", "gate"), gate.qr_payload(made["used"]))
    return made


def _cell(page, row: int, key: str) -> str:
    return page.model.data(page.model.index(row, page.spec.columns.index(page.spec.column(key))))


def _row_of(page, slip) -> int:
    return page.model.ids().index(slip.id)


def _choose(page, name: str, text: str) -> None:
    box = page.filter_boxes[name]
    box.setCurrentIndex(box.findText(text))


def test_the_list_and_its_filters(qtbot, slips, clerk):
    window = open_window(qtbot, clerk)
    nav_click(qtbot, window, "放行条")
    page = window.pages["releases"]
    assert page.model.rowCount() == 4 and page.count_label.text() == "共 4 行"
    assert _cell(page, _row_of(page, slips["urgent"]), "state") == "未使用"
    assert _cell(page, _row_of(page, slips["old"]), "state") == "已过期"
    _choose(page, "state", "未使用")
    assert set(page.model.ids()) == {slips["urgent"].id, slips["tenant"].id}
    qtbot.mouseClick(page.urgent, Qt.LeftButton)
    assert page.model.ids() == [slips["urgent"].id] and _cell(page, 0, "urgent") == "急件"
    qtbot.mouseClick(page.urgent, Qt.LeftButton)
    _choose(page, "role", "租户")
    assert page.model.ids() == [slips["tenant"].id] and _cell(page, 0, "goods") == "沙发×1"
    _choose(page, "state", "全部")
    _choose(page, "role", "全部")
    page.period.setCurrentIndex(page.period.findText("今天开出的"))
    assert slips["old"].id not in page.model.ids() and page.model.rowCount() == 3
    page.period.setCurrentIndex(page.period.findText("近 7 天开出的"))
    assert page.model.rowCount() == 4
    qtbot.keyClicks(page.search, f"{TODAY.year}-{slips['used'].number}")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _cell(page, 0, "used_by") == "周卫东" and _cell(page, 0, "state") == "已使用"


def test_a_slip_is_cancelled_with_its_reason(qtbot, slips, clerk):
    window = open_window(qtbot, clerk)
    page = window.open_page("releases")
    page.view.selectRow(_row_of(page, slips["urgent"]))
    seen = []
    answer_next("作废", typed="业主改期搬家", seen=seen)
    qtbot.mouseClick(toolbar_button(page, "作废…"), Qt.LeftButton)
    assert seen and "missing" not in seen[0] and slips["urgent"].serial in seen[0]["title"], seen
    slip = ReleaseSlip.get_by_id(slips["urgent"].id)
    assert (slip.state, slip.cancel_reason, slip.cancelled_by) == ("cancelled", "业主改期搬家", "李静")
    qtbot.waitUntil(lambda: _cell(page, _row_of(page, slip), "state") == "已作废")
    assert _cell(page, _row_of(page, slip), "cancel_reason") == "业主改期搬家"
    # A slip already used cannot be cancelled: said, and nothing asked.
    page.view.selectRow(_row_of(page, slips["used"]))
    refused = []
    answer_next("关闭", seen=refused)
    qtbot.mouseClick(toolbar_button(page, "作废…"), Qt.LeftButton)
    assert refused and slips["used"].serial in refused[0]["text"] and "已使用" in refused[0]["text"], refused
    assert ReleaseSlip.get_by_id(slips["used"].id).state == "used"


def test_a_slip_is_marked_used_from_the_returned_gate_part(qtbot, slips, clerk, estate):
    window = open_window(qtbot, clerk)
    page = window.open_page("releases")
    page.view.selectRow(_row_of(page, slips["tenant"]))
    seen = []
    answer_next("补记放行", seen=seen)
    qtbot.mouseClick(toolbar_button(page, "补记放行"), Qt.LeftButton)
    assert seen and "租期今天结束" in seen[0]["text"], seen        # a tenant's whole household leaves
    slip = ReleaseSlip.get_by_id(slips["tenant"].id)
    assert (slip.state, slip.used_where, slip.used_by) == ("used", "desk", "李静")
    assert not current_parties(estate["rooms"][0].id, ("tenant",))          # 迁出
    qtbot.waitUntil(lambda: _cell(page, _row_of(page, slip), "state") == "已使用")
    # An expired slip cannot be marked used: the refusal is said.
    page.view.selectRow(_row_of(page, slips["old"]))
    refused = []
    answer_next("补记放行")
    QTimer.singleShot(300, lambda: answer_next("关闭", seen=refused))      # after the question: the refusal
    qtbot.mouseClick(toolbar_button(page, "补记放行"), Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(refused))
    assert "过期" in refused[0]["text"] and ReleaseSlip.get_by_id(slips["old"].id).state == "issued"


def test_a_double_click_opens_the_slip_and_the_guard_sees_no_desk_buttons(qtbot, slips, clerk, monkeypatch):
    from ui import modules
    opened = []
    window = open_window(qtbot, clerk)
    monkeypatch.setitem(modules.OPENERS, "release_slip", lambda ctx, slip_id: opened.append(slip_id))
    page = window.open_page("releases")
    row = _row_of(page, slips["used"])
    qtbot.waitUntil(page.view.isVisible)
    center = page.view.visualRect(page.model.index(row, 4)).center()
    qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, pos=center)
    qtbot.mouseDClick(page.view.viewport(), Qt.LeftButton, pos=center)
    assert opened == [slips["used"].id]
    finance_view = open_window(qtbot, Actor("钱会计", "finance")).open_page("releases")
    assert finance_view.model.rowCount() == 4
    assert not finance_view.cancel_button.isVisible() and not finance_view.use_button.isVisible()
