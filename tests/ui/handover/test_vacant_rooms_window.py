"""空置房 as the clerk works it: the rooms due for a visit in red, a visit recorded with what was found and a
photo, a visit with nothing found recorded with Enter from the room's page, the room's inspections and
their photos beneath the list, an inspection opened from elsewhere, and the screens in Chinese."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from models.attachments import attachments_of
from models.handover.tables import VacantInspection
from tests.ui.english import unexplained_english
from tests.ui.conftest import type_text
from tests.ui.handover.keys_desk import desk, modal
from ui.handover.vacant_dialog import VacantInspectionDialog


def jpeg(size=(1600, 1200), colour=(190, 160, 140)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def vacant_rooms(estate, clerk):
    """1202, 1301 and 101 are vacant; 1301 was seen 40 days ago, 101 three days ago (not due)."""
    from models.handover import vacant
    rooms = estate["rooms"]
    seen_long_ago = vacant.inspect(clerk, rooms[2].id, True, at=dt.datetime.now() - dt.timedelta(days=40))
    seen_lately = vacant.inspect(clerk, rooms[3].id, False, "阳台窗未关", at=dt.datetime.now() - dt.timedelta(days=3))
    return dict(never=rooms[1], overdue=rooms[2], seen=rooms[3], long_ago=seen_long_ago, lately=seen_lately)


def _codes(page) -> list[str]:
    return [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]


def test_rooms_due_are_red_and_a_visit_with_a_finding_and_a_photo_is_recorded(qtbot, vacant_rooms, clerk, tmp_path):
    window, page = desk(qtbot, clerk, "vacant_rooms")
    assert page.shown.currentText() == "待巡查" and _codes(page) == ["3-2-1202", "3-2-1301"]
    assert page.model.data(page.model.index(0, 0), Qt.ForegroundRole).color().name() == "#c9302c"
    page.view.selectRow(1)
    assert page.history.title.text() == "3栋2单元1301 的巡查记录" and page.history.model.rowCount() == 1
    qtbot.mouseClick(page.inspect_button, Qt.LeftButton)
    dialog = modal(qtbot, VacantInspectionDialog)
    assert dialog.room.id == vacant_rooms["overdue"].id and dialog.findings.hasFocus()
    assert "上次巡查：" in dialog.findChild(type(dialog.message), "vacant_heading").text()
    assert "（40 天前）" in dialog.findChild(type(dialog.message), "vacant_heading").text()
    renamed = tmp_path / "漏水.jpg"
    renamed.write_text("not a photo at all")
    assert not dialog.photos.add_file(str(renamed)) and dialog.photos.message.text()
    photo = tmp_path / "卫生间.jpg"
    photo.write_bytes(jpeg())
    assert dialog.photos.add_file(str(photo)) and dialog.photos.list.count() == 1
    type_text(qtbot, dialog.findings, "卫生间漏水")
    assert dialog.result.checkedId() == 1                                   # a finding makes it a finding
    qtbot.keyClick(dialog.findings, Qt.Key_Return)
    seen = VacantInspection.select().order_by(VacantInspection.id.desc()).first()
    assert (seen.room_id, seen.passed, seen.findings, seen.inspector) == (
        vacant_rooms["overdue"].id, False, "卫生间漏水", "李静")
    kept = attachments_of("vacant_inspection", seen.id)
    assert len(kept) == 1 and kept[0].label == "现场照片"
    assert _codes(page) == ["3-2-1202"]                                     # seen today: no longer due
    page.shown.setCurrentIndex(page.shown.findData(""))
    page.view.selectRow(_codes(page).index("3-2-1301"))
    assert page.history.model.rowCount() == 2 and page.history.current_id() == seen.id
    assert page.history.strip.list.count() == 1


def test_nothing_found_is_recorded_with_enter_from_the_room_s_page(qtbot, vacant_rooms, clerk):
    from ui.handover.vacant_page import inspect_room
    window, _page = desk(qtbot, clerk, "start")
    inspect_room(window.ctx, vacant_rooms["never"].id)
    dialog = modal(qtbot, VacantInspectionDialog)
    assert "尚未巡查过" in dialog.findChild(type(dialog.message), "vacant_heading").text()
    assert not unexplained_english(dialog) and dialog.width() <= 1280
    qtbot.keyClick(dialog.findings, Qt.Key_Return)
    seen = VacantInspection.get(VacantInspection.room == vacant_rooms["never"].id)
    assert seen.passed and seen.findings == "正常" and not attachments_of("vacant_inspection", seen.id)


def test_a_finding_marked_but_not_written_and_a_time_to_come_are_refused(qtbot, vacant_rooms, clerk):
    window, page = desk(qtbot, clerk, "vacant_rooms")
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key_Return)                 # Enter on the row: the inspection dialog
    dialog = modal(qtbot, VacantInspectionDialog)
    qtbot.mouseClick(dialog.result.buttons()[1], Qt.LeftButton)      # 发现问题, nothing written
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.message.text() == "请写明检查发现的问题。" and dialog.findings.hasFocus()
    type_text(qtbot, dialog.findings, "门锁损坏")
    assert dialog.message.text() == ""
    dialog.at.setDateTime(dialog.at.dateTime().addDays(2))
    qtbot.keyClick(dialog.findings, Qt.Key_Return)
    assert dialog.message.text() == "不能登记未来时间的巡查。" and dialog.isVisible()
    assert VacantInspection.select().count() == 2
    dialog.reject()


def test_an_inspection_opened_from_elsewhere_is_chosen_with_its_room(qtbot, vacant_rooms, clerk):
    from ui.handover.vacant_page import open_inspection
    window, _page = desk(qtbot, clerk, "start")
    open_inspection(window.ctx, vacant_rooms["lately"].id)     # 101 is not due: the filter gives way
    page = window.pages["vacant_rooms"]
    assert window.current_page_key() == "vacant_rooms" and page.shown.currentData() == ""
    assert page.current_id() == vacant_rooms["seen"].id
    assert page.history.current_id() == vacant_rooms["lately"].id
    assert not unexplained_english(page)
    assert window.width() <= 1280 and window.minimumSizeHint().width() <= 1280
    QApplication.processEvents()
