"""The people roster (owners, co-owners, tenants, residents and their ties to rooms), a 500-room
export read back into a fresh database, and an import cancelled while it writes."""
from __future__ import annotations

import datetime as dt

import pytest

from models import db as dbmod
from models.audit import AuditLog
from models.listing import get_list
from models.records.estate import Room
from models.records.people import Person, RoomParty, Vehicle
from reports.excel.records.importer import import_file
from reports.excel.writer import export_list
from tests.reports.records.roster_files import PEOPLE_HEADER, counts, idn
from tests.reports.sheet_files import refused, xlsx


def _people_rows():
    owner, co, tenant = idn("44030519700101001"), idn("44030519720202002"), idn("43010219900303003")
    return [
        PEOPLE_HEADER,
        ["3-2-1202", "陈明", "业主", "身份证", owner, "13711112222", "0755-26661234", "", "陈红", "13622223333",
         "粤B12345", None, None],
        ["3-2-1202", "林芳", "共有人", "", co, "", "", "", "", "", "", None, None],
        ["3-2-1202", "周杰", "租户", "居民身份证", tenant, "18800001111", "", "", "", "", "", "2026-01-01",
         dt.datetime(2026, 12, 31)],
        ["3-2-1202", "陈小明", "家属", "", "", "", "", "儿子", "", "", "", None, None],
        ["3-2-1301", "陈明", "业主", "", owner, "13711112222", "", "", "", "", "", None, None],
    ]


def test_people_roster_records_people_ties_and_room_states(estate, supervisor, tmp_path):
    before = counts()
    path = xlsx(tmp_path / "people.xlsx", _people_rows())
    report = import_file(supervisor, "people", path)
    assert report.refused == [] and report.written, report.summary()
    assert (report.people_created, report.ties_created) == (4, 5)
    assert counts()[1:3] == (before[1] + 4, before[2] + 5)
    chen = Person.get(Person.name == "陈明")
    assert sorted(p.number for p in chen.phones) == ["0755-26661234", "13711112222"]
    assert [x.plate for x in Vehicle.select().where(Vehicle.person == chen)] == ["粤B12345"]
    assert (chen.emergency_name, chen.emergency_phone) == ("陈红", "13622223333")
    ties = {(t.room.code, t.person.name): t for t in RoomParty.select().where(RoomParty.created_at.is_null(False))}
    assert ties[("3-2-1202", "陈明")].role == "owner" and ties[("3-2-1301", "陈明")].role == "owner"
    assert ties[("3-2-1202", "林芳")].role == "co_owner"
    tenancy = ties[("3-2-1202", "周杰")]
    assert (tenancy.role, tenancy.start_date, tenancy.lease_end) == \
        ("tenant", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (ties[("3-2-1202", "陈小明")].role, ties[("3-2-1202", "陈小明")].relation) == ("resident", "儿子")
    # As the desk's operations would: a let room, an owned room handed over.
    assert Room.get(Room.code == "3-2-1202").state == "let"
    assert Room.get(Room.code == "3-2-1301").state == "handed_over"
    assert AuditLog.select().where(AuditLog.action == "room.let", AuditLog.summary.contains("空置 → 出租")).exists()
    assert AuditLog.select().where(AuditLog.action == "tenancy.start").count() == 2   # the fixture's and ours


def test_people_roster_refusals(estate, supervisor, tmp_path):
    before = counts()
    owner = estate["owner"]
    rows = [
        PEOPLE_HEADER,
        ["3-2-1202", "", "业主", "", idn("44030519700101001"), "", "", "", "", "", "", None, None],      # 2 no name
        ["3-2-1202", "吴刚", "租户", "", idn("44030519700101002"), "", "", "", "", "", "", "2026-12-31",
         "2026-01-01"],                                                                                   # 3 ends first
        ["3-2-1201", "郑强", "业主", "", idn("44030519700101003"), "", "", "", "", "", "", None, None],   # 4 has owner
        ["3-2-1301", "冯伟", "租户", "", idn("44030519700101004"), "", "", "", "", "", "", "2026-01-01",
         "2026-12-31"],                                                                                   # 5 no owner
        ["9-9-999", "何静", "业主", "", idn("44030519700101005"), "", "", "", "", "", "", None, None],    # 6 no room
        ["3-2-1202", "张三", "业主", "", owner.id_number, "", "", "", "", "", "", None, None],            # 7 name
        ["3-2-1201", "张伟", "住户", "", owner.id_number, "", "", "", "", "", "", None, None],            # 8 there
        ["3-2-101", "许晴", "房客", "", idn("44030519700101006"), "", "", "", "", "", "", None, None],    # 9 role
        ["3-2-101", "韩梅", "业主", "", idn("44030519700101007"), "1380000", "", "", "", "", "", None, None],  # 10
        ["3-2-101", "曹操", "业主", "", idn("44030519700101008"), "", "", "", "", "", "", None, None],    # 11 good
        ["3-2-101", "刘备", "业主", "", idn("44030519700101009"), "", "", "", "", "", "", None, None],    # 12 second
        ["3-2-101", "曹操", "共有人", "", idn("44030519700101008"), "", "", "", "", "", "", None, None],  # 13 twice
        ["3-2-101", "孙权", "业主", "", idn("44030519700101008"), "", "", "", "", "", "", None, None],    # 14 same ID
    ]
    report = import_file(supervisor, "people", xlsx(tmp_path / "bad.xlsx", rows))
    assert counts() == before
    reasons = refused(report)
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14]
    assert "姓名" in reasons[2]
    assert "2026-01-01" in reasons[3] and "早于" in reasons[3]
    assert "张伟" in reasons[4] and "过户" in reasons[4]
    assert "没有登记业主" in reasons[5]
    assert "尚未登记" in reasons[6]
    assert "张伟" in reasons[7]
    assert "已登记在" in reasons[8]
    assert "房客" in reasons[9]
    assert "1380000" in reasons[10]
    assert "第 11 行" in reasons[12] and "共有人" in reasons[12]
    assert "第 11 行" in reasons[13]
    assert "第 11 行" in reasons[14] and "曹操" in reasons[14]
    report = import_file(supervisor, "people", xlsx(tmp_path / "bad.xlsx", rows), skip_invalid=True)
    assert report.written and report.ties_created == 1
    assert RoomParty.select().join(Person).where(Person.name == "曹操").count() == 1


def test_people_already_recorded_are_linked_not_duplicated(estate, supervisor, tmp_path):
    owner = estate["owner"]
    path = xlsx(tmp_path / "p.xlsx", [["楼栋", "单元", "房号", "姓名", "证件号码"],
                                      ["3", "2", "1202", "张伟", owner.id_number]])
    before = Person.select().count()
    report = import_file(supervisor, "people", path)
    assert report.written and report.people_matched == 1 and report.people_created == 0
    assert Person.select().count() == before
    assert {t.room.code for t in RoomParty.select().where(RoomParty.person == owner)} == {"3-2-1201", "3-2-1202"}


# --- round trip ---------------------------------------------------------------------------------------

def test_500_rooms_export_then_import_into_a_fresh_database(db, supervisor, tmp_path):
    from models.records import importing
    uses = ["住宅", "商铺", "写字楼", "车位", "储藏室"]
    states = ["空置", "已交房", "装修中", "已入住", "出租"]
    records = []
    for i in range(500):
        building = "AB"[i % 2] if i % 50 == 0 else str(1 + i // 100)
        entrance = "" if i % 7 == 0 else str(1 + (i // 20) % 5)
        records.append((i + 2, {"building": building, "entrance": entrance, "room": f"{1 + i % 20}{1 + i % 4:02d}",
                                "area": f"{30 + (i * 37) % 20000 / 100:.2f}", "use": uses[i % 5],
                                "state": states[(i // 5) % 5], "note": f"备注{i}" if i % 3 else ""}))
    # Make the codes unique: one room per (building, entrance, number).
    seen, unique = set(), []
    for row, rec in records:
        key = (rec["building"], rec["entrance"], rec["room"])
        while key in seen:
            rec["room"] = str(int(rec["room"]) + 100)
            key = (rec["building"], rec["entrance"], rec["room"])
        seen.add(key)
        unique.append((row, rec))
    assert importing.import_records(supervisor, "rooms", unique).rooms_created == 500

    def rooms():
        return sorted(Room.select(Room.code, Room.number, Room.floor, Room.area_dm2, Room.use, Room.state, Room.note)
                      .tuples())

    original = rooms()
    path = tmp_path / "rooms.xlsx"
    assert export_list(get_list("rooms"), path, supervisor) == 500
    dbmod.close_database()
    dbmod.open_database(tmp_path / "fresh.db", create=True)
    report = import_file(supervisor, "rooms", path)
    assert report.refused == [] and report.rooms_created == 500, report.summary()
    assert rooms() == original


def test_a_cancelled_import_writes_nothing(db, supervisor, tmp_path):
    from models.errors import Cancelled
    rows = [["楼栋", "房号", "建筑面积"]] + [["8", str(100 + i), 50] for i in range(1499)]
    path = xlsx(tmp_path / "big.xlsx", rows)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == total == 1499:    # reported only once the rooms are inserted: cancel while writing
            raise Cancelled("取消")

    with pytest.raises(Cancelled):
        import_file(supervisor, "rooms", path, progress=progress)
    assert Room.select().count() == 0 and AuditLog.select().count() == 0
    assert (1000, 1499) in seen
    report = import_file(supervisor, "rooms", path, progress=lambda done, total: None)
    assert report.rooms_created == 1499 and Room.select().count() == 1499

