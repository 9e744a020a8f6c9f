"""The demo's people (业主, 共有人, 租户, 住户): households room by room, with their pasts.

Owners, co-owners, families, tenants and residents are made for every room that is not
vacant, with transfers and ended tenancies behind them and the past events later steps
give paperwork to; then written in bulk with every derived column filled as
``create_person`` fills it. Registered as the demo step "people" when the records
part is loaded.
"""
from __future__ import annotations

import datetime as dt
import random

from models.records import demo_data as dd
from models import validation as v
from models.demo_context import BATCH, DemoContext, DemoEvent, DemoRoom, demo_step
from models.records.estate import HANDED_OVER, LET, OCCUPIED, RENOVATING, VACANT
from models.records.people import CO_OWNER, OWNER, RESIDENT, TENANT, Person, Phone, RoomParty, Vehicle, initials_of, sort_key_of


# --- people and their ties to rooms -------------------------------------------------


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class _Households:
    """Owners, families, tenants and their pasts, room by room (no database access)."""

    def __init__(self, ctx: DemoContext, rng: random.Random, used_ids: set[str]):
        self.ctx, self.rng, self.today = ctx, rng, ctx.today
        self.maker = dd.PersonMaker(rng, ctx.today, ctx.first_free_id(Person), used_ids)
        self.ties: list[tuple] = []
        self.investors: list[dd.NewPerson] = []     # owners who buy more than one room
        self.car_owners: list[dd.NewPerson] = []    # have a car and no parking space yet
        self.owner_since: dict[int, dt.date] = {}   # current owners, for the parking spaces they buy
        self.owner_list: list[dd.NewPerson] = []

    def tie(self, room: DemoRoom, person: dd.NewPerson, role: str, start: dt.date, *, end=None, reason="",
            relation="", lease_end=None, doc="", head=None) -> None:
        self.ties.append((room.id, person.id, role, relation, start, end, lease_end, doc, reason,
                          head.id if head is not None else None, dd.office_time(self.rng, start)))

    def event(self, kind: str, on: dt.date, room: DemoRoom, person: dd.NewPerson) -> None:
        self.ctx.events.append(DemoEvent(kind, on, room.id, person.id))

    def _ages(self, start: dt.date, youngest: int = 22, oldest: int = 72) -> dict:
        """Ages today of someone at least ``youngest`` on ``start``."""
        low = max(youngest + 3, (self.today - start).days // 365 + youngest)
        return dict(min_age=low, max_age=max(low + 10, oldest))

    def owners(self, room: DemoRoom, start: dt.date, end: dt.date | None = None):
        """The owner (and a spouse, co-owner on the deed or not) from ``start``; a transfer ends them at ``end``."""
        rng = self.rng
        spouse, co_owned = None, False
        reuse = 0.3 if room.use == "shop" else {LET: 0.3, HANDED_OVER: 0.2}.get(room.state, 0.03)
        candidate = rng.choice(self.investors) if self.investors and end is None and rng.random() < reuse else None
        if candidate is not None and candidate.age(start) >= 22:
            owner = candidate
        elif room.use == "residential" and rng.random() < (0.6 if room.state == OCCUPIED else 0.35):
            owner, spouse = self.maker.couple(start, **self._ages(start))
            # A spouse off the deed is recorded only where the family lives (as a resident).
            co_owned = end is not None or room.state != OCCUPIED or rng.random() < 0.6
        else:
            owner = self.maker.person(start, **self._ages(start))
        if owner is not candidate and rng.random() < 0.12:
            self.investors.append(owner)
        deed = dd.deed_number(rng, start.year)
        reason = "transfer" if end else ""
        self.tie(room, owner, OWNER, start, end=end, reason=reason, doc=deed)
        if co_owned:
            self.tie(room, spouse, CO_OWNER, start, end=end, reason=reason, relation=dd.SPOUSE, doc=deed)
        if end is None:
            self._current_owner(owner, start)
        return owner, spouse, co_owned

    def _current_owner(self, owner: dd.NewPerson, since: dt.date) -> None:
        if owner.id not in self.owner_since:
            self.owner_since[owner.id] = since
            self.owner_list.append(owner)

    def household(self, room: DemoRoom) -> None:
        rng, today = self.rng, self.today
        first = min(today, room.ready + _days(rng.randint(0, 120)))
        since, held = first, (today - first).days
        if room.state == RENOVATING and held > 400 and rng.random() < 0.7:
            since = today - _days(rng.randint(20, 200))         # bought second-hand, now renovating
        elif held > 800 and rng.random() < 0.08:
            since = first + _days(rng.randint(365, held - 30))   # 过户 some years after handover
        if since != first:
            self.owners(room, first, end=since)
        owner, spouse, co_owned = self.owners(room, since)
        room.owner, room.owner_since = owner.id, since
        if since != first:
            self.event("transfer", since, room, owner)
        if room.state == OCCUPIED and room.use == "residential":
            self.family(room, owner, spouse, co_owned, since)
        elif room.state == LET:
            self.tenancy(room, since)
        elif room.state == HANDED_OVER and rng.random() < 0.1:
            self.past_tenancy(room, since, today - _days(rng.randint(20, 300)))
        elif room.state == RENOVATING:
            self.event("renovation", max(since, today - _days(rng.randint(1, 60))), room, owner)

    def family(self, room, owner, spouse, co_owned, since) -> None:
        rng = self.rng
        if spouse is not None and not co_owned:
            self.tie(room, spouse, RESIDENT, since, relation=dd.SPOUSE)
        father = spouse if spouse is not None and owner.gender == "F" else owner
        mother = owner if father is spouse else (spouse or owner)
        for _i in range(rng.choices((0, 1, 2, 3), (30, 45, 22, 3) if spouse else (65, 28, 7, 0))[0]):
            child = self.maker.child(since, father, mother.born)
            if child is not None:
                self.tie(room, child, RESIDENT, child.recorded, relation=dd.CHILD)
        if rng.random() < 0.1:   # parents come to help with the grandchildren
            for _i in range(rng.choice((1, 1, 2))):
                came = min(self.today, since + _days(rng.randint(0, 1000)))
                parent = self.maker.parent(came, owner)
                if parent is not None:
                    self.tie(room, parent, RESIDENT, came, relation=dd.PARENT)
        if rng.random() < 0.45:
            driver = spouse if spouse is not None and rng.random() < 0.3 else owner
            self.maker.car(driver)
            self.car_owners.append(driver)

    def tenancy(self, room: DemoRoom, since: dt.date) -> None:
        """The current tenant on a lease (1-3 years), and before them perhaps one who moved out."""
        rng, today = self.rng, self.today
        years = rng.choices((1, 2, 3), (60, 30, 10))[0]
        lease_end = today + _days(rng.randint(15, 365 * years - 15))
        start = lease_end - _days(365 * years - 1)
        if start < since:
            start = min(today, since + _days(rng.randint(7, 60)))
            lease_end = max(lease_end, start + _days(364))
        elif rng.random() < 0.05:   # the lease ran out and the renewal has not been brought in yet
            shift = lease_end - (today - _days(rng.randint(1, 60)))
            if start - shift >= since:
                start, lease_end = start - shift, lease_end - shift
        if (start - since).days > 400 and rng.random() < 0.5:
            self.past_tenancy(room, since, start - _days(rng.randint(1, 45)))
        partner = None
        if room.use == "residential" and rng.random() < 0.3:
            tenant, partner = self.maker.couple(start, **self._ages(start, oldest=60))
        else:
            tenant = self.maker.person(start, **self._ages(start, oldest=60))
            if room.use == "shop":
                tenant.employer = "个体经营"
        self.tie(room, tenant, TENANT, start, lease_end=lease_end, doc=dd.lease_number(rng, start.year))
        if partner is not None:
            self.tie(room, partner, RESIDENT, start, relation=dd.TENANT_FAMILY[dd.SPOUSE], head=tenant)
            if rng.random() < 0.3:
                father = tenant if tenant.gender == "M" else partner
                child = self.maker.child(start, father, (partner if father is tenant else tenant).born)
                if child is not None:
                    self.tie(room, child, RESIDENT, child.recorded, relation=dd.TENANT_FAMILY[dd.CHILD], head=tenant)
        room.tenant, room.tenant_since, room.lease_end = tenant.id, start, lease_end
        self.event("move_in", start, room, tenant)
        if rng.random() < 0.25:
            self.maker.car(tenant)

    def past_tenancy(self, room: DemoRoom, since: dt.date, until: dt.date) -> None:
        """A tenancy that ended (迁出) on or before ``until``: the tenant moved out, goods released."""
        rng = self.rng
        span = (until - since).days
        if span < 200:
            return
        years = rng.choice((1, 1, 2))
        length = min(365 * years - 1, span - 1)
        start = until - _days(rng.randint(min(length, 180), length))
        lease_end = start + _days(365 * years - 1)
        end = min(until, lease_end)
        tenant = self.maker.person(start, **self._ages(start, oldest=60))
        self.tie(room, tenant, TENANT, start, end=end, reason="move_out", lease_end=lease_end,
                 doc=dd.lease_number(rng, start.year))
        if room.use == "residential" and rng.random() < 0.3:
            partner = self.maker.person(start, gender="F" if tenant.gender == "M" else "M", born=tenant.born)
            self.tie(room, partner, RESIDENT, start, end=end, reason="move_out",
                     relation=dd.TENANT_FAMILY[dd.SPOUSE], head=tenant)
        self.event("move_out", end, room, tenant)

    def parking_space(self, room: DemoRoom) -> None:
        """A space bought by a household with a car (车位), which then parks there."""
        rng = self.rng
        if self.car_owners:
            i = rng.randrange(len(self.car_owners))
            self.car_owners[i], self.car_owners[-1] = self.car_owners[-1], self.car_owners[i]
            buyer = self.car_owners.pop()
        elif self.owner_list:
            buyer = self.owner_list[rng.randrange(len(self.owner_list))]
        else:
            buyer = self.maker.person(room.ready, **self._ages(room.ready))
        since = min(self.today, max(room.ready, self.owner_since.get(buyer.id, buyer.recorded))
                    + _days(rng.randint(0, 200)))
        self.tie(room, buyer, OWNER, since, doc=dd.deed_number(rng, since.year))
        room.owner, room.owner_since = buyer.id, since
        self._current_owner(buyer, since)
        space = next((car for car in buyer.vehicles if not car[1]), None)
        if space is not None:
            space[1] = room.code
            self.event("parking", since, room, buyer)


@demo_step("people", order=30, weight=8)
def _people_step(ctx: DemoContext) -> None:
    rng = ctx.rng("people")
    used = {n for (n,) in Person.select(Person.id_number).where(Person.id_number.is_null(False)).tuples()}
    homes = _Households(ctx, rng, used)
    todo = [room for room in ctx.rooms if room.state != VACANT]
    # Progress: rooms make the first half, writing people the next 45%, ties the rest (per mille).
    for i, room in enumerate(todo):
        if room.use == "parking":
            homes.parking_space(room)
        else:
            homes.household(room)
        if i % 500 == 0:
            ctx.advance(500 * i // len(todo), 1000)
    people = homes.maker.people
    ctx.reserve_ids(Person, len(people))
    ctx.people.update((p.id, p) for p in people)
    writer = _PeopleWriter(ctx)
    for start in range(0, len(people), BATCH):
        writer.write(people[start:start + BATCH])
        ctx.advance(500 + 450 * min(start + BATCH, len(people)) // max(len(people), 1), 1000)
    ctx.audit_table(Phone)
    ctx.audit_table(Vehicle)
    ctx.insert(RoomParty, [RoomParty.room, RoomParty.person, RoomParty.role, RoomParty.relation,
                           RoomParty.start_date, RoomParty.end_date, RoomParty.lease_end, RoomParty.document_no,
                           RoomParty.end_reason, RoomParty.head, RoomParty.created_at],
               sorted(homes.ties, key=lambda t: t[-1]))   # in the order the desk recorded them
    ctx.audit_table(RoomParty)



class _PeopleWriter:
    """Person, phone and vehicle rows with their derived columns, as ``create_person`` writes them."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.keys: dict[str, tuple[str, str]] = {}   # pypinyin is the slow part, and names repeat
        self.clock = ctx.rng("people/recorded")

    def write(self, people: list[dd.NewPerson]) -> None:
        rows, phones, vehicles = [], [], []
        for p in people:
            if p.name not in self.keys:
                self.keys[p.name] = (initials_of(p.name), sort_key_of(p.name))
            mainland = p.id_type == v.ID_MAINLAND
            created = dd.office_time(self.clock, p.recorded)
            rows.append((p.id, p.name, *self.keys[p.name], p.gender, p.id_type, p.id_number, p.id_number[::-1],
                         p.born if mainland else None, p.employer, *p.emergency, p.notes, created, created))
            for i, (number, label) in enumerate(p.phones):
                phones.append((p.id, number, number.replace("-", "")[::-1], label, i == 0))
            vehicles += [(p.id, plate, space, note) for plate, space, note in p.vehicles]
        ctx = self.ctx
        ctx.insert(Person, [Person.id, Person.name, Person.initials, Person.sort_key, Person.gender, Person.id_type,
                            Person.id_number, Person.id_rev, Person.birth_date, Person.employer,
                            Person.emergency_name, Person.emergency_relation, Person.emergency_phone, Person.notes,
                            Person.created_at, Person.updated_at], rows)
        ctx.insert(Phone, [Phone.person, Phone.number, Phone.number_rev, Phone.label, Phone.is_primary], phones)
        ctx.insert(Vehicle, [Vehicle.person, Vehicle.plate, Vehicle.parking_space, Vehicle.note], vehicles)
        ctx.audit_each("person.create", Person, [p.id for p in people])
