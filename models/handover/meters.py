"""Meter readings (抄表: 水/电/燃气, 表号, 读数; seed 000 §4.5.1): at a handover or another time.

A meter never reads lower than it did, and a meter's number belongs to one room: a reading lower than the
last, or on a number another room's meter carries, is refused as a misreading.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from models import audit
from models import validation as v
from models.db import lock_row, write_tx
from models.errors import InvalidInput, NotFound
from models.handover.tables import METERS, Handover, MeterReading
from models.i18n import _
from models.records.estate import Room


@dataclass
class Reading:
    meter: str                 # water / electricity / gas
    meter_no: str
    reading: object


def _reading_value(value) -> Decimal:
    try:
        number = Decimal(v.compact(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("{value} is not a meter reading (e.g. 1234.5).").format(
            value=v.shown(str(value)[:20])), field="reading") from None
    if not number.is_finite() or number >= Decimal("1e10"):
        raise InvalidInput(_("{value} is too large for a meter reading: read the meter again.").format(
            value=v.shown(str(value)[:20])), field="reading")
    if number < 0:
        raise InvalidInput(_("A meter reading is a number from 0 up."), field="reading")
    return number.quantize(Decimal("0.01"))


def shown_reading(value) -> str:
    """A reading as the meter shows it: 1234.5, 20 (no trailing zeros)."""
    number = Decimal(str(value)).normalize()
    return format(number.quantize(Decimal(1)) if number == number.to_integral() else number, "f")


def last_reading(room_id: int, meter: str, meter_no: str) -> MeterReading | None:
    return (MeterReading.select().where((MeterReading.room == room_id) & (MeterReading.meter == meter)
                                        & (MeterReading.meter_no == meter_no))
            .order_by(MeterReading.read_on.desc(), MeterReading.id.desc()).first())


def write_reading(actor, room: Room, given: Reading, on: dt.date, handover: Handover | None) -> MeterReading:
    if given.meter not in METERS:
        raise InvalidInput(_("Choose the meter: water, electricity or gas."), field="meter")
    meter_no = v.compact(given.meter_no).upper()
    if not meter_no or len(meter_no) > 30:
        raise InvalidInput(_("Give the {meter} meter's number.").format(meter=_(METERS[given.meter])),
                           field="meter_no")
    value = _reading_value(given.reading)
    elsewhere = (Room.select(Room.code).join(MeterReading, on=MeterReading.room == Room.id)
                 .where((MeterReading.meter == given.meter) & (MeterReading.meter_no == meter_no)
                        & (MeterReading.room != room.id)).first())
    if elsewhere is not None:
        raise InvalidInput(_("The {meter} meter {no} is already the meter of {room}: check the number on the meter.")
                           .format(meter=_(METERS[given.meter]), no=meter_no, room=elsewhere.code), field="meter_no")
    before = last_reading(room.id, given.meter, meter_no)
    if before is not None and value < before.reading:
        raise InvalidInput(_("The {meter} meter {no} read {before} on {date}: {value} is lower. Read it again.").format(
            meter=_(METERS[given.meter]), no=meter_no, before=shown_reading(before.reading),
            date=v.format_date_cn(before.read_on), value=shown_reading(value)), field="reading")
    row = MeterReading.create(room=room, meter=given.meter, meter_no=meter_no, reading=value, read_on=on,
                              handover=handover, read_by=actor.name)
    audit.record(actor, "meter.read", row, summary=f"{room.code} {_(METERS[given.meter])} {meter_no} {value}")
    return row


def read_meter(actor, room_id: int, given: Reading, on=None) -> MeterReading:
    actor.require("handover.do")
    on = v.parse_date(on, field="read_on") if on else dt.date.today()
    with write_tx():
        lock_row(Room, room_id)
        room = Room.get_or_none(Room.id == room_id)
        if room is None:
            raise NotFound(_("No such room."))
        return write_reading(actor, room, given, on, None)
