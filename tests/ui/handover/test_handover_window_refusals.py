"""What the handover form refuses, each said in the domain's Chinese sentence in the red line at the foot of the
form, the field it is about given the keyboard, and nothing written: a room not vacant, an owner not
identified, a meter lower than its last reading, a handover dated before its appointment was made; and a
booking for a time gone."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.audit import AuditLog
from models.handover import handing
from models.handover.tables import Appointment, Defect, Handover, MeterReading
from models.records.estate import Room
from models.records.people import Person
from tests.ui.conftest import click_ok
from tests.ui.handover.handover_desk import (TODAY, back_to, desk, fill_the_rest, modal, room_typed,  # noqa: F401
                                             type_into, vacant)
from ui.handover.handover_book import BookDialog


def _nothing_written(room_id: int, people: int, audit: int, readings: int = 0) -> None:
    assert Handover.select().count() == 0 and Defect.select().count() == 0
    assert MeterReading.select().count() == readings and Person.select().count() == people
    assert Room.get_by_id(room_id).state == "vacant"
    assert AuditLog.select().count() == audit


def _confirm(qtbot, form) -> str:
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    return form.message.text()


def test_a_room_not_vacant_is_refused(qtbot, desk, estate):
    """Said as soon as the room is found, the form beneath greyed: nothing to fill for a room not handed over."""
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1201")                  # 张伟's, let to 李娜
    assert "出租" in form.heading.text() and "c9302c" in form.heading.styleSheet()
    assert form.message.text() == "3栋2单元1201目前为“出租”：只有空置房才能办理交房。"
    assert not form.body.isEnabled() and not form.owner.isEnabled() and not form.meters.readings["water"].isEnabled()
    assert not form.submit_button.isEnabled() and form.room_code.hasFocus()
    audit = AuditLog.select().count()
    qtbot.keyClick(form.room_code, Qt.Key_Return, Qt.ControlModifier)      # 确认交房 all the same: no question
    assert form.message.text() == "3栋2单元1201目前为“出租”：只有空置房才能办理交房。"
    assert form.room_code.hasFocus()
    assert Handover.select().count() == 0 and Room.get_by_id(estate["rooms"][0].id).state == "let"
    assert AuditLog.select().count() == audit


def test_an_owner_not_identified_is_refused(qtbot, desk, vacant):
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1301")
    fill_the_rest(form)
    people, audit = Person.select().count(), AuditLog.select().count()
    said = _confirm(qtbot, form)                          # nobody chosen, nobody registered
    assert said == "请核实业主身份：选择业主的资料（须有证件号码）。"
    assert form.owner.query.hasFocus()
    _nothing_written(vacant.id, people, audit)
    form.owner.new_mode.setChecked(True)                  # the buyer registered here, with a wrong ID number
    type_into(qtbot, form.owner.name, "陈晓明")
    type_into(qtbot, form.owner.id_number, "440304198811110037")
    assert "校验位" in form.owner.id_hint.text()          # seen as typed
    said = _confirm(qtbot, form)
    assert "校验位" in said and form.owner.id_number.hasFocus()
    _nothing_written(vacant.id, people, audit)
    type_into(qtbot, form.owner.id_number, "440304198811110036")       # right now, but no contract or deed
    said = _confirm(qtbot, form)
    assert "购房合同号" in said and form.owner.deed.hasFocus()
    _nothing_written(vacant.id, people, audit)


def test_a_meter_lower_than_its_last_reading_is_refused(qtbot, desk, estate, clerk, vacant):
    handing.read_meter(clerk, vacant.id, handing.Reading("water", "SB-1301", "50"), TODAY - dt.timedelta(days=20))
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1301")
    type_into(qtbot, form.owner.query, "张伟", enter=True)
    type_into(qtbot, form.owner.deed, "粤房证2026-009")
    type_into(qtbot, form.meters.numbers["water"], "SB-1301")
    day = TODAY - dt.timedelta(days=20)
    assert form.meters.last["water"].text() == f"50（{day:%Y-%m-%d}）"       # the last reading beside it
    type_into(qtbot, form.meters.readings["water"], "40")
    assert "d9534f" in form.meters.readings["water"].styleSheet()            # marked as typed
    fill_the_rest(form)
    people, audit = Person.select().count(), AuditLog.select().count()
    said = _confirm(qtbot, form)
    assert said.startswith("水表 SB-1301 在") and "本次 40 比它还低，请重新抄表。" in said
    assert form.meters.readings["water"].hasFocus()
    _nothing_written(vacant.id, people, audit, readings=1)
    type_into(qtbot, form.meters.readings["water"], "-3")
    said = _confirm(qtbot, form)
    assert said and form.meters.readings["water"].hasFocus()
    _nothing_written(vacant.id, people, audit, readings=1)


def test_a_handover_dated_before_its_appointment_was_made_is_refused(qtbot, desk, estate, clerk, vacant):
    made = handing.book(clerk, vacant.id, dt.datetime.now() + dt.timedelta(hours=2), "张伟", "13812345678",
                        estate["owner"].id)
    from ui.handover import open_handover_of
    open_handover_of(desk.ctx, vacant.id, appointment_id=made.id)
    form = desk.pages["handover_do"]
    assert form.owner.picked_id == estate["owner"].id                     # the buyer on file, from the booking
    type_into(qtbot, form.owner.deed, "粤房证2026-010")
    fill_the_rest(form)
    form.handed_on.set_date(TODAY - dt.timedelta(days=1))
    people, audit = Person.select().count(), AuditLog.select().count()
    said = _confirm(qtbot, form)
    assert said.startswith("交房日期") and form.handed_on.hasFocus()
    _nothing_written(vacant.id, people, audit)
    assert Appointment.get_by_id(made.id).state == "booked"


def test_a_booking_for_a_time_gone_is_refused_in_the_dialog(qtbot, desk, vacant):
    page = desk.open_page("handover_appointments")
    qtbot.mouseClick(page.book_button, Qt.LeftButton)
    dialog = modal(qtbot, BookDialog)
    room_typed(qtbot, dialog, "3-2-1301")
    type_into(qtbot, dialog.name, "陈晓明")
    dialog.date.set_date(TODAY - dt.timedelta(days=1))
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.text() == "预约时间须在现在之后。"
    assert Appointment.select().count() == 0
    room_typed(qtbot, dialog, "9-9-999")
    assert "9-9-999" in dialog.message.text()
    dialog.reject()
    back_to(qtbot, desk)
    assert QApplication.activeWindow() is desk
