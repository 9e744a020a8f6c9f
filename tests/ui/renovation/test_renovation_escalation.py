"""上报 as the customer service supervisor makes it: the period and to whom, the unresolved notices listed,
the report previewed and saved as a workbook, then reported and kept as the file, opened again later."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QMessageBox

from models.attachments import attachments_of
from models.renovation import inspections
from models.renovation.works import Escalation, RectificationNotice
from tests.ui.english import unexplained_english
from tests.ui.conftest import when_modal
from tests.ui.renovation.test_renovation_inspect_support import (TODAY, a_finding, inspections_window,  # noqa: F401
                                                                 overdue_notice, works)
from ui.widgets.print_preview import PrintPreview


def answer_boxes(*buttons: str, seen: list | None = None) -> list:
    """Answer the next message boxes in turn, each by the button named, noting what each said."""
    said = seen if seen is not None else []
    waiting = list(buttons)

    def poll():
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
                    and w not in [s["box"] for s in said]), None)
        if box is None:
            QTimer.singleShot(10, poll)
            return
        said.append({"box": box, "title": box.windowTitle(), "text": box.text()})
        chosen = [b for b in box.findChildren(QAbstractButton) if b.isVisible() and b.text() == waiting[0]]
        waiting.pop(0)
        if chosen:
            QTest.mouseClick(chosen[0], Qt.LeftButton)
        else:
            box.reject()
        if waiting:
            QTimer.singleShot(10, poll)
    QTimer.singleShot(0, poll)
    return said


def _page(qtbot, actor):
    window = inspections_window(qtbot, actor)
    page = window.open_page("escalations")
    qtbot.waitUntil(page.view.isVisible)
    return window, page


def test_the_unresolved_are_listed_previewed_saved_reported_and_kept(qtbot, works, clerk, supervisor, tmp_path):
    late = overdue_notice(clerk, works[1])
    a_finding(clerk, works[0])                                    # a finding with no notice: not reported
    window, page = _page(qtbot, supervisor)
    assert page.model.rows[0][:2] == [late.serial, "3-2-1301"] and page.model.rowCount() == 1
    assert page.model.rows[0][5] == "1" and page.count.text() == "未解决 1 份，其中未上报 1 份"
    assert window.minimumSizeHint().width() <= 1280 and not unexplained_english(page)

    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    preview = QApplication.activeModalWidget()
    assert isinstance(preview, PrintPreview) and preview.page_labels
    preview.reject()

    workbook = tmp_path / "上报.xlsx"
    when_modal(lambda dialog: (dialog.selectFile(str(workbook)), dialog.accept()), QFileDialog)
    said = answer_boxes("关闭")
    qtbot.mouseClick(page.excel_button, Qt.LeftButton)
    rows = list(load_workbook(workbook)["未整改问题"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == [late.serial] and str(workbook) in said[0]["text"]

    page.to.setCurrentIndex(page.to.findText("居民委员会"))
    said = answer_boxes("上报并存档", "关闭")
    qtbot.mouseClick(page.escalate_button, Qt.LeftButton)
    assert "居民委员会" in said[0]["text"] and "1 份" in said[0]["text"]
    report = Escalation.get()
    assert (report.to, report.notices, report.made_by) == ("居民委员会", 1, "王芳")
    assert RectificationNotice.get_by_id(late.id).state == "escalated"
    kept = attachments_of("escalation", report.id)
    assert len(kept) == 1 and kept[0].mime == "application/pdf"
    assert page.count.text() == "未解决 1 份，其中未上报 0 份" and not page.escalate_button.isEnabled()
    assert page.past_model.rows[0][1:4] == ["居民委员会", f"{page.start.value():%Y-%m-%d} — {TODAY:%Y-%m-%d}", "1"]

    index = page.past_model.index(0, 0)
    center = page.past_view.visualRect(index).center()
    qtbot.mouseClick(page.past_view.viewport(), Qt.LeftButton, pos=center)
    qtbot.mouseDClick(page.past_view.viewport(), Qt.LeftButton, pos=center)
    opened = QApplication.activeModalWidget()
    assert isinstance(opened, PrintPreview) and opened.pdf.startswith(b"%PDF") and opened.page_labels


def test_a_period_ending_before_it_begins_and_no_one_to_report_to_are_said(qtbot, works, clerk, supervisor):
    overdue_notice(clerk, works[1])
    window, page = _page(qtbot, supervisor)
    page.end.set_date(page.start.value() - dt.timedelta(days=1))
    assert page.message.text() == "结束日期早于开始日期。" and page.model.rowCount() == 0
    assert not page.escalate_button.isEnabled()
    page.end.set_date(TODAY)
    page.to.setEditText("")
    said = answer_boxes("关闭")
    qtbot.mouseClick(page.escalate_button, Qt.LeftButton)
    assert "业主委员会" in said[0]["text"] and Escalation.select().count() == 0


def test_a_clerk_sees_no_escalation_page(qtbot, works, clerk):
    window = inspections_window(qtbot, clerk)
    assert "escalations" not in window.page_defs and "inspections" in window.page_defs


def test_unresolved_counts_only_overdue_notices(works, clerk):
    overdue_notice(clerk, works[1])
    inspection = a_finding(clerk, works[0])
    inspections.issue_notice(clerk, inspections.NoticeInput(inspection.id, "第八条", "清运", TODAY))
    assert len(inspections.unresolved(TODAY - dt.timedelta(days=30), TODAY)) == 1
