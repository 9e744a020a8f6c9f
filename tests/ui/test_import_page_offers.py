"""The import page offers what the importers' registry holds (reports/excel/importers.py), and the
registry refuses an importer it does not know in Chinese."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QPushButton

from models.errors import InvalidInput
from models.i18n import _
from reports.excel.importers import IMPORTERS, all_importers, get_importer, importers_for
from ui.admin.import_page import ImportPage
from ui.context import AppContext


def _page(qtbot, actor) -> ImportPage:
    page = ImportPage(AppContext(actor, "test"))
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.mark.parametrize("who", ["admin", "director"])
def test_every_registered_importer_is_offered_to_the_admin_and_the_director(qtbot, request, who):
    actor = request.getfixturevalue(who)
    keys = [imp.key for imp in all_importers()]
    assert {"rooms", "people", "opening-arrears", "opening-deposits"} <= set(keys)
    assert [imp.key for imp in importers_for(actor)] == keys
    page = _page(qtbot, actor)
    assert list(page.import_buttons) == keys                       # in the manifest's order
    shown = [b.text() for b in page.findChildren(QPushButton) if b.isVisible()]
    for importer in all_importers():
        button = page.import_buttons[importer.key]
        assert button.isVisible() and button.text() == _(importer.title) and button.text() in shown
        assert re.search(r"[\u4e00-\u9fff]", button.text()), button.text()


def test_each_user_is_offered_the_importers_of_their_permissions(qtbot, db, supervisor, finance, clerk):
    assert list(_page(qtbot, supervisor).import_buttons) == ["rooms", "people"]
    assert list(_page(qtbot, finance).import_buttons) == ["opening-arrears", "opening-deposits"]
    assert importers_for(clerk) == []


def test_an_unknown_importer_is_refused_in_chinese(db):
    with pytest.raises(InvalidInput) as error:
        get_importer("owners")
    message = str(error.value)
    assert re.search(r"[\u4e00-\u9fff]", message) and "owners" in message, message
    assert all(key in message for key in IMPORTERS), message


def test_the_page_runs_the_registered_importer(qtbot, db, supervisor, tmp_path, monkeypatch):
    import openpyxl
    path = tmp_path / "rooms.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["楼栋", "房号", "建筑面积"])
    book.active.append(["1", "101", 50])
    book.save(path)
    page = _page(qtbot, supervisor)
    page.dry_run.setChecked(True)
    page.run("rooms", path)
    qtbot.waitUntil(lambda: "试导入" in page.report.toPlainText(), timeout=10000)
