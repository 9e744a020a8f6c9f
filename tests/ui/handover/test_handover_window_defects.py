"""验房问题 followed at the desk: a defect past its day in red; a repair recorded with its photo, then confirmed by
the owner; a repair the owner is not satisfied with done again; a defect found after the handover recorded;
the room's timeline opening a defect chosen; the photos opened."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from models.attachments import attachments_of
from models.db import write_tx
from models.handover import handing
from models.handover.tables import CONFIRMED, OPEN, REPAIRED, Defect
from tests.ui.conftest import click_ok
from tests.ui.handover.handover_desk import (TODAY, choosing, desk, english_left, handover_input, modal,  # noqa: F401
                                             photo, room_typed, type_into, vacant)
from tests.ui.money_clerk import answer_next, toolbar_button
from ui.handover.defect_form import NewDefectDialog
from ui.handover.defect_photos import PhotosDialog
from ui.handover.defect_repair import RepairDialog
from ui.modules import open_record


def _handed(estate, clerk, vacant):
    made = handing.hand_over(clerk, handover_input(estate, vacant))
    late = Defect.get((Defect.handover == made.id) & (Defect.location == "客厅"))
    with write_tx():                                      # found a month ago, due a fortnight ago
        Defect.update(due_on=TODAY - dt.timedelta(days=14)).where(Defect.id == late.id).execute()
    return made, late, Defect.get((Defect.handover == made.id) & (Defect.location == "主卧"))


def _row_of(page, defect_id: int) -> int:
    return page.model.ids().index(defect_id)


def test_a_late_defect_is_red_and_a_repair_is_recorded_then_confirmed_by_the_owner(qtbot, desk, estate, clerk,
                                                                                   vacant, photo, monkeypatch):
    made, late, window_leak = _handed(estate, clerk, vacant)
    page = desk.open_page("defects")
    assert page.shown.currentText() == "待整改" and page.model.rowCount() == 2
    row = _row_of(page, late.id)
    assert page.model.late(row) and not page.model.late(_row_of(page, window_leak.id))
    red = page.model.data(page.model.index(row, 0), Qt.ForegroundRole).color()
    assert red == QColor("#c9302c")
    page.shown.setCurrentIndex(1)                         # 已逾期
    assert page.model.ids() == [late.id]
    assert english_left(page.actions_bar) == []

    page.show_id(late.id)
    assert page.repair_button.isEnabled() and not page.confirm_button.isEnabled()
    choosing(monkeypatch, photo)
    qtbot.mouseClick(page.repair_button, Qt.LeftButton)   # 登记维修…
    dialog = modal(qtbot, RepairDialog)
    assert dialog.note.hasFocus()
    type_into(qtbot, dialog.note, "重新批荡")
    qtbot.mouseClick(dialog.photos.add_button, Qt.LeftButton)
    click_ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.message.text()
    done = Defect.get_by_id(late.id)
    assert done.state == REPAIRED and done.repair_note == "重新批荡" and done.repaired_by == "李静"
    assert [(a.label, a.filename) for a in attachments_of("handover_defect", late.id)] == [("维修照片", "窗框.jpg")]

    page.shown.setCurrentIndex(2)                         # 已维修，待业主确认
    assert page.model.ids() == [late.id] and page.current_id() == late.id
    assert page.confirm_button.isEnabled() and page.reopen_button.isEnabled() and not page.repair_button.isEnabled()
    seen = []
    answer_next("确认", seen=seen)                        # the owner's name offered: the handover's owner
    qtbot.mouseClick(page.confirm_button, Qt.LeftButton)
    assert seen and seen[0]["title"] == "业主确认整改" and "客厅" in seen[0]["text"]
    confirmed = Defect.get_by_id(late.id)
    assert confirmed.state == CONFIRMED and confirmed.confirmed_by == "张伟"
    assert page.model.ids() == []


def test_a_repair_the_owner_is_not_satisfied_with_is_done_again(qtbot, desk, estate, clerk, engineer, vacant):
    made, late, window_leak = _handed(estate, clerk, vacant)
    handing.repaired(engineer, window_leak.id, "更换密封胶条")
    page = desk.open_page("defects")
    page.shown.setCurrentIndex(2)
    page.show_id(window_leak.id)
    seen = []
    answer_next("重新整改", typed="", seen=seen)          # no reason: refused in the question, which stays
    answer_next("取消", seen=seen)
    qtbot.mouseClick(page.reopen_button, Qt.LeftButton)
    assert len(seen) == 2 and "请写明业主不满意的地方。" in seen[1]["text"]
    assert Defect.get_by_id(window_leak.id).state == REPAIRED
    answer_next("重新整改", typed="下雨仍渗水")
    qtbot.mouseClick(page.reopen_button, Qt.LeftButton)
    again = Defect.get_by_id(window_leak.id)
    assert again.state == OPEN and again.confirm_note == "下雨仍渗水" and again.repaired_at is None
    page.shown.setCurrentIndex(0)
    assert window_leak.id in page.model.ids()


def test_a_defect_found_after_the_handover_is_recorded_and_opened_from_the_timeline(qtbot, desk, estate, clerk,
                                                                                    vacant, photo, monkeypatch):
    _handed(estate, clerk, vacant)
    page = desk.open_page("defects")
    choosing(monkeypatch, photo)
    qtbot.mouseClick(toolbar_button(page, "新增验房问题…"), Qt.LeftButton)
    dialog = modal(qtbot, NewDefectDialog)
    assert dialog.room_code.hasFocus()
    room_typed(qtbot, dialog, "3-2-1301")                 # Enter finds the room, it does not press 登记
    assert dialog.isVisible() and dialog.location.hasFocus() and "1301" in dialog.heading.text()
    type_into(qtbot, dialog.location.lineEdit(), "厨房")
    type_into(qtbot, dialog.description, "水槽下水慢")
    dialog.department.setCurrentIndex(dialog.department.findData("contractor"))
    qtbot.mouseClick(dialog.photos.add_button, Qt.LeftButton)
    click_ok(qtbot, dialog)
    found = Defect.get(Defect.location == "厨房")
    assert found.handover_id is None and found.room_id == vacant.id and found.department == "contractor"
    assert found.due_on == TODAY + dt.timedelta(days=15)
    assert [a.label for a in attachments_of("handover_defect", found.id)] == ["验房照片"]
    assert page.current_id() == found.id

    desk.open_page("start")
    assert open_record(desk.ctx, "handover_defect", found.id)
    assert desk.stack.currentWidget() is page and page.current_id() == found.id
    qtbot.mouseClick(page.photos_button, Qt.LeftButton)   # 查看照片
    shown = modal(qtbot, PhotosDialog)
    assert shown.strip.list.count() == 1 and "厨房" in shown.windowTitle()
    shown.accept()
