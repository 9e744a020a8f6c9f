"""The money registers as a clerk reads them: rates right-aligned and dated, the arrears page's total,
list columns that fit what they hold."""
import datetime as dt

from PySide6.QtCore import Qt

from tests.ui.money_clerk import month_back, nav_click, open_window, owing_estate


def test_rates_show_money_and_rates_right_aligned(qtbot, estate, clerk):
    window = open_window(qtbot, clerk)
    nav_click(qtbot, window, "收费标准")
    page = window.pages["rates"]
    model = page.model
    rate_col = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index("收费标准")
    shown = {(model.data(model.index(r, 0)), model.data(model.index(r, 2))): model.data(model.index(r, rate_col))
             for r in range(model.rowCount())}
    assert shown[("物业管理费", "住宅")] == "2.50 元/㎡·月"
    assert shown[("物业管理费", "商铺")] == "5.00 元/㎡·月"
    assert shown[("车位管理费", "车位")] == "¥60.00/月"
    assert shown[("装修保证金", "所有用途")] == "¥2,000.00/户"
    assert shown[("出入证押金", "所有用途")] == "¥100.00/证"
    alignment = Qt.AlignmentFlag(model.data(model.index(0, rate_col), Qt.TextAlignmentRole))
    assert alignment & Qt.AlignRight


def test_starting_rates_say_so_instead_of_a_made_up_date(qtbot, estate, clerk, finance):
    from models.money import rates
    next_year = dt.date(dt.date.today().year + 1, 1, 1)
    rates.set_rate(finance, "garbage_fee", "", "320", next_year)
    window = open_window(qtbot, clerk)
    nav_click(qtbot, window, "收费标准")
    model = window.pages["rates"].model
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    since = headers.index("生效日期")
    shown = [(model.data(model.index(r, 0)), model.data(model.index(r, since))) for r in range(model.rowCount())]
    assert ("物业管理费", "初始标准") in shown and ("垃圾清运费", next_year.isoformat()) in shown
    assert not any("2000-01-01" in text for _item, text in shown)


def test_a_rate_set_finer_than_two_decimals_shows_as_set():
    from models.amounts import parse_rate
    from ui.money.rates_page import rate_text
    assert rate_text(parse_rate("2.375"), "area_monthly", "元/㎡·月") == "2.375 元/㎡·月"
    assert rate_text(parse_rate("3"), "area_monthly", "元/㎡·月") == "3.00 元/㎡·月"
    assert rate_text(parse_rate("12000"), "deposit", "元/户") == "¥12,000.00/户"
    assert rate_text(parse_rate("0.125"), "fixed", "元/张") == "¥0.125/张"
    assert rate_text(parse_rate("5"), "fixed", "件") == "¥5.00 件"


# --- 7. the arrears total --------------------------------------------------------------------------

def test_arrears_page_totals_what_it_lists(qtbot, estate, clerk, supervisor, finance):
    from models.money.cashier import Payment, take_payment
    owing_estate(estate, supervisor, finance, months=3)
    take_payment(clerk, estate["rooms"][0].id, Payment("张伟", "cash", amount="223.75"))   # 1201 owes 2 months
    window = open_window(qtbot, clerk)
    page = window.open_page("arrears")
    # 1201: 2 × 223.75; 1202: 3 × 300.00; 1301: 3 × 223.75; 101: 3 × 113.13 (45.25 m² × 2.50)
    fees = {"1201": 2 * 22375, "1202": 3 * 30000, "1301": 3 * 22375, "101": 3 * 11313}
    assert page.model.rowCount() == 4
    assert page.total_label.text() == f"合计欠费 ¥{sum(fees.values()) / 100:,.2f}（4 户）"

    box = page.filter_boxes["min_months"]
    box.setFocus()
    for _step in range(box.findData("3")):
        qtbot.keyClick(box, Qt.Key_Down)
    assert page.model.rowCount() == 3
    three = sum(v for k, v in fees.items() if k != "1201")
    assert page.total_label.text() == f"合计欠费 ¥{three / 100:,.2f}（3 户）"

    qtbot.keyClicks(page.search, "3-2-13")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.total_label.text() == f"合计欠费 ¥{fees['1301'] / 100:,.2f}（1 户）"

    page.search.clear()
    page.as_of.set_date(month_back(1) + dt.timedelta(days=3))     # early last month: two months were due
    qtbot.waitUntil(lambda: "（0 户）" in page.total_label.text() or page.model.rowCount() == 0, timeout=2000)
    assert page.total_label.text() == "合计欠费 ¥0.00（0 户）"         # nobody owed three months then


# --- 8. list columns as wide as what they hold ---------------------------------------------------

def _column(page, key: str) -> int:
    return page.spec.columns.index(page.spec.column(key))


def test_list_columns_fit_what_they_hold(qtbot, estate, clerk, finance, supervisor):
    from models.money.cashier import DeskItem, Payment, take_payment
    owing_estate(estate, supervisor, finance, months=3)
    take_payment(clerk, estate["rooms"][0].id, Payment("李娜", "cash", amount="671.25",
                                                       items=[DeskItem("pass_deposit", 3)]))
    window = open_window(qtbot, finance)
    window.resize(1280, 800)             # as it first opens (an earlier test may have left another size)

    def laid_out(view, columns):       # the stretched column is sized when the view is laid out (a timer)
        qtbot.wait(50)
        qtbot.waitUntil(lambda: sum(view.columnWidth(i) for i in range(columns)) >= view.viewport().width() - 2)

    receipts = window.open_page("receipts")
    view = receipts.view
    laid_out(view, len(receipts.spec.columns))
    fm = view.fontMetrics()
    items = receipts.model.data(receipts.model.index(0, _column(receipts, "items")))
    assert items.startswith("物业管理费 ") and items.endswith("；出入证押金 ×3")    # 物业管理费 2026年8月-10月；…
    widths = [view.columnWidth(i) for i in range(len(receipts.spec.columns))]
    # The items take what the other columns leave (the whole fee line, across a year end too, and more; the
    # tooltip has the rest); the void reason (mostly empty) only what its head needs.
    assert widths[_column(receipts, "items")] >= fm.horizontalAdvance("物业管理费 2025年12月-2026年2月；") + 6, \
        (widths, view.viewport().width())
    assert widths[_column(receipts, "items")] == max(widths) and sum(widths) == view.viewport().width()
    assert widths[_column(receipts, "void_reason")] <= fm.horizontalAdvance("作废原因") + 40

    arrears = window.open_page("arrears")
    qtbot.waitUntil(lambda: arrears.model.rowCount() == 3)        # 1201 has paid its three months
    view = arrears.view
    laid_out(view, 6)
    amount = view.columnWidth(_column(arrears, "amount"))
    assert amount < view.viewport().width() // 6                        # not half the list
    assert amount >= view.fontMetrics().horizontalAdvance("欠费金额") + 20
    assert view.columnWidth(_column(arrears, "owners")) == max(view.columnWidth(i) for i in range(6))

    from models.money import closing
    take_payment(clerk, estate["rooms"][1].id, Payment("王先生", "wechat", items=[DeskItem("pass_fee", 2)]))
    take_payment(clerk, estate["rooms"][1].id, Payment("王先生", "card", items=[DeskItem("pass_fee", 1)]))
    closing.close_day(clerk)
    close_page = window.open_page("daily_close")
    view, model = close_page.closes_view, close_page.closes
    qtbot.wait(50)
    by_method = model.headers.index("按收款方式")
    text = model.rows[0][by_method]
    assert "现金" in text and "微信" in text and "刷卡" in text
    assert view.columnWidth(by_method) >= view.fontMetrics().horizontalAdvance(text) + 6
