"""The gate (门岗) as a guard works it: sign in, scan, read the answer, 放行, scan again: refused as used."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models import users
from models.release import gate, issuing
from models.release.issuing import GoodsLine, SlipInput
from models.release.slips import ReleaseSlip
from tests.ui.conftest import click_ok, when_modal
from ui.bus import bus

OWNER_ID = "110101199003077774"


def slip_for(clerk, estate, *goods, **changes):
    data = SlipInput(room_id=estate["rooms"][0].id, person_id=estate["owner"].id, id_shown=OWNER_ID,
                     goods=list(goods) or [GoodsLine("沙发", 1), GoodsLine("纸箱", 12, "书籍")], plate="粤B12345")
    for key, value in changes.items():
        setattr(data, key, value)
    return issuing.issue_slip(clerk, data)


@pytest.fixture
def guard_window(qtbot, estate):
    """The guard signs in at the gate PC, as the sign-in dialog asks."""
    from ui.session import Session
    admin = users.Actor.for_user(users.create_first_administrator("admin", "管理员", "secret1"))
    users.create_user(admin, "zhouwd", "周卫东", "gate", "gate123")

    def sign_in(dialog):
        dialog.username.setText("zhouwd")
        qtbot.keyClicks(dialog.password, "gate123")
        click_ok(qtbot, dialog)
    session = Session("test.db")
    when_modal(sign_in)
    assert session.start()
    window = session.window
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    yield window
    session._close_window()


def scan(qtbot, page, text: str) -> None:
    """A USB scanner: the characters, then Enter."""
    qtbot.keyClicks(page.field, text)
    qtbot.keyClick(page.field, Qt.Key_Return)


def test_the_guard_s_window_is_the_gate_page_alone(guard_window, qtbot):
    window = guard_window
    assert window.current_page_key() == "gate" and list(window.page_defs) == ["gate"]
    assert not window.nav.isVisible()
    assert not any(action.isVisible() for action in window.search_actions)   # the office's records stay hidden
    assert not window.find_action.isEnabled()
    for action in (window.lock_action, window.switch_action, window.sign_out_action):
        assert action.isVisible() and action.isEnabled()
    assert "门岗" in window.windowTitle()
    page = window.pages["gate"]
    qtbot.waitUntil(page.field.hasFocus)


def test_scan_let_out_and_scan_again_refused_as_used(guard_window, qtbot, estate, clerk):
    page = guard_window.pages["gate"]
    slip = slip_for(clerk, estate)
    scan(qtbot, page, gate.qr_payload(slip))
    assert page.field.text() == "" and page.field.hasFocus()
    assert page.number.text() == slip.serial and page.badge.text() == "可以放行"
    assert page.facts["room"].text() == "3栋2单元1201" and page.facts["person"].text() == "张伟（业主）"
    assert page.facts["goods"].text() == "沙发 ×1、纸箱 ×12（书籍）" and page.facts["plate"].text() == "粤B12345"
    assert page.facts["valid"].text() == f"{dt.date.today():%Y-%m-%d}（今天）"
    assert page.note.text() == "" and page.button.isEnabled()

    qtbot.mouseClick(page.button, Qt.LeftButton)                       # 放行
    used = ReleaseSlip.get_by_id(slip.id)
    assert used.state == "used" and used.used_by == "周卫东" and used.used_where == "gate"
    assert page.badge.text() == "已放行" and "周卫东" in page.reason.text()
    assert f"{used.used_at:%H:%M}" in page.reason.text() and not page.button.isEnabled()
    assert page.field.hasFocus()

    scan(qtbot, page, gate.qr_payload(slip))                            # the same slip again
    assert page.badge.text() == "不得放行 · 已使用"
    assert "已使用" in page.reason.text() and "周卫东" in page.reason.text()
    assert "#c9302c" in page.reason.styleSheet() and "#c9302c" in page.badge.styleSheet()
    assert not page.button.isEnabled() and page.field.text() == ""
    qtbot.keyClick(page.field, Qt.Key_F2)                               # nothing to let out
    assert ReleaseSlip.get_by_id(slip.id).used_at == used.used_at


def test_a_forged_code_and_an_unknown_number_are_refused_without_the_slip(guard_window, qtbot, estate, clerk):
    page = guard_window.pages["gate"]
    slip = slip_for(clerk, estate)
    scan(qtbot, page, f"{slip.serial}/AAAAAA")
    assert "校验码不符" in page.badge.text() and "不是管理处" in page.reason.text()
    assert not page.facts["room"].isVisible() and not page.button.isEnabled()
    scan(qtbot, page, f"FX{slip.year}-000999")
    assert "没有开出过" in page.reason.text() and page.badge.text().startswith("不得放行")
    scan(qtbot, page, "hello")
    assert "不是放行条" in page.reason.text() or "放行条号" in page.reason.text()
    assert ReleaseSlip.get_by_id(slip.id).state == "issued"


def test_a_typed_number_asks_to_compare_and_enter_on_the_empty_field_lets_out(guard_window, qtbot, estate, clerk,
                                                                               monkeypatch):
    from ui.release import gate_page
    page = guard_window.pages["gate"]
    slip = slip_for(clerk, estate)
    scan(qtbot, page, f"{slip.year}-{slip.number}")                   # typed by hand, no check code
    assert page.badge.text() == "缺校验码" and "校验码" in page.reason.text() and not any("张伟" in label.text() for label in page.facts.values())
    assert not page.button.isEnabled()
    code = gate.check_code(slip.serial).lower()
    scan(qtbot, page, f"{slip.year}-{slip.number}/{code}")            # with the code under the QR code
    assert page.badge.text() == "可以放行"
    qtbot.keyClick(page.field, Qt.Key_Return)           # at once: the scanner's own second Enter, not the guard
    assert ReleaseSlip.get_by_id(slip.id).state == "issued"
    monkeypatch.setattr(gate_page, "SCANNER_ENTER_S", 0)
    qtbot.keyClick(page.field, Qt.Key_Return)           # the guard has looked: Enter lets the goods out
    assert ReleaseSlip.get_by_id(slip.id).state == "used" and page.badge.text() == "已放行"
    assert "回车" in page.hint.text() and "F2" in page.hint.text()


def test_f2_lets_out_and_a_cancelled_slip_says_why(guard_window, qtbot, estate, clerk):
    page = guard_window.pages["gate"]
    kept, cancelled = slip_for(clerk, estate), slip_for(clerk, estate)
    issuing.cancel_slip(clerk, cancelled.id, "物品写错")
    scan(qtbot, page, gate.qr_payload(cancelled))
    assert "已作废" in page.badge.text() or "作废" in page.reason.text()
    assert "物品写错" in page.reason.text()
    scan(qtbot, page, gate.qr_payload(kept))
    qtbot.keyClick(page.field, Qt.Key_F2)
    assert ReleaseSlip.get_by_id(kept.id).state == "used"


def test_a_slip_used_meanwhile_at_the_desk_is_refused_in_red_on_the_page(guard_window, qtbot, estate, clerk):
    page = guard_window.pages["gate"]
    slip = slip_for(clerk, estate)
    scan(qtbot, page, gate.qr_payload(slip))
    gate.use_slip(clerk, slip.serial, where="desk")                    # marked from the returned gate part
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert page.badge.text() == "不得放行" and "李静" in page.reason.text()
    assert not [w for w in QApplication.topLevelWidgets() if w.isModal() and w.isVisible()]


def test_an_urgent_slip_issued_at_another_desk_appears_newest_first(guard_window, qtbot, estate, clerk):
    page = guard_window.pages["gate"]
    assert page.urgent_list.count() == 0 and page.urgent_empty.isVisible()
    page.timer.setInterval(200)                            # the test waits a fifth of a second, not five
    first = slip_for(clerk, estate, GoodsLine("冰箱", 1), urgent=True)
    slip_for(clerk, estate)                                # not urgent: not listed
    qtbot.waitUntil(lambda: page.urgent_list.count() == 1, timeout=3000)
    second = slip_for(clerk, estate, GoodsLine("衣柜", 2), urgent=True)
    bus.changed("release")                                 # a write in this window: at once
    assert page.urgent_list.count() == 2
    assert [page.urgent_list.item(i).data(Qt.UserRole) for i in range(2)] == [second.serial, first.serial]
    assert "衣柜 ×2" in page.urgent_list.item(0).text() and "3栋2单元1201" in page.urgent_list.item(0).text()
    assert "（2）" in page.urgent_title.text() and not page.urgent_empty.isVisible()
    scan(qtbot, page, gate.qr_payload(second))
    assert page.urgent_mark.isVisible() and page.urgent_mark.text() == "急"
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert [page.urgent_list.item(i).data(Qt.UserRole) for i in range(page.urgent_list.count())] == [first.serial]


def test_the_page_writes_only_through_the_domain(monkeypatch, guard_window, qtbot, estate, clerk):
    """放行 is gate.use_slip with the guard as the actor and the text scanned."""
    from ui.release import gate_page
    calls = []
    real = gate.use_slip
    monkeypatch.setattr(gate_page.gate, "use_slip", lambda actor, text: calls.append((actor.name, text)) or
                        real(actor, text))
    page = guard_window.pages["gate"]
    slip = slip_for(clerk, estate)
    scan(qtbot, page, gate.qr_payload(slip))
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert calls == [("周卫东", gate.qr_payload(slip))]
