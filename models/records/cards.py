"""业主资料卡: what the owner record card of a room shows, gathered from the records.

Plain data for ``reports.pdf.records.owner_card``; no Qt, no ReportLab. The card carries the
full ID number because the owner signs it and the office keeps it (FORMS.md).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import validation as v
from models.errors import InvalidInput, NotFound
from models.records.estate import get_room, use_label
from models.i18n import _
from models.records.people import (CO_OWNER, GENDERS, OWNER, RESIDENT, TENANT, Person, Phone, RoomParty, Vehicle,
                           current_parties, get_person)


@dataclass(frozen=True)
class CardOwner:
    """An owner or co-owner as the card prints them."""
    name: str
    gender: str              # 男 / 女 / "" (label in the current language)
    id_type: str             # 居民身份证 ...
    id_number: str           # in full: the owner signs this card
    phones: tuple[str, ...]
    employer: str
    emergency_name: str
    emergency_relation: str
    emergency_phone: str
    since: dt.date
    deed_no: str             # 房产证号

    @property
    def phone_text(self) -> str:
        return "、".join(self.phones)


@dataclass(frozen=True)
class CardResident:
    name: str
    relation: str            # to the owner, or to the tenant for a tenant's household
    phone: str


@dataclass(frozen=True)
class CardVehicle:
    plate: str
    parking_space: str
    user: str                # whose car it is


@dataclass(frozen=True)
class CardTenant:
    name: str
    phone: str
    start: dt.date
    lease_end: dt.date | None
    # 同住人: the residents of the tenant's household (RoomParty.head), who leave with the tenant.
    household: tuple[CardResident, ...] = ()

    @property
    def period(self) -> str:
        end = v.format_date_cn(self.lease_end) if self.lease_end else ""
        return f"{v.format_date_cn(self.start)}至{end}"


@dataclass(frozen=True)
class OwnerCard:
    card_no: str             # the room code (3-2-1201): the card is filed by room, reprints keep it
    room_label: str          # 3栋2单元1201
    area: str                # 89.50 (m²)
    use: str                 # 住宅 ...
    owners: tuple[CardOwner, ...]   # the owner first, then co-owners
    residents: tuple[CardResident, ...]   # 家庭成员: the owner's household, not a tenant's
    vehicles: tuple[CardVehicle, ...]
    tenants: tuple[CardTenant, ...]
    moved_in: dt.date | None        # 入住日期: the earliest current ownership began
    notes: str
    created_on: dt.date             # 建卡日期
    clerk: str                      # 经办人

    @property
    def owner(self) -> CardOwner:
        return self.owners[0]

    @property
    def co_owners(self) -> tuple[CardOwner, ...]:
        return self.owners[1:]


def _phones(person: Person) -> tuple[str, ...]:
    return tuple(p.number for p in person.phones.order_by(Phone.is_primary.desc(), Phone.id))


ALL_KINDS = frozenset({"id", "phone"})


def _owner(party: RoomParty, reveal: frozenset[str]) -> CardOwner:
    person = party.person
    phone = (lambda n: n) if "phone" in reveal else v.mask_phone
    return CardOwner(
        name=person.name, gender=_(GENDERS.get(person.gender, "")) if person.gender else "",
        id_type=_(v.ID_TYPES.get(person.id_type, person.id_type)),
        id_number=(person.id_number or "") if "id" in reveal else v.mask_id(person.id_number),
        phones=tuple(phone(n) for n in _phones(person)), employer=person.employer,
        emergency_name=person.emergency_name, emergency_relation=person.emergency_relation,
        emergency_phone=phone(person.emergency_phone), since=party.start_date, deed_no=party.document_no)


def owner_card(room_id: int, clerk: str = "", *, today: dt.date | None = None,
               reveal: frozenset[str] = ALL_KINDS) -> OwnerCard:
    """The card of a room for its current owners; ``clerk`` is who prints it (经办人).

    ``reveal`` says which personal data print in full ("id", "phone"); the rest is masked.
    ``created_on`` (建卡日期) is the day the office recorded the current ownership, not the
    day of printing: a reprint carries the same date.

    A resident of a tenant's household (``RoomParty.head`` names the tenant) is listed
    under that tenant, not among the owner's family.

    Raises ``NotFound`` for an unknown room and ``InvalidInput`` for a room with no owner.
    """
    if not isinstance(room_id, int) or isinstance(room_id, bool):
        raise InvalidInput(_("Choose a room for the owner record card."), field="room")
    room = get_room(room_id)
    parties = current_parties(room.id)
    # The owner first (a transfer names one), then co-owners in the order recorded.
    owners = sorted((p for p in parties if p.role in (OWNER, CO_OWNER)), key=lambda p: (p.role != OWNER, p.id))
    if not owners:
        raise InvalidInput(_("{room} has no owner on record, so there is no owner record card to print.").format(
            room=room.label), field="room")
    phone = (lambda n: n) if "phone" in reveal else v.mask_phone
    tenants = [p for p in parties if p.role == TENANT]
    tenant_ids = {p.person_id for p in tenants}
    residents = [p for p in parties if p.role == RESIDENT and p.head_id not in tenant_ids]
    households = {t.person_id: [p for p in parties if p.role == RESIDENT and p.head_id == t.person_id]
                  for t in tenants}
    people = [p.person for p in owners + residents]
    for t in tenants:
        people += [t.person] + [p.person for p in households[t.person_id]]

    def resident(party: RoomParty) -> CardResident:
        return CardResident(party.person.name, party.relation, phone(party.person.primary_phone))
    vehicles = (Vehicle.select(Vehicle, Person).join(Person)
                .where(Vehicle.person.in_([p.id for p in people])).order_by(Vehicle.id))
    rank = {p.id: i for i, p in reversed(list(enumerate(people)))}
    notes = [room.note] + [(f"{p.person.name}：{p.person.notes}" if len(owners) > 1 else p.person.notes)
                           for p in owners if p.person.notes]
    return OwnerCard(
        card_no=room.code,
        room_label=room.label,
        area=room.area,
        use=use_label(room.use),
        owners=tuple(_owner(p, reveal) for p in owners),
        residents=tuple(resident(p) for p in residents),
        vehicles=tuple(CardVehicle(x.plate, x.parking_space, x.person.name)
                       for x in sorted(vehicles, key=lambda x: (rank[x.person_id], x.id))),
        tenants=tuple(CardTenant(p.person.name, phone(p.person.primary_phone), p.start_date, p.lease_end,
                                 tuple(resident(r) for r in households[p.person_id]))
                      for p in tenants),
        moved_in=min(p.start_date for p in owners),
        notes="\n".join(n.strip() for n in notes if n and n.strip()),
        created_on=min(p.created_at for p in owners).date() if today is None else today,
        clerk=clerk,
    )


def owner_card_for_person(person_id: int, clerk: str = "", *, today: dt.date | None = None) -> OwnerCard:
    """The card of the first room (earliest ownership) the person owns now."""
    person = get_person(person_id)
    tie = (RoomParty.select().where((RoomParty.person == person.id) & RoomParty.end_date.is_null()
                                    & RoomParty.role.in_((OWNER, CO_OWNER)))
           .order_by(RoomParty.start_date, RoomParty.id).first())
    if tie is None:
        raise NotFound(_("{name} owns no room at present, so there is no owner record card to print.").format(
            name=person.name), field="person")
    return owner_card(tie.room_id, clerk, today=today)


def owner_card_for(actor, room_id: int) -> OwnerCard:
    """The card as ``actor`` prints it.

    The full ID number prints only for a role with ``personal.view``, and each such card
    is recorded in the audit log as a viewing; others get it masked. The computer's
    account (the command line without --user) is nobody to sign as 经办人: left blank
    for the clerk who hands the card over.
    """
    from models import audit
    from models.users import revealed
    actor.require("records.view")
    reveal = revealed(actor)
    card = owner_card(room_id, clerk=actor.name if actor.via != "cli" or actor.is_person else "", reveal=reveal)
    if "id" in reveal:
        audit.record_viewing(actor, "personal.view", entity="room", entity_id=room_id,
                             summary=_("Owner record card {room} printed with full ID numbers").format(
                                 room=card.room_label))
    return card
