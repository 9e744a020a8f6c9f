"""The books the money documents' tests print from, and how a test reads a PDF back as a clerk reads paper."""
from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from models.amounts import area_fee
from models.money import cashier, charging
from models.money.cashier import DeskItem, Payment
from models.records import people as p

TODAY = dt.date.today()
THIS_MONTH = TODAY.replace(day=1)
PAY_BY = TODAY + dt.timedelta(days=15)
A4 = (595, 842)   # points, rounded


def months_back(n: int) -> dt.date:
    index = THIS_MONTH.year * 12 + THIS_MONTH.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def id_number(first17: str) -> str:
    """A valid 18-digit ID number (GB 11643 check digit)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    """Wrapped lines come back with breaks (and letter-spaced titles with spaces); compare without."""
    return re.sub(r"\s+", "", text)


def months_label(first: dt.date, last: dt.date) -> str:
    """物业管理费 2026年8月-10月, as the cashier labels a fee line."""
    if first.year == last.year:
        return f"{first.year}年{first.month}月-{last.month}月"
    return f"{first.year}年{first.month}月-{last.year}年{last.month}月"


FEE_1201 = area_fee(8950, 25000)    # 89.50 m² × ¥2.50 = ¥223.75
FEE_1202 = area_fee(12000, 25000)   # 120.00 m² × ¥2.50 = ¥300.00
PARKING = 6000


def make_books(estate, clerk, finance) -> dict:
    """The small estate with owners in 1202 and 1301, three past months charged, a parking month
    owed by 1301, and three receipts: desk fees and deposits for ¥1,500.00 (1201), two months of
    management fee (1202), and one voided (1301)."""
    rooms = estate["rooms"]
    for room, name, first17 in ((rooms[1], "欧阳建国", "11010119750302001"), (rooms[2], "王芳芳", "44030419880808002")):
        person = p.create_person(clerk, p.PersonInput(name, id_number=id_number(first17),
                                                      phones=[("13800002222", "mobile")]))
        p.transfer_ownership(clerk, room.id, [person.id], "2021-03-01", f"粤房证{room.number}")
    for n in (3, 2, 1):
        charging.generate_month(finance, months_back(n))
    charging.add_charge(finance, rooms[2].id, "parking_fee", "60", period=months_back(1))
    desk = cashier.take_payment(clerk, rooms[0].id, Payment(
        "李娜", "wechat", items=[DeskItem("renovation_deposit", 1, "1000"), DeskItem("pass_deposit", 3),
                                DeskItem("pass_fee", 3), DeskItem("garbage_fee", 1, "140")], note="装修办证"))
    fee = cashier.take_payment(clerk, rooms[1].id, Payment("欧阳建国", "cash", amount=str(2 * FEE_1202 // 100)))
    wrong = cashier.take_payment(clerk, rooms[2].id, Payment("王芳芳", "cash", items=[DeskItem("garbage_fee", 1, "300")]))
    cashier.void_receipt(finance, wrong.id, "金额开错，重新开具")
    return dict(estate, rooms=rooms, desk=desk, fee=fee, voided=wrong)


def make_garage(supervisor, clerk, finance) -> dict:
    """Underground garage P1 (no homes in it): parking space B1022 owing a month, storage room B1005;
    and a shop on the ground floor of building 3 (a residential building)."""
    from models.records import estate as e
    space = e.create_room(supervisor, e.RoomInput("P1", "", "B1022", "12.50", use="parking", state="occupied"))
    store = e.create_room(supervisor, e.RoomInput("P1", "", "B1005", "6.00", use="storage", state="occupied"))
    shop = e.create_room(supervisor, e.RoomInput("3", "2", "102", "60.00", use="shop", state="occupied"))
    charging.add_charge(finance, space.id, "parking_fee", "60", period=months_back(1))
    paid = cashier.take_payment(clerk, space.id, Payment("张伟", "cash", items=[DeskItem("pass_fee", 1)]))
    return dict(space=space, store=store, shop=shop, paid=paid)
