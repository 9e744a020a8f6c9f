"""The start page is the clerk's day (issue 18): each part's to-do cards name what waits, late ones first
and in red; a card opens its page showing what it counts, and 返回 comes back."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.money_clerk import open_window


def _card(start, title):
    for card in start.cards():
        texts = [label.text() for label in card.findChildren(QLabel)]
        if title in texts:
            return card, texts
    raise AssertionError(f"no card {title!r}")


def test_an_overdue_key_is_named_on_the_start_page_and_its_card_opens_the_overdue_loans(qtbot, estate, clerk,
                                                                                        supervisor):
    from models.handover.keys import KeyInput, LoanInput, add_key, lend
    from models.handover.tables import KeyLoan
    add_key(supervisor, KeyInput("A-001", "public", "配电房门", area="3栋配电房"))
    add_key(supervisor, KeyInput("A-002", "public", "会所大门", area="会所"))
    loan = lend(clerk, LoanInput("A-001", "刘师傅", "检修", borrower_kind="staff"))
    lend(clerk, LoanInput("A-002", "王工", "开会", borrower_kind="staff"))
    KeyLoan.update(due_at=dt.datetime.now() - dt.timedelta(hours=3, minutes=10)).where(KeyLoan.id == loan.id).execute()
    window = open_window(qtbot, clerk)
    start = window.open_page("start")
    start.refresh()
    card, texts = _card(start, "逾期未还钥匙")
    assert "1" in texts and "A-001 3栋配电房 配电房门 刘师傅 逾期3小时" in texts
    tasks = [c for c in start.cards() if c in [start.tasks.itemAt(i).widget() for i in range(start.tasks.count())]]
    assert tasks.index(card) < len([c for c in tasks if "#c9302c" in c.styleSheet()])   # late ones first
    qtbot.mouseClick(card, Qt.LeftButton)
    loans = window.pages["key_loans"]
    assert window.stack.currentWidget() is loans and loans.shown.currentData() == "overdue"
    assert loans.model.rowCount() == 1
    assert window.back_action.isEnabled()
    window.back_action.trigger()
    assert window.stack.currentWidget() is start


def test_nothing_waiting_is_said_quietly(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    start = window.open_page("start")
    start.refresh()
    card, texts = _card(start, "逾期未整改的验房问题")
    assert "0" in texts and "暂无待办" in texts and "#c9302c" not in card.styleSheet()
