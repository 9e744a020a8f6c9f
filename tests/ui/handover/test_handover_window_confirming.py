"""确认交房 as a new clerk met it (issue 18's cold trial): a form with things left empty asks first (Enter = no);
the print button prints the handover just done and nothing once another room is shown; a meter reading's red
sentence goes once it is corrected, a reading too large marked like one below 0; a meter number another room's
meter carries, and a room whose vacant-room key is lent out, refused; the cabinet's keys of the room handed
with it."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from models.handover import handing, keys
from models.handover.tables import IN_CABINET, RETIRED, VACANT_ROOM, Handover, Key, MeterReading
from models.records.estate import Room
from tests.ui.handover.handover_desk import (close_previews, desk, fill_the_rest, handover_input,  # noqa: F401
                                             previews, room_typed, type_into, vacant)
from tests.ui.money_clerk import answer_next

BAD = "d9534f"


def _enter_on_next_question(seen: list) -> None:
    """When the question opens: what it says and which button Enter presses noted, then Enter pressed."""
    def poll():
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dict(text=box.text(), default=box.defaultButton().text(),
                         buttons=[b.text() for b in box.buttons()]))
        QTest.keyClick(box, Qt.Key_Return)
    QTimer.singleShot(0, poll)


def _owner_chosen(qtbot, form, room: str = "3-2-1301", deed: str = "粤房证2026-101") -> None:
    room_typed(qtbot, form, room)
    type_into(qtbot, form.owner.query, "张伟", enter=True)
    type_into(qtbot, form.owner.deed, deed)


def test_a_form_with_things_left_empty_asks_first_and_enter_says_no(qtbot, desk, vacant):
    form = desk.open_page("handover_do")
    _owner_chosen(qtbot, form)
    form.documents["购房合同"].setChecked(True)
    seen = []
    _enter_on_next_question(seen)
    qtbot.keyClick(form.note, Qt.Key_Return, Qt.ControlModifier)              # 确认交房 (Ctrl+Enter)
    assert seen == [dict(
        text="以下内容尚未填写：\n· 证件未核验：业主身份证、入伙通知书、购房发票、物业服务协议、业主公约\n"
             "· 未抄表：水、电、燃气\n· 未交付钥匙\n\n仍然确认交房吗？",
        default="取消", buttons=["仍然确认交房", "取消"])]
    assert Handover.select().count() == 0 and form.room_id == vacant.id      # nothing done, the form as it was
    assert form.documents["购房合同"].isChecked() and form.message.text() == ""

    answer_next("仍然确认交房", seen=seen)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    handover = Handover.get(Handover.room == vacant.id)
    assert handover.documents == "购房合同" and not list(handover.keys)
    close_previews()


def test_the_print_button_prints_the_handover_just_done_and_nothing_once_another_room_is_shown(qtbot, desk, vacant):
    form = desk.open_page("handover_do")
    assert not form.print_button.isEnabled()
    _owner_chosen(qtbot, form)
    fill_the_rest(form)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    made = Handover.get(Handover.room == vacant.id)
    close_previews()
    assert made.serial in form.done.text() and form.print_button.isEnabled()
    assert form.print_button.toolTip() == f"3-2-1301 的交房确认单 {made.serial}"
    qtbot.mouseClick(form.print_button, Qt.LeftButton)                       # again, for a second copy
    shown = previews()
    assert len(shown) == 1 and made.serial in shown[0].windowTitle()
    close_previews()

    room_typed(qtbot, form, "3-2-1202")                                      # the next room
    assert not form.print_button.isEnabled() and form.done.text() == "" and form.last_serial == ""
    form.print_last()                                                         # whatever calls it: nothing
    assert previews() == []


def test_typing_another_room_or_clearing_the_form_takes_the_print_away(qtbot, desk, estate, clerk, vacant):
    made = handing.hand_over(clerk, handover_input(estate, vacant))
    form = desk.open_page("handover_do")
    form.last_serial = made.serial                                            # as just after 确认交房
    form.print_button.setEnabled(True)
    type_into(qtbot, form.room_code, "3-2-12")                                # a new room being typed
    assert not form.print_button.isEnabled() and form.last_serial == ""
    form.last_serial = made.serial
    form.print_button.setEnabled(True)
    qtbot.mouseClick(form.clear_button, Qt.LeftButton)
    assert not form.print_button.isEnabled() and form.last_serial == ""


def test_a_reading_too_large_is_marked_and_the_red_sentence_goes_once_it_is_corrected(qtbot, desk, vacant):
    form = desk.open_page("handover_do")
    _owner_chosen(qtbot, form)
    reading = form.meters.readings["water"]
    type_into(qtbot, form.meters.numbers["water"], "SB-1301")
    for typed, bad in (("abc", True), ("-5", True), ("1e999", True), ("10000000000", True), ("9999999999", False), ("12.5", False)):
        type_into(qtbot, reading, typed)
        assert (BAD in reading.styleSheet()) == bad, typed
    type_into(qtbot, reading, "1e999")
    assert reading.toolTip() == "读数太大，请重新抄表。"
    fill_the_rest(form)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == "表读数太大（1e999）：请重新抄表。" and reading.hasFocus()
    assert Handover.select().count() == 0
    type_into(qtbot, reading, "12.5")
    assert form.message.text() == "" and BAD not in reading.styleSheet()
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == "" and Handover.select().count() == 1
    close_previews()


def test_a_meter_number_another_room_carries_is_refused_at_the_number(qtbot, desk, estate, clerk, vacant):
    handing.hand_over(clerk, handover_input(estate, vacant))                 # SB-1301 is 3-2-1301's water meter
    form = desk.open_page("handover_do")
    _owner_chosen(qtbot, form, "3-2-1202", "粤房证2026-102")
    number = form.meters.numbers["water"]
    type_into(qtbot, number, "sb-1301")
    type_into(qtbot, form.meters.readings["water"], "3")
    fill_the_rest(form)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == "水表 SB-1301 已登记为 3-2-1301 的表：请核对表上的表号。" and number.hasFocus()
    type_into(qtbot, number, "SB-1202")
    assert form.message.text() == ""
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == "" and Room.get_by_id(estate["rooms"][1].id).state == "handed_over"
    assert MeterReading.get(MeterReading.meter_no == "SB-1202").room_id == estate["rooms"][1].id
    close_previews()


def test_a_room_whose_key_is_lent_out_waits_for_it_and_its_keys_go_with_the_handover(qtbot, desk, supervisor,
                                                                                    clerk, vacant):
    key = keys.add_key(supervisor, keys.KeyInput("A-009", VACANT_ROOM, "入户门", room_id=vacant.id))
    keys.lend(clerk, keys.LoanInput(key.tag, "张师傅", "带客户看房"))
    form = desk.open_page("handover_do")
    _owner_chosen(qtbot, form)
    fill_the_rest(form)
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == ("3栋2单元1301的钥匙 A-009 借给了张师傅，尚未归还：请先收回钥匙再交房，"
                                   "钥匙须全部交给业主。") and form.room_code.hasFocus()
    assert Handover.select().count() == 0
    keys.take_back(clerk, key.tag, "张师傅")
    assert Key.get_by_id(key.id).state == IN_CABINET
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == "" and Key.get_by_id(key.id).state == RETIRED
    close_previews()
