"""The clerk's day in the window: find a room, open it, edit the owner, register things."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from models.records import estate as e

from models.records import people as p
from models.audit import AuditLog
from models.records.people import Person
from tests.ui.conftest import click_ok, dialogs_of, type_text


def test_window_speaks_chinese(window):
    assert "管理处" in window.windowTitle()
    nav = [window.nav.item(i).text().strip() for i in range(window.nav.count())]
    assert "房屋" in nav and "业主住户" in nav and "证件复印登记" in nav
    assert "用户管理" not in nav          # a clerk does not manage users


def test_global_search_by_room_opens_the_room_page(window, qtbot):
    type_text(qtbot, window.search, "3栋2单元1201")
    assert window.search.popup.isVisible()
    assert "3栋2单元1201" in window.search.popup_model.stringList()[0]
    qtbot.keyClick(window.search, Qt.Key_Return)
    page = window.pages["room"]
    assert window.stack.currentWidget() is page
    assert page.title.text() == "3栋2单元1201"
    assert "张伟" in page.facts.text() and "89.50" in page.facts.text()
    rows = page.current_model.rows
    assert [r[1] for r in rows] == ["张伟", "李娜"]
    assert rows[0][3] == "1101**********7774"      # ID masked on screen


def test_search_by_initials_then_phone_tail(window, qtbot):
    qtbot.keyClicks(window.search, "ln")
    assert "李娜" in window.search.popup_model.stringList()[0]
    window.search.clear()
    qtbot.keyClicks(window.search, "5678")
    assert "张伟" in window.search.popup_model.stringList()[0]
    qtbot.keyClick(window.search, Qt.Key_Return)
    assert window.pages["room"].title.text() == "3栋2单元1201"


def test_rooms_list_filters_as_you_type_and_opens_a_room(window, qtbot):
    page = window.open_page("rooms")
    assert page.model.rowCount() == 4
    qtbot.keyClicks(page.search, "3-2-13")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.count_label.text() == "共 1 行"
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    state = page.filter_boxes["state"]
    state.setCurrentIndex(state.findData("let"))
    assert page.model.rowCount() == 1
    page.view.setFocus()
    page.view.selectRow(0)
    page._activate(0)
    assert window.pages["room"].title.text() == "3栋2单元1201"


def test_editing_the_owner_card_with_a_bad_id_shows_why_and_writes_nothing(window, qtbot, estate):
    from ui.records.person_dialog import PersonDialog
    window.open_room(estate["rooms"][0].id)
    page = window.pages["room"]
    qtbot.mouseClick(page.actions["edit_owner"], Qt.LeftButton)
    dialog = dialogs_of(PersonDialog)[0]
    assert dialog.name.text() == "张伟" and dialog.phones["mobile"].text() == "13812345678"
    audit_before = AuditLog.select().count()
    dialog.id_number.clear()
    qtbot.keyClicks(dialog.id_number, "110101199003077775")
    assert "校验位错误" in dialog.id_hint.text()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "校验位错误" in dialog.message.text()
    assert dialog.isVisible()
    assert Person.get_by_id(estate["owner"].id).id_number == "110101199003077774"
    assert AuditLog.select().count() == audit_before
    # put it right, add an employer, save
    dialog.id_number.clear()
    qtbot.keyClicks(dialog.id_number, "110101199003077774")
    type_text(qtbot, dialog.employer, "深圳市华强电子有限公司")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert Person.get_by_id(estate["owner"].id).employer == "深圳市华强电子有限公司"


def test_tenant_moves_out_from_the_room_page(window, qtbot, estate):
    from ui.records.tie_dialogs import MoveOutDialog
    window.open_room(estate["rooms"][0].id)
    page = window.pages["room"]
    page.current_view.selectRow(1)
    qtbot.mouseClick(page.actions["move_out"], Qt.LeftButton)
    dialog = dialogs_of(MoveOutDialog)[0]
    assert "李娜" in dialog.party.currentText()
    dialog.date.set_date(dt.date.today())
    click_ok(qtbot, dialog)
    assert not p.current_parties(estate["rooms"][0].id, (p.TENANT,))
    assert [r[1] for r in page.current_model.rows] == ["张伟"]      # the page refreshed itself
    assert "已交房" in page.facts.text()


def test_transfer_with_the_person_picker(window, qtbot, estate, clerk):
    from ui.records.tie_dialogs import TransferDialog
    buyer = p.create_person(clerk, p.PersonInput("王强", id_number="11010519491231002X"))
    window.open_room(estate["rooms"][0].id)
    page = window.pages["room"]
    qtbot.mouseClick(page.actions["transfer"], Qt.LeftButton)
    dialog = dialogs_of(TransferDialog)[0]
    click_ok(qtbot, dialog)
    assert "请选择新业主" in dialog.message.text()
    qtbot.keyClicks(dialog.owner.query, "wq")
    assert dialog.owner.results.count() == 1
    dialog.owner._pick(dialog.owner.results.item(0))
    assert dialog.owner.person_id == buyer.id
    type_text(qtbot, dialog.deed, "粤房证2026-888")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert page.facts.text().count("王强") == 1


def test_id_copy_registered_with_its_stamp(window, qtbot, estate):
    from ui.records.tie_dialogs import IdCopyDialog
    window.open_room(estate["rooms"][0].id)
    page = window.pages["room"]
    qtbot.mouseClick(page.actions["id_copy"], Qt.LeftButton)
    dialog = dialogs_of(IdCopyDialog)[0]
    dialog.purpose.setEditText("办理装修")
    assert dialog.stamp.text() == "复件仅供办理装修之用"
    click_ok(qtbot, dialog)
    assert page.copies_model.rows[0][2] == "复件仅供办理装修之用"
    listing = window.open_page("id_copies")
    assert listing.model.rowCount() == 1


def test_new_room_dialog_refuses_a_duplicate(window, qtbot, supervisor):
    from ui.records.room_dialog import RoomDialog
    window.ctx.actor = supervisor
    dialog = RoomDialog(window, window.ctx, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.building, "3")
    qtbot.keyClicks(dialog.entrance, "2")
    qtbot.keyClicks(dialog.number, "1201")
    qtbot.keyClicks(dialog.area, "-5")
    click_ok(qtbot, dialog)
    assert "大于 0" in dialog.message.text()
    dialog.area.clear()
    qtbot.keyClicks(dialog.area, "88")
    click_ok(qtbot, dialog)
    assert "已存在" in dialog.message.text()
    dialog.number.clear()
    qtbot.keyClicks(dialog.number, "1501")
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    assert e.Room.get(e.Room.code == "3-2-1501").area_dm2 == 8800


def test_first_start_creates_the_administrator(qtbot, db):
    from models import users
    from ui.login import FirstAdminDialog, LoginDialog
    dialog = FirstAdminDialog()
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.display_name, "陈主管")
    qtbot.keyClicks(dialog.password, "secret1")
    qtbot.keyClicks(dialog.password2, "secret2")
    click_ok(qtbot, dialog)
    assert "不一致" in dialog.message.text() and not users.has_users()
    dialog.password2.clear()
    qtbot.keyClicks(dialog.password2, "secret1")
    click_ok(qtbot, dialog)
    assert dialog.user.role == users.ADMIN
    login = LoginDialog("阳光花园管理处", "admin")
    qtbot.addWidget(login)
    qtbot.keyClicks(login.password, "nope")
    click_ok(qtbot, login)
    assert "用户名或密码错误" in login.message.text()
    login.password.clear()
    qtbot.keyClicks(login.password, "secret1")
    click_ok(qtbot, login)
    assert login.user.display_name == "陈主管"


def test_start_page_shows_the_estate(window):
    page = window.pages["start"]
    texts = [page.grid.itemAt(i).widget().findChildren(type(page.heading))[1].text()
             for i in range(page.grid.count())]
    assert "入住率" in texts and "房屋" in texts
    figures = [page.grid.itemAt(i).widget().findChildren(type(page.heading))[0].text()
               for i in range(page.grid.count())]
    assert "4" in figures                                   # the estate fixture's four rooms


def test_wide_lists_show_their_last_column(window, qtbot):
    """Issue 14 item 6: the last column of a wide list was past the window's edge."""
    page = window.open_page("people")
    window.resize(1100, 700)
    qtbot.wait(50)
    header = page.view.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + 40 <= page.view.viewport().width()
    assert not page.view.horizontalScrollBar().isVisible() or page.view.horizontalScrollBar().maximum() == 0
    header.resizeSection(0, 300)                                  # the clerk's own widths are kept...
    page._user_sized = True
    window.resize(1200, 700)
    qtbot.wait(50)
    assert header.sectionSize(0) == 300


def _window_as(qtbot, actor):
    from ui.context import AppContext
    from ui.main_window import MainWindow
    w = MainWindow(AppContext(actor=actor, database_label="test.db"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _list_column(page, key: str) -> list[str]:
    col = [c.key for c in page.spec.columns].index(key)
    return [page.model.data(page.model.index(row, col), Qt.DisplayRole) for row in range(page.model.rowCount())]


def _ids_shown(qtbot, w) -> dict[str, list[str]]:
    """The owner's ID number as the room page, the people list and the ID-copy register show it."""
    type_text(qtbot, w.search, "3栋2单元1201")
    qtbot.keyClick(w.search, Qt.Key_Return)
    room = w.pages["room"]
    assert room.title.text() == "3栋2单元1201"
    shown = {"room": [r[3] for r in room.current_model.rows if r[1] == "张伟"]}
    people = w.open_page("people")
    type_text(qtbot, people.search, "张伟")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)
    shown["people"] = _list_column(people, "id_number")
    shown["id_copies"] = _list_column(w.open_page("id_copies"), "id_number")
    return shown


@pytest.mark.parametrize("role, expected", [
    ("admin", "110101199003077774"), ("supervisor", "110101199003077774"), ("director", "110101199003077774"),
    ("clerk", "1101**********7774"), ("engineer", "1101**********7774"),
])
def test_the_room_page_shows_id_numbers_as_the_lists_do_for_each_role(qtbot, request, estate, clerk, role,
                                                                     expected):
    """Full for a role with personal.view (supervisors, director, admin), masked for everyone else."""
    p.record_id_copy(clerk, estate["owner"].id, "办理过户", estate["rooms"][0].id)
    w = _window_as(qtbot, request.getfixturevalue(role))
    assert _ids_shown(qtbot, w) == {"room": [expected], "people": [expected], "id_copies": [expected]}


def test_the_audit_log_reads_field_names_and_values_not_json(qtbot, estate, clerk, supervisor):
    from models.audit import AuditLog
    p.end_tie(clerk, p.current_parties(estate["rooms"][0].id, (p.TENANT,))[0].id, "2026-11-29")
    w = _window_as(qtbot, supervisor)
    page = w.open_page("audit")
    headers = [page.model.headerData(i, Qt.Horizontal, Qt.DisplayRole) for i in range(page.model.columnCount())]
    assert "修改前" in headers and "修改后" in headers
    assert page.model.rowCount() == AuditLog.select().count()
    before, after = _list_column(page, "before"), _list_column(page, "after")
    assert ("结束日期：空", "结束日期：2026-11-29；结束原因：迁出") in list(zip(before, after))
    assert not any("{" in text or '"' in text for text in before + after if text)
    assert any("姓名：张伟" in text and "证件号码：110101199003077774" in text for text in after if text)


def test_a_new_user_types_the_password_twice(qtbot, db, admin):
    from PySide6.QtWidgets import QPushButton
    from models import users
    from ui.admin.users_page import NewUserDialog
    from tests.ui.conftest import when_modal
    w = _window_as(qtbot, admin)
    item = next(w.nav.item(i) for i in range(w.nav.count()) if w.nav.item(i).text().strip() == "用户管理")
    qtbot.mouseClick(w.nav.viewport(), Qt.LeftButton, pos=w.nav.visualItemRect(item).center())
    page = w.stack.currentWidget()
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "新建用户…")
    seen = {}

    def fill(dialog):
        try:
            qtbot.keyClicks(dialog.username, "xiaoli")
            type_text(qtbot, dialog.display_name, "小李")
            qtbot.keyClicks(dialog.password, "secret123")
            qtbot.keyClicks(dialog.password2, "secret124")
            click_ok(qtbot, dialog)
            seen["message"] = dialog.message.text()
            seen["created"] = any(u.username == "xiaoli" for u in users.list_users())
            seen["open"] = dialog.isVisible()
            dialog.password2.clear()
            qtbot.keyClicks(dialog.password2, "secret123")
            click_ok(qtbot, dialog)
        finally:
            if dialog.isVisible():      # never leave a modal dialog waiting
                dialog.reject()

    when_modal(fill, NewUserDialog)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert seen == {"message": "两次输入的密码不一致。", "created": False, "open": True}
    user = next(u for u in users.list_users() if u.username == "xiaoli")
    assert users.authenticate("xiaoli", "secret123").display_name == "小李" and user.role == users.CLERK
    assert "xiaoli" in [row[0] for row in page.model.rows]


def test_the_room_page_shows_a_timeline_from_every_part_and_opens_its_lines(window, qtbot, estate, clerk):
    """Issue 15: the room page as every part's meeting place."""
    from models.money.cashier import DeskItem, Payment, take_payment
    from ui.widgets.print_preview import PrintPreview
    room = estate["rooms"][0]
    take_payment(clerk, room.id, Payment("张伟", "cash", items=[DeskItem("garbage_fee")]))
    window.open_room(room.id)
    page = window.pages["room"]
    whats = [row[1] for row in page.timeline_model.rows]
    assert whats[0].startswith("收据 20") and "租户：开始" in whats and "业主：开始" in whats
    page.tabs.setCurrentWidget(page.timeline_view)
    view = page.timeline_view
    qtbot.waitUntil(view.isVisible)
    center = view.visualRect(page.timeline_model.index(0, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=center)
    assert dialogs_of(PrintPreview) and "收据" in dialogs_of(PrintPreview)[0].windowTitle()
    dialogs_of(PrintPreview)[0].reject()
