"""A handover as the desk does it: booked for the buyer on the day's list, handed over from the appointment with
the buyer registered there, documents ticked, meters read, keys counted, a defect with its photo; the room
handed over, the buyer its owner on file, the form offered for signing. And a room whose owner is on file."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.attachments import attachments_of
from models.db import write_tx
from models.handover.tables import BOOKED, DONE, Appointment, Defect, Handover, MeterReading
from models.records.estate import Room
from models.records.people import OWNER, Person, transfer_ownership
from models.records.ties import current_parties
from tests.ui.conftest import click_ok
from tests.ui.handover.handover_desk import (BUYER_ID, back_to, choosing, close_previews, desk, english_left,  # noqa: F401
                                             fill_the_rest, modal, photo, previews, room_typed, type_into, vacant)
from tests.ui.money_clerk import answer_next
from ui.handover.defect_form import DefectDialog
from ui.handover.handover_book import BookDialog


def _book(qtbot, page, code: str, name: str, phone: str) -> Appointment:
    qtbot.mouseClick(page.book_button, Qt.LeftButton)
    dialog = modal(qtbot, BookDialog)
    assert dialog.room_code.hasFocus()
    room_typed(qtbot, dialog, code)
    assert "空置" in dialog.heading.text() and dialog.name.hasFocus()       # no owner on file: the name typed
    type_into(qtbot, dialog.name, name)
    type_into(qtbot, dialog.phone, phone)
    click_ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.message.text()
    return Appointment.get(Appointment.name == name)


def _defect_added(qtbot, form, where: str, what: str) -> None:
    """添加问题…: the defect's place and problem typed, its photo chosen, on the form's list (not yet written)."""
    qtbot.mouseClick(form.defects.add_button, Qt.LeftButton)
    dialog = modal(qtbot, DefectDialog)
    type_into(qtbot, dialog.location.lineEdit(), where)
    type_into(qtbot, dialog.description, what)
    qtbot.mouseClick(dialog.photos.add_button, Qt.LeftButton)
    assert len(dialog.photos.photos) == 1
    click_ok(qtbot, dialog)
    assert form.defects.model.rows == [[where, what, "工程部", f"{dialog.due_on.value():%Y-%m-%d}", "1"]]
    assert Defect.select().count() == 0


def test_booked_then_handed_over_from_the_appointment_to_a_buyer_registered_there(qtbot, desk, vacant, photo,
                                                                                  monkeypatch):
    page = desk.open_page("handover_appointments")
    made = _book(qtbot, page, "3-2-1301", "陈晓明", "13800138001")
    back_to(qtbot, desk)
    assert made.state == BOOKED and made.room_id == vacant.id and made.phone == "13800138001"
    assert page.day == made.at.date() and page.current_id() == made.id       # the day booked, the row chosen
    assert "1 个交房预约" in page.heading.text() and page.do_button.isEnabled()
    assert english_left(page) == []

    qtbot.mouseClick(page.do_button, Qt.LeftButton)                          # 办理交房
    form = desk.pages["handover_do"]
    assert desk.stack.currentWidget() is form and form.room_id == vacant.id
    assert "陈晓明" in form.appointment.text() and form.owner.new_mode.isChecked()
    assert form.owner.name.text() == "陈晓明" and form.owner.phone.text() == "13800138001"
    assert form.owner.id_number.hasFocus()                                   # the name came with the booking
    type_into(qtbot, form.owner.id_number, BUYER_ID)
    assert form.owner.id_number.problem == ""
    type_into(qtbot, form.owner.deed, "粤(2026)深圳市不动产权第0012345号")
    for item in ("购房合同", "业主身份证"):
        form.documents[item].setChecked(True)
    type_into(qtbot, form.meters.numbers["water"], "sb-1301")
    type_into(qtbot, form.meters.readings["water"], "12.5")
    assert form.meters.last["water"].text() == "首次抄表"
    type_into(qtbot, form.meters.numbers["electricity"], "DB-1301")
    type_into(qtbot, form.meters.readings["electricity"], "305")
    spin = form.keys.counts["入户门"]
    type_into(qtbot, spin.lineEdit(), "3")

    choosing(monkeypatch, photo)
    _defect_added(qtbot, form, "主卧", "窗框渗水")
    assert english_left(form) == []
    back_to(qtbot, desk)

    seen = []
    answer_next("仍然确认交房", seen=seen)                                     # asked first: what is left empty
    qtbot.keyClick(form.note, Qt.Key_Return, Qt.ControlModifier)              # 确认交房 (Ctrl+Enter)
    assert seen[0]["text"] == ("以下内容尚未填写：\n· 证件未核验：入伙通知书、购房发票、物业服务协议、业主公约\n"
                               "· 未抄表：燃气\n\n仍然确认交房吗？"), seen
    assert form.message.text() == ""
    handover = Handover.get(Handover.room == vacant.id)
    buyer = Person.get(Person.name == "陈晓明")
    assert buyer.id_number == BUYER_ID and handover.owner_id == buyer.id
    assert [p.person_id for p in current_parties(vacant.id, (OWNER,))] == [buyer.id]
    assert Room.get_by_id(vacant.id).state == "handed_over"
    assert Appointment.get_by_id(made.id).state == DONE
    assert handover.documents == "购房合同；业主身份证"
    assert [(k.kind, k.count) for k in handover.keys] == [("入户门", 3)]
    assert sorted((r.meter, r.meter_no, float(r.reading)) for r in MeterReading.select()) == [
        ("electricity", "DB-1301", 305.0), ("water", "SB-1301", 12.5)]
    defect = Defect.get(Defect.handover == handover.id)
    assert [a.filename for a in attachments_of("handover_defect", defect.id)] == ["窗框.jpg"]
    assert handover.serial in form.done.text() and form.message.text() == ""
    shown = previews()                                                       # the form offered for signing
    assert len(shown) == 1 and handover.serial in shown[0].windowTitle()
    close_previews()
    assert form.room_id is None and desk.focusWidget() is form.room_code     # ready for the next room
    assert form.print_button.isEnabled()


def test_a_room_with_its_owner_on_file_shows_the_owner_with_the_id_masked(qtbot, desk, estate, clerk, vacant):
    """The owner registered before the keys (the sale registered at the desk, the room back to 空置 as the
    developer kept it)."""
    owner = estate["owner"]
    transfer_ownership(clerk, vacant.id, [owner.id], "2026-01-05", "粤房证2026-007")
    with write_tx():
        Room.update(state="vacant").where(Room.id == vacant.id).execute()
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3栋2单元1301")
    assert form.owner.owners.isVisible() and not form.owner.buyer.isVisible()
    assert form.owner.owners.currentText() == "张伟  证件 1101**********7774"    # the clerk sees it masked
    assert form.owner.owners.hasFocus()
    qtbot.keyClick(form.owner.owners, Qt.Key_Tab)                            # Tab goes on down the form
    assert QApplication.focusWidget() is next(iter(form.documents.values()))
    fill_the_rest(form)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == ""
    handover = Handover.get(Handover.room == vacant.id)
    assert handover.owner_id == owner.id and handover.appointment_id is None
    assert Person.select().count() == 2                                     # nobody new
    close_previews()


def test_a_buyer_already_on_file_is_found_by_name_and_made_the_owner(qtbot, desk, estate, vacant):
    form = desk.open_page("handover_do")
    room_typed(qtbot, form, "3-2-1301")
    assert form.owner.pick_mode.isChecked() and form.owner.query.hasFocus()
    type_into(qtbot, form.owner.query, "李娜", enter=True)                    # the first one found, Enter
    assert form.owner.picked_id == estate["tenant"].id and "李娜" in form.owner.chosen.text()
    type_into(qtbot, form.owner.deed, "粤房证2026-008")
    fill_the_rest(form)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == ""
    handover = Handover.get(Handover.room == vacant.id)
    assert handover.owner_id == estate["tenant"].id
    assert [p.person_id for p in current_parties(vacant.id, (OWNER,))] == [estate["tenant"].id]
    close_previews()
