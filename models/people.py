"""People (owners, co-owners, tenants, residents) and their dated ties to rooms.

Ownership and tenancy are history: a transfer (过户), a move-in (迁入) or a
move-out ends rows and starts new ones; nothing about the past is rewritten.
"""
from __future__ import annotations

import dataclasses

import datetime as dt
from dataclasses import dataclass, field

import peewee as pw

from models import audit
from models import validation as v
from models.db import BaseModel, now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.estate import Room, get_room, move_room
from models.i18n import _

OWNER, CO_OWNER, TENANT, RESIDENT = "owner", "co_owner", "tenant", "resident"
PARTY_ROLES = {OWNER: "Owner", CO_OWNER: "Co-owner", TENANT: "Tenant", RESIDENT: "Resident"}
GENDERS = {"M": "Male", "F": "Female", "": "Unknown"}
PHONE_LABELS = ("mobile", "home", "work")


def party_role_label(role: str) -> str:
    return _(PARTY_ROLES.get(role, role))


def initials_of(name: str) -> str:
    """Pinyin initials (张三丰 → zsf), for finding a person by typing a few letters."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # optional: search by initials is a convenience
        return ""
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(letters).lower()[:20]


def sort_key_of(name: str) -> str:
    """How a Chinese list orders a name: by pinyin, then tone (丁 before 万, 李 before 林).

    张伟 → "zhang1 wei3|张伟". Code-point order would put 丁 after 万 and 于 before 何.
    """
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return name.lower()
    syllables = lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True, errors="default")
    return (" ".join(syllables).lower()[:90] + "|" + name)[:120]


class Person(BaseModel):
    name = pw.CharField(max_length=50, index=True)
    initials = pw.CharField(max_length=20, default="", index=True)
    sort_key = pw.CharField(max_length=120, default="", index=True)     # pinyin order (sort_key_of)
    gender = pw.CharField(max_length=1, default="")
    id_type = pw.CharField(max_length=16, default=v.ID_MAINLAND)
    id_number = pw.CharField(max_length=30, null=True)
    id_rev = pw.CharField(max_length=30, null=True, index=True)     # reversed, for "ID tail" search
    birth_date = pw.DateField(null=True)
    employer = pw.CharField(max_length=100, default="")
    emergency_name = pw.CharField(max_length=50, default="")
    emergency_relation = pw.CharField(max_length=20, default="")
    emergency_phone = pw.CharField(max_length=20, default="")
    notes = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("id_type", "id_number"), True),)

    @property
    def primary_phone(self) -> str:
        first = self.phones.order_by(Phone.is_primary.desc(), Phone.id).first()
        return first.number if first else ""


class Phone(BaseModel):
    person = pw.ForeignKeyField(Person, backref="phones", on_delete="CASCADE")
    number = pw.CharField(max_length=20)
    number_rev = pw.CharField(max_length=20, index=True)  # reversed, for "phone tail" search
    label = pw.CharField(max_length=10, default="mobile")
    is_primary = pw.BooleanField(default=False)


class Vehicle(BaseModel):
    person = pw.ForeignKeyField(Person, backref="vehicles", on_delete="CASCADE")
    plate = pw.CharField(max_length=12, index=True)
    parking_space = pw.CharField(max_length=20, default="")
    note = pw.CharField(max_length=100, default="")


class RoomParty(BaseModel):
    """A person's tie to a room over a period: owner, co-owner, tenant or resident."""
    room = pw.ForeignKeyField(Room, backref="parties", on_delete="RESTRICT")
    person = pw.ForeignKeyField(Person, backref="ties", on_delete="RESTRICT")
    role = pw.CharField(max_length=10)
    relation = pw.CharField(max_length=20, default="")     # resident's relation to the owner (or tenant)
    # A resident of a tenant's household names the tenant: they leave with the tenant.
    head = pw.ForeignKeyField(Person, null=True, backref="household", on_delete="RESTRICT")
    start_date = pw.DateField()
    end_date = pw.DateField(null=True)                     # None: current
    lease_end = pw.DateField(null=True)                    # a tenant's agreed end
    document_no = pw.CharField(max_length=60, default="")  # 房产证号 / lease number
    end_reason = pw.CharField(max_length=20, default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("room", "end_date"), False), (("person", "end_date"), False))


class IdCopy(BaseModel):
    """证件复印登记: a copy of an ID document kept, stamped 复件仅供…之用."""
    person = pw.ForeignKeyField(Person, backref="id_copies", on_delete="RESTRICT")
    room = pw.ForeignKeyField(Room, null=True, on_delete="RESTRICT")
    id_type = pw.CharField(max_length=16)
    id_number = pw.CharField(max_length=30)
    purpose = pw.CharField(max_length=60)
    taken_at = pw.DateTimeField(default=now, index=True)
    taken_by = pw.CharField(max_length=80)

    @property
    def stamp(self) -> str:
        return f"复件仅供{self.purpose}之用"


# --- input ------------------------------------------------------------------------

@dataclass
class PersonInput:
    name: str
    id_type: str = v.ID_MAINLAND
    id_number: str = ""
    gender: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)     # (number, label)
    employer: str = ""
    emergency_name: str = ""
    emergency_relation: str = ""
    emergency_phone: str = ""
    vehicles: list[tuple[str, str]] = field(default_factory=list)   # (plate, parking space)
    notes: str = ""


def validate_person(data: PersonInput) -> dict:
    """Normalise a person's fields; the first wrong one raises ``InvalidInput``."""
    out = dict(name=v.person_name(data.name))
    out["id_type"] = data.id_type or v.ID_MAINLAND
    number = v.id_document(out["id_type"], data.id_number)
    out["id_number"] = number or None
    out["id_rev"] = number[::-1] if number else None
    gender = v.clean(data.gender)
    gender = {"男": "M", "女": "F", "m": "M", "f": "F"}.get(gender, gender)
    if number and out["id_type"] == v.ID_MAINLAND:
        out["birth_date"] = v.mainland_id_birth_date(number)
        from_id = v.gender_from_id(number)
        if gender and gender != from_id:
            raise InvalidInput(_("The gender does not match the ID number (the ID number says {gender}).").format(
                gender=_(GENDERS[from_id])), field="gender")
        gender = from_id
    else:
        out["birth_date"] = None
    if gender not in GENDERS:
        raise InvalidInput(_("Gender is male, female or unknown."), field="gender")
    out["gender"] = gender
    phones = []
    for number_text, label in data.phones:
        if v.compact(number_text):
            phones.append((v.phone(number_text), label if label in PHONE_LABELS else "mobile"))
    if len({p for p, _l in phones}) != len(phones):
        raise InvalidInput(_("The same phone number is entered twice."), field="phone")
    out["phones"] = phones
    out["employer"] = v.clean_text(data.employer)[:100]
    out["emergency_name"] = v.clean_text(data.emergency_name)
    if out["emergency_name"]:
        v.person_name(out["emergency_name"], field="emergency_name")
    out["emergency_relation"] = v.clean_text(data.emergency_relation)[:20]
    out["emergency_phone"] = v.phone(data.emergency_phone, field="emergency_phone") \
        if v.compact(data.emergency_phone) else ""
    if out["emergency_phone"] and not out["emergency_name"]:
        raise InvalidInput(_("The emergency contact's phone is given without a name."), field="emergency_name")
    vehicles = []
    for plate_text, space in data.vehicles:
        if v.compact(plate_text):
            vehicles.append((v.plate(plate_text), v.clean(space)[:20]))
    out["vehicles"] = vehicles
    out["notes"] = (data.notes or "").strip()
    out["initials"] = initials_of(out["name"])
    out["sort_key"] = sort_key_of(out["name"])
    return out


def _check_unique_id(id_type: str, number: str | None, person_id: int | None = None) -> None:
    if not number:
        return
    query = Person.select().where((Person.id_type == id_type) & (Person.id_number == number))
    if person_id:
        query = query.where(Person.id != person_id)
    other = query.first()
    if other:
        raise Conflict(_("ID number {number} is already recorded for {name}.").format(
            number=v.mask_id(number), name=other.name), field="id_number")


def _person_snapshot(person: Person) -> dict:
    snap = audit.snapshot(person, exclude={"id_rev", "initials", "sort_key"})
    snap["phones"] = [p.number for p in person.phones.order_by(Phone.id)]
    snap["vehicles"] = [x.plate for x in person.vehicles.order_by(Vehicle.id)]
    return snap


def _write_phones_and_vehicles(person: Person, phones, vehicles) -> None:
    Phone.delete().where(Phone.person == person).execute()
    for i, (number, label) in enumerate(phones):
        Phone.create(person=person, number=number, number_rev=number.replace("-", "")[::-1], label=label,
                     is_primary=(i == 0))
    Vehicle.delete().where(Vehicle.person == person).execute()
    for plate, space in vehicles:
        Vehicle.create(person=person, plate=plate, parking_space=space)


def create_person(actor, data: PersonInput) -> Person:
    actor.require("records.edit")
    fields = validate_person(data)
    phones, vehicles = fields.pop("phones"), fields.pop("vehicles")
    with write_tx():
        _check_unique_id(fields["id_type"], fields["id_number"])
        person = Person.create(**fields)
        _write_phones_and_vehicles(person, phones, vehicles)
        audit.record(actor, "person.create", person, after=_person_snapshot(person))
    return person


def update_person(actor, person_id: int, data: PersonInput) -> Person:
    actor.require("records.edit")
    stored = get_person(person_id)
    if stored.id_number and data.id_number == v.mask_id(stored.id_number):
        # The form showed this role the masked number and it was left as it was.
        data = dataclasses.replace(data, id_number=stored.id_number)
    fields = validate_person(data)
    phones, vehicles = fields.pop("phones"), fields.pop("vehicles")
    with write_tx():
        person = get_person(person_id)
        before = _person_snapshot(person)
        _check_unique_id(fields["id_type"], fields["id_number"], person.id)
        for key, value in fields.items():
            setattr(person, key, value)
        person.updated_at = now()
        person.save()
        _write_phones_and_vehicles(person, phones, vehicles)
        after = _person_snapshot(person)
        if {k: x for k, x in after.items() if k != "updated_at"} != {k: x for k, x in before.items()
                                                                     if k != "updated_at"}:
            audit.record(actor, "person.update", person, before=before, after=after)
    return person


def get_person(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise NotFound(_("No such person."))
    return person


def person_input_of(person: Person, reveal: frozenset[str] | None = None) -> PersonInput:
    """The editable form of a recorded person, for the card editor.

    ``reveal`` (``users.revealed``) masks the ID number for a role that may not see it;
    ``update_person`` then keeps the recorded number when the masked one comes back.
    """
    id_number = person.id_number or ""
    if reveal is not None and "id" not in reveal:
        id_number = v.mask_id(id_number)
    return PersonInput(
        name=person.name, id_type=person.id_type, id_number=id_number, gender=person.gender,
        phones=[(p.number, p.label) for p in person.phones.order_by(Phone.is_primary.desc(), Phone.id)],
        employer=person.employer, emergency_name=person.emergency_name,
        emergency_relation=person.emergency_relation, emergency_phone=person.emergency_phone,
        vehicles=[(x.plate, x.parking_space) for x in person.vehicles.order_by(Vehicle.id)], notes=person.notes)


# --- ties to rooms ------------------------------------------------------------------

def current_parties(room_id: int, roles: tuple[str, ...] = tuple(PARTY_ROLES)) -> list[RoomParty]:
    return list(RoomParty.select(RoomParty, Person).join(Person)
                .where((RoomParty.room == room_id) & RoomParty.end_date.is_null() & RoomParty.role.in_(roles))
                .order_by(RoomParty.id))


def party_history(room_id: int) -> list[RoomParty]:
    return list(RoomParty.select(RoomParty, Person).join(Person).where(RoomParty.room == room_id)
                .order_by(RoomParty.start_date.desc(), RoomParty.id.desc()))


def person_ties(person_id: int, current_only: bool = True) -> list[RoomParty]:
    query = RoomParty.select(RoomParty, Room).join(Room).where(RoomParty.person == person_id)
    if current_only:
        query = query.where(RoomParty.end_date.is_null())
    return list(query.order_by(RoomParty.start_date.desc()))


def _require_id_on_file(person: Person, why: str) -> None:
    if not person.id_number:
        raise InvalidInput(_("{name} has no ID number on file; {why} needs the ID document.").format(
            name=person.name, why=_(why)), field="person")


def _as_date(value, field_name: str) -> dt.date:
    return v.parse_date(value, field=field_name)


def transfer_ownership(actor, room_id: int, owner_ids: list[int], on, deed_no: str, note: str = "") -> list[RoomParty]:
    """过户: the current owners' ownership ends on ``on``; the new owners' starts.

    The first person is the owner, the rest co-owners. Needs the title deed
    number (房产证号) and each new owner's ID on file (seed 004 标准3 场景一).
    A room with no owner yet gets its first owners the same way.
    """
    actor.require("records.edit")
    on = _as_date(on, "date")
    deed_no = v.clean(deed_no)
    if not owner_ids:
        raise InvalidInput(_("Choose the new owner."), field="person")
    if len(set(owner_ids)) != len(owner_ids):
        raise InvalidInput(_("The same person is named twice as owner."), field="person")
    if not deed_no:
        raise InvalidInput(_("A transfer needs the title deed (房产证) number."), field="document_no")
    with write_tx():
        room = get_room(room_id)
        people = [get_person(pid) for pid in owner_ids]
        for person in people:
            _require_id_on_file(person, "a transfer")
        current = current_parties(room.id, (OWNER, CO_OWNER))
        if current and {p.person_id for p in current} == set(owner_ids):
            raise Conflict(_("These people already own {room}.").format(room=room.label))
        for party in current:
            if on < party.start_date:
                raise InvalidInput(_("The transfer date {date} is before {name}'s ownership began ({start}).").format(
                    date=on, name=party.person.name, start=party.start_date), field="date")
        for party in current:
            RoomParty.update(end_date=on, end_reason="transfer").where(RoomParty.id == party.id).execute()
            audit.record(actor, "ownership.end", party, summary=_("transferred"),
                         before={"end_date": None}, after={"end_date": on.isoformat(), "end_reason": "transfer"})
        created = []
        for i, person in enumerate(people):
            party = RoomParty.create(room=room, person=person, role=OWNER if i == 0 else CO_OWNER,
                                     start_date=on, document_no=deed_no)
            created.append(party)
            audit.record(actor, "ownership.transfer" if current else "ownership.register", party,
                         summary=f"{room.code} {person.name} {v.clean_text(note)}".strip(), after=audit.snapshot(party))
        move_room(actor, room, "hand_over", _("owner registered"))
    return created


def move_in_tenant(actor, room_id: int, person_id: int, start, lease_end, lease_no: str = "") -> RoomParty:
    """迁入: a tenant moves in on a lease (needs the lease and the tenant's ID)."""
    actor.require("records.edit")
    start = _as_date(start, "start_date")
    lease_end = _as_date(lease_end, "lease_end")
    if lease_end < start:
        raise InvalidInput(_("The tenancy ends ({end}) before it starts ({start}).").format(end=lease_end, start=start),
                           field="lease_end")
    with write_tx():
        room = get_room(room_id)
        person = get_person(person_id)
        _require_id_on_file(person, "a move-in")
        if not current_parties(room.id, (OWNER, CO_OWNER)):
            raise Conflict(_("{room} has no owner on record; register the owner before letting it.").format(
                room=room.label))
        if RoomParty.select().where((RoomParty.room == room) & (RoomParty.person == person)
                                    & (RoomParty.role == TENANT) & RoomParty.end_date.is_null()).exists():
            raise Conflict(_("{name} is already a tenant of {room}.").format(name=person.name, room=room.label))
        party = RoomParty.create(room=room, person=person, role=TENANT, start_date=start, lease_end=lease_end,
                                 document_no=v.clean(lease_no))
        audit.record(actor, "tenancy.start", party, summary=f"{room.code} {person.name}", after=audit.snapshot(party))
        move_room(actor, room, "let", _("tenant moved in"))
    return party


def add_resident(actor, room_id: int, person_id: int, relation: str, start,
                 tenant_id: int | None = None) -> RoomParty:
    """A family member or other resident living in the room.

    ``tenant_id`` names the tenant whose household the resident belongs to;
    such a resident moves out with the tenant.
    """
    actor.require("records.edit")
    start = _as_date(start, "start_date")
    with write_tx():
        room = get_room(room_id)
        person = get_person(person_id)
        if RoomParty.select().where((RoomParty.room == room) & (RoomParty.person == person)
                                    & RoomParty.end_date.is_null()).exists():
            raise Conflict(_("{name} is already recorded at {room}.").format(name=person.name, room=room.label))
        if tenant_id is not None and not RoomParty.select().where(
                (RoomParty.room == room) & (RoomParty.person == tenant_id) & (RoomParty.role == TENANT)
                & RoomParty.end_date.is_null()).exists():
            raise Conflict(_("The household's tenant is not a current tenant of {room}.").format(room=room.label))
        party = RoomParty.create(room=room, person=person, role=RESIDENT, relation=v.clean_text(relation)[:20],
                                 start_date=start, head=tenant_id)
        audit.record(actor, "resident.add", party, summary=f"{room.code} {person.name}", after=audit.snapshot(party))
        move_room(actor, room, "move_in", _("resident moved in"))
    return party


def end_tie(actor, party_id: int, on, reason: str = "move_out") -> RoomParty:
    """迁出: a tenancy or residence ends. Ownership ends only by transfer."""
    actor.require("records.edit")
    on = _as_date(on, "date")
    with write_tx():
        party = RoomParty.get_or_none(RoomParty.id == party_id)
        if party is None:
            raise NotFound(_("No such record."))
        if party.end_date is not None:
            raise Conflict(_("This tie already ended on {date}.").format(date=party.end_date))
        if party.role in (OWNER, CO_OWNER):
            raise Conflict(_("Ownership ends only by a transfer (过户)."))
        if on < party.start_date:
            raise InvalidInput(_("The move-out date {date} is before the move-in ({start}).").format(
                date=on, start=party.start_date), field="date")
        household = []
        if party.role == TENANT:
            household = list(RoomParty.select().where(
                (RoomParty.room == party.room_id) & (RoomParty.head == party.person_id)
                & RoomParty.end_date.is_null()))
        for tie in [party] + household:
            RoomParty.update(end_date=max(on, tie.start_date), end_reason=reason).where(RoomParty.id == tie.id).execute()
            audit.record(actor, "tie.end", tie, summary=reason if tie is party else _("left with the tenant"),
                         before={"end_date": None}, after={"end_date": max(on, tie.start_date).isoformat(),
                                                           "end_reason": reason})
        room = get_room(party.room_id)
        if not current_parties(room.id, (TENANT,)):
            stays = bool(current_parties(room.id, (RESIDENT,)))
            move_room(actor, room, "tenant_out_household_stays" if stays else "tenant_out", _("tenant moved out"))
    return party


def record_id_copy(actor, person_id: int, purpose: str, room_id: int | None = None) -> IdCopy:
    """Register a copy of an ID document, with what it may be used for (seed 004 温馨贴士 A3)."""
    actor.require("records.edit")
    purpose = v.clean_text(purpose)
    if not purpose:
        raise InvalidInput(_("Say what the copy is for (复件仅供…之用)."), field="purpose")
    if len(purpose) > 60:
        raise InvalidInput(_("The purpose is longer than 60 characters."), field="purpose")
    with write_tx():
        person = get_person(person_id)
        if not person.id_number:
            raise InvalidInput(_("{name} has no ID number on file to copy.").format(name=person.name),
                               field="person")
        copy = IdCopy.create(person=person, room=room_id, id_type=person.id_type, id_number=person.id_number,
                             purpose=purpose, taken_by=actor.name)
        audit.record(actor, "idcopy.create", copy, summary=f"{person.name}: {copy.stamp}", after=audit.snapshot(copy))
    return copy
