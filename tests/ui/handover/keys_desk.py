"""What the key cabinet and vacant-room window tests share: a cabinet of keys on the small estate, the
window at the desk's size, the dialog on top once it has the keyboard, actions counted as a clerk makes
them, and the English a Chinese screen must not show."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import type_text
from tests.ui.money_clerk import open_window

TODAY = dt.date.today()


@pytest.fixture
def keys_held(estate, supervisor):
    """A-001 opens the vacant 3-2-101; B-001 the 3栋 plant room (2 copies); C-001 张伟 entrusted for 1201
    until a week from now; C-002 张伟 entrusted until three days ago (ended)."""
    from models.handover.keys import KeyInput, add_key
    from models.handover.tables import ENTRUSTED, PLANT, VACANT_ROOM
    rooms, owner = estate["rooms"], estate["owner"]
    return dict(
        vacant=add_key(supervisor, KeyInput("A-001", VACANT_ROOM, "入户门", room_id=rooms[3].id)),
        plant=add_key(supervisor, KeyInput("B-001", PLANT, "配电房门", area="3栋配电房", copies=2)),
        entrusted=add_key(supervisor, KeyInput("C-001", ENTRUSTED, "入户门", room_id=rooms[0].id,
                                               entrusted_by=owner.id, entrusted_scope="维修水管时使用",
                                               entrusted_until=TODAY + dt.timedelta(days=7))),
        ended=add_key(supervisor, KeyInput("C-002", ENTRUSTED, "信报箱", room_id=rooms[0].id, entrusted_by=owner.id,
                                           entrusted_until=TODAY - dt.timedelta(days=3))))


@pytest.fixture
def no_scanner_echo(monkeypatch):
    """The forms take Enter at once (a clerk's hand is slower than a scanner's second key; a test is not)."""
    monkeypatch.setattr("ui.handover.loan_dialog.SCANNER_ECHO_S", 0)


def lent(clerk, key, borrower="张师傅", hours_late: int = 0, **changes):
    """``key`` lent through the domain; ``hours_late``: its due time moved that many hours into the past."""
    from models.db import write_tx
    from models.handover import keys
    from models.handover.tables import KeyLoan
    loan = keys.lend(clerk, keys.LoanInput(key.tag, borrower, "维修水管", **changes))
    if hours_late:
        with write_tx():
            KeyLoan.update(out_at=loan.out_at - dt.timedelta(hours=hours_late + 4),     # due 4 h after it went
                           due_at=loan.out_at - dt.timedelta(hours=hours_late)).where(
                KeyLoan.id == loan.id).execute()
    return KeyLoan.get_by_id(loan.id)


def desk(qtbot, actor, page: str = "key_cabinet"):
    """The window at a desk's size (1280×800) with ``page`` open; (window, page)."""
    window = open_window(qtbot, actor)
    window.resize(1280, 800)
    shown = window.open_page(page)
    QApplication.processEvents()
    return window, shown


def modal(qtbot, kind):
    """The dialog on top once it is up and has the keyboard, as the clerk sees it before typing."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind)
                    and QApplication.activeWindow() is QApplication.activeModalWidget(), timeout=3000)
    return QApplication.activeModalWidget()


class Actions:
    """Each action one key press, one typed text or one scan, sent to whatever has the keyboard then."""

    def __init__(self, qtbot):
        self.qtbot, self.done = qtbot, []

    def __call__(self, what: str, do) -> None:
        self.done.append(what)
        do(QApplication.focusWidget())
        QApplication.processEvents()

    def scan(self, code: str) -> None:
        """A USB scanner: the code typed like a keyboard, then its Enter (one action)."""
        def typed(widget):
            type_text(self.qtbot, widget, code)
            self.qtbot.keyClick(widget, Qt.Key_Return)
        self(f"scan {code}", typed)

    def type(self, text: str) -> None:
        self(f"type {text}", lambda w: type_text(self.qtbot, w, text))

    def enter(self, why: str = "") -> None:
        self(f"Enter {why}".strip(), lambda w: self.qtbot.keyClick(w, Qt.Key_Return))


