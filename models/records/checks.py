"""The records' integrity checks (数据检查: 档案): what the estate and its people must always say.

Each stored ID number passes the check a clerk's entry passes and its derived columns follow it;
phones are in their standard form with matching search keys; pinyin initials and sort keys follow
the names; a room has one current owner; ties and leases do not end before they start; let rooms
have a tenant and only they do; every room and person is named in the audit log; and a summary of
the records. Registered with ``models.check.register_check`` when the records part is imported.
"""
from __future__ import annotations

import peewee as pw

from models import validation as v
from models.audit import AuditLog
from models.check import ERROR, OK, WARNING, Finding, finding, must_be_audited, query_finding, register_check
from models.errors import InvalidInput
from models.i18n import _
from models.records.estate import LET, Room, label_from_code
from models.records.people import OWNER, TENANT, Person, Phone, RoomParty, initials_of, sort_key_of


def _person(pid: int, name: str, reason: str = "") -> str:
    text = _("{name} (No. {id})").format(name=name, id=pid)
    return _("{what}: {reason}").format(what=text, reason=reason.rstrip("。.")) if reason else text


# --- people -----------------------------------------------------------------------


@register_check("people.id_numbers", "ID numbers", order=100)
def _id_numbers() -> list[Finding]:
    """Each stored number passes the check a clerk's entry passes, and its derived columns follow it."""
    invalid, mismatch, bad_rev = [], [], []
    query = Person.select(Person.id, Person.name, Person.id_type, Person.id_number, Person.id_rev, Person.gender,
                          Person.birth_date).tuples()
    for pid, name, id_type, number, rev, gender, born in query.iterator():
        if not number:
            if rev:
                bad_rev.append(_person(pid, name))
            continue
        try:
            normal = v.id_document(id_type, number)
        except InvalidInput as exc:
            invalid.append(_person(pid, name, str(exc)))
            continue
        if normal != number:
            invalid.append(_person(pid, name, _("not in the standard form ({number})").format(number=normal)))
        if rev != number[::-1]:
            bad_rev.append(_person(pid, name))
        if id_type == v.ID_MAINLAND and (gender != v.gender_from_id(number)
                                         or born != v.mainland_id_birth_date(number)):
            mismatch.append(_person(pid, name))
    return (finding(ERROR, _("{count} people have an invalid ID number: {examples}"), invalid)
            + finding(ERROR, _("{count} people have a gender or birth date that does not match their ID number: "
                                "{examples}"), mismatch)
            + finding(ERROR, _("{count} people have an ID search key that does not match their ID number "
                                "(searching by the last digits will miss them): {examples}"), bad_rev))


@register_check("people.initials", "Pinyin initials of names", order=110)
def _initials() -> list[Finding]:
    if not initials_of("张"):
        return [Finding(WARNING, _("Pinyin initials cannot be checked: the pypinyin package is not installed."))]
    expected: dict[str, tuple[str, str]] = {}
    wrong, unsorted = [], []
    for pid, name, initials, key in Person.select(Person.id, Person.name, Person.initials,
                                                   Person.sort_key).tuples().iterator():
        if name not in expected:
            expected[name] = (initials_of(name), sort_key_of(name))
        if initials != expected[name][0]:
            wrong.append(_person(pid, name))
        if key != expected[name][1]:
            unsorted.append(_person(pid, name))
    return (finding(WARNING, _("{count} people have pinyin initials that do not match their name "
                                "(searching by initials will miss them): {examples}"), wrong)
            + finding(WARNING, _("{count} people have a pinyin sort key that does not match their name "
                                  "(lists will show them out of order): {examples}"), unsorted))


def _normal_phone(number: str) -> str | None:
    try:
        return v.phone(number)
    except InvalidInput:
        return None


@register_check("people.phones", "Phone numbers", order=120)
def _phones() -> list[Finding]:
    unusual, bad_rev = [], []
    query = (Phone.select(Phone.number, Phone.number_rev, Person.id, Person.name).join(Person).tuples())
    for number, rev, pid, name in query.iterator():
        if _normal_phone(number) != number:
            unusual.append(_person(pid, name, number))
        if rev != number.replace("-", "")[::-1]:
            bad_rev.append(_person(pid, name, number))
    emergency = [_person(pid, name, number) for pid, name, number in
                 Person.select(Person.id, Person.name, Person.emergency_phone)
                 .where(Person.emergency_phone != "").tuples().iterator()
                 if _normal_phone(number) != number]
    primaries = (Phone.select(Phone.person, Person.name).join(Person).group_by(Phone.person, Person.name)
                 .having(pw.fn.SUM(pw.Case(None, [(Phone.is_primary == True, 1)], 0)) != 1))  # noqa: E712
    return (finding(ERROR, _("{count} phone numbers are not in the standard form: {examples}"), unusual)
            + finding(ERROR, _("{count} phone numbers have a search key that does not match the number "
                                "(searching by the last digits will miss them): {examples}"), bad_rev)
            + finding(ERROR, _("{count} emergency-contact phones are not in the standard form: {examples}"),
                       emergency)
            + query_finding(WARNING, _("{count} people with phones have no primary phone, or more than one: "
                                        "{examples}"), primaries, lambda row: _person(*row)))


# --- ties to rooms ------------------------------------------------------------------


def _tie_label(row: tuple) -> str:
    code, name = row
    return f"{label_from_code(code)} {name}"


@register_check("ties.owners", "Current owner of each room", order=200)
def _two_owners() -> list[Finding]:
    rooms = (RoomParty.select(Room.code).join(Room)
             .where((RoomParty.role == OWNER) & RoomParty.end_date.is_null())
             .group_by(Room.id, Room.code).having(pw.fn.COUNT(RoomParty.id) > 1))
    return query_finding(ERROR, _("{count} rooms have more than one current owner: {examples}"), rooms,
                          lambda row: label_from_code(row[0]))


@register_check("ties.dates", "Dates of ties and leases", order=210)
def _tie_dates() -> list[Finding]:
    def ties(condition):
        return (RoomParty.select(Room.code, Person.name).join_from(RoomParty, Room).join_from(RoomParty, Person)
                .where(condition).order_by(RoomParty.id))
    return (query_finding(ERROR, _("{count} ties to rooms end before they start: {examples}"),
                           ties(RoomParty.end_date < RoomParty.start_date), _tie_label)
            + query_finding(ERROR, _("{count} tenancies have a lease that ends before it starts: {examples}"),
                             ties((RoomParty.role == TENANT) & (RoomParty.lease_end < RoomParty.start_date)),
                             _tie_label))


@register_check("rooms.let", "Rooms let and their tenants", order=220)
def _let_rooms() -> list[Finding]:
    tenanted = RoomParty.select(RoomParty.room).where((RoomParty.role == TENANT) & RoomParty.end_date.is_null())
    def rooms(condition):
        return Room.select(Room.code).where(condition).order_by(Room.code)
    describe = lambda row: label_from_code(row[0])  # noqa: E731
    return (query_finding(WARNING, _("{count} rooms are let but have no current tenant: {examples}"),
                           rooms((Room.state == LET) & Room.id.not_in(tenanted)), describe)
            + query_finding(WARNING, _("{count} rooms have a current tenant but are not in the state “let”: "
                                        "{examples}"), rooms((Room.state != LET) & Room.id.in_(tenanted)), describe))


# --- audit trail and summary ----------------------------------------------------------

must_be_audited(Room, (Room.code,), lambda row: label_from_code(row[0]),
                lambda: _("{count} rooms have no entry in the audit log: {examples}"))
must_be_audited(Person, (Person.id, Person.name), lambda row: _person(*row),
                lambda: _("{count} people have no entry in the audit log: {examples}"))


@register_check("summary", "Record counts", order=1000)
def _summary() -> list[Finding]:
    def current(role):
        return RoomParty.select().where((RoomParty.role == role) & RoomParty.end_date.is_null()).count()
    return [Finding(OK, _("Records: {rooms} rooms, {people} people, {owners} current owners, {tenants} current "
                          "tenants, {audit} audit entries.").format(
        rooms=Room.select().count(), people=Person.select().count(), owners=current(OWNER),
        tenants=current(TENANT), audit=AuditLog.select().count()))]
