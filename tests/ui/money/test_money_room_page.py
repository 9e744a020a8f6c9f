"""Money on a room's page: its account tab and the cashier opened on the room (issue 15: the room
page as every part's meeting place, its buttons and tabs registered by the parts)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from models.money import charging
from tests.ui.money_clerk import month_back, open_window
from ui.modules import ROOM_ACTIONS, ROOM_TABS


def test_money_brings_an_account_tab_and_a_payment_button_to_the_room_page(qtbot, estate, clerk, finance):
    charging.generate_month(finance, month_back(2))
    charging.generate_month(finance, month_back(1))
    room = estate["rooms"][0]
    window = open_window(qtbot, clerk)
    window.open_room(room.id)
    page = window.pages["room"]
    assert "money.take" in ROOM_ACTIONS and "money.account" in ROOM_TABS
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:2] == ["业主、租户和住户", "动态"] and "账户" in titles
    account = page.part_tabs["money.account"]
    assert "欠管理费 2 个月" in account.summary.text() and "未结：¥" in account.summary.text()
    # Every open charge, as the cashier lists them (this month's too, not yet due).
    assert len(account.model.rows) == len(charging.open_charges(room.id)) >= 2
    assert account.model.rows[0][1] == "物业管理费"
    owed = account.model.index(0, 4)
    assert account.model.data(owed, Qt.TextAlignmentRole) & Qt.AlignRight       # money right-aligned
    assert page.actions["money.take"].text() == "收款…" and page.actions["money.take"].isEnabled()
    page.actions["money.take"].setFocus()          # as a click leaves it
    qtbot.mouseClick(page.actions["money.take"], Qt.LeftButton)
    cashier = window.pages["cashier"]
    assert window.stack.currentWidget() is cashier and cashier.room.id == room.id
    # Only the cashier shows: the start page was once left drawn beneath it (the focus moved through it).
    assert [key for key, shown in window.pages.items() if shown.isVisible()] == ["cashier"]
    assert len(cashier.charges.charges) >= 2


def test_a_role_without_money_sees_the_room_page_without_its_tab(qtbot, estate, engineer):
    window = open_window(qtbot, engineer)
    window.open_room(estate["rooms"][0].id)
    page = window.pages["room"]
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert ("账户" in titles) == engineer.can("money.view")
    assert not page.actions["money.take"].isEnabled()
