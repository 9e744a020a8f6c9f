"""Every page fits a 1280-pixel screen: a page wider than that grew the window past the screen, and
切换用户, 注销 and the pages' own buttons went off its edge (the slips list with its filters and actions)."""
import pytest
from PySide6.QtWidgets import QApplication

from models.users import ADMIN, DIRECTOR, Actor
from tests.ui.money_clerk import open_window

SCREEN = 1280


@pytest.mark.parametrize("role", [DIRECTOR, ADMIN])
def test_every_page_fits_a_1280_pixel_screen(qtbot, estate, role):
    window = open_window(qtbot, Actor("孙志强", role))
    window.resize(SCREEN, 800)
    too_wide = {}
    for key in list(window.page_defs):
        window.open_page(key)
        QApplication.processEvents()
        if window.minimumSizeHint().width() > SCREEN or window.width() > SCREEN:
            too_wide[key] = max(window.minimumSizeHint().width(), window.width())
            window.resize(SCREEN, 800)
    assert not too_wide, too_wide
