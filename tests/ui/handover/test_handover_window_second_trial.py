"""办理交房 as the second cold trial met it: the owner is asked for before what the form leaves empty; 清空表单
does not throw defects away unasked; a card (单元门禁卡) is counted in 张 on screen as on paper; a room typed
at the desk closes its booked appointment."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from models.handover import handing
from models.handover.tables import DONE, Appointment, Handover
from tests.ui.handover.handover_desk import (close_previews, desk, fill_the_rest, room_typed, type_into,  # noqa: F401
                                             vacant)
from tests.ui.money_clerk import answer_next


def test_no_owner_is_said_before_anything_is_asked(qtbot, desk, vacant):
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1301")
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)             # no question opens: the owner comes first
    assert "业主" in form.message.text() and form.owner.query.hasFocus()
    assert Handover.select().count() == 0


def test_clearing_a_form_with_defects_asks_first(qtbot, desk, vacant):
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1301")
    form.defects.defects.append(handing.DefectInput("主卧", "窗框渗水", "developer"))
    seen = []
    answer_next("取消", seen=seen)
    qtbot.mouseClick(form.clear_button, Qt.LeftButton)
    assert "1 条验房问题" in seen[0]["text"] and len(form.defects.defects) == 1
    answer_next("清空表单", seen=seen)
    qtbot.mouseClick(form.clear_button, Qt.LeftButton)
    assert form.defects.defects == []


def test_a_card_is_counted_in_zhang(qtbot, desk, vacant):
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1301")
    assert form.keys.counts["单元门禁卡"].suffix() == " 张" and form.keys.counts["入户门"].suffix() == " 把"


def test_a_room_typed_at_the_desk_closes_its_appointment(qtbot, desk, vacant, estate, clerk):
    booked = handing.book(clerk, vacant.id, dt.datetime.combine(dt.date.today() + dt.timedelta(days=1),
                                                                dt.time(10)), "张伟")
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1301")
    type_into(qtbot, form.owner.query, "张伟", enter=True)
    type_into(qtbot, form.owner.deed, "粤房证2026-101")
    fill_the_rest(form)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    close_previews()
    assert Appointment.get_by_id(booked.id).state == DONE
