"""What the handover window tests share: the estate's vacant room (3-2-1301), a clerk's window, photos a clerk
chooses, a dialog waited for until it has the keyboard, and the previews opened.

Fixtures here are imported by the test files that use them (``from tests.ui.handover.handover_desk import …``)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.domain.handover.conftest import handover_input, vacant  # noqa: F401  (re-exported fixtures)
from tests.domain.renovation.conftest import jpeg
from tests.ui.conftest import type_text
from tests.ui.money_clerk import open_window

TODAY = dt.date.today()
BUYER_ID = "440304198811110036"            # 陈晓明, the buyer not on file yet


@pytest.fixture
def desk(qtbot, estate, clerk):
    """The clerk's window, as wide as the office's screens."""
    window = open_window(qtbot, clerk)
    window.resize(1280, 800)
    return window


@pytest.fixture
def photo(tmp_path) -> str:
    path = tmp_path / "窗框.jpg"
    path.write_bytes(jpeg(colour=(180, 150, 120)))
    return str(path)


def choosing(monkeypatch, *paths: str) -> list:
    """The photo chooser answers with ``paths`` (all at once, as the clerk picks several)."""
    chosen = list(paths)
    for where in ("ui.widgets.photo_picker", "ui.handover.defect_repair"):
        monkeypatch.setattr(f"{where}.choose_photo_files", lambda *_a: chosen)
    return chosen


def modal(qtbot, kind):
    """The dialog of ``kind`` once it is up, as the clerk sees it before typing."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind)
                    and QApplication.activeWindow() is QApplication.activeModalWidget(), timeout=3000)
    return QApplication.activeModalWidget()


def back_to(qtbot, window) -> None:
    """The window active again once a dialog is closed (what the window manager does; offscreen has none)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def previews():
    from ui.widgets.print_preview import PrintPreview
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreview) and w.isVisible()]


def close_previews() -> None:
    for preview in previews():
        preview.reject()


def type_into(qtbot, widget, text: str, enter: bool = False) -> None:
    """Into a field as a clerk does: clicked, what was there selected, typed (then Enter)."""
    widget.setFocus()
    widget.selectAll()
    type_text(qtbot, widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key_Return)


def room_typed(qtbot, page, code: str) -> None:
    """The room line of a form: the code typed, Enter."""
    type_into(qtbot, page.room_code, code, enter=True)


KEY_NAMES = {"Alt", "Ctrl", "Enter", "Tab", "Shift"}


def fill_the_rest(form) -> None:
    """What a whole form has that a test is not about, so 确认交房 asks nothing first: every document ticked,
    each meter not yet typed read (0 on a number of this room's own), one key of the first kind."""
    for tick in form.documents.values():
        tick.setChecked(True)
    for meter, number in form.meters.numbers.items():
        if not number.text():
            number.setText(f"{meter[:2].upper()}-{form.room_code.text()}")
            form.meters.readings[meter].setText("0")
    if not form.keys.keys():
        next(iter(form.keys.counts.values())).setValue(1)


def english_left(root) -> list[str]:
    """English words the page shows (key names such as Ctrl+Enter are the keyboard's own)."""
    from tests.ui.english import unexplained_english
    return [word for word in unexplained_english(root) if word not in KEY_NAMES]
