"""Estate → building (栋) → entrance (单元) → floor → room (房号)."""
from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from models import audit
from models import validation as v
from models.db import BaseModel, now, write_tx
from models.errors import Conflict, NotFound
from models.i18n import _, label_table
from models.states import Move, StateMachine

ROOM_USES = label_table("records.room_uses", {
    "residential": "Residential",
    "shop": "Shop",
    "office": "Office",
    "parking": "Parking space",
    "storage": "Storage room",
})

# 空置 / 已交房 / 装修中 / 已入住 / 出租
VACANT, HANDED_OVER, RENOVATING, OCCUPIED, LET = "vacant", "handed_over", "renovating", "occupied", "let"
ROOM_STATES = label_table("records.room_states", {
    VACANT: "Vacant",
    HANDED_OVER: "Handed over",
    RENOVATING: "Renovating",
    OCCUPIED: "Occupied",
    LET: "Let",
})


def use_label(key: str) -> str:
    return _(ROOM_USES.get(key, key))


def state_label(key: str) -> str:
    return _(ROOM_STATES.get(key, key))


def parse_use(text) -> str:
    aliases = {"住宅": "residential", "住房": "residential", "商铺": "shop", "商业": "shop", "底商": "shop",
               "写字楼": "office", "车位": "parking", "停车位": "parking", "储藏室": "storage", "杂物间": "storage"}
    return v.label_key(text, ROOM_USES, "Use", "use", aliases=aliases)


def parse_state(text) -> str:
    aliases = {"空置": VACANT, "未售": VACANT, "已交房": HANDED_OVER, "已收楼": HANDED_OVER,
               "装修": RENOVATING, "装修中": RENOVATING, "入住": OCCUPIED, "已入住": OCCUPIED,
               "自住": OCCUPIED, "出租": LET, "已出租": LET}
    return v.label_key(text, ROOM_STATES, "State", "state", aliases=aliases)


class Building(BaseModel):
    """栋: a building of the estate."""
    code = pw.CharField(max_length=6, unique=True)
    note = pw.TextField(default="")

    @property
    def label(self) -> str:
        return f"{self.code}栋"


class Entrance(BaseModel):
    """单元: an entrance (stairwell) of a building; code "" where a building has none."""
    building = pw.ForeignKeyField(Building, backref="entrances", on_delete="RESTRICT")
    code = pw.CharField(max_length=6, default="")

    class Meta:
        indexes = ((("building", "code"), True),)


class Room(BaseModel):
    """房: a room, shop or parking space with its gross area (in dm², i.e. 0.01 m²)."""
    building = pw.ForeignKeyField(Building, backref="rooms", on_delete="RESTRICT")
    entrance = pw.ForeignKeyField(Entrance, backref="rooms", on_delete="RESTRICT")
    number = pw.CharField(max_length=6, index=True)
    floor = pw.IntegerField(null=True)
    code = pw.CharField(max_length=24, unique=True)        # 3-2-1201
    area_dm2 = pw.IntegerField()
    use = pw.CharField(max_length=16, index=True)
    state = pw.CharField(max_length=16, index=True)
    note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)

    @property
    def label(self) -> str:
        """3栋2单元1201 as the office says it; a parking space is no 栋 but 车位 P1-B1022."""
        if self.use == "parking":
            return f"{use_label(self.use)} {self.code}"
        entrance = self.entrance.code if self.entrance_id else ""
        return room_label(self.building.code, entrance, self.number)

    @property
    def area(self) -> str:
        return v.format_area(self.area_dm2)


def room_label(building: str, entrance: str, number: str) -> str:
    return f"{building}栋{entrance + '单元' if entrance else ''}{number}"


def label_from_code(code: str) -> str:
    parts = v.parse_room_code(code)
    return room_label(*parts) if parts else code


@dataclass
class RoomInput:
    building: str
    entrance: str
    number: str
    area: str | float | int
    use: str = "residential"
    state: str = VACANT
    note: str = ""


def validate_room(data: RoomInput) -> dict:
    """Normalise a room's fields; raise ``InvalidInput`` naming the wrong one."""
    building = v.code_part(data.building, "Building", "building")
    entrance = v.code_part(data.entrance, "Entrance", "entrance") if v.compact(data.entrance) else ""
    number = v.code_part(data.number, "Room number", "number")
    return dict(building=building, entrance=entrance, number=number, floor=v.floor_of(number),
                code=v.room_code(building, entrance, number), area_dm2=v.area_dm2(data.area),
                use=parse_use(data.use), state=parse_state(data.state), note=v.clean_text(data.note))


def _building(code: str) -> Building:
    building = Building.get_or_none(Building.code == code)
    return building or Building.create(code=code)


def _entrance(building: Building, code: str) -> Entrance:
    entrance = Entrance.get_or_none((Entrance.building == building) & (Entrance.code == code))
    return entrance or Entrance.create(building=building, code=code)


def create_room(actor, data: RoomInput) -> Room:
    actor.require("estate.edit")
    fields = validate_room(data)
    with write_tx():
        if Room.select().where(Room.code == fields["code"]).exists():
            raise Conflict(_("Room {room} already exists.").format(room=label_from_code(fields["code"])),
                           field="number")
        building = _building(fields.pop("building"))
        entrance = _entrance(building, fields.pop("entrance"))
        room = Room.create(building=building, entrance=entrance, **fields)
        audit.record(actor, "room.create", room, after=audit.snapshot(room))
    return room


def update_room(actor, room_id: int, data: RoomInput) -> Room:
    actor.require("estate.edit")
    fields = validate_room(data)
    with write_tx():
        room = get_room(room_id)
        before = audit.snapshot(room)
        if fields["code"] != room.code and Room.select().where(Room.code == fields["code"]).exists():
            raise Conflict(_("Room {room} already exists.").format(room=label_from_code(fields["code"])),
                           field="number")
        building = _building(fields.pop("building"))
        room.building = building
        room.entrance = _entrance(building, fields.pop("entrance"))
        state = fields.pop("state")
        for key, value in fields.items():
            setattr(room, key, value)
        room.save()
        ROOM.correct(actor, room, state, _("corrected in the room's record"))
        after = audit.snapshot(room)
        if after != before:
            audit.record(actor, "room.update", room, before=before, after=after)
    return room


# A room's state changes only through these moves (the desk's operations make them), or by a
# supervisor's correction from the room dialog.
ROOM = StateMachine("room", ROOM_STATES, [
    Move("hand_over", {VACANT}, HANDED_OVER, "records.edit", "Hand over"),
    Move("move_in", {VACANT, HANDED_OVER}, OCCUPIED, "records.edit", "Move in"),
    Move("let", {VACANT, HANDED_OVER, OCCUPIED, RENOVATING}, LET, "records.edit", "Let"),
    Move("tenant_out", {LET}, HANDED_OVER, "records.edit", "Tenant moved out"),
    Move("tenant_out_household_stays", {LET}, OCCUPIED, "records.edit", "Tenant moved out, household stays"),
    Move("start_renovation", {HANDED_OVER, OCCUPIED}, RENOVATING, "records.edit", "Start renovation"),
    Move("finish_renovation", {RENOVATING}, HANDED_OVER, "records.edit", "Finish renovation"),
    Move("finish_renovation_lived_in", {RENOVATING}, OCCUPIED, "records.edit", "Finish renovation, lived in"),
], correct_permission="estate.edit")


def move_room(actor, room: Room, verb: str, reason: str, *, permission_checked: bool = False) -> None:
    """Move a room's state as an operation does (handover, move-in…), inside its transaction; a
    move that does not apply to the room's state (a second tenant of a let room) changes nothing."""
    if ROOM.next_state(room.state, verb) == room.state:
        return
    ROOM.move(actor, room, verb, summary=reason, permission_checked=permission_checked)


def get_room(room_id: int) -> Room:
    room = (Room.select(Room, Building, Entrance).join_from(Room, Building).join_from(Room, Entrance)
            .where(Room.id == room_id).first())
    if room is None:
        raise NotFound(_("No such room."))
    return room


def find_room(text) -> Room | None:
    parts = v.parse_room_code(text)
    if not parts:
        return None
    code = v.room_code(*parts)
    room = Room.get_or_none(Room.code == code)
    if room is None and parts[1] == "":
        return None
    return room


def buildings() -> list[Building]:
    return list(Building.select().order_by(pw.fn.LENGTH(Building.code), Building.code))


def state_counts() -> dict[str, int]:
    return {state: count for state, count in
            Room.select(Room.state, pw.fn.COUNT(Room.id)).group_by(Room.state).tuples()}


def occupancy_rates() -> dict[str, float]:
    """入住率 (rooms handed over or beyond / all) and 常住率 (occupied or let / all); seed 000 §4.3.11."""
    counts = state_counts()
    total = sum(counts.values()) or 1
    moved_in = counts.get(OCCUPIED, 0) + counts.get(LET, 0)
    taken = moved_in + counts.get(HANDED_OVER, 0) + counts.get(RENOVATING, 0)
    return {"occupancy": taken / total, "residency": moved_in / total, "rooms": sum(counts.values())}


def building_codes() -> list[str]:
    return [b.code for b in buildings()]
