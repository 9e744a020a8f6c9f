"""What the roster import tests share: the headers, ID numbers with their right (or wrong) check
digit, the counts that must not move when a file is refused, and the refusal of a whole file."""
from __future__ import annotations

from models import validation as v
from models.audit import AuditLog
from models.records.estate import Room
from models.records.people import Person, Phone, RoomParty
from reports.excel.records.importer import import_file
from tests.reports.sheet_files import refused_in_chinese

ROOM_HEADER = ["楼栋", "单元", "房号", "建筑面积（㎡）", "用途", "状态"]
PEOPLE_HEADER = ["房号", "姓名", "身份", "证件类型", "证件号码", "手机", "备用电话", "与业主关系", "紧急联系人",
                 "紧急联系电话", "车牌号", "起租日期", "租期至"]


def idn(first17: str) -> str:
    """A resident ID number with its right check digit."""
    return first17 + v.id_check_digit(first17)


def wrong_check(first17: str) -> str:
    good = v.id_check_digit(first17)
    return first17 + ("1" if good != "1" else "2")


def counts():
    return (Room.select().count(), Person.select().count(), RoomParty.select().count(), Phone.select().count(),
            AuditLog.select().count())


def refused_whole(supervisor, path, kind="rooms", *words):
    return refused_in_chinese(lambda: import_file(supervisor, kind, path), *words)


def refused_quickly(supervisor, path, *words):
    import time
    import tracemalloc
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refused_whole(supervisor, path, "rooms", *words)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 3 and peak < 20 * 1024 * 1024, (elapsed, peak)
    return message

