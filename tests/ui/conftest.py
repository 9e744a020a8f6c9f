"""Window tests: a real main window over a small estate, driven by keystrokes and clicks."""
import pytest
from PySide6.QtWidgets import QApplication

from ui.context import AppContext


@pytest.fixture
def window(qtbot, estate, clerk):
    from ui.main_window import MainWindow
    w = MainWindow(AppContext(actor=clerk, database_label="test.db"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def dialogs_of(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def type_text(qtbot, widget, text: str) -> None:
    """Type as a clerk does: ASCII by keys, Chinese committed by the input method (IME)."""
    from PySide6.QtGui import QInputMethodEvent
    chunk = ""
    for ch in text + "\0":
        if ch != "\0" and ord(ch) >= 128:
            chunk += ch
            continue
        if chunk:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)
            chunk = ""
        if ch != "\0":
            qtbot.keyClicks(widget, ch)
