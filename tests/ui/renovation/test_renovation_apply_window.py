"""装修申请 as the front desk takes it (seed 004 场景二): from the room's page, the contractor seen before found
as typed and picked from the list, two workers typed with their photos, the works ticked, the licence
chosen, Ctrl+Enter: one receipt for the fees, the application waiting for review, its page open with
the application form offered. What a rule refuses is said at its field, and nothing is written."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from models.attachments import attachments_of
from models.money.ledger import Receipt
from models.renovation.works import Renovation, Worker
from tests.domain.renovation.conftest import LICENCE, WORKER_IDS, lived_in, submitted  # noqa: F401  (fixtures)
from tests.ui.conftest import type_text
from tests.ui.money_clerk import open_window
from tests.ui.renovation.renovation_clerk import choosing, close_previews, files, previews, tick, type_cell

BAD_ID = WORKER_IDS[1][:-1] + ("4" if WORKER_IDS[1][-1] != "4" else "5")     # its check digit wrong


def _form(qtbot, window, room_id):
    """The room's page, then its 装修申请… button: the form on that room, its owner chosen first."""
    window.open_room(room_id)
    qtbot.mouseClick(window.pages["room"].actions["renovation.apply"], Qt.LeftButton)
    form = window.pages["renovation_apply"]
    assert window.stack.currentWidget() is form and form.room_id == room_id
    return form


def _pick_contractor(qtbot, form, typed: str):
    picker = form.contractor
    picker.find.setFocus()
    type_text(qtbot, picker.find, typed)
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)


def _worker(qtbot, form, row, name, id_number, phone=""):
    table = form.workers.table
    type_cell(qtbot, table, row, 0, name)
    type_cell(qtbot, table, row, 1, id_number)
    if phone:
        type_cell(qtbot, table, row, 3, phone)


def test_an_application_from_the_room_page_with_a_contractor_seen_before(qtbot, estate, submitted, clerk, tmp_path,
                                                                         monkeypatch):
    paths = files(tmp_path)
    window = open_window(qtbot, clerk)
    form = _form(qtbot, window, estate["rooms"][0].id)
    assert form.owner.currentText() == "张伟" and form.fees.payer.currentText() == "张伟"
    _pick_contractor(qtbot, form, "安居")
    assert form.contractor.contractor_id() == submitted.contractor_id
    assert "91440300MA5F8XYZ1K" in form.contractor.summary.text()

    _worker(qtbot, form, 0, "刘师傅", WORKER_IDS[0], "13711112222")
    assert form.workers.model.index(0, 2).data() == "✓"
    choosing(monkeypatch, paths["photo1"], paths["photo2"], paths["licence"])
    form.workers.table.setCurrentIndex(form.workers.model.index(0, 0))
    qtbot.mouseClick(form.workers.photo_button, Qt.LeftButton)
    _worker(qtbot, form, 1, "黄师傅", WORKER_IDS[1])
    form.workers.table.setCurrentIndex(form.workers.model.index(1, 0))
    qtbot.mouseClick(form.workers.photo_button, Qt.LeftButton)
    assert form.workers.model.index(1, 4).data(Qt.DecorationRole) is not None          # the thumbnail shows
    assert "共 2 人" == form.workers.count.text()
    tick(qtbot, form.work_ticks["walls"])
    tick(qtbot, form.work_ticks["electrics"])
    qtbot.mouseClick(form.papers.buttons["licence"], Qt.LeftButton)
    assert form.papers.ticks["licence"].isChecked() and "licence.pdf" in form.papers.names["licence"].text()
    assert "¥2,540.00" in form.fees.total.text() and form.fees.take_now.isChecked()      # 2000 + 2×(100+20) + 300

    before = Receipt.select().count()
    qtbot.keyClick(form.contractor.find, Qt.Key_Return, Qt.ControlModifier)             # Ctrl+Enter submits
    made = Renovation.select().order_by(Renovation.id.desc()).first()
    assert made.id != submitted.id and made.room_id == estate["rooms"][0].id, form.message.text()
    assert made.state == "submitted" and made.contractor_id == submitted.contractor_id
    assert made.receipt is not None and made.receipt.total_fen == 254000 and Receipt.select().count() == before + 1
    workers = list(made.workers.order_by(Worker.line))
    assert [w.name for w in workers] == ["刘师傅", "黄师傅"] and all(w.photo for w in workers)
    assert [a.label for a in attachments_of("renovation", made.id)] == ["营业执照"]

    page = window.pages["renovation"]
    assert window.stack.currentWidget() is page and page.renovation.id == made.id
    assert page.banner.isVisible() and made.serial in page.banner_text.text()
    assert page.state.text() == "待审批"
    qtbot.waitUntil(lambda: bool(previews()))
    assert made.receipt.serial in previews()[0].windowTitle()                             # the receipt to print
    close_previews()


def test_what_a_rule_refuses_is_said_at_its_field_and_nothing_is_written(qtbot, estate, lived_in, clerk, tmp_path,
                                                                        monkeypatch):
    paths = files(tmp_path)
    window = open_window(qtbot, clerk)
    form = _form(qtbot, window, estate["rooms"][1].id)
    receipts = Receipt.select().count()

    def submit():
        qtbot.keyClick(form.contractor.find, Qt.Key_Return, Qt.ControlModifier)
        assert Renovation.select().count() == 0 and Receipt.select().count() == receipts

    form.end_on.setDate(QDate.currentDate().addDays(-3))               # the end before the start
    assert form.days.text() == "完工日期早于开工日期"
    submit()
    assert form.errors["works"].text() and form.errors["works"].text() in form.message.text()
    assert form.end_on.hasFocus()
    form.end_on.setDate(QDate.currentDate().addDays(30))
    assert not form.errors["works"].text()                             # gone once the date is changed

    submit()                                                            # no works ticked
    assert "装修项目" in form.errors["works"].text() or "勾选" in form.errors["works"].text()
    tick(qtbot, form.work_ticks["walls"])
    submit()                                                            # no workers
    assert "施工人员" in form.workers.message.text(), form.message.text()

    _worker(qtbot, form, 0, "刘师傅", BAD_ID)                            # a wrong check digit: ✗ as typed
    assert form.workers.model.index(0, 2).data() == "✗ 校验位"
    assert form.workers.model.headerData(2, Qt.Horizontal) == "校验"
    hint = form.workers.id_hint                                         # the sentence, without hovering
    assert hint.isVisible() and hint.text().startswith("第 1 名施工人员的身份证号：") and "校验位" in hint.text()
    submit()
    assert "校验位" in form.workers.message.text() and form.workers.table.currentIndex().column() == 1
    type_cell(qtbot, form.workers.table, 0, 1, WORKER_IDS[1])
    assert form.workers.model.index(0, 2).data() == "✓" and not hint.isVisible()

    choosing(monkeypatch, paths["renamed"])                             # a text file renamed .jpg
    form.workers.table.setCurrentIndex(form.workers.model.index(0, 0))
    qtbot.mouseClick(form.workers.photo_button, Qt.LeftButton)
    assert "renamed.jpg" in form.workers.message.text() and form.workers.model.rows[0].photo is None

    submit()                                                            # no contractor
    assert "施工单位" in form.errors["contractor"].text() and form.contractor.find.hasFocus()
    qtbot.mouseClick(form.contractor.new_button, Qt.LeftButton)         # a new one, its licence mistyped
    type_text(qtbot, form.contractor.name, "深圳市新家装饰有限公司")
    type_text(qtbot, form.contractor.licence, "12-34")
    type_text(qtbot, form.contractor.person, "陈建国")
    type_text(qtbot, form.contractor.phone, "13612345678")
    submit()
    assert "营业执照" in form.errors["contractor"].text() and form.contractor.licence.hasFocus()
    form.contractor.licence.clear()
    type_text(qtbot, form.contractor.licence, LICENCE)

    form.fees.payer.setEditText("")                                     # who pays is asked for
    submit()
    assert "交款人" in form.message.text() and form.fees.payer.hasFocus()
    form.fees.payer.setEditText("张伟")
    qtbot.keyClick(form.contractor.find, Qt.Key_Return, Qt.ControlModifier)
    made = Renovation.get()
    assert made.contractor.licence_no == LICENCE and made.receipt is not None
    close_previews()


def test_the_fees_left_for_later_are_taken_from_the_renovation_s_page(qtbot, estate, lived_in, clerk, tmp_path):
    window = open_window(qtbot, clerk)
    form = _form(qtbot, window, estate["rooms"][1].id)
    qtbot.mouseClick(form.contractor.new_button, Qt.LeftButton)
    for edit, text in ((form.contractor.name, "深圳市新家装饰有限公司"), (form.contractor.licence, LICENCE),
                       (form.contractor.person, "陈建国"), (form.contractor.phone, "13612345678")):
        type_text(qtbot, edit, text)
    tick(qtbot, form.work_ticks["floors"])
    _worker(qtbot, form, 0, "刘师傅", WORKER_IDS[0])
    tick(qtbot, form.fees.take_now)                  # the owner pays later
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    made = Renovation.get()
    assert made.receipt is None and not previews()
    page = window.pages["renovation"]
    assert "费用尚未收取" in page.banner_text.text()
    fees = page.buttons["fees"]
    assert fees.isVisible() and fees.isEnabled()

    from ui.renovation.workers_dialog import TakeFeesDialog
    from tests.ui.renovation.renovation_clerk import ok_when_up
    seen = ok_when_up(TakeFeesDialog)
    qtbot.mouseClick(fees, Qt.LeftButton)
    assert seen == [""], seen
    assert Renovation.get().receipt.total_fen == 200000 + 12000 + 30000
    assert not page.buttons["fees"].isVisible()
    qtbot.waitUntil(lambda: bool(previews()))
    close_previews()


@pytest.mark.parametrize("agent_ticked", [False, True])
def test_an_agent_applies_only_with_the_owner_s_authorisation(qtbot, estate, lived_in, clerk, agent_ticked):
    window = open_window(qtbot, clerk)
    form = _form(qtbot, window, estate["rooms"][1].id)
    tick(qtbot, form.by_agent)
    type_text(qtbot, form.agent_name, "王小明")
    type_text(qtbot, form.agent_id, WORKER_IDS[2])
    assert form.fees.payer.itemText(0) == "王小明"
    if agent_ticked:
        tick(qtbot, form.authorisation)
    qtbot.mouseClick(form.contractor.new_button, Qt.LeftButton)
    for edit, text in ((form.contractor.name, "深圳市新家装饰有限公司"), (form.contractor.licence, LICENCE),
                       (form.contractor.person, "陈建国"), (form.contractor.phone, "13612345678")):
        type_text(qtbot, edit, text)
    tick(qtbot, form.work_ticks["floors"])
    _worker(qtbot, form, 0, "刘师傅", WORKER_IDS[0])
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    if not agent_ticked:
        assert Renovation.select().count() == 0 and "委托书" in form.errors["applicant"].text()
        assert form.authorisation.hasFocus()
    else:
        made = Renovation.get()
        assert (made.applicant, made.agent_name, made.authorisation) == ("agent", "王小明", True)
        assert made.receipt.payer == "王小明"
    close_previews()


def test_the_form_opens_from_the_start_page_and_finds_the_room_typed(qtbot, estate, lived_in, clerk):
    window = open_window(qtbot, clerk)
    start = window.open_page("start")
    start.refresh()
    from tests.ui.renovation.renovation_clerk import button
    qtbot.mouseClick(button(start, "装修申请…"), Qt.LeftButton)
    form = window.pages["renovation_apply"]
    assert window.stack.currentWidget() is form and form.heading.text() == "请先选择房号"
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert form.message.text() == "请先选择房屋及业主。"
    type_text(qtbot, form.room_code, "9-9-999")
    qtbot.keyClick(form.room_code, Qt.Key_Return)
    assert "9-9-999" in form.message.text() and form.room_id is None
    form.room_code.clear()
    type_text(qtbot, form.room_code, "3-2-1202")
    qtbot.keyClick(form.room_code, Qt.Key_Return)
    assert form.room_id == estate["rooms"][1].id and form.owner.currentText() == "张伟"
    assert form.end_on.value() == dt.date.today() + dt.timedelta(days=30)


def test_a_new_contractor_is_typed_field_after_field_with_tab(qtbot, estate, lived_in, clerk):
    """Name, Tab, licence no., Tab, qualification no., Tab, person in charge, Tab, phone: each where it belongs."""
    from PySide6.QtWidgets import QApplication
    window = open_window(qtbot, clerk)
    form = _form(qtbot, window, estate["rooms"][1].id)
    picker = form.contractor
    qtbot.mouseClick(picker.new_button, Qt.LeftButton)
    assert picker.name.hasFocus()
    for text in ("深圳市新家装饰有限公司", LICENCE, "D244012345", "陈建国", "13612345678"):
        type_text(qtbot, QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    given = picker.contractor_input()
    assert (given.name, given.licence_no, given.qualification_no, given.person_in_charge, given.phone) == (
        "深圳市新家装饰有限公司", LICENCE, "D244012345", "陈建国", "13612345678")
    assert QApplication.focusWidget().text() == "选择已登记的单位"          # then the buttons


def test_the_id_check_says_what_is_wrong_in_a_few_words():
    from ui.renovation.workers_table import WorkerRow
    shown = {typed: WorkerRow(id_number=typed).id_short() for typed in (WORKER_IDS[0][:15], BAD_ID, "11010119900A07777X",
                                                                       WORKER_IDS[0][:10] + "13" + WORKER_IDS[0][12:])}
    assert list(shown.values()) == ["位数", "校验位", "字符", "出生日期"], shown
    assert WorkerRow(id_number=WORKER_IDS[0]).id_problem() is None
