"""The main window's first size (found by issue 18's cold trial on a 1366×768 laptop: the window opened at
1280×800, taller than the screen, and the handover form's 确认交房 was below its edge): 1280×800 where the
screen has the room, else the screen's free area; a size remembered from last time kept when it fits."""
from __future__ import annotations

from PySide6.QtCore import QRect

from ui.context import AppContext
from ui.main_window import FRAME, MainWindow
from ui.widgets.settings import qsettings


class _Screen:
    def __init__(self, area: QRect):
        self.area = area

    def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
        return self.area


def _screen(monkeypatch, width: int, height: int) -> None:
    """The screen's free area (less the task bar) as the window asks for it."""
    screen = _Screen(QRect(0, 0, width, height))

    class Screens:
        primaryScreen = staticmethod(lambda: screen)
        screenAt = staticmethod(lambda _point: screen)
    monkeypatch.setattr("ui.main_window.QGuiApplication", Screens)


def _window(qtbot, clerk) -> MainWindow:
    window = MainWindow(AppContext(actor=clerk, database_label="test.db"))
    qtbot.addWidget(window)
    return window


def test_the_first_start_on_a_small_laptop_screen_fits_it(qtbot, estate, clerk, monkeypatch):
    qsettings().remove("window/geometry")
    _screen(monkeypatch, 1366, 728)                       # 1366×768 less a 40-pixel task bar
    window = _window(qtbot, clerk)
    assert (window.width(), window.height()) == (1280, 728 - FRAME[1])
    assert window.y() >= 0 and window.y() + window.height() + FRAME[1] <= 728


def test_the_first_start_on_an_office_screen_is_1280_by_800(qtbot, estate, clerk, monkeypatch):
    qsettings().remove("window/geometry")
    _screen(monkeypatch, 1920, 1040)
    window = _window(qtbot, clerk)
    assert (window.width(), window.height()) == (1280, 800)


def test_a_size_remembered_is_kept_when_it_fits_and_made_to_fit_when_not(qtbot, estate, clerk, monkeypatch):
    _screen(monkeypatch, 1366, 728)
    first = _window(qtbot, clerk)
    first.resize(700, 500)
    qsettings().setValue("window/geometry", first.saveGeometry())
    again = _window(qtbot, clerk)
    assert (again.width(), again.height()) == (700, 500)
    _screen(monkeypatch, 640, 480)                        # a smaller screen since
    smaller = _window(qtbot, clerk)
    assert smaller.width() + FRAME[0] <= 640 and smaller.height() + FRAME[1] <= 480
    qsettings().remove("window/geometry")
