"""Window tests: a real main window over a small estate, driven by keystrokes and clicks."""
import os
import tempfile

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

# Window sizes, last folders and the Documents folder go to a throw-away place, never into
# the settings of whoever runs the tests.
_SCRATCH = tempfile.mkdtemp(prefix="pmdesk-test-home-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SCRATCH, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SCRATCH, "data")
os.makedirs(os.environ["XDG_CONFIG_HOME"])
with open(os.path.join(os.environ["XDG_CONFIG_HOME"], "user-dirs.dirs"), "w") as _dirs:
    _dirs.write(f'XDG_DOCUMENTS_DIR="{_SCRATCH}/Documents"\n')
for _format in (QSettings.NativeFormat, QSettings.IniFormat):
    QSettings.setPath(_format, QSettings.UserScope, os.path.join(_SCRATCH, "config"))

from ui.context import AppContext


@pytest.fixture(autouse=True, scope="session")
def qt_in_chinese(qapp):
    """Qt's own words in Chinese, as the program's start installs them."""
    from ui.session import install_qt_translations
    return install_qt_translations(qapp)


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



def click_ok(qtbot, dialog) -> None:
    """Press the dialog's OK (保存/确定/登录…) button as a clerk does, with the mouse."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    box = dialog.findChild(QDialogButtonBox)
    button = box.button(QDialogButtonBox.Ok)
    assert button is not None and button.isEnabled(), "the dialog has no enabled OK button"
    qtbot.mouseClick(button, Qt.LeftButton)


def when_modal(act, kind=None):
    """Act on the next modal dialog (of ``kind``) once it is up: it runs its own event loop."""
    from PySide6.QtCore import QTimer

    def attempt():
        modal = QApplication.activeModalWidget()
        if modal is None or (kind is not None and not isinstance(modal, kind)):
            QTimer.singleShot(20, attempt)
            return
        act(modal)
    QTimer.singleShot(0, attempt)
