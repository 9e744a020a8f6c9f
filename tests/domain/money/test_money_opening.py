"""Opening balances: arrears and deposits held before the program, imported from xlsx with a refusal report."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from models.audit import AuditLog
from models.check import ERROR, run_checks
from models.errors import NotAllowed
from models.money.arrears import arrears_of_room
from models.money.cashier import Payment, take_payment
from models.money.charging import add_charge, month_start
from models.money.deposits import Deduction, held_as_of, refund_deposit
from models.money.ledger import Charge, Deposit, ReceiptLine
from models.money.opening import import_opening
from reports.excel.money.opening import import_opening_file
from tests.reports.sheet_files import CJK, refused, refused_in_chinese
from tests.reports.sheet_files import xlsx as sheet_xlsx

THIS_MONTH = dt.date.today().replace(day=1)


def months_ago(n: int) -> dt.date:
    index = THIS_MONTH.year * 12 + THIS_MONTH.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def ym(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月"


def xlsx(path, rows, **how):
    return sheet_xlsx(path, rows, title="期初", **how)


def counts():
    return Charge.select().count(), Deposit.select().count(), AuditLog.select().count()


def no_errors():
    errors = [f.message for f in run_checks() if f.level == ERROR]
    assert not errors, errors


ARREARS_HEADER = ["房号", "收费项目", "所属月份", "欠费金额", "备注"]
DEPOSITS_HEADER = ["楼栋", "单元", "房号", "押金类型", "缴款人", "数量", "金额", "收取日期", "备注"]


def good_arrears():
    """3-2-1201 one month; 3-2-1202 a three-month period (900 → 300 a month); 3-2-101 an undated balance."""
    return [ARREARS_HEADER,
            ["3-2-1201", "物业管理费", ym(months_ago(2)), 223.75, None],
            ["3栋2单元1202", None, f"{cn(months_ago(5))}-{cn(months_ago(3))}", "900", "旧系统导出"],
            ["3-2-101", "物业管理费", "2023年以前", "1,000.00", "历史欠费"],
            ["3-2-1301", "垃圾清运费", None, 300, None]]


def test_arrears_are_charged_month_by_month(estate, finance, tmp_path):
    path = xlsx(tmp_path / "欠费.xlsx", good_arrears())
    report = import_opening_file(finance, "arrears", path)
    assert report.written and not report.refused
    assert (report.charges_created, report.rooms, report.total_fen) == (6, 4, 22375 + 90000 + 100000 + 30000)
    rooms = estate["rooms"]
    one = Charge.get((Charge.room == rooms[0].id))
    assert (one.period, one.amount_fen, one.source, one.item.name) == (months_ago(2), 22375, "opening", "物业管理费")
    assert one.due_date.month == months_ago(2).month and one.due_date > one.period
    three = list(Charge.select().where(Charge.room == rooms[1].id).order_by(Charge.period))
    assert [(c.period, c.amount_fen) for c in three] == [(months_ago(5), 30000), (months_ago(4), 30000),
                                                         (months_ago(3), 30000)]
    undated = Charge.get(Charge.room == rooms[3].id)
    assert undated.period is None and undated.note == "2023年以前；历史欠费" and undated.amount_fen == 100000
    # The arrears are the desk's own: months owed count for the release rule, and a payment settles them.
    owed = arrears_of_room(rooms[1].id)
    assert (owed.amount_fen, owed.months, owed.since) == (90000, 3, months_ago(5))
    receipt = take_payment(finance, rooms[1].id, Payment("张伟", "cash", "900"))
    label = ReceiptLine.get(ReceiptLine.receipt == receipt).label
    assert label.startswith("物业管理费 ") and cn(months_ago(5)) in label
    assert arrears_of_room(rooms[1].id).amount_fen == 0
    assert AuditLog.select().where(AuditLog.action == "opening.import").count() == 1 + 6
    no_errors()


def test_each_bad_arrears_row_is_refused_with_its_reason(estate, finance, tmp_path):
    rooms = estate["rooms"]
    add_charge(finance, rooms[0].id, "management_fee", "223.75", period=months_ago(1))
    before = counts()
    rows = [ARREARS_HEADER,
            ["3-2-1201", "物业管理费", ym(months_ago(3)), 100, None],          # 2: good
            ["9-9-999", "物业管理费", ym(months_ago(3)), 100, None],           # 3: no such room
            ["3-2-1202", "物业管理费", ym(months_ago(3)), -50, None],          # 4: negative
            ["3-2-1202", "物业管理费", ym(months_ago(4)), 0, None],            # 5: zero
            ["3-2-1202", "物业管理费", ym(months_ago(5)), "一百元", None],      # 6: not a number
            ["3-2-1202", "水费", ym(months_ago(3)), 100, None],                # 7: unknown item
            ["3-2-1202", "装修保证金", ym(months_ago(3)), 100, None],           # 8: a deposit
            ["3-2-1201", "物业管理费", ym(months_ago(1)), 100, None],          # 9: already charged
            ["3-2-1201", "物业管理费", ym(months_ago(3)), 100, None],          # 10: same as row 2
            ["3-2-1301", "物业管理费", f"{cn(months_ago(4))}-{cn(months_ago(3))}", 200, None],   # 11: good
            ["3-2-1301", "物业管理费", ym(months_ago(3)), 100, None],          # 12: inside row 11's period
            ["3-2-1301", "物业管理费", "2026-13", 100, None],                  # 13: not a month
            ["3-2-1301", "物业管理费", ym(_next_month()), 100, None],          # 14: still to come
            ["3-2-1202", None, None, None, None]]                              # 15: no amount
    report = import_opening_file(finance, "arrears", xlsx(tmp_path / "bad.xlsx", rows))
    reasons = refused(report)
    assert sorted(reasons) == list(range(3, 11)) + [12, 13, 14, 15]
    assert "9栋9单元999" in reasons[3] and "没有" in reasons[3]
    assert "大于零" in reasons[4] and "大于零" in reasons[5]
    assert "一百" in reasons[6] and "数字" in reasons[6]
    assert "水费" in reasons[7]
    assert "押金" in reasons[8]
    assert cn(months_ago(1)) in reasons[9] and "已经计费" in reasons[9]
    assert "第 2 行" in reasons[10]
    assert "第 11 行" in reasons[12]
    assert "2026-13" in reasons[13]
    assert cn(_next_month()) in reasons[14]
    assert all(CJK.search(r) for r in reasons.values())
    assert not report.written and counts() == before        # all or nothing
    text = report.summary()
    assert "未导入任何数据" in text.split("\n")[0] and "第 3 行：小区中没有" in text


def _next_month() -> dt.date:
    return (THIS_MONTH + dt.timedelta(days=40)).replace(day=1)


def test_skip_invalid_writes_the_good_rows(estate, finance, tmp_path):
    rows = [ARREARS_HEADER,
            ["3-2-1201", "物业管理费", ym(months_ago(2)), 100, None],
            ["8-1-101", "物业管理费", ym(months_ago(2)), 100, None],
            ["3-2-1202", "物业管理费", ym(months_ago(2)), "abc", None]]
    report = import_opening_file(finance, "arrears", xlsx(tmp_path / "s.xlsx", rows), skip_invalid=True)
    assert report.written and sorted(refused(report)) == [3, 4]
    assert report.charges_created == 1 and Charge.select().count() == 1
    assert "第 3 行" in report.summary()
    # Importing the same file again refuses the month already charged, and writes nothing new.
    again = import_opening_file(finance, "arrears", xlsx(tmp_path / "s.xlsx", rows[:2]))
    assert not again.written and Charge.select().count() == 1
    assert "已经计费" in refused(again)[2]


def test_dry_run_writes_nothing(estate, finance, tmp_path):
    before = counts()
    report = import_opening_file(finance, "arrears", xlsx(tmp_path / "d.xlsx", good_arrears()), dry_run=True)
    assert report.dry_run and not report.written and not report.refused
    assert report.charges_created == 6 and report.total_fen == 242375
    assert counts() == before
    assert "试" in report.summary().split("\n")[0]


def test_only_finance_director_or_admin_import(estate, clerk, supervisor, tmp_path):
    path = xlsx(tmp_path / "a.xlsx", good_arrears())
    for actor in (clerk, supervisor):
        with pytest.raises(NotAllowed):
            import_opening_file(actor, "arrears", path)
        with pytest.raises(NotAllowed):
            import_opening(actor, "deposits", [(2, {"room": "3-2-1201"})])
    assert Charge.select().count() == 0


def test_credit_already_prepaid_goes_onto_opening_arrears(estate, finance, tmp_path):
    room = estate["rooms"][0]
    take_payment(finance, room.id, Payment("张伟", "wechat", "500", prepayment=True))
    import_opening_file(finance, "arrears", xlsx(tmp_path / "c.xlsx", [ARREARS_HEADER,
                                                                       ["3-2-1201", None, ym(months_ago(1)), 300]]))
    assert arrears_of_room(room.id).amount_fen == 0
    from models.money.charging import credit_balance
    assert credit_balance(room.id) == 20000
    no_errors()


# --- deposits held ----------------------------------------------------------------------------------

def good_deposits():
    return [DEPOSITS_HEADER,
            ["3", "2", "1201", "装修保证金", "张伟", None, 2000, dt.datetime(2024, 5, 6), "旧系统"],
            ["3", "2", "1201", "出入证押金", "鸿达装饰工程有限公司", 3, "300", "2024-05-06", None],
            ["3", "2", "1301", "钥匙押金", "李娜", None, 50, "2025/1/2", None]]


def test_deposits_are_held_since_the_day_they_were_taken(estate, finance, tmp_path):
    report = import_opening_file(finance, "deposits", xlsx(tmp_path / "押金.xlsx", good_deposits()))
    assert report.written and (report.deposits_created, report.total_fen) == (3, 235000)
    held = {row["deposit"].item.name: row for row in held_as_of()}
    assert held["装修保证金"]["held_fen"] == 200000
    deposit = held["出入证押金"]["deposit"]
    assert (deposit.quantity, deposit.payer, deposit.taken_on, deposit.source, deposit.line_id) == \
        (3, "鸿达装饰工程有限公司", dt.date(2024, 5, 6), "opening", None)
    assert held["钥匙押金"]["deposit"].taken_on == dt.date(2025, 1, 2)
    assert held_as_of(dt.date(2024, 12, 31)) and len(held_as_of(dt.date(2024, 12, 31))) == 2
    # They go back through the same ledger as a deposit taken on a receipt.
    renovation = held["装修保证金"]["deposit"]
    refund = refund_deposit(finance, renovation.id, "1700", [Deduction("300", "楼道墙面污损")], method="transfer")
    assert refund.receipt_id is None and refund.amount_fen == 170000
    assert Deposit.get_by_id(renovation.id).held_fen == 0
    no_errors()


def test_each_bad_deposit_row_is_refused(estate, finance, tmp_path):
    import_opening_file(finance, "deposits", xlsx(tmp_path / "first.xlsx", good_deposits()[:2]))
    before = counts()
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    rows = [DEPOSITS_HEADER,
            ["3", "2", "1202", "装修保证金", "王五", None, 2000, "2025-03-01", None],      # 2: good
            ["3", "2", "9999", "装修保证金", "王五", None, 2000, "2025-03-01", None],      # 3: no such room
            ["3", "2", "1202", "物业管理费", "王五", None, 2000, "2025-03-01", None],      # 4: not a deposit
            ["3", "2", "1202", "门禁卡押金", "王五", None, 20, "2025-03-01", None],        # 5: unknown item
            ["3", "2", "1202", "钥匙押金", "王五", None, -50, "2025-03-01", None],         # 6: negative
            ["3", "2", "1202", "钥匙押金", None, None, 50, "2025-03-01", None],            # 7: no payer
            ["3", "2", "1202", "钥匙押金", "王五", None, 50, None, None],                  # 8: no date
            ["3", "2", "1202", "钥匙押金", "王五", None, 50, tomorrow, None],              # 9: still to come
            ["3", "2", "1202", "出入证押金", "王五", "三", 300, "2025-03-01", None],        # 10: bad quantity
            ["3", "2", "1202", "装修保证金", "王五", None, 2000, "2025-03-01", None],      # 11: same as row 2
            ["3", "2", "1201", "装修保证金", "张伟", None, 2000, "2024-05-06", None]]      # 12: already imported
    report = import_opening_file(finance, "deposits", xlsx(tmp_path / "bad.xlsx", rows))
    reasons = refused(report)
    assert sorted(reasons) == list(range(3, 13))
    assert "9999" in reasons[3]
    assert "不是押金" in reasons[4] and "装修保证金" in reasons[4]
    assert "门禁卡押金" in reasons[5]
    assert "大于零" in reasons[6]
    assert "缴款人" in reasons[7]
    assert "收取日期" in reasons[8]
    assert "尚未到来" in reasons[9]
    assert "数量 三" in reasons[10]
    assert "第 2 行" in reasons[11]
    assert "已作为期初押金导入过" in reasons[12]
    assert counts() == before
    skipped = import_opening_file(finance, "deposits", xlsx(tmp_path / "bad.xlsx", rows), skip_invalid=True)
    assert skipped.deposits_created == 1 and Deposit.select().count() == 2


# --- files refused whole ---------------------------------------------------------------------------

def _refused_whole(actor, path, kind, *words):
    before = counts()
    refused_in_chinese(lambda: import_opening_file(actor, kind, path), *words)
    assert counts() == before


def test_bad_files_are_refused_whole(estate, finance, tmp_path):
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    _refused_whole(finance, empty, "arrears", "empty.xlsx")
    _refused_whole(finance, xlsx(tmp_path / "h.xlsx", [ARREARS_HEADER]), "arrears", "期初")
    text = tmp_path / "list.xlsx"
    text.write_bytes("房号,金额\n3-2-1201,100\n".encode("gbk"))
    _refused_whole(finance, text, "arrears", "list.xlsx", "Excel")
    _refused_whole(finance, xlsx(tmp_path / "m.xlsx", [["房号", "欠费金额", None], ["3-2-1201", 100, None]],
                                 before=[["期初欠费表"]], merge=["A1:C1", "B2:C2"]),
                   "arrears", "合并单元格", "B2:C2")
    _refused_whole(finance, xlsx(tmp_path / "b.xlsx", [["房号", None, "欠费金额"], ["3-2-1201", "x", 100]]),
                   "arrears", "B")
    _refused_whole(finance, xlsx(tmp_path / "r.xlsx", [["房号", "所属月份"], ["3-2-1201", "2026-01"]]), "arrears",
                   "欠费金额")
    _refused_whole(finance, xlsx(tmp_path / "p.xlsx", [["房号", "押金类型", "金额", "收取日期"],
                                                      ["3-2-1201", "钥匙押金", 50, "2025-01-01"]]),
                   "deposits", "缴款人")
    _refused_whole(finance, xlsx(tmp_path / "2.xlsx", [["房号", "金额", "欠费金额"], ["3-2-1201", 1, 1]]),
                   "arrears", "B（金额）", "C（欠费金额）")


def test_password_protected_file_is_refused(estate, finance, tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = xlsx(tmp_path / "plain.xlsx", good_arrears())
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("secret", out)
    _refused_whole(finance, locked, "arrears", "locked.xlsx", "密码")


def test_header_aliases_of_an_office_list(estate, finance, tmp_path):
    rows = [["楼栋", "单元", "房号", "费用项目", "欠费期间", "金额（元）"],
            ["3", "2", "1201", "物业管理费", f"{ym(months_ago(3))}至{ym(months_ago(2))}", 447.5]]
    report = import_opening_file(finance, "arrears", xlsx(tmp_path / "alias.xlsx", rows))
    assert report.charges_created == 2 and report.total_fen == 44750
    assert sorted(c.amount_fen for c in Charge.select()) == [22375, 22375]
    assert {c.period for c in Charge.select()} == {months_ago(3), months_ago(2)}
    assert month_start(Charge.select().first().period) == Charge.select().first().period


# --- lists as offices keep them ------------------------------------------------------------------------

def test_a_title_above_the_opening_list_is_passed_over(estate, finance, tmp_path):
    path = xlsx(tmp_path / "t.xlsx", good_arrears(), before=[["阳光花园期初欠费表"], [None], ["截至2025年12月31日"]],
                merge=["A1:E1"])
    report = import_opening_file(finance, "arrears", path, dry_run=True)
    assert report.refused == [] and report.header_row == 4, report.summary()
    assert report.rows_read == 4 and "表头在第 4 行" in report.summary()


@pytest.mark.parametrize("header", ["业主", "户主", "业主姓名", "住户", "客户名称", "业主名称"])
def test_the_payer_column_as_offices_head_it(estate, finance, tmp_path, header):
    rows = [[header if h == "缴款人" else h for h in DEPOSITS_HEADER]] + good_deposits()[1:]
    report = import_opening_file(finance, "deposits", xlsx(tmp_path / "d.xlsx", rows))
    assert report.written and report.deposits_created == 3, report.summary()
    assert sorted(d.payer for d in Deposit.select()) == ["张伟", "李娜", "鸿达装饰工程有限公司"]
