"""What a clerk does with the money pages' questions: read them, type an answer, click a button."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QInputDialog, QLineEdit, QMessageBox

from ui.context import AppContext


def month_back(n: int) -> dt.date:
    today = dt.date.today().replace(day=1)
    index = today.year * 12 + today.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def open_window(qtbot, actor):
    from ui.main_window import MainWindow
    window = MainWindow(AppContext(actor, "test"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def _open_box():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (QMessageBox, QInputDialog)) and widget.isVisible():
            return widget
    return None


def _type(widget, text: str) -> None:
    """ASCII by keys, Chinese committed by the input method (QTest cannot key Chinese)."""
    for ch in text:
        if ord(ch) < 128:
            QTest.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def answer_next(button: str, *, typed: str | None = None, seen: list | None = None) -> None:
    """When the next question or notice opens, note it (title, text, button texts) in ``seen``,
    type ``typed`` into its line if any, and click the button whose text is ``button``."""
    record = seen if seen is not None else []

    def poll():
        box = _open_box()
        if box is None:
            QTimer.singleShot(10, poll)
            return
        buttons = [b for b in box.findChildren(QAbstractButton) if b.isVisible() and b.text()]
        text = box.labelText() if isinstance(box, QInputDialog) else box.text()
        record.append(dict(title=box.windowTitle(), text=text, buttons=[b.text() for b in buttons]))
        if typed is not None:
            line = box.findChild(QLineEdit)
            line.selectAll()
            _type(line, typed)
        chosen = [b for b in buttons if b.text() == button]
        if chosen:
            QTest.mouseClick(chosen[0], Qt.LeftButton)
        else:                                  # the test fails on what it saw, the box does not hang it
            record[-1]["missing"] = button
            box.reject()

    QTimer.singleShot(0, poll)


def toolbar_button(page, text: str):
    """A list page's button (its actions row, or export beside the filters), found by its caption as the
    clerk finds it."""
    for layout in (page.actions_row, page.toolbar_end):
        for i in range(layout.count()):
            widget = layout.itemAt(i).widget()
            if isinstance(widget, QAbstractButton) and widget.text() == text:
                return widget
    raise AssertionError(f"no button {text!r}")


def nav_click(qtbot, window, title: str) -> None:
    """Click a page in the navigation list, as a clerk opens it."""
    nav = window.nav
    for i in range(nav.count()):
        item = nav.item(i)
        if item.text().strip() == title:
            nav.scrollToItem(item)
            qtbot.mouseClick(nav.viewport(), Qt.LeftButton, pos=nav.visualItemRect(item).center())
            return
    raise AssertionError(f"no page {title!r} in the navigation")


def owing_estate(estate, supervisor, finance, months=2):
    """Every room but the first occupied, and ``months`` months of fees raised and unpaid."""
    from models.money import charging
    from models.records import estate as e
    for room in estate["rooms"][1:]:
        e.update_room(supervisor, room.id, e.RoomInput("3", "2", room.number, room.area, state="occupied"))
    for n in range(months, 0, -1):
        charging.generate_month(finance, month_back(n))
