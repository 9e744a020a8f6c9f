"""The handover part's papers as printed, gathered from the database (plain frozen data, no ReportLab).

``handover_for`` (交房确认单), ``keytags_for`` (钥匙牌), ``loan_for`` (钥匙借用单), ``register_for``
(钥匙登记簿) and ``appointments_for`` (交房预约表) are what a printout asks for, from the window or the
command line alike: each checks that the actor may see what it prints and gathers what the paper shows.
Printed words are Chinese whatever the screen language (FORMS.md), so the labels of kinds and states
are the office's Chinese here, not the screen's translation.

Personal data on paper as the office needs it (FORMS.md): the handover form is signed by the owner and
kept with the ID copy, so it shows the full ID number to a role that may see it (each such print is
recorded as a viewing, as the owner card's is); phone numbers print in full only for a role that may
see them, masked otherwise.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models import settings
from models import validation as v
from models.errors import NotFound
from models.handover.handing import checklist, shown_reading
from models.handover.tables import (ENTRUSTED, LOST, OUT, RETIRED, Appointment, Defect, Handover, HandoverKey, Key,
                                    KeyLoan, MeterReading)
from models.i18n import _
from models.records.estate import Building, Entrance, Room
from models.records.people import OWNER, Person, RoomParty

PRINTED_METERS = {"water": "水表", "electricity": "电表", "gas": "燃气表"}
METER_UNITS = {"water": "吨", "electricity": "度", "gas": "立方米"}
PRINTED_DEPARTMENTS = {"engineering": "工程部", "developer": "开发商", "contractor": "施工单位", "cleaning": "保洁部",
                       "security": "保安部"}
PRINTED_KEY_KINDS = {"vacant_room": "空置房", "entrusted": "业主委托", "public": "公共区域", "plant": "设备房"}
PRINTED_KEY_STATES = {"in": "在柜", "out": "借出", "lost": "遗失", "retired": "已退还"}
PRINTED_BORROWERS = {"staff": "员工", "contractor": "施工单位", "owner": "业主"}
PRINTED_APPOINTMENT_STATES = {"booked": "已预约", "done": "已交房", "cancelled": "已取消", "missed": "未到"}
PRINTED_ID_TYPES = {"mainland_id": "居民身份证", "passport": "护照", "hk_macau": "港澳居民来往内地通行证",
                    "taiwan": "台湾居民来往大陆通行证", "foreign_pr": "外国人永久居留身份证", "other": "其他证件"}


def key_unit(kind: str) -> str:
    """What a thing handed over is counted in: a card (单元门禁卡) 张, a remote control 个, a key 把."""
    return "张" if "卡" in kind else "个" if "遥控" in kind else "把"


def _moment(value: dt.datetime | None) -> str:
    """2026年11月24日 10:05; "" for none."""
    return f"{v.format_date_cn(value)} {value:%H:%M}" if value else ""


def _phone(actor):
    from models.users import revealed
    return (lambda n: n or "") if "phone" in revealed(actor) else v.mask_phone


def _rooms(ids) -> dict[int, str]:
    """Rooms' printed names (3栋2单元1301) in one query."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    rows = (Room.select(Room, Building, Entrance).join_from(Room, Building).join_from(Room, Entrance)
            .where(Room.id.in_(ids)))
    return {room.id: room.label for room in rows}


# --- 交房确认单 -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedReading:
    meter: str                  # 水表 / 电表 / 燃气表
    meter_no: str
    reading: str                # as the meter shows it: 1234.5
    unit: str                   # 吨 / 度 / 立方米


@dataclass(frozen=True)
class PrintedDefect:
    location: str
    description: str
    department: str             # 工程部 …
    due_on: dt.date


@dataclass(frozen=True)
class PrintedHandover:
    """交房确认单: the handover as the owner signs it; two copies, the office's and the owner's."""
    serial: str                 # JF2026-000012
    office: str
    room_label: str             # 3栋2单元1301
    area: str                   # 89.50 (m²)
    owner_name: str
    owner_id: str               # 居民身份证 110101199003077774 (masked for a role that may not see it)
    owner_phone: str
    deed_no: str                # the purchase contract or title deed the owner was registered with
    handed_on: dt.date
    appointment_at: dt.datetime | None
    documents: tuple[tuple[str, bool], ...]     # every item of the checklist, checked or not
    readings: tuple[PrintedReading, ...]
    keys: tuple[tuple[str, int, str], ...]      # (入户门, 3, 把), (单元门禁卡, 2, 张): the kind, count, unit
    defects: tuple[PrintedDefect, ...]
    clerk: str
    note: str

    @property
    def key_totals(self) -> tuple[tuple[int, str], ...]:
        """The things handed over summed by unit, in the order first met: ((5, 把), (2, 张))."""
        totals: dict[str, int] = {}
        for _kind, count, unit in self.keys:
            totals[unit] = totals.get(unit, 0) + count
        return tuple((count, unit) for unit, count in totals.items())


def _documents(handover: Handover) -> tuple[tuple[str, bool], ...]:
    checked = [d for d in (handover.documents or "").split("；") if d]
    items = checklist()
    # A document checked then but since dropped from the checklist is still on this form.
    return tuple((item, item in checked) for item in items + [d for d in checked if d not in items])


def _readings(handover: Handover) -> tuple[PrintedReading, ...]:
    order = {meter: i for i, meter in enumerate(PRINTED_METERS)}
    rows = sorted(MeterReading.select().where(MeterReading.handover == handover.id),
                  key=lambda r: (order.get(r.meter, 9), r.id))
    return tuple(PrintedReading(PRINTED_METERS.get(r.meter, r.meter), r.meter_no, shown_reading(r.reading),
                                METER_UNITS.get(r.meter, "")) for r in rows)


def _deed(handover: Handover) -> str:
    tie = (RoomParty.select(RoomParty.document_no).where(
        (RoomParty.room == handover.room_id) & (RoomParty.person == handover.owner_id) & (RoomParty.role == OWNER))
        .order_by(RoomParty.start_date.desc(), RoomParty.id.desc()).first())
    return tie.document_no if tie else ""


def handover_document(handover_id: int, reveal: frozenset[str] = frozenset()) -> PrintedHandover:
    """The form of one handover; ``reveal`` says which personal data print in full ("id", "phone")."""
    h = Handover.get_or_none(Handover.id == handover_id)
    if h is None:
        raise NotFound(_("No such handover."))
    room = Room.get_by_id(h.room_id)
    owner = Person.get_by_id(h.owner_id)
    phone = (lambda n: n or "") if "phone" in reveal else v.mask_phone
    number = owner.id_number if "id" in reveal else v.mask_id(owner.id_number)
    defects = Defect.select().where(Defect.handover == h.id).order_by(Defect.id)
    return PrintedHandover(
        serial=h.serial, office=settings.office_name(), room_label=room.label, area=room.area,
        owner_name=owner.name, owner_phone=phone(owner.primary_phone),
        owner_id=f"{PRINTED_ID_TYPES.get(owner.id_type, '证件')} {number}" if number else "",
        deed_no=_deed(h), handed_on=h.handed_on, appointment_at=h.appointment.at if h.appointment_id else None,
        documents=_documents(h), readings=_readings(h),
        keys=tuple((k.kind, k.count, key_unit(k.kind)) for k in HandoverKey.select().where(HandoverKey.handover == h.id)
                   .order_by(HandoverKey.id)),
        defects=tuple(PrintedDefect(d.location, d.description, PRINTED_DEPARTMENTS.get(d.department, d.department),
                                    d.due_on) for d in defects),
        clerk=h.clerk, note=h.note or "")


def handover_for(actor, handover_id: int) -> PrintedHandover:
    """交房确认单 as ``actor`` prints it.

    The owner signs the form and the office keeps it with the ID copy (FORMS.md): the full ID number prints
    for a role with ``personal.view`` and for a signed-in user who does handovers (the clerk read it off the
    ID shown), each such print recorded as a viewing; the computer's account prints it masked.
    """
    from models import audit
    from models.users import revealed
    actor.require("handover.view")
    reveal = set(revealed(actor))
    if actor.is_person and actor.can("handover.do"):
        reveal.add("id")
    reveal = frozenset(reveal)
    printed = handover_document(handover_id, reveal)
    if "id" in reveal:
        audit.record_viewing(actor, "personal.view", entity="handover", entity_id=handover_id,
                             summary=_("Handover form {number} printed with the full ID number").format(
                                 number=printed.serial))
    return printed


# --- keys: what a key opens ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedKeyTag:
    """钥匙牌: one key's label, its barcode the tag code a scanner types back (K000123)."""
    hook: str
    tag: str
    place: str                  # 3栋2单元1301, or the area: 3栋配电房
    label: str                  # 入户门, 配电房门
    kind: str                   # 空置房 / 业主委托 / 公共区域 / 设备房

    @property
    def opens(self) -> str:
        return f"{self.place} {self.label}".strip()


@dataclass(frozen=True)
class PrintedKeyTags:
    office: str
    short_name: str             # what a small tag has room for: the estate's name (阳光花园)
    first: str                  # the hooks printed: from, to
    last: str
    tags: tuple[PrintedKeyTag, ...]


def hook_order(hook: str) -> tuple:
    """A-2 before A-10, as the hooks hang in the cabinet."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", hook))


def _tag(key: Key, rooms: dict[int, str]) -> PrintedKeyTag:
    place = rooms.get(key.room_id, "") if key.room_id else ""
    place = " ".join(p for p in (place, key.area) if p)
    return PrintedKeyTag(key.hook, key.tag, place, key.label, PRINTED_KEY_KINDS.get(key.kind, key.kind))


def keytags_for(actor, hooks: tuple[str, str] | None = None, key_id: int | None = None) -> PrintedKeyTags:
    """钥匙牌 of every key held (in the cabinet or lent out), of the hooks ``hooks`` (from, to), or of one key."""
    actor.require("keys.view")
    if key_id is not None:
        keys = list(Key.select().where(Key.id == key_id))
    else:
        keys = list(Key.select().where(Key.state.not_in((LOST, RETIRED))))
        if hooks is not None:
            low, high = hook_order(hooks[0]), hook_order(hooks[1])
            keys = [k for k in keys if low <= hook_order(k.hook) <= high]
    if not keys:
        if hooks is not None:
            raise NotFound(_("No key held hangs on the hooks {first} to {last}: check the range.").format(
                first=hooks[0], last=hooks[1]), field="hook")
        raise NotFound(_("The cabinet holds no keys: there are no tags to print."))
    keys.sort(key=lambda k: hook_order(k.hook))
    rooms = _rooms(k.room_id for k in keys)
    estate = str(settings.get("office.estate") or "").strip()
    return PrintedKeyTags(office=settings.office_name(), short_name=estate or settings.office_name(),
                          first=keys[0].hook, last=keys[-1].hook, tags=tuple(_tag(k, rooms) for k in keys))


# --- 钥匙借用单 ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedLoan:
    """钥匙借用单: one loan as both its parts (存根 / 借用人联) print it."""
    serial: str                 # JY2026-000034
    office: str
    hook: str
    tag: str
    opens: str                  # 3栋2单元1301 入户门
    kind: str
    borrower: str
    borrower_kind: str          # 员工 / 施工单位 / 业主
    unit: str
    phone: str
    purpose: str
    out_at: dt.datetime
    due_at: dt.datetime
    lent_by: str
    returned_at: dt.datetime | None
    returned_by: str
    received_by: str
    lost: bool

    @property
    def state_line(self) -> str:
        """What happened since: returned, or lost; "" while the key is out."""
        if self.lost:
            return "钥匙已遗失，已登记遗失处理"
        if self.returned_at:
            return f"已于 {_moment(self.returned_at)} 归还（归还人：{self.returned_by}，收回人：{self.received_by}）"
        return ""


def loan_for(actor, loan_id: int) -> PrintedLoan:
    actor.require("keys.view")
    loan = KeyLoan.get_or_none(KeyLoan.id == loan_id)
    if loan is None:
        raise NotFound(_("No such key loan."))
    key = Key.get_by_id(loan.key_id)
    tag = _tag(key, _rooms([key.room_id]))
    return PrintedLoan(
        serial=loan.serial, office=settings.office_name(), hook=key.hook, tag=key.tag, opens=tag.opens, kind=tag.kind,
        borrower=loan.borrower, borrower_kind=PRINTED_BORROWERS.get(loan.borrower_kind, loan.borrower_kind),
        unit=loan.unit or "", phone=_phone(actor)(loan.phone), purpose=loan.purpose, out_at=loan.out_at,
        due_at=loan.due_at, lent_by=loan.lent_by, returned_at=loan.returned_at, returned_by=loan.returned_by or "",
        received_by=loan.received_by or "", lost=bool(loan.lost))


# --- 钥匙登记簿 ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedKeyRow:
    hook: str
    tag: str
    opens: str
    kind: str
    copies: int
    state: str                  # 在柜 / 借出 / 遗失
    out_with: str               # 刘师傅（安居维修）and the phone on a line of its own, while out
    due_at: dt.datetime | None
    overdue: bool
    entrusted: str              # 张伟 委托至 2026-06-01, and （已过期） once past: a line never broken
    scope: str                  # what the owner entrusted it for: 维修水管时使用
    entrusted_over: bool        # the entrustment has ended: not to be lent
    note: str


@dataclass(frozen=True)
class PrintedRegister:
    office: str
    made_at: dt.datetime
    rows: tuple[PrintedKeyRow, ...]

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def copies(self) -> int:
        """The keys themselves: a hook may hold several copies."""
        return sum(row.copies for row in self.rows)


def _entrusted(key: Key, who: str, today: dt.date) -> tuple[str, bool]:
    """张伟 委托至 2026-06-01 (the register's compact date), （已过期） once the entrustment has ended."""
    if key.kind != ENTRUSTED:
        return "", False
    over = key.entrusted_until is not None and key.entrusted_until < today
    until = f"委托至 {key.entrusted_until:%Y-%m-%d}" if key.entrusted_until else "委托"
    return " ".join(p for p in (who, until) if p) + ("（已过期）" if over else ""), over


def register_for(actor, at: dt.datetime | None = None) -> PrintedRegister:
    """钥匙登记簿: every key the office holds (retired ones are not), in hook order, with who has it out."""
    from models.db import now
    actor.require("keys.view")
    at = at or now()
    keys = sorted(Key.select().where(Key.state != RETIRED), key=lambda k: hook_order(k.hook))
    loans = {loan.key_id: loan for loan in KeyLoan.select().where(
        KeyLoan.returned_at.is_null() & ~KeyLoan.lost).order_by(KeyLoan.id)}
    rooms, phone = _rooms(k.room_id for k in keys), _phone(actor)
    holders = {k.entrusted_by_id for k in keys if k.entrusted_by_id}
    names = {p.id: p.name for p in Person.select(Person.id, Person.name).where(Person.id.in_(holders))} if holders \
        else {}
    rows = []
    for key in keys:
        loan = loans.get(key.id) if key.state == OUT else None
        out_with = ""
        if loan is not None:
            out_with = loan.borrower + (f"（{loan.unit}）" if loan.unit else "") + (
                f"\n{phone(loan.phone)}" if loan.phone else "")
        entrusted, over = _entrusted(key, names.get(key.entrusted_by_id, ""), at.date())
        tag = _tag(key, rooms)
        rows.append(PrintedKeyRow(key.hook, key.tag, tag.opens, tag.kind, key.copies,
                                  PRINTED_KEY_STATES.get(key.state, key.state), out_with,
                                  loan.due_at if loan else None, bool(loan and loan.due_at < at), entrusted,
                                  key.entrusted_scope or "" if entrusted else "", over, key.note or ""))
    return PrintedRegister(settings.office_name(), at, tuple(rows))


# --- 交房预约表 ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedAppointment:
    at: dt.datetime
    room_label: str
    name: str
    phone: str
    state: str                  # 已预约 / 已交房 / 已取消 / 未到
    note: str


@dataclass(frozen=True)
class PrintedAppointments:
    office: str
    day: dt.date
    rows: tuple[PrintedAppointment, ...]


def appointments_for(actor, day: dt.date | None = None) -> PrintedAppointments:
    """交房预约表: the day's appointments in time order, whatever became of them."""
    actor.require("handover.view")
    day = day or dt.date.today()
    start = dt.datetime.combine(day, dt.time())
    rows = (Appointment.select(Appointment, Room, Building, Entrance).join_from(Appointment, Room)
            .join_from(Room, Building).join_from(Room, Entrance)
            .where((Appointment.at >= start) & (Appointment.at < start + dt.timedelta(days=1)))
            .order_by(Appointment.at, Appointment.id))
    phone = _phone(actor)
    return PrintedAppointments(settings.office_name(), day, tuple(
        PrintedAppointment(a.at, a.room.label, a.name, phone(a.phone), PRINTED_APPOINTMENT_STATES.get(a.state, a.state),
                           a.note or "") for a in rows))
