"""催缴通知: its data, the run of a print, and rooms outside a residential building as
every money document prints them."""
from __future__ import annotations

import datetime as dt

import pytest

from models.errors import InvalidInput
from models.money import charging, closing
from models.money import documents as docs
from models.amounts import capital
from reports.pdf.money.daily_close import build_close
from reports.pdf.money.receipt import build_receipt
from reports.pdf.money.reminder import build_reminders

from tests.reports.money.money_books import (FEE_1201, FEE_1202, PARKING, PAY_BY, TODAY, months_back, months_label as _months_label, pages as _pages, squash as _squash)


# --- 催缴通知 -------------------------------------------------------------------------------------


def test_reminder_document_has_the_arrears_of_the_room(books):
    rooms = books["rooms"]
    let = docs.reminder_document(rooms[0].id, TODAY, PAY_BY)
    assert (let.room_label, let.room_code, let.owners, let.tenants, let.occupant) == (
        "3栋2单元1201", "3-2-1201", ("张伟",), ("李娜",), "李娜")   # the tenant pays the fee of a let room
    assert let.months == 3 and let.months_list == (months_back(3), months_back(2), months_back(1))
    assert (let.amount_fen, let.fee_fen, let.capital) == (3 * FEE_1201, 3 * FEE_1201, "陆佰柒拾壹元贰角伍分")
    assert let.months_text == _months_label(months_back(3), months_back(1))
    assert [(i.name, i.months, i.amount_fen) for i in let.items] == [("物业管理费", 3, 3 * FEE_1201)]
    assert (let.as_of, let.pay_by, let.issued_on) == (TODAY, PAY_BY, TODAY)
    assert (let.office, let.office_phone, let.office_address) == ("阳光花园管理处", "0755-8888 6666", "阳光花园3栋1楼客服中心")

    paid_two = docs.reminder_document(rooms[1].id, TODAY, PAY_BY)
    assert (paid_two.months, paid_two.months_list, paid_two.amount_fen) == (1, (months_back(1),), FEE_1202)

    parking = docs.reminder_document(rooms[2].id, TODAY, PAY_BY)
    assert parking.others_owed and parking.amount_fen == 3 * FEE_1201 + PARKING
    assert [(i.name, i.months, i.amount_fen) for i in parking.items] == [
        ("物业管理费", 3, 3 * FEE_1201), ("车位管理费", 1, PARKING)]


def test_a_charge_with_no_month_is_owed_apart(books, finance):
    room = books["rooms"][0]
    charging.add_charge(finance, room.id, "management_fee", "150", note="2025年欠费补收")
    doc = docs.reminder_document(room.id, TODAY, PAY_BY)
    # The notice names the months of fee; a sum with no month is "其他费用", on its own row.
    assert (doc.months, doc.others_owed, doc.amount_fen) == (3, True, 3 * FEE_1201 + 15000)
    assert [(i.name, i.periods, i.months, i.amount_fen, i.note) for i in doc.items] == [
        ("物业管理费", _months_label(months_back(3), months_back(1)), 3, 3 * FEE_1201, ""),
        ("物业管理费", "", 0, 15000, "2025年欠费补收")]
    text = _squash(_pages(build_reminders([doc]))[0])
    assert "物业管理费3个月及其他费用" in text and "物业管理费2025年欠费补收150.00" in text


def test_no_reminder_for_a_room_owing_nothing(books):
    with pytest.raises(InvalidInput, match="3栋2单元101"):
        docs.reminder_document(books["rooms"][3].id, TODAY, PAY_BY)
    with pytest.raises(InvalidInput):
        docs.reminder_document(books["rooms"][0].id, TODAY, TODAY - dt.timedelta(days=1))


def test_month_ranges_collapse_consecutive_months():
    months = [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 1),
              dt.date(2026, 5, 1), dt.date(2026, 6, 1)]
    assert docs.month_ranges(months) == "2025年11月-2026年1月、2026年3月、2026年5月-6月"
    assert docs.month_ranges([]) == ""


def test_reminders_one_notice_per_room_two_to_a_page(books):
    run = docs.reminder_documents(TODAY, PAY_BY)
    assert [d.room_label for d in run] == ["3栋2单元1201", "3栋2单元1202", "3栋2单元1301"]   # room order
    pages = _pages(build_reminders(run))
    assert len(pages) == 2
    notices = [n for page in pages for n in _squash(page).split("尊敬的")[1:]]
    assert len(notices) == 3
    # Cut and stack: the upper halves carry the first half of the run, the lower halves the rest.
    assert [n.split("业主")[0] for n in notices] == ["3栋2单元1201", "3栋2单元1301", "3栋2单元1202"]
    by_room = {n.split("业主")[0]: n for n in notices}
    for doc in run:
        text = by_room[doc.room_label]
        assert f"截至{TODAY.year}年{TODAY.month}月{TODAY.day}日" in text
        assert f"物业管理费{doc.months}个月" in text
        assert f"共计人民币¥{doc.amount_fen // 100:,}.{doc.amount_fen % 100:02d}（大写：{capital(doc.amount_fen)}）" in text
        assert f"请于{PAY_BY.year}年{PAY_BY.month}月{PAY_BY.day}日前到管理处缴纳" in text
        assert "联系电话：0755-8888 6666".replace(" ", "") in text and "管理处(盖章)" in text
        assert doc.months_text.split("、")[0] in text
        assert "张伟" not in text and "李娜" not in text     # posted on doors: no names
    assert "及其他费用" in by_room["3栋2单元1301"] and "车位管理费" in by_room["3栋2单元1301"]
    assert "及其他费用" not in by_room["3栋2单元1201"]
    assert _squash(pages[0]).count("催缴通知") == 2


def test_a_reminder_run_reports_progress_per_room_and_per_page_and_can_stop(books):
    seen = []
    run = docs.reminder_documents(TODAY, PAY_BY, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    pages = []
    data = build_reminders(run, progress=lambda done, total: pages.append((done, total)))
    assert pages == [(0, 2), (1, 2), (2, 2)] and data == build_reminders(run)    # same bytes as without

    class Stop(Exception):
        pass

    def stop_at_two(done, _total):
        if done == 2:
            raise Stop
    with pytest.raises(Stop):
        docs.reminder_documents(TODAY, PAY_BY, progress=stop_at_two)


# --- rooms outside a residential building --------------------------------------------------------


def test_a_parking_space_prints_as_its_code_not_as_a_building(garage, clerk):
    space = garage["space"]
    assert space.label == "车位 P1-B1022"                  # the room page says it as paper does
    assert docs.printed_room_label(space) == "车位 P1-B1022"
    assert docs.printed_room_label(garage["store"]) == "储藏室 P1-B1005"    # in a building with no homes
    assert docs.printed_room_label(garage["shop"]) == "3栋2单元102"          # a shop in a residential building
    reminder = docs.reminder_document(space.id, TODAY, PAY_BY)
    assert reminder.room_label == "车位 P1-B1022"
    text = _squash("".join(_pages(build_reminders([reminder]))))
    assert "尊敬的车位P1-B1022业主/住户" in text and "栋" not in text.split("尊敬的")[1].split("业主")[0]
    receipt = docs.receipt_document(garage["paid"].id)
    assert receipt.room_label == "车位 P1-B1022"
    assert "车位P1-B1022" in _squash("".join(_pages(build_receipt(receipt))))
    close = docs.close_document(closing.close_day(clerk).id)
    assert "车位 P1-B1022" in [line.room_label for line in close.receipts]
    sheet = _squash("".join(_pages(build_close(close))))
    assert "车位P1-B1022" in sheet and "P1栋" not in sheet
