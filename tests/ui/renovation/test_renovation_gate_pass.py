"""A worker's pass (出入证) at the gate, as the guard sees it: the photo large beside the name, the room, the
contractor and the valid dates; green when it lets the worker in, red with the reason when not."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QImage

from models.db import write_tx
from models.renovation import deciding, settling
from models.renovation.passes import qr_payload
from models.renovation.works import Renovation, Worker
from tests.ui.release.test_release_gate_page import guard_window, scan  # noqa: F401  (the guard's window)
from tests.ui.renovation.test_renovation_inspect_support import room_in_works

GREEN, RED = "#1e7b34", "#c9302c"


def _workers(renovation):
    return list(Worker.select().where(Worker.renovation == renovation.id).order_by(Worker.line))


def _card_lines(page) -> list[str]:
    return [page.findChild(type(page.number), f"gate_card_{i}").text() for i in range(4)]


def test_a_valid_pass_shows_the_photo_beside_the_worker_in_green(guard_window, qtbot, estate, clerk, engineer):
    page = guard_window.pages["gate"]
    renovation = room_in_works(estate, clerk, engineer)
    worker = _workers(renovation)[0]
    scan(qtbot, page, qr_payload(worker))
    assert page.number.text() == f"装修施工人员出入证 {worker.pass_number}"
    assert page.badge.text() == "有效，可以进入" and GREEN in page.badge.styleSheet()
    assert not page.reason.isVisible() and not page.button.isEnabled()
    assert page.card.isVisible() and not page.facts["room"].isVisible()
    start, end = renovation.start_on, renovation.end_on
    assert _card_lines(page) == ["刘师傅", "3栋2单元1202", "深圳市安居装饰工程有限公司", f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"]
    photo = page.card_photo.pixmap()
    assert not photo.isNull() and photo.height() >= 200 and GREEN in page.card_photo.styleSheet()
    assert page.field.text() == "" and page.field.hasFocus()
    second = _workers(renovation)[1]                        # no photo taken: said so, not a blank
    scan(qtbot, page, qr_payload(second))
    assert page.card_photo.text() == "无照片" and _card_lines(page)[0] == "黄师傅"


def test_an_expired_a_returned_and_a_suspended_pass_are_refused_in_red(guard_window, qtbot, estate, clerk, engineer):
    page = guard_window.pages["gate"]
    renovation = room_in_works(estate, clerk, engineer)
    first, second = _workers(renovation)
    with write_tx():                                        # the planned end was yesterday
        Renovation.update(end_on=dt.date.today() - dt.timedelta(days=1)).where(
            Renovation.id == renovation.id).execute()
    scan(qtbot, page, qr_payload(first))
    assert page.badge.text() == "不得进入 · 已过期" and RED in page.badge.styleSheet()
    assert "有效期至" in page.reason.text() and RED in page.reason.styleSheet()
    assert page.card.isVisible() and _card_lines(page)[0] == "刘师傅" and RED in page.card_photo.styleSheet()
    with write_tx():
        Renovation.update(end_on=dt.date.today() + dt.timedelta(days=30)).where(
            Renovation.id == renovation.id).execute()
    settling.return_pass(clerk, renovation.id, second.id)
    scan(qtbot, page, qr_payload(second))
    assert page.badge.text() == "不得进入 · 已交回" and "交回" in page.reason.text()
    deciding.suspend(clerk, renovation.id, "违规拆改承重墙")
    scan(qtbot, page, qr_payload(first))
    assert page.badge.text() == "不得进入 · 停工整改" and "3栋2单元1202" in page.reason.text()
    assert not page.button.isEnabled()


def test_a_forged_pass_shows_nothing_of_the_worker_and_a_slip_after_a_pass_hides_the_card(
        guard_window, qtbot, estate, clerk, engineer):
    from tests.ui.release.test_release_gate_page import slip_for
    from models.release import gate
    page = guard_window.pages["gate"]
    renovation = room_in_works(estate, clerk, engineer)
    worker = _workers(renovation)[0]
    scan(qtbot, page, qr_payload(worker))
    scan(qtbot, page, f"{worker.pass_number}/AAAAAA")
    assert page.badge.text() == "不得进入 · 校验码不符" and RED in page.badge.styleSheet()
    assert "出入证" in page.reason.text() and not page.card.isVisible()
    slip = slip_for(clerk, estate)
    scan(qtbot, page, gate.qr_payload(slip))
    assert page.badge.text() == "可以放行" and not page.card.isVisible() and page.facts["room"].isVisible()


def test_the_gate_with_a_pass_fits_the_screen_and_is_seen(guard_window, qtbot, estate, clerk, engineer, tmp_path):
    page = guard_window.pages["gate"]
    guard_window.resize(1280, 800)
    renovation = room_in_works(estate, clerk, engineer)
    scan(qtbot, page, qr_payload(_workers(renovation)[0]))
    assert guard_window.minimumSizeHint().width() <= 1280 and guard_window.width() <= 1280
    shot = tmp_path / "gate_pass.png"
    assert guard_window.grab().save(str(shot)) and not QImage(str(shot)).isNull()


def test_a_pass_is_worded_for_going_in_found_or_not(guard_window, qtbot, estate, clerk, engineer):
    """A forged pass, a pass never issued and one typed without its check code: never the slip's 放行 words."""
    page = guard_window.pages["gate"]
    assert page.field.placeholderText() == "放行条号或施工人员出入证号（扫描，或连同校验码输入）"
    renovation = room_in_works(estate, clerk, engineer)
    worker = _workers(renovation)[0]
    scan(qtbot, page, f"{worker.pass_number}/K7Q2MA")                   # a code the office never printed
    assert page.badge.text() == "不得进入 · 校验码不符" and page.number.text() == f"施工人员出入证 {worker.pass_number}"
    assert RED in page.badge.styleSheet() and worker.pass_number in page.reason.text()
    assert not page.card.isVisible() and not page.facts["room"].isVisible() and not page.button.isEnabled()
    scan(qtbot, page, "ZX2026-999999-01/K7Q2MA")                       # no such pass
    assert page.badge.text() == "不得进入 · 未知" and "ZX2026-999999-01" in page.reason.text()
    scan(qtbot, page, worker.pass_number)                               # typed without its code
    assert page.badge.text() == "缺校验码" and "#b36b00" in page.badge.styleSheet() and "校验码" in page.reason.text()
    assert not page.card.isVisible() and not page.button.isEnabled()
    assert all("放行" not in text for text in (page.badge.text(), page.number.text()))
