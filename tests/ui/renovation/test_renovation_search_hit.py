"""A renovation found in the toolbar's search opens its own page, not its room's (it has one of its own)."""
from __future__ import annotations

from models.searching import search
from tests.domain.renovation.conftest import lived_in, submitted  # noqa: F401  (fixtures)
from tests.ui.money_clerk import open_window


def test_a_renovation_number_found_opens_the_renovation(qtbot, submitted, clerk):
    window = open_window(qtbot, clerk)
    [hit] = [h for h in search(submitted.serial) if h.kind == "renovation"]
    window.open_hit(hit)
    assert window.stack.currentWidget() is window.pages["renovation"]
    page = window.pages["renovation"]
    assert page.title.text().startswith(submitted.serial) and page.state.text() == "待审批"
