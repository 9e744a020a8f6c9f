"""Handing a new room over (seed 000 §4.5.1; DOMAIN.md "Handover and keys"): appointment, documents,
meters, keys, defects, all in one transaction with the room's move from 空置 to 已交房."""
import datetime as dt
from decimal import Decimal

import pytest

from models.errors import Conflict, InvalidInput, NotFound
from tests.domain.handover.conftest import TODAY, handover_input


def _written():
    from models.audit import AuditLog
    from models.handover.tables import MODELS
    return AuditLog.select().count(), tuple(m.select().count() for m in MODELS)


def test_a_vacant_room_is_handed_over_and_its_buyer_becomes_its_owner(estate, vacant, handed):
    from models.handover.tables import OPEN
    from models.records.estate import HANDED_OVER, Room
    from models.records.ties import current_parties
    assert Room.get_by_id(vacant.id).state == HANDED_OVER
    assert [p.person_id for p in current_parties(vacant.id, ("owner",))] == [estate["owner"].id]
    assert handed.serial == f"JF{TODAY.year}-000001"
    assert handed.documents == "购房合同；业主身份证"
    assert sorted((k.kind, k.count) for k in handed.keys) == [("信报箱", 2), ("入户门", 3)]
    assert sorted((r.meter, r.reading) for r in handed.readings) == [
        ("electricity", Decimal("305")), ("gas", Decimal("0")), ("water", Decimal("12.5"))]
    defects = sorted(handed.defects, key=lambda d: d.location)
    assert [(d.location, d.state) for d in defects] == [("主卧", OPEN), ("客厅", OPEN)]
    assert defects[1].due_on == TODAY + dt.timedelta(days=15)       # the default: 15 days


def test_a_room_not_vacant_is_not_handed_over_again(estate, vacant, handed, clerk):
    from models.handover.handing import hand_over
    before = _written()
    with pytest.raises(Conflict, match="已交房"):
        hand_over(clerk, handover_input(estate, vacant))
    assert _written() == before


def test_the_owner_must_be_identified(estate, vacant, clerk):
    from models.handover.handing import hand_over
    from models.records import people as p
    nobody = p.create_person(clerk, p.PersonInput("王五", phones=[("13700000000", "mobile")]))
    before = _written()
    with pytest.raises(InvalidInput, match="身份证|证件"):
        hand_over(clerk, handover_input(estate, vacant, owner_id=nobody.id))
    with pytest.raises(InvalidInput, match="房产证|购房合同"):
        hand_over(clerk, handover_input(estate, vacant, deed_no=""))
    assert _written() == before


def test_someone_else_than_the_owner_on_record_is_refused(estate, clerk):
    from models.handover.handing import hand_over
    from models.records.estate import Room
    from models.records import people as p
    room = Room.get_by_id(estate["rooms"][1].id)
    p.transfer_ownership(clerk, room.id, [estate["tenant"].id], "2026-01-01", "粤房证2026-009")
    Room.update(state="vacant").where(Room.id == room.id).execute()     # the developer's buyer list, imported
    room = Room.get_by_id(room.id)
    with pytest.raises(InvalidInput, match="李娜"):
        hand_over(clerk, handover_input(estate, room))


@pytest.mark.parametrize("value, says", [("-1", "0"), ("abc", "读数"), ("1e99", "太大"), ("1e999", "太大")])
def test_a_bad_meter_reading_is_refused_and_nothing_written(estate, vacant, clerk, value, says):
    from models.handover.handing import Reading, hand_over
    before = _written()
    with pytest.raises(InvalidInput, match=says):
        hand_over(clerk, handover_input(estate, vacant, readings=[Reading("water", "SB-1301", value)]))
    assert _written() == before


def test_a_meter_never_reads_lower_than_it_did(estate, vacant, clerk):
    from models.handover.handing import Reading, hand_over, read_meter
    read_meter(clerk, vacant.id, Reading("water", "SB-1301", "20"), on=TODAY - dt.timedelta(days=3))
    before = _written()
    with pytest.raises(InvalidInput, match="20，本次 12.5 "):
        hand_over(clerk, handover_input(estate, vacant))      # water 12.5 < 20
    assert _written() == before


def test_the_handover_date_is_not_before_the_appointment_was_made(estate, vacant, clerk):
    from models.handover.handing import book, hand_over
    made = book(clerk, vacant.id, dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(10)), "张伟",
                "13812345678", estate["owner"].id)
    before = _written()
    with pytest.raises(InvalidInput, match="预约"):
        hand_over(clerk, handover_input(estate, vacant, appointment_id=made.id,
                                        handed_on=TODAY - dt.timedelta(days=2)))
    assert _written() == before
    done = hand_over(clerk, handover_input(estate, vacant, appointment_id=made.id))
    from models.handover.tables import DONE, Appointment
    assert Appointment.get_by_id(made.id).state == DONE and done.appointment_id == made.id


def test_appointments_are_listed_by_day_and_only_for_vacant_rooms(estate, vacant, clerk):
    from models.handover.handing import book, cancel, day_appointments
    tomorrow = TODAY + dt.timedelta(days=1)
    first = book(clerk, vacant.id, dt.datetime.combine(tomorrow, dt.time(9, 30)), "张伟")
    book(clerk, estate["rooms"][3].id, dt.datetime.combine(tomorrow, dt.time(8)), "赵六")
    assert [a.room.code for a in day_appointments(tomorrow)] == ["3-2-101", "3-2-1301"]
    with pytest.raises(InvalidInput):
        book(clerk, vacant.id, dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(9)), "张伟")
    with pytest.raises(Conflict, match="空置"):
        book(clerk, estate["rooms"][0].id, dt.datetime.combine(tomorrow, dt.time(9)), "张伟")
    cancel(clerk, first.id, "业主改期")
    with pytest.raises(Conflict):
        cancel(clerk, first.id, "再次取消")


def test_a_defect_is_followed_until_the_owner_confirms_the_repair(handed, clerk, engineer):
    from models.handover.handing import confirmed, late_defects, reopened, repaired
    from models.handover.tables import CONFIRMED, OPEN, Defect
    defect = sorted(handed.defects, key=lambda d: d.location)[0]
    assert defect.id not in {d.id for d in late_defects(TODAY)}
    assert defect.id in {d.id for d in late_defects(TODAY + dt.timedelta(days=11))}
    with pytest.raises(Conflict):
        confirmed(clerk, defect.id, "张伟")                     # not repaired yet
    repaired(engineer, defect.id, "更换密封胶条")
    reopened(clerk, defect.id, "仍有渗水")
    assert Defect.get_by_id(defect.id).state == OPEN
    repaired(engineer, defect.id, "重新打胶")
    confirmed(clerk, defect.id, "张伟", "已不渗水")
    assert Defect.get_by_id(defect.id).state == CONFIRMED


def test_find_handover_by_number_or_room(handed, vacant):
    from models.handover.handing import find_handover
    assert find_handover(handed.serial).id == handed.id
    assert find_handover(vacant.code).id == handed.id
    with pytest.raises(NotFound):
        find_handover("JF2026-999999")


def test_a_buyer_not_on_file_is_registered_at_the_handover(estate, vacant, clerk):
    from models.handover.handing import hand_over
    from models.records import people as p
    from models.records.ties import current_parties
    buyer = p.PersonInput("陈晓明", id_number="440304198512120023".replace("0023", "0031"),
                          phones=[("13512345678", "mobile")])
    done = hand_over(clerk, handover_input(estate, vacant, owner_id=None, new_owner=buyer))
    assert done.owner.name == "陈晓明"
    assert [party.person.name for party in current_parties(vacant.id, ("owner",))] == ["陈晓明"]


def test_a_buyer_with_a_bad_id_is_not_registered_and_nothing_written(estate, vacant, clerk):
    from models.handover.handing import hand_over
    from models.records import people as p
    from models.records.people import Person
    people = Person.select().count()
    before = _written()
    with pytest.raises(InvalidInput):
        hand_over(clerk, handover_input(estate, vacant, owner_id=None,
                                        new_owner=p.PersonInput("陈晓明", id_number="440304198512120024")))
    assert _written() == before and Person.select().count() == people


def test_the_room_s_keys_go_to_the_owner_at_the_handover(estate, vacant, clerk, supervisor):
    """The keys the office kept while the room stood vacant are handed over with it (seed 000 §5)."""
    from models.handover.handing import hand_over
    from models.handover.keys import KeyInput, LoanInput, add_key, lend, take_back
    from models.handover.tables import RETIRED, Key
    key = add_key(supervisor, KeyInput("B-013", "vacant_room", "入户门", room_id=vacant.id))
    lend(clerk, LoanInput("B-013", "苏丽", "带客户看房"))
    before = _written()
    with pytest.raises(Conflict, match="苏丽"):
        hand_over(clerk, handover_input(estate, vacant))
    assert _written() == before
    take_back(clerk, "B-013")
    done = hand_over(clerk, handover_input(estate, vacant))
    assert Key.get_by_id(key.id).state == RETIRED
    from models.audit import AuditLog
    retired = AuditLog.select().where(AuditLog.action == "cabinet_key.retire").get()
    assert done.serial in retired.summary


def test_a_meter_number_belongs_to_one_room(estate, vacant, clerk):
    from models.handover.handing import Reading, hand_over, read_meter
    read_meter(clerk, estate["rooms"][3].id, Reading("water", "SB-1301", "3"))
    before = _written()
    with pytest.raises(InvalidInput, match="3-2-101"):
        hand_over(clerk, handover_input(estate, vacant))
    assert _written() == before


def test_what_a_form_leaves_empty_is_named_before_it_is_confirmed(estate, vacant):
    from models.handover.handing import missing_on_form
    full = handover_input(estate, vacant)
    said = missing_on_form(full)
    assert said == ["证件未核验：入伙通知书、购房发票、物业服务协议、业主公约"]
    empty = handover_input(estate, vacant, documents=[], readings=[], keys=[("入户门", 0)])
    assert [line.split("：")[0] for line in missing_on_form(empty)] == ["证件未核验", "未抄表", "未交付钥匙"]


def test_a_room_typed_at_the_desk_closes_its_booked_appointment(estate, vacant, clerk):
    from models.handover.handing import book, hand_over
    from models.handover.tables import DONE, Appointment
    made = book(clerk, vacant.id, dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(10)), "张伟")
    done = hand_over(clerk, handover_input(estate, vacant))           # no appointment named
    assert done.appointment_id == made.id and Appointment.get_by_id(made.id).state == DONE
