"""The set-up dialog's rates and the import page, as each user meets them."""
from __future__ import annotations

from models.money.ledger import ChargeItem, Rate
from models.money.rates import SINCE_EVER
from ui.admin.import_page import ImportPage
from ui.admin.setup_dialog import OfficeSetupDialog, typed_amount
from ui.context import AppContext


def test_the_set_up_shows_rates_as_amounts_are_typed(qtbot, db, admin):
    dialog = OfficeSetupDialog(AppContext(admin, "test"))
    qtbot.addWidget(dialog)
    shown = {key: edit.text() for key, edit in dialog.rates.items()}
    assert shown[("renovation_deposit", "")] == "2000.00"          # not 2000.0
    assert shown[("parking_fee", "parking")] == "60.00"            # not 60.0
    assert shown[("management_fee", "residential")] == "2.50"      # not 2.5
    assert shown[("pass_fee", "")] == "20.00"
    assert all(text.count(".") == 1 and len(text.split(".")[1]) >= 2 for text in shown.values()), shown
    # Saved untouched, the rates stay as they were.
    before = {(r.item_id, r.use): r.amount for r in Rate.select().where(Rate.effective_from == SINCE_EVER)}
    dialog.office["office.name"].setText("翠湖居管理处")
    dialog.save()
    assert {(r.item_id, r.use): r.amount for r in Rate.select().where(Rate.effective_from == SINCE_EVER)} == before
    assert ChargeItem.select().count() == 7


def test_typed_amount_keeps_finer_rates():
    assert [typed_amount(t) for t in ("2000.0", "60.0", "2.5", "2.375", "0.1250", "12")] == \
        ["2000.00", "60.00", "2.50", "2.375", "0.1250", "12.00"]


def _page(qtbot, actor) -> ImportPage:
    page = ImportPage(AppContext(actor, "test"))
    qtbot.addWidget(page)
    page.show()
    return page


def _buttons(page) -> list[str]:
    from PySide6.QtWidgets import QPushButton
    return [b.text() for b in page.findChildren(QPushButton) if b.isVisible()]


def test_finance_reads_about_the_opening_balances_it_can_import(qtbot, db, finance):
    page = _page(qtbot, finance)
    text = page.intro.text()
    assert "期初欠费" in text and "期初押金" in text and "欠费金额" in text and "收取日期" in text
    assert "名册" not in text and "楼栋" not in text and "证件号码" not in text
    assert "导入期初余额" in page.heading.text()
    assert sorted(_buttons(page)) == sorted(["导入期初欠费…", "导入期初押金…"])


def test_a_supervisor_reads_about_rosters_only(qtbot, db, supervisor):
    page = _page(qtbot, supervisor)
    assert "名册" in page.intro.text() and "期初" not in page.intro.text()
    assert "导入名册" in page.heading.text()
    assert sorted(_buttons(page)) == sorted(["导入房屋名册…", "导入住户名册…"])


def test_the_director_reads_about_both(qtbot, db, director):
    page = _page(qtbot, director)
    text = page.intro.text()
    assert "名册" in text and "期初欠费" in text
    assert text.count("只要有一行被拒绝") == 1                       # said once, for both
