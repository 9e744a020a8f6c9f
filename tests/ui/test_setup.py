"""A real office's first day (issue 14 item 6): no other office's letterhead, a short set-up, clear next steps."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from models import settings, users
from models.money.ledger import ChargeItem, Rate
from models.money.rates import SINCE_EVER
from tests.ui.conftest import click_ok, type_text, when_modal
from ui.admin.setup_dialog import OfficeSetupDialog
from ui.session import Session


def _first_admin(qtbot):
    def act(dialog):
        type_text(qtbot, dialog.display_name, "陈主任")
        qtbot.keyClicks(dialog.password, "secret1")
        qtbot.keyClicks(dialog.password2, "secret1")
        click_ok(qtbot, dialog)
    return act


def _residential_rate() -> int:
    return (Rate.select().join(ChargeItem).where((ChargeItem.code == "management_fee") & (Rate.use == "residential")
                                                 & (Rate.effective_from == SINCE_EVER)).get().amount)


def test_the_first_start_sets_up_the_office_and_its_rates(qtbot, new_db):
    notes = []

    def set_up(dialog):
        type_text(qtbot, dialog.office["office.name"], "翠湖居管理处")
        type_text(qtbot, dialog.office["office.estate"], "翠湖居")
        qtbot.keyClicks(dialog.office["office.phone"], "0571-8765 4321")
        rate = dialog.rates[("management_fee", "residential")]
        rate.selectAll()
        qtbot.keyClicks(rate, "3.20")
        when_modal(lambda box: (notes.append(box.text()), box.accept()), QMessageBox)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_modal(_first_admin(qtbot))
    when_modal(set_up, OfficeSetupDialog)
    session = Session("new.db")
    assert session.start()
    qtbot.addWidget(session.window)
    assert settings.office_name() == "翠湖居管理处" and _residential_rate() == 32000
    assert "翠湖居管理处" in session.window.windowTitle() and not session.window.unset_banner.isVisible()
    assert "客服专员" in notes[0] and "不收款" in notes[0]
    assert users.User.select().count() == 1


def test_skipping_the_set_up_marks_the_office_and_its_forms(qtbot, new_db):
    from pypdf import PdfReader
    import io
    from reports.pdf import layout as L
    when_modal(_first_admin(qtbot))
    when_modal(lambda dialog: (when_modal(lambda box: box.accept(), QMessageBox),
                               qtbot.mouseClick(dialog.later_button, Qt.LeftButton)), OfficeSetupDialog)
    session = Session("new.db")
    assert session.start()
    window = session.window
    qtbot.addWidget(window)
    assert window.unset_banner.isVisible() and "未设置管理处名称" in window.windowTitle()
    data = L.canvas_pdf("测试", [lambda c: L.draw_flowables(c, L.content_box(), [L.heading("收据")])])
    assert "（未设置管理处名称）" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "阳光花园" not in PdfReader(io.BytesIO(data)).pages[0].extract_text()

    when_modal(lambda dialog: (type_text(qtbot, dialog.office["office.name"], "翠湖居管理处"),
                               qtbot.mouseClick(dialog.save_button, Qt.LeftButton)), OfficeSetupDialog)
    qtbot.mouseClick(window.unset_banner.findChild(QPushButton), Qt.LeftButton)
    assert not window.unset_banner.isVisible() and "翠湖居管理处" in window.windowTitle()


def test_settings_page_edits_each_kind_of_setting(qtbot, db, admin):
    from PySide6.QtWidgets import QCheckBox, QSpinBox
    from ui.admin.settings_page import SettingsPage
    from ui.context import AppContext
    page = SettingsPage(AppContext(admin, "test"))
    qtbot.addWidget(page)
    export = page.editors["cli.allow.export"]
    idle = page.editors["session.idle_lock_minutes"]
    assert isinstance(export, QCheckBox) and export.isChecked() and isinstance(idle, QSpinBox)
    assert "office.configured" not in page.editors
    qtbot.keyClick(export, Qt.Key_Space)
    idle.selectAll()
    qtbot.keyClicks(idle.lineEdit(), "5")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert settings.get("cli.allow.export") is False and settings.get("session.idle_lock_minutes") == 5
    assert "已保存" in page.message.text()
    idle.setValue(999)
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert "480" in page.message.text() and settings.get("session.idle_lock_minutes") == 5
