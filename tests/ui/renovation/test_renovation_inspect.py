"""今日巡查 as the clerk works it: the day's round, filtered as typed, a visit recorded with Enter, a finding
turned into a printed rectification notice in five actions, and what is refused."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from shiboken6 import isValid

from models.attachments import attachments_of
from models.renovation.works import Inspection, RectificationNotice
from tests.domain.renovation.conftest import jpeg
from tests.ui.english import unexplained_english
from tests.ui.conftest import type_text
from tests.ui.renovation.test_renovation_inspect_support import (TODAY, a_finding, inspections_window,  # noqa: F401
                                                                 works)
from ui.renovation.inspect_dialog import InspectionDialog
from ui.renovation.notice_dialog import NoticeDialog, suggest_rule
from ui.widgets.print_preview import PrintPreview


def _page(qtbot, clerk):
    window = inspections_window(qtbot, clerk)
    page = window.open_page("inspections")
    QApplication.processEvents()
    return window, page


def _modal(qtbot, kind):
    """The dialog on top once it is up and has the keyboard, as the clerk sees it before typing."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind)
                    and QApplication.activeWindow() is QApplication.activeModalWidget(), timeout=3000)
    return QApplication.activeModalWidget()


def _rooms(page) -> list[str]:
    model = page.due_tab.model
    return [model.rows[r][0] for r in range(model.rowCount())]


def test_the_day_s_round_filters_as_typed_and_enter_records_a_visit_that_leaves_the_list(qtbot, works, clerk):
    window, page = _page(qtbot, clerk)
    due = page.due_tab
    assert _rooms(page) == ["3-2-1202", "3-2-1301"] and page.tabs.tabText(0) == "今日待巡查（2）"
    assert due.model.rows[0][1:] == [works[0].serial, "深圳市安居装饰工程有限公司", "13612345678", "施工中", "从未巡查", ""]
    assert due.search.hasFocus()
    type_text(qtbot, due.search, "3栋2单元13")                   # a room as said aloud
    assert _rooms(page) == ["3-2-1301"] and due.count_label.text() == "待巡查 1 / 2 户"
    due.search.clear()
    type_text(qtbot, due.search, "安居")                          # the contractor
    assert len(_rooms(page)) == 2
    due.search.clear()
    qtbot.keyClick(due.search, Qt.Key_Down)                      # into the list, on to the second room
    qtbot.keyClick(due.view, Qt.Key_Down)
    qtbot.keyClick(due.view, Qt.Key_Return)
    dialog = _modal(qtbot, InspectionDialog)
    assert dialog.renovation.id == works[1].id and dialog.findings.hasFocus()
    qtbot.keyClick(dialog.findings, Qt.Key_Return)               # nothing found: Enter records it passed
    seen = Inspection.get(Inspection.renovation == works[1].id)
    assert seen.passed and seen.inspector == "李静" and seen.kind == "routine" and seen.quiet_ok is None
    assert _rooms(page) == ["3-2-1202"] and page.tabs.tabText(1) == "今日已巡查（1）"
    center = due.view.visualRect(due.model.index(0, 0)).center()
    qtbot.mouseClick(due.view.viewport(), Qt.LeftButton, pos=center)
    qtbot.mouseDClick(due.view.viewport(), Qt.LeftButton, pos=center)
    assert _modal(qtbot, InspectionDialog).renovation.id == works[0].id
    assert len([w for w in QApplication.topLevelWidgets() if isinstance(w, InspectionDialog) and w.isVisible()]) == 1


def test_from_the_list_to_a_printed_rectification_notice_in_five_actions(qtbot, works, clerk):
    """The benchmark (issue 17): each action is one key press or one typed text, sent to whatever has the
    keyboard at that moment, as the clerk would."""
    window, page = _page(qtbot, clerk)
    actions = []

    def act(what, do):
        actions.append(what)
        do(QApplication.focusWidget())
        QApplication.processEvents()

    act("Enter on the first room", lambda w: qtbot.keyClick(w, Qt.Key_Return))
    inspection_dialog = _modal(qtbot, InspectionDialog)
    act("type the finding", lambda w: type_text(qtbot, w, "休息时间电钻施工"))
    act("Ctrl+Enter: record, then the notice", lambda w: qtbot.keyClick(w, Qt.Key_Return, Qt.ControlModifier))
    notice_dialog = _modal(qtbot, NoticeDialog)
    assert not isValid(inspection_dialog) or not inspection_dialog.isVisible()
    assert notice_dialog.finding.text() == "休息时间电钻施工" and notice_dialog.rule.currentText().startswith("第七条")
    assert notice_dialog.deadline.value() == TODAY + dt.timedelta(days=3)
    act("type what must be done", lambda w: type_text(qtbot, w, "立即停止噪音作业"))
    act("Enter: issue and print", lambda w: qtbot.keyClick(w, Qt.Key_Return))
    preview = _modal(qtbot, PrintPreview)
    notice = RectificationNotice.get()
    assert len(actions) == 5, actions
    assert notice.serial == f"ZG{TODAY.year}-000001" and notice.serial in preview.windowTitle()
    assert (notice.finding, notice.required, notice.addressed_to) == ("休息时间电钻施工", "立即停止噪音作业", "both")
    assert notice.rule.startswith("第七条") and notice.inspection.findings == "休息时间电钻施工"
    assert not notice.inspection.passed and preview.page_labels
    preview.reject()
    assert _rooms(page) == ["3-2-1301"]


def test_a_deadline_in_the_past_is_refused_in_chinese_and_nothing_is_written(qtbot, works, clerk):
    window, page = _page(qtbot, clerk)
    qtbot.keyClick(page.due_tab.search, Qt.Key_Return)
    dialog = _modal(qtbot, InspectionDialog)
    type_text(qtbot, dialog.findings, "垃圾堆放在楼道")
    qtbot.mouseClick(dialog.notice_button, Qt.LeftButton)
    notice_dialog = _modal(qtbot, NoticeDialog)
    assert notice_dialog.rule.currentText().startswith("第八条")          # 装修垃圾须袋装…
    type_text(qtbot, notice_dialog.required, "当天清运")
    notice_dialog.deadline.setFocus()
    notice_dialog.deadline.set_date(TODAY - dt.timedelta(days=1))
    qtbot.keyClick(notice_dialog.deadline, Qt.Key_Return)
    past = TODAY - dt.timedelta(days=1)
    assert notice_dialog.message.text() == f"整改期限 {past.year}年{past.month}月{past.day}日 已过，请填写今天或以后的日期。"
    assert notice_dialog.isVisible()
    qtbot.waitUntil(notice_dialog.deadline.hasFocus)
    assert RectificationNotice.select().count() == 0 and QApplication.activeModalWidget() is notice_dialog
    notice_dialog.deadline.set_date(TODAY)
    assert notice_dialog.message.text() == ""                            # the refusal goes once it is put right


def test_a_finding_without_a_notice_gets_one_later_from_today_s_inspections(qtbot, works, clerk):
    a_finding(clerk, works[0], "擅自封闭阳台")
    window, page = _page(qtbot, clerk)
    page.tabs.setCurrentIndex(1)
    done = page.done_tab
    QApplication.processEvents()
    assert done.model.rowCount() == 1
    done.view.selectRow(0)
    qtbot.mouseClick(done.notice_button, Qt.LeftButton)
    dialog = _modal(qtbot, NoticeDialog)
    assert dialog.rule.currentText().startswith("第九条") and dialog.required.hasFocus()


def test_what_the_inspection_dialog_refuses_and_its_photos(qtbot, works, clerk, tmp_path):
    window, page = _page(qtbot, clerk)
    qtbot.keyClick(page.due_tab.search, Qt.Key_Return)
    dialog = _modal(qtbot, InspectionDialog)
    qtbot.keyClick(dialog.findings, Qt.Key_Return, Qt.ControlModifier)     # a notice with nothing found
    assert dialog.message.text() == "请写明发现的问题：整改通知书针对发现的问题开具。" and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findText("休息时间检查"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)        # 记录
    assert "休息时间" in dialog.message.text() and Inspection.select().count() == 0
    renamed = tmp_path / "现场.jpg"
    renamed.write_bytes(b"%!PS-Adobe not a photo")
    assert not dialog.photos.add_file(str(renamed)) and "照片" in dialog.photos.message.text()
    photo = tmp_path / "电钻.jpg"
    photo.write_bytes(jpeg((2400, 1800)))
    assert dialog.photos.add_file(str(photo)) and dialog.photos.list.count() == 1
    assert dialog.photos.message.text() == ""
    qtbot.mouseClick(dialog.quiet.buttons()[1], Qt.LeftButton)             # quiet hours not kept
    type_text(qtbot, dialog.findings, "午休时间切割瓷砖")
    assert dialog.result.checkedId() == 1                                  # the finding makes it a finding
    qtbot.keyClick(dialog.findings, Qt.Key_Return)
    seen = Inspection.get()
    assert (seen.kind, seen.quiet_ok, seen.passed, seen.findings) == ("quiet", False, False, "午休时间切割瓷砖")
    kept = attachments_of("inspection", seen.id)
    assert len(kept) == 1 and kept[0].label == "现场照片" and max(kept[0].width, kept[0].height) == 2000


def test_the_rule_suggested_follows_the_finding():
    rules = ["第五条 不得拆改承重墙、梁、柱及剪力墙", "第七条 施工时间须遵守管理处规定，休息时间不得进行噪音作业",
             "第八条 装修垃圾须袋装并运至指定地点"]
    assert suggest_rule("拆除承重墙", rules) == 0 and suggest_rule("装修垃圾未袋装", rules) == 2
    assert suggest_rule("电钻", rules) == -1 and suggest_rule("电钻", rules, quiet_broken=True) == 1


def test_the_page_and_its_dialogs_fit_the_screen_in_chinese(qtbot, works, clerk):
    window, page = _page(qtbot, clerk)
    assert window.minimumSizeHint().width() <= 1280 and window.width() <= 1280
    assert not unexplained_english(page)
    qtbot.keyClick(page.due_tab.search, Qt.Key_Return)
    dialog = _modal(qtbot, InspectionDialog)
    assert not unexplained_english(dialog) and dialog.width() <= 1280
    type_text(qtbot, dialog.findings, "休息时间电钻施工")
    qtbot.mouseClick(dialog.notice_button, Qt.LeftButton)
    notice_dialog = _modal(qtbot, NoticeDialog)
    assert not unexplained_english(notice_dialog) and notice_dialog.width() <= 1280
    page.tabs.setCurrentIndex(1)
    assert not unexplained_english(page.done_tab)


def test_a_finding_no_article_matches_starts_in_the_article_and_enter_takes_the_one_offered(qtbot, works, clerk):
    """Nothing suggested: the keyboard is in the article; a few characters typed, Enter takes the article
    offered and moves on to what must be done (never issuing without an article); Enter there issues."""
    window, page = _page(qtbot, clerk)
    actions = []

    def act(what, do):
        actions.append(what)
        do(QApplication.focusWidget())
        QApplication.processEvents()

    act("Enter on the first room", lambda w: qtbot.keyClick(w, Qt.Key_Return))
    _modal(qtbot, InspectionDialog)
    act("type the finding", lambda w: type_text(qtbot, w, "卫生间电线未穿管直接埋墙"))
    act("Ctrl+Enter: record, then the notice", lambda w: qtbot.keyClick(w, Qt.Key_Return, Qt.ControlModifier))
    notice_dialog = _modal(qtbot, NoticeDialog)
    assert notice_dialog.rule.currentText() == "" and notice_dialog.first_field is notice_dialog.rule
    qtbot.waitUntil(lambda: notice_dialog.rule.isAncestorOf(QApplication.focusWidget())
                    or QApplication.focusWidget() is notice_dialog.rule)
    act("type part of the article", lambda w: type_text(qtbot, w, "管线"))
    assert notice_dialog.rule_completer.completionCount() == 1
    act("Enter: the article offered, on to what must be done", lambda w: qtbot.keyClick(w, Qt.Key_Return))
    assert notice_dialog.isVisible() and RectificationNotice.select().count() == 0
    assert notice_dialog.rule.currentText() == "第六条 不得擅自改动燃气、消防及公共管线"
    assert QApplication.focusWidget() is notice_dialog.required and notice_dialog.message.text() == ""
    act("type what must be done", lambda w: type_text(qtbot, w, "电线穿管后重新封墙"))
    act("Enter: issue and print", lambda w: qtbot.keyClick(w, Qt.Key_Return))
    preview = _modal(qtbot, PrintPreview)
    notice = RectificationNotice.get()
    assert len(actions) == 7, actions
    assert notice.rule == "第六条 不得擅自改动燃气、消防及公共管线" and notice.required == "电线穿管后重新封墙"
    preview.reject()


def test_the_article_picked_from_the_list_offered_by_its_number(qtbot, works, clerk):
    window, page = _page(qtbot, clerk)
    qtbot.keyClick(page.due_tab.search, Qt.Key_Return)
    dialog = _modal(qtbot, InspectionDialog)
    type_text(qtbot, dialog.findings, "卫生间电线未穿管直接埋墙")
    qtbot.keyClick(dialog.findings, Qt.Key_Return, Qt.ControlModifier)
    notice_dialog = _modal(qtbot, NoticeDialog)
    type_text(qtbot, notice_dialog.rule.lineEdit(), "第十")
    popup = notice_dialog.rule_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert notice_dialog.rule_completer.completionCount() == 3      # 第十条, 第十一条, 第十二条
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert notice_dialog.rule.currentText() == "第十一条 施工人员须佩戴出入证进出"
    assert QApplication.focusWidget() is notice_dialog.required and notice_dialog.isVisible()
