"""The window's two abilities the release part needs: a one-page window for a one-page role, and 返回."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar

from models.users import Actor
from tests.ui.money_clerk import open_window


def _back_button(window):
    return window.findChild(QToolBar).widgetForAction(window.back_action)


def test_a_desk_window_keeps_its_navigation_search_and_start_page(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    assert window.current_page_key() == "start" and window.first_page() == "start"
    assert window.nav.isVisible() and all(action.isVisible() for action in window.search_actions)
    assert window.find_action.isEnabled() and window.back_action.isVisible()
    assert not window.back_action.isEnabled() and window.back_action.text() == "返回"
    assert "gate" not in window.page_defs                 # the gate page is the guard's


def test_come_back_returns_to_the_page_as_it_was_with_alt_left(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    receipts = window.open_page("receipts")
    cashier = window.open_page("cashier", come_back=True)       # the release form's F8 does this
    assert window.back_action.isEnabled()
    qtbot.waitUntil(cashier.room_box.hasFocus)
    qtbot.keyClicks(cashier.room_box, "3-2-1201")               # the clerk is typing in the cashier
    qtbot.keyClick(cashier.room_box, Qt.Key_Left, Qt.AltModifier)
    assert window.stack.currentWidget() is receipts and window.current_page_key() == "receipts"
    assert not window.back_action.isEnabled()
    window.go_back()                                            # nowhere further: stays
    assert window.current_page_key() == "receipts"


def test_the_back_button_and_plain_opening(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    window.open_page("cashier")
    assert not window.back_action.isEnabled()                   # an ordinary opening remembers nothing
    window.open_page("receipts", come_back=True)
    window.open_page("arrears")                                 # wandering on: 返回 still leads to the cashier
    assert window.back_action.isEnabled()
    qtbot.mouseClick(_back_button(window), Qt.LeftButton)
    assert window.current_page_key() == "cashier" and not window.back_action.isEnabled()
    window.open_page("receipts", come_back=True)
    window.open_page("cashier")                                 # went back by hand: nothing left to return to
    assert not window.back_action.isEnabled()


def test_nested_errands_come_back_in_turn(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    window.open_page("receipts")
    window.open_page("cashier", come_back=True)
    window.open_page("arrears", come_back=True)
    assert window.go_back() is window.pages["cashier"]
    assert window.go_back() is window.pages["receipts"]
    assert window.go_back() is None and not window.back_action.isEnabled()


def test_a_role_with_no_page_of_records_opens_its_first_page(qtbot, estate):
    """The start page needs records.view; a role without it opens on the first page it may."""
    window = open_window(qtbot, Actor("周卫东", "gate"))
    assert window.first_page() == "gate" and window.stack.currentWidget() is window.pages["gate"]
    assert window.single_page and not window.nav.isVisible() and not window.back_action.isVisible()
    assert not any(action.isVisible() for action in window.search_actions)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_F, Qt.ControlModifier)   # Ctrl+F finds nothing
    assert QApplication.focusWidget() is not window.search


def test_the_gate_window_is_not_locked_when_idle_the_desk_s_is(qtbot, db):
    """An idle lock at the gate would take the next scan as a password; the gate page shows no records."""
    from models import users
    from ui.session import Session
    admin = Actor("管理员", users.ADMIN)
    guard = users.create_user(admin, "guard", "周卫东", "gate", "secret1")
    clerk = users.create_user(admin, "clerk", "李静", users.CLERK, "secret2")
    for user, seconds in ((guard, 0), (clerk, 15 * 60)):
        session = Session("test.db")
        session._show(user)
        qtbot.addWidget(session.window)
        assert session.watcher.seconds == seconds
        session._close_window()
