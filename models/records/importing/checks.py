"""Checks a row cannot make alone: duplicates inside the file and clashes with the records."""
from __future__ import annotations

from models import validation as v
from models.errors import Conflict, DomainError
from models.records.estate import Room, label_from_code
from models.i18n import _
from models.records.importing.report import RosterReport
from models.records.importing.rows import Plan
from models.records.people import CO_OWNER, OWNER, TENANT, Person, RoomParty



# --- checks against the file and the database -----------------------------------------------------

def chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Checker:
    """Refuses rows that clash with an earlier row of the file or with the records."""

    def __init__(self, plans: list[Plan], report: RosterReport):
        self.report = report
        # Rows refused on their own are still checked against the file and the records, so that
        # every problem of a row is told at once; they are never taken as the first of anything.
        self.refused_rows: set[int] = {p.row for p in plans if p.problems}
        keys = {p.person_key for p in plans if p.person_key and p.person_key[0] != "row"}
        self.recorded_people: dict[tuple, tuple[int, str]] = {}
        for chunk in chunks(sorted({k[1] for k in keys})):
            query = Person.select(Person.id, Person.id_type, Person.id_number, Person.name).where(
                Person.id_number.in_(chunk))
            for pid, id_type, number, name in query.tuples():
                self.recorded_people[(id_type, number)] = (pid, name)
        self.first_in_file: dict[tuple, tuple[int, str]] = {}

    def refuse(self, plan: Plan, error: DomainError) -> None:
        plan.refuse(str(error))
        self.refused_rows.add(plan.row)

    def attempt(self, plan: Plan, check, *args) -> bool:
        """Run one check of ``plan``; a refusal is kept on the plan. True when it passed."""
        try:
            check(*args)
        except DomainError as error:
            self.refuse(plan, error)
            return False
        return True

    def person(self, plan: Plan) -> int | None:
        """The recorded person's id, or None for someone new; refuses a name that contradicts."""
        key, name = plan.person_key, plan.person["name"]
        if key in self.recorded_people:
            pid, recorded = self.recorded_people[key]
            if recorded != name:
                raise Conflict(_("ID number {number} is already recorded for {name}.").format(
                    number=v.mask_id(key[1]), name=recorded), field="id_number")
            return pid
        first = self.first_in_file.get(key)
        if first and first[1] != name:
            raise Conflict(_("ID number {number} is also on row {row}, with the name {name}.").format(
                number=v.mask_id(key[1]), row=first[0], name=first[1]), field="id_number")
        return None

    def keep_person(self, plan: Plan) -> None:
        self.first_in_file.setdefault(plan.person_key, (plan.row, plan.person["name"]))


def check_rooms_roster(plans: list[Plan], checker: Checker) -> None:
    recorded: set[str] = set()
    for chunk in chunks(sorted({p.code for p in plans if p.code})):
        recorded |= {code for (code,) in Room.select(Room.code).where(Room.code.in_(chunk)).tuples()}
    seen: dict[str, int] = {}

    def new_room(plan: Plan) -> None:
        label = label_from_code(plan.code)
        if plan.code in recorded:
            raise Conflict(_("Room {room} already exists.").format(room=label), field="room")
        if plan.code in seen:
            raise Conflict(_("Room {room} is already on row {row}.").format(room=label, row=seen[plan.code]),
                           field="room")

    for plan in plans:
        if plan.code:
            checker.attempt(plan, new_room, plan)
        if plan.person is not None:
            checker.attempt(plan, checker.person, plan)
        if plan.row in checker.refused_rows:
            continue
        seen[plan.code] = plan.row
        if plan.person is not None:
            checker.keep_person(plan)


def _rooms_and_ties(plans: list[Plan]) -> tuple[dict[str, tuple[int, str]], dict[int, list[tuple[int, str, str]]]]:
    """The rooms the rows name (code → (id, state)) and who is tied to them now (room id → (person id, role, name))."""
    rooms: dict[str, tuple[int, str]] = {}
    for chunk in chunks(sorted({p.code for p in plans if p.code})):
        for rid, code, state in Room.select(Room.id, Room.code, Room.state).where(Room.code.in_(chunk)).tuples():
            rooms[code] = (rid, state)
    ties: dict[int, list[tuple[int, str, str]]] = {}
    for chunk in chunks(sorted(rid for rid, _s in rooms.values())):
        query = (RoomParty.select(RoomParty.room, RoomParty.person, RoomParty.role, Person.name).join(Person)
                 .where(RoomParty.room.in_(chunk) & RoomParty.end_date.is_null()))
        for rid, pid, role, name in query.tuples():
            ties.setdefault(rid, []).append((pid, role, name))
    return rooms, ties


def _owners_first(plans: list[Plan], checker: Checker, rooms: dict, ties: dict, owner_row: dict[str, int]) -> None:
    """A co-owner comes with an owner, and a room is let only by its owner (move_in_tenant)."""
    owned = {code for code, (rid, _s) in rooms.items() if any(t[1] in (OWNER, CO_OWNER) for t in ties.get(rid, ()))}
    owned |= set(owner_row)
    for plan in plans:
        if plan.code not in rooms or plan.code in owned or plan.role not in (CO_OWNER, TENANT):
            continue      # (a room not recorded was said so above)
        label = label_from_code(plan.code)
        if plan.role == TENANT:
            checker.refuse(plan, Conflict(_("{room} has no owner on record; register the owner before letting it.")
                                          .format(room=label)))
        else:
            checker.refuse(plan, Conflict(_("{room} has no owner on record or in the file; a co-owner is registered "
                                            "with the owner.").format(room=label)))


def check_people_roster(plans: list[Plan], checker: Checker) -> dict[str, tuple[int, str]]:
    """Returns the rooms the rows name: code → (id, state)."""
    rooms, ties = _rooms_and_ties(plans)
    checks = _PeopleChecks(rooms, ties)
    for plan in plans:
        checks.check(plan, checker)
    _owners_first(plans, checker, rooms, ties, checks.owner_row)
    return rooms


class _PeopleChecks:
    """A people roster's rows, each checked against the records and the rows kept above it."""

    def __init__(self, rooms: dict[str, tuple[int, str]], ties: dict[int, list[tuple[int, str, str]]]):
        self.rooms, self.ties = rooms, ties
        self.listed: dict[tuple, int] = {}            # (room code, person key) → row
        self.listed_names: dict[tuple, tuple[int, bool]] = {}   # (room code, name) → (row, has a document)
        self.owner_row: dict[str, int] = {}           # room code → row of its owner in the file

    def check(self, plan: Plan, checker: Checker) -> None:
        """Every check of one row; a row that passes them all is kept."""
        recorded = bool(plan.code) and checker.attempt(plan, self.room_recorded, plan)
        pid, known = None, plan.person is not None
        if known:
            try:
                pid = checker.person(plan)
            except DomainError as error:
                checker.refuse(plan, error)
                known = False       # who the row names is in question: the checks by person wait
        if recorded and known:
            checker.attempt(plan, self.not_there_yet, plan, pid)
        if plan.code and known:
            checker.attempt(plan, self.listed_once, plan)
        if plan.code and plan.role == OWNER:
            checker.attempt(plan, self.one_owner, plan)
        if plan.row not in checker.refused_rows:
            self.keep(plan, checker)

    def keep(self, plan: Plan, checker: Checker) -> None:
        self.listed[(plan.code, plan.person_key)] = plan.row
        self.listed_names.setdefault((plan.code, plan.person["name"]), (plan.row, bool(plan.person["id_number"])))
        checker.keep_person(plan)
        if plan.role == OWNER:
            self.owner_row[plan.code] = plan.row

    def room_recorded(self, plan: Plan) -> None:
        if plan.code not in self.rooms:
            raise Conflict(_("Room {room} is not recorded; import the rooms first.").format(
                room=label_from_code(plan.code)), field="room")

    def not_there_yet(self, plan: Plan, pid: int | None) -> None:
        label, name, has_id = label_from_code(plan.code), plan.person["name"], bool(plan.person["id_number"])
        rid = self.rooms[plan.code][0]
        # Someone with no document is known only by name: the same name at the same room is the same person.
        if any(t[0] == pid if pid is not None else (not has_id and t[2] == name) for t in self.ties.get(rid, ())):
            raise Conflict(_("{name} is already recorded at {room}.").format(name=name, room=label))

    def listed_once(self, plan: Plan) -> None:
        name, has_id = plan.person["name"], bool(plan.person["id_number"])
        same_name = self.listed_names.get((plan.code, name))
        row = self.listed.get((plan.code, plan.person_key)) or (
            same_name[0] if same_name and not (has_id and same_name[1]) else None)
        if row:
            raise Conflict(_("{name} is already listed for {room} on row {row}.").format(
                name=name, room=label_from_code(plan.code), row=row))

    def one_owner(self, plan: Plan) -> None:
        label = label_from_code(plan.code)
        if plan.code in self.rooms:
            owners = [t[2] for t in self.ties.get(self.rooms[plan.code][0], ()) if t[1] == OWNER]
            if owners:
                raise Conflict(_("{room} already has an owner on record ({name}); a change of owner is a "
                                 "transfer (过户) at the desk.").format(room=label, name="、".join(owners)))
        if plan.code in self.owner_row:
            raise Conflict(_("{room} already has its owner on row {row}; list the others as co-owners "
                             "(共有人).").format(room=label, row=self.owner_row[plan.code]))
