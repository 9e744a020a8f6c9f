"""The records' demo: a realistic estate, valid, audited, deterministic, and never over real records."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from models import db as dbmod
from models import demo
from models import validation as v
from models.audit import AuditLog
from models.errors import Conflict
from models.records.estate import LET, VACANT, Room, RoomInput, validate_room
from models.records.people import (CO_OWNER, OWNER, RESIDENT, TENANT, IdCopy, Person, Phone, RoomParty, Vehicle,
                                   initials_of)
from models.records.search import search
from models.users import User

ROOMS = 300


@pytest.fixture
def office(db, admin):
    """A generated 300-room office."""
    return demo.generate(admin, ROOMS, seed=11)


def _current(role):
    return RoomParty.select().where((RoomParty.role == role) & RoomParty.end_date.is_null())


def test_demo_fills_an_office(office):
    assert Room.select().count() == ROOMS == office.rooms
    people = Person.select().count()
    assert people == office.people
    assert 1.6 * ROOMS <= people <= 2.5 * ROOMS          # about two people a room
    uses = Counter(use for (use,) in Room.select(Room.use).tuples())
    assert uses["residential"] > 0.8 * ROOMS and uses["parking"] > 0
    states = Counter(state for (state,) in Room.select(Room.state).tuples())
    assert states["occupied"] > 0.5 * ROOMS                 # mostly occupied
    assert all(states[s] > 0 for s in ("vacant", "handed_over", "renovating", "let"))
    assert office.counts["building"] == office.buildings >= 2
    roles = Counter(role for (role,) in _current(RESIDENT).select(RoomParty.relation).tuples())
    assert {"配偶", "子女"} <= set(roles)
    assert _current(CO_OWNER).count() > 0
    assert Vehicle.select().where(Vehicle.parking_space != "").count() > 0


def test_rooms_are_numbered_and_measured_as_entered_by_hand(office):
    for room in Room.select():
        data = validate_room(RoomInput(room.building.code, room.entrance.code, room.number,
                                       v.format_area(room.area_dm2), room.use, room.state))
        assert (data["code"], data["floor"], data["area_dm2"]) == (room.code, room.floor, room.area_dm2)
        area = room.area_dm2 / 100
        if room.use == "residential":
            assert 60 <= area <= 180
        elif room.use == "parking":
            assert 11 <= area <= 15
    numbers = {number for (number,) in Room.select(Room.number).where(Room.use == "residential").tuples()}
    assert {"101", "102", "601"} <= numbers


def test_every_room_held_has_one_owner_and_vacant_rooms_none(office):
    owners = Counter(rid for (rid,) in _current(OWNER).select(RoomParty.room).tuples())
    for rid, state in Room.select(Room.id, Room.state).tuples():
        assert owners[rid] == (0 if state == VACANT else 1), (rid, state)


def test_tenants_only_on_let_rooms_with_a_lease(office):
    let = {rid for (rid,) in Room.select(Room.id).where(Room.state == LET).tuples()}
    tenants = list(_current(TENANT))
    assert {t.room_id for t in tenants} == let
    for tie in RoomParty.select().where(RoomParty.role == TENANT):
        assert tie.lease_end >= tie.start_date and tie.document_no.startswith("ZL")
        assert tie.end_date is None or tie.end_date >= tie.start_date


def test_people_have_valid_ids_phones_and_derived_columns(office):
    for person in Person.select():
        assert v.id_document(person.id_type, person.id_number) == person.id_number
        assert person.id_rev == person.id_number[::-1]
        assert person.initials == initials_of(person.name)
        v.person_name(person.name)
        if person.id_type == v.ID_MAINLAND:
            assert person.gender == v.gender_from_id(person.id_number)
            assert person.birth_date == v.mainland_id_birth_date(person.id_number)
        if person.emergency_phone:
            assert v.phone(person.emergency_phone) == person.emergency_phone and person.emergency_name
    numbers = Counter(p.id_number for p in Person.select(Person.id_number))
    assert max(numbers.values()) == 1
    for phone in Phone.select():
        assert v.phone(phone.number) == phone.number
        assert phone.number_rev == phone.number.replace("-", "")[::-1]
    primaries = Counter(pid for (pid,) in Phone.select(Phone.person).where(Phone.is_primary == True).tuples())  # noqa
    assert set(primaries.values()) == {1}
    for vehicle in Vehicle.select():
        assert v.plate(vehicle.plate) == vehicle.plate
    labels = {label for (label,) in Phone.select(Phone.label).tuples()}
    assert {"mobile", "home"} <= labels


def test_histories_present(office):
    ended_owners = list(RoomParty.select().where((RoomParty.role == OWNER) & RoomParty.end_date.is_null(False)))
    assert ended_owners and all(t.end_reason == "transfer" for t in ended_owners)
    for old in ended_owners:      # a transfer: the new owner starts the day the old one ends
        new = _current(OWNER).where(RoomParty.room == old.room_id).get()
        assert new.start_date == old.end_date and new.person_id != old.person_id
    moved_out = RoomParty.select().where((RoomParty.role == TENANT) & RoomParty.end_date.is_null(False))
    assert moved_out.count() > 0 and all(t.end_reason == "move_out" for t in moved_out)
    copies = list(IdCopy.select(IdCopy, Person).join(Person))
    assert {c.purpose for c in copies} >= {"办理过户", "办理装修", "办理物品放行", "办理停车卡"}
    for copy in copies:
        assert copy.id_number == copy.person.id_number and copy.stamp.startswith("复件仅供")
    assert all(t.start_date <= dt.date.today() for t in RoomParty.select())


def test_every_room_and_person_audited_as_the_generating_user(office, admin):
    for model, entity in ((Room, "room"), (Person, "person")):
        audited = {eid for (eid,) in AuditLog.select(AuditLog.entity_id).where(AuditLog.entity == entity).tuples()}
        assert {i for (i,) in model.select(model.id).tuples()} <= audited
    actors = {name for (name,) in AuditLog.select(AuditLog.actor_name).where(AuditLog.entity == "room").tuples()}
    assert actors == {admin.name}
    assert AuditLog.select().where((AuditLog.action == "demo.generate") & (AuditLog.entity == "demo")).count() == 1


def test_search_finds_demo_people(office):
    person = Person.select().join(Phone).order_by(Person.id).first()
    assert any(h.id == person.id for h in search(person.name))
    assert any(h.id == person.id for h in search(person.initials))
    tail = person.phones.first().number.replace("-", "")[-6:]
    assert any(h.id == person.id for h in search(tail))


def _snapshot():
    return (list(Room.select(Room.code, Room.area_dm2, Room.use, Room.state, Room.note).order_by(Room.id).tuples()),
            list(Person.select(Person.name, Person.id_number, Person.employer, Person.emergency_name,
                               Person.created_at).order_by(Person.id).tuples()),
            list(Phone.select(Phone.person, Phone.number).order_by(Phone.id).tuples()),
            list(RoomParty.select(RoomParty.room, RoomParty.person, RoomParty.role, RoomParty.start_date,
                                  RoomParty.end_date, RoomParty.lease_end, RoomParty.document_no)
                 .order_by(RoomParty.id).tuples()),
            list(IdCopy.select(IdCopy.person, IdCopy.purpose, IdCopy.taken_at).order_by(IdCopy.id).tuples()))


def test_deterministic_by_seed(tmp_path, admin):
    day = dt.date(2026, 6, 15)
    snapshots = []
    for name, seed in (("a.db", 5), ("b.db", 5), ("c.db", 6)):
        dbmod.open_database(tmp_path / name, create=True)
        demo.generate(admin, 120, seed=seed, today=day)
        snapshots.append(_snapshot())
        dbmod.close_database()
    assert snapshots[0] == snapshots[1]
    assert snapshots[0][1] != snapshots[2][1]


def test_refused_on_a_populated_database_with_nothing_changed(estate, admin):
    tables = (Room, Person, RoomParty, User, AuditLog, IdCopy)
    before = [m.select().count() for m in tables]
    with pytest.raises(Conflict) as refused:
        demo.generate(admin, 50)
    assert "已有楼栋和房间" in str(refused.value) and "空数据库" in str(refused.value)
    assert [m.select().count() for m in tables] == before


@pytest.mark.postgres
def test_demo_and_check_on_postgres(empty_pg_url):
    """Explicit ids on PostgreSQL: the sequences must move past them, and the checks run there too."""
    from models import check
    from models.records import estate as e
    from models.users import ADMIN, Actor
    dbmod.open_database(empty_pg_url, create=True)
    actor = Actor("管理员", ADMIN)
    summary = demo.generate(actor, 200, seed=9)
    assert Room.select().count() == 200 and Person.select().count() == summary.people
    assert [f for f in check.run_checks() if f.level != check.OK] == []
    room = e.create_room(actor, e.RoomInput("99", "", "101", "80"))
    assert room.id == 201
    with pytest.raises(Conflict):
        demo.generate(actor, 20)
