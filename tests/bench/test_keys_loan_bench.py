"""Issue 18 figure: a key loan in at most 5 actions from the scan, and how long the desk waits at each.

On the generated estate a cabinet of 1,000 keys is hung (hooks ZK-0001 …), 200 of them lent and 30 of those
overdue, inside a transaction rolled back at the end (the cached estate is left as it was). The real window
is driven as a clerk drives it: the cabinet opened, a tag scanned (the code and the scanner's Enter), the
borrower typed, Enter, the purpose typed, Enter — the loan written and its slip in the preview — then the
same tag scanned again and Enter to take it back. Each action is counted; the time from each action to
the screen it brings is measured, over several loans, and the medians printed.

    BENCH_ROOMS=20000 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m bench -s \
        tests/bench/test_keys_loan_bench.py
"""
from __future__ import annotations

import datetime as dt
import statistics
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.bench.conftest import ROOMS, report

pytestmark = pytest.mark.bench
KEYS, LENT, LATE, LOANS = 1000, 200, 30, 7


def _cabinet() -> list:
    """1,000 keys on hooks ZK-0001 … (vacant rooms' where there are, else plant rooms), 200 lent, 30 late."""
    from models.db import write_tx
    from models.handover import keys
    from models.handover.tables import PLANT, VACANT_ROOM, KeyLoan
    from models.records.estate import VACANT, Room
    from models.users import CLERK, CS_SUPERVISOR, Actor
    supervisor, clerk = Actor("王芳", CS_SUPERVISOR), Actor("李静", CLERK)
    rooms = [r for (r,) in Room.select(Room.id).where(Room.state == VACANT).limit(KEYS).tuples()]
    made = []
    for n in range(KEYS):
        given = (keys.KeyInput(f"ZK-{n + 1:04d}", VACANT_ROOM, "入户门", room_id=rooms[n]) if n < len(rooms)
                 else keys.KeyInput(f"ZK-{n + 1:04d}", PLANT, "配电房门", area=f"{n % 30 + 1}栋配电房"))
        made.append(keys.add_key(supervisor, given))
    for n, key in enumerate(made[:LENT]):
        loan = keys.lend(clerk, keys.LoanInput(key.tag, ("张师傅", "刘工", "陈阿姨")[n % 3], "维修水管"))
        if n < LATE:
            with write_tx():
                KeyLoan.update(due_at=loan.due_at - dt.timedelta(hours=30)).where(KeyLoan.id == loan.id).execute()
    return made


def _type(qtbot, widget, text: str) -> None:
    from tests.ui.conftest import type_text
    type_text(qtbot, widget, text)


def _enter_until(qtbot, widget, condition) -> float:
    """Enter pressed in ``widget``: the milliseconds until ``condition()`` holds (what Enter brings is shown)."""
    start = time.perf_counter()
    qtbot.keyClick(widget, Qt.Key_Return)
    qtbot.waitUntil(condition, timeout=10_000)
    return (time.perf_counter() - start) * 1000


def test_a_key_loan_from_the_scan(qtbot, big_estate, monkeypatch):
    from models.handover.tables import IN_CABINET, Key, KeyLoan
    from models.users import CLERK, Actor
    from ui.context import AppContext
    from ui.handover.loan_dialog import LoanDialog, ReturnDialog
    from ui.main_window import MainWindow
    from ui.widgets.print_preview import PrintPreview
    monkeypatch.setattr("ui.handover.loan_dialog.SCANNER_ECHO_S", 0)
    modal = QApplication.activeModalWidget
    figures: dict[str, list[float]] = {k: [] for k in ("dialog", "lent_and_slip", "return_dialog", "returned")}
    with big_estate.atomic() as tx:
        made = _cabinet()
        window = MainWindow(AppContext(Actor("李静", CLERK), "bench"))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        started = time.perf_counter()
        page = window.open_page("key_cabinet")
        QApplication.processEvents()
        opened = (time.perf_counter() - started) * 1000
        assert page.model.rowCount() >= KEYS               # the demo's own keys besides
        for n in range(LOANS):
            key = made[LENT + n]
            actions = []
            field = page.scan_field
            _type(qtbot, field, key.tag)                                     # 1: the scan, and its Enter
            figures["dialog"].append(_enter_until(qtbot, field, lambda: isinstance(modal(), LoanDialog)))
            actions.append("scan")
            dialog = modal()
            _type(qtbot, dialog.borrower.lineEdit(), "王师傅")                 # 2: the borrower
            actions.append("borrower")
            qtbot.keyClick(dialog.borrower.lineEdit(), Qt.Key_Return)         # 3: Enter, to the purpose
            actions.append("Enter")
            _type(qtbot, dialog.purpose, "带客户看房")                          # 4: the purpose
            actions.append("purpose")
            figures["lent_and_slip"].append(_enter_until(                     # 5: Enter, lent, the slip shown
                qtbot, dialog.purpose, lambda: isinstance(modal(), PrintPreview)))
            actions.append("Enter")
            assert len(actions) <= 5
            modal().reject()
            _type(qtbot, field, key.tag)
            figures["return_dialog"].append(_enter_until(qtbot, field, lambda: isinstance(modal(), ReturnDialog)))
            figures["returned"].append(_enter_until(qtbot, modal().returned_by, lambda: modal() is None))
            assert Key.get_by_id(key.id).state == IN_CABINET
        assert KeyLoan.select().where(KeyLoan.borrower == "王师傅").count() == LOANS
        window.close()
        tx.rollback()
    medians = {name: statistics.median(values) for name, values in figures.items()}
    report("key loan from the scan", rooms=ROOMS, keys=KEYS, actions=5, cabinet_open_ms=opened,
           **{f"{name}_ms": value for name, value in medians.items()})
    assert medians["dialog"] < 500 and medians["lent_and_slip"] < 3000
