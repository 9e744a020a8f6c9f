"""The renovation register (装修登记) found by number and opened as the clerk does, the start page's figures
each opening its page (overdue notices in red), and every page of the renovation desk in Chinese: no
English word left on a label, a button, a tick box, a tab or a column heading."""
from __future__ import annotations

import datetime as dt
import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QTableView, QTabWidget, QWidget

from models.renovation.applying import submit_application
from tests.domain.renovation.conftest import application, in_works, lived_in, submitted  # noqa: F401  (fixtures)
from tests.ui.money_clerk import nav_click, open_window
from tests.ui.renovation.renovation_clerk import close_previews, previews, tick, tile

ALLOWED = {"Ctrl", "Enter", "PDF", "JPEG", "PNG", "JPG", "Excel", "ZX", "ZG"}


def test_the_register_finds_a_renovation_by_its_number_and_opens_it(qtbot, estate, submitted, clerk):
    other = submit_application(clerk, application(estate, room_id=estate["rooms"][0].id))
    window = open_window(qtbot, clerk)
    nav_click(qtbot, window, "装修登记")
    page = window.pages["renovations"]
    assert window.stack.currentWidget() is page and page.model.rowCount() == 2
    page.search.setFocus()
    qtbot.keyClicks(page.search, other.serial)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClick(page.search, Qt.Key_Return)                      # Enter opens the one found
    record = window.pages["renovation"]
    assert window.stack.currentWidget() is record and record.renovation.id == other.id
    assert record.title.text().startswith(other.serial)
    window.go_back()                                                 # 返回: the register as it was
    assert window.stack.currentWidget() is page and page.model.rowCount() == 1

    page.view.selectRow(0)
    qtbot.mouseClick(page.form_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(previews()))
    assert other.serial in previews()[0].windowTitle()
    close_previews()


def test_the_start_page_s_figures_open_their_pages(qtbot, estate, in_works, clerk):
    from models.db import write_tx
    from models.renovation import inspections
    from models.renovation.works import RectificationNotice
    found = inspections.record_inspection(clerk, inspections.InspectionInput(in_works.id, passed=False,
                                                                              findings="楼道堆放装修材料"))
    notice = inspections.issue_notice(clerk, inspections.NoticeInput(found.id, "第十二条", "清理楼道",
                                                                     dt.date.today()))
    with write_tx():
        RectificationNotice.update(deadline=dt.date.today() - dt.timedelta(days=1)).where(
            RectificationNotice.id == notice.id).execute()
    window = open_window(qtbot, clerk)
    widget, texts = tile(window, "逾期整改通知")
    assert "1" in texts
    number = [label for label in widget.findChildren(QLabel) if label.text() == "1"][0]
    assert "#c9302c" in number.styleSheet()                         # overdue: in red
    qtbot.mouseClick(widget, Qt.LeftButton)
    assert window.stack.currentWidget() is window.pages["notices"]
    widget, texts = tile(window, "今日待巡查")
    assert "0" in texts                                              # inspected today: not due again
    start = window.pages["start"]                                     # nothing waits, and a clerk does not review
    assert "待审批的装修申请" not in [label.text() for label in start.findChildren(QLabel)]


def _english(page: QWidget) -> list[str]:
    """The English words a clerk would read on ``page`` (tooltips aside)."""
    texts = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Horizontal) or "") for c in range(model.columnCount())]
    words = set()
    for text in texts:
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
        plain = re.sub(r"[A-Z]{2}\d{4}-\d+(-\d+)?|\d{4}-\d{6}", " ", plain)   # numbers: ZX2026-000001
        words |= {w for w in re.findall(r"[A-Za-z]{3,}", plain) if w not in ALLOWED}
    return sorted(words)


def test_every_renovation_page_reads_in_chinese(qtbot, estate, in_works, clerk, director):
    submit_application(clerk, application(estate, room_id=estate["rooms"][0].id))
    window = open_window(qtbot, director)
    window.resize(1280, 800)
    found = {}
    for key in ("renovation_apply", "renovations", "renovation_review", "renovation_follow_up"):
        page = window.open_page(key)
        qtbot.waitExposed(page)
        found[key] = _english(page)
    apply_page = window.open_page("renovation_apply")
    apply_page.show_room(estate["rooms"][2].id)
    qtbot.mouseClick(apply_page.contractor.new_button, Qt.LeftButton)
    tick(qtbot, apply_page.by_agent)
    assert apply_page.agent_box.isVisible()
    found["renovation_apply (new contractor, agent)"] = _english(apply_page)
    from ui.renovation import open_renovation
    open_renovation(window.ctx, in_works.id)
    record = window.pages["renovation"]
    for tab in range(record.tabs.count()):
        record.tabs.setCurrentIndex(tab)
        found[f"renovation tab {tab}"] = _english(record)
    assert not any(found.values()), {k: v for k, v in found.items() if v}
    assert window.width() <= 1280
