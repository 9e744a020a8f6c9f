"""People (owners, co-owners, tenants, residents): their records, phones, vehicles and ID copies.

Their dated ties to rooms are kept by ``ties``.

Ownership and tenancy are history: a transfer (过户), a move-in (迁入) or a
move-out ends rows and starts new ones; nothing about the past is rewritten.
"""
from __future__ import annotations

import dataclasses

from dataclasses import dataclass, field

import peewee as pw

from models import audit
from models import validation as v
from models.db import BaseModel, now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _, label_table
from models.records.estate import Room

OWNER, CO_OWNER, TENANT, RESIDENT = "owner", "co_owner", "tenant", "resident"
PARTY_ROLES = label_table("records.party_roles", {OWNER: "Owner", CO_OWNER: "Co-owner", TENANT: "Tenant",
                                                  RESIDENT: "Resident"})
GENDERS = label_table("records.genders", {"M": "Male", "F": "Female", "": "Unknown"})
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


# The ties' operations live in ``ties``; the desk has always asked ``people`` for them.
from models.records.ties import (add_resident, current_parties, end_tie, move_in_tenant, party_history,  # noqa: E402,F401
                                 person_ties, record_id_copy, transfer_ownership)
