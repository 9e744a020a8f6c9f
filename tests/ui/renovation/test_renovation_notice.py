"""整改通知书 as the clerk follows them up: overdue ones in red, the filters, a re-inspection (not yet done
refused without saying what, then done), the kept part signed for, printed again, its renovation opened."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from models.attachments import attachments_of
from models.renovation import inspections
from models.renovation.works import Inspection, RectificationNotice
from tests.domain.renovation.conftest import jpeg
from tests.ui.english import unexplained_english
from tests.ui.money_clerk import answer_next, toolbar_button
from tests.ui.renovation.test_renovation_inspect_support import (TODAY, a_finding, inspections_window,  # noqa: F401
                                                                 overdue_notice, works)
from ui import modules
from ui.renovation.notice_recheck import RecheckDialog
from ui.widgets.print_preview import PrintPreview


def _open_notice(clerk, renovation, finding="擅自封闭阳台"):
    inspection = a_finding(clerk, renovation, finding)
    return inspections.issue_notice(clerk, inspections.NoticeInput(
        inspection.id, "第九条 不得擅自改变房屋外观", "恢复原状", TODAY + dt.timedelta(days=3)))


def _page(qtbot, clerk):
    window = inspections_window(qtbot, clerk)
    page = window.open_page("notices")
    qtbot.waitUntil(page.view.isVisible)
    return window, page


def _cell(page, row, key, role=Qt.DisplayRole):
    return page.model.data(page.model.index(row, [c.key for c in page.spec.columns].index(key)), role)


def _choose(qtbot, page, notice) -> None:
    row = page.model.ids().index(notice.id)
    qtbot.mouseClick(page.view.viewport(), Qt.LeftButton,
                     pos=page.view.visualRect(page.model.index(row, 0)).center())


def _modal(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind)
                    and QApplication.activeWindow() is QApplication.activeModalWidget(), timeout=3000)
    return QApplication.activeModalWidget()


def test_overdue_notices_are_red_and_the_filters_pick_them(qtbot, works, clerk):
    late = overdue_notice(clerk, works[1])
    fresh = _open_notice(clerk, works[0])
    window, page = _page(qtbot, clerk)
    assert page.model.ids() == [fresh.id, late.id]
    late_row, fresh_row = page.model.ids().index(late.id), page.model.ids().index(fresh.id)
    assert _cell(page, late_row, "state") == "逾期未整改" and _cell(page, fresh_row, "state") == "未整改"
    assert _cell(page, late_row, "room", Qt.ForegroundRole).color() == QColor("#c9302c")
    assert _cell(page, late_row, "state", Qt.FontRole).bold()
    assert _cell(page, fresh_row, "room", Qt.ForegroundRole) is None
    box = page.filter_boxes["state"]
    assert [box.itemText(i) for i in range(box.count())] == ["全部", "未整改", "逾期未整改", "已整改", "已上报"]
    box.setCurrentIndex(box.findText("逾期未整改"))
    assert page.model.ids() == [late.id]
    box.setCurrentIndex(box.findText("已整改"))
    assert page.model.ids() == []
    assert window.minimumSizeHint().width() <= 1280 and not unexplained_english(page)


def test_a_re_inspection_not_done_says_what_then_done_rectifies(qtbot, works, clerk, tmp_path):
    notice = _open_notice(clerk, works[0])
    window, page = _page(qtbot, clerk)
    _choose(qtbot, page, notice)
    qtbot.mouseClick(toolbar_button(page, "复查…"), Qt.LeftButton)
    dialog = _modal(qtbot, RecheckDialog)
    assert notice.serial in dialog.windowTitle() and not unexplained_english(dialog)
    qtbot.mouseClick(dialog.done_group.buttons()[1], Qt.LeftButton)            # 未整改
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.message.text() == "请写明仍未整改的内容。" and dialog.isVisible()
    assert Inspection.select().count() == 1                                     # the first visit alone
    photo = tmp_path / "复查.jpg"
    photo.write_bytes(jpeg())
    assert dialog.photos.add_file(str(photo))
    qtbot.mouseClick(dialog.done_group.buttons()[0], Qt.LeftButton)            # 已整改
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    rectified = RectificationNotice.get_by_id(notice.id)
    assert rectified.state == "rectified" and rectified.recheck.kind == "recheck"
    assert len(attachments_of("inspection", rectified.recheck_id)) == 1
    row = page.model.ids().index(notice.id)
    assert _cell(page, row, "state") == "已整改" and not toolbar_button(page, "复查…").isEnabled()


def test_signed_for_printed_again_and_the_renovation_opened(qtbot, works, clerk, monkeypatch):
    opened = []
    monkeypatch.setitem(modules.OPENERS, "renovation", lambda ctx, rid: opened.append(rid))
    notice = _open_notice(clerk, works[0])
    window, page = _page(qtbot, clerk)
    _choose(qtbot, page, notice)
    seen = []
    answer_next("保存", typed="张伟", seen=seen)
    qtbot.mouseClick(toolbar_button(page, "签收…"), Qt.LeftButton)
    assert RectificationNotice.get_by_id(notice.id).signed_by == "张伟" and notice.serial in seen[0]["title"]
    assert not toolbar_button(page, "签收…").isEnabled()
    assert _cell(page, page.model.ids().index(notice.id), "signed_by") == "张伟"
    qtbot.mouseClick(toolbar_button(page, "重新打印…"), Qt.LeftButton)
    preview = _modal(qtbot, PrintPreview)
    assert notice.serial in preview.windowTitle() and preview.page_labels
    preview.reject()
    qtbot.mouseClick(toolbar_button(page, "打开装修登记"), Qt.LeftButton)
    assert opened == [works[0].id]
