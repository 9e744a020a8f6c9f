"""The handover part's integrity checks (数据检查: 交房与钥匙): what the registers must always say.

Handover forms and key loans are numbered per year without gaps; each handover, defect, key,
appointment and inspection is in the audit log. A room handed over is no longer vacant; a defect's
state says what its times say (a confirmed one was repaired and confirmed); a meter never reads lower
than it read before. A key lent has exactly one open loan, a key on its hook none; a lost key has its
loss recorded; an entrusted key says by whom and until when. The files attached to the part's records
belong to records that exist. Each rule is one set-based query (the meters' one window over their
readings), so a large estate is checked in a second. Registered with ``models.check.register_check``.
"""
from __future__ import annotations

import peewee as pw

from models.attachments import Attachment
from models.check import ERROR, WARNING, Finding, must_be_audited, query_finding, register_check, serial_findings
from models.handover.tables import (APPOINTMENT_STATES, CONFIRMED, DEFECT_STATES, DEPARTMENTS, DONE, ENTRUSTED,
                                    HANDOVER_PREFIX, IN_CABINET, KEY_KINDS, KEY_STATES, LOAN_PREFIX, LOST, METERS,
                                    OPEN, OUT, REPAIRED, VACANT_ROOM, Appointment, Defect, Handover, Key, KeyLoan,
                                    KeyLoss, MeterReading, VacantInspection)
from models.i18n import _
from models.records.estate import VACANT, Room, label_from_code


def _show(letters: str):
    def show(year: int, number: int) -> str:
        return f"{letters}{year}-{number:06d}"
    return show


show_handover, show_loan = _show(HANDOVER_PREFIX), _show(LOAN_PREFIX)


def _serial(row: tuple) -> str:
    return show_handover(row[0], row[1])


def _loan(row: tuple) -> str:
    return show_loan(row[0], row[1])


def _room(code) -> str:
    return label_from_code(code or "")


def _findings(rules, describe) -> list[Finding]:
    found = []
    for level, message, query in rules:
        found += query_finding(level, message, query, describe)
    return found


@register_check("handover.numbers", "Handover form and key loan numbers", order=500)
def _numbers() -> list[Finding]:
    return (serial_findings(Handover, "handover", _("Handover forms"), show_handover)
            + serial_findings(KeyLoan, "keyloan", _("Key loans"), show_loan))


# --- the audit trail -------------------------------------------------------------------------------

def _room_at(row: tuple) -> str:
    return f"{_room(row[0])} {str(row[1])[:16]}".strip()


must_be_audited(Handover, (Handover.year, Handover.number), _serial,
                lambda: _("{count} handover forms have no entry in the audit log: {examples}"))
must_be_audited(Defect, (Room.select(Room.code).where(Room.id == Defect.room), Defect.location), _room_at,
                lambda: _("{count} defects found at handover have no entry in the audit log: {examples}"))
must_be_audited(Key, (Key.hook, Key.label), lambda r: f"{r[0]} {r[1]}",
                lambda: _("{count} keys of the cabinet have no entry in the audit log: {examples}"))
must_be_audited(Appointment, (Room.select(Room.code).where(Room.id == Appointment.room), Appointment.at),
                _room_at, lambda: _("{count} handover appointments have no entry in the audit log: {examples}"))
must_be_audited(VacantInspection, (Room.select(Room.code).where(Room.id == VacantInspection.room),
                                   VacantInspection.at), _room_at,
                lambda: _("{count} vacant-room inspections have no entry in the audit log: {examples}"))


# --- handovers and the rooms handed over ----------------------------------------------------------

@register_check("handover.rooms", "Rooms handed over", order=501)
def _rooms() -> list[Finding]:
    still_vacant = (Handover.select(Handover.year, Handover.number).join(Room, on=(Handover.room == Room.id))
                    .where(Room.state == VACANT).order_by(Handover.year, Handover.number))
    done = Handover.select(Handover.appointment).where(Handover.appointment.is_null(False))
    unmet = (Appointment.select(Room.code, Appointment.at).join(Room, on=(Appointment.room == Room.id))
             .where((Appointment.state == DONE) & Appointment.id.not_in(done)).order_by(Appointment.at))
    unknown = (Appointment.select(Room.code, Appointment.at).join(Room, on=(Appointment.room == Room.id))
               .where(Appointment.state.not_in(tuple(APPOINTMENT_STATES))).order_by(Appointment.at))
    before = (Handover.select(Handover.year, Handover.number).join(Appointment, on=(Handover.appointment
                                                                                   == Appointment.id))
              .where(Handover.handed_on < pw.fn.DATE(Appointment.made_at))
              .order_by(Handover.year, Handover.number))
    return (_findings([
        (ERROR, _("{count} rooms are shown as vacant though they were handed over (the form says so; correct the "
                  "room's state): {examples}"), still_vacant),
        (ERROR, _("{count} handovers are dated before their appointment was made: {examples}"), before)], _serial)
        + _findings([
            (ERROR, _("{count} appointments are marked handed over but no handover form cites them: {examples}"),
             unmet),
            (ERROR, _("{count} handover appointments are in an unknown state: {examples}"), unknown)],
            _room_at))


# --- defects --------------------------------------------------------------------------------------

def _defects(*where):
    query = Defect.select(Room.code, Defect.location, Defect.description).join(Room, on=(Defect.room == Room.id))
    for condition in where:
        query = query.where(condition)
    return query.order_by(Defect.id)


def _defect(row: tuple) -> str:
    return f"{_room(row[0])} {row[1]}：{row[2][:20]}"


@register_check("handover.defects", "Defects found at handover", order=502)
def _defects_check() -> list[Finding]:
    D = Defect
    return _findings([
        (ERROR, _("{count} defects are in an unknown state: {examples}"),
         _defects(D.state.not_in(tuple(DEFECT_STATES)))),
        (ERROR, _("{count} defects confirmed by the owner do not say when they were repaired, or when and by whom "
                  "the owner confirmed: {examples}"),
         _defects(D.state == CONFIRMED, D.repaired_at.is_null() | D.confirmed_at.is_null() | D.confirmed_by.is_null())),
        (ERROR, _("{count} defects marked repaired do not say when or by whom, or carry an owner's confirmation: "
                  "{examples}"), _defects(D.state == REPAIRED, D.repaired_at.is_null() | D.repaired_by.is_null()
                                          | D.confirmed_at.is_null(False))),
        (ERROR, _("{count} defects still to repair carry a repair or a confirmation: {examples}"),
         _defects(D.state == OPEN, D.repaired_at.is_null(False) | D.confirmed_at.is_null(False))),
        (ERROR, _("{count} defects were confirmed before they were repaired: {examples}"),
         _defects(D.confirmed_at < D.repaired_at)),
        (WARNING, _("{count} defects name no responsible department the office knows: {examples}"),
         _defects(D.department.not_in(tuple(DEPARTMENTS)))),
    ], _defect)


# --- meters ---------------------------------------------------------------------------------------

@register_check("handover.meters", "Meter readings", order=503)
def _meters() -> list[Finding]:
    M = MeterReading
    earlier = pw.fn.LAG(M.reading).over(partition_by=[M.room, M.meter, M.meter_no], order_by=[M.read_on, M.id])
    ordered = M.select(M.room, M.meter, M.meter_no, M.read_on, M.reading, earlier.alias("before")).alias("ordered_m")
    lower = (pw.Select([ordered], [Room.select(Room.code).where(Room.id == ordered.c.room_id), ordered.c.meter,
                                   ordered.c.meter_no, ordered.c.read_on, ordered.c.reading, ordered.c.before])
             .where(ordered.c.reading < ordered.c.before).order_by(ordered.c.room_id, ordered.c.read_on)
             .bind(M._meta.database))
    negative = (M.select(Room.code, M.meter, M.meter_no, M.read_on, M.reading, M.reading).join(Room)
                .where((M.reading < 0) | M.meter.not_in(tuple(METERS))).order_by(M.id))

    def describe(row) -> str:
        from models.handover.handing import shown_reading
        return _("{room} {meter} meter {no} on {date}: {value} after {before}").format(
            room=_room(row[0]), meter=_(METERS.get(row[1], row[1])), no=row[2], date=str(row[3])[:10],
            value=shown_reading(row[4]), before=shown_reading(row[5]))
    return (query_finding(ERROR, _("{count} meter readings are lower than the reading before them on the same meter "
                                   "(a meter never runs back: read it again): {examples}"), lower, describe)
            + query_finding(ERROR, _("{count} meter readings are below zero or of an unknown meter: {examples}"),
                            negative, lambda r: f"{_room(r[0])} {r[2]} {r[4]}"))


# --- the key cabinet -------------------------------------------------------------------------------

def _open_loans():
    loan = KeyLoan.alias("open_k")
    return (loan.select(pw.fn.COUNT(loan.id)).where((loan.key == Key.id) & loan.returned_at.is_null() & ~loan.lost))


def _keys(*where):
    query = Key.select(Key.hook, Key.label)
    for condition in where:
        query = query.where(condition)
    return query.order_by(Key.hook)


def _key(row: tuple) -> str:
    return f"{row[0]} {row[1]}"


@register_check("handover.keys", "The key cabinet", order=504)
def _keys_check() -> list[Finding]:
    lost_recorded = KeyLoss.select(KeyLoss.id).where(KeyLoss.key == Key.id)
    return _findings([
        (ERROR, _("{count} keys are lent out but have no open loan, or more than one: {examples}"),
         _keys(Key.state == OUT, _open_loans() != 1)),
        (ERROR, _("{count} keys are not lent out (on the hook, lost or given back) yet a loan of them is still open: "
                  "{examples}"), _keys(Key.state != OUT, _open_loans() > 0)),
        (ERROR, _("{count} keys are in an unknown state or of an unknown kind: {examples}"),
         _keys(Key.state.not_in(tuple(KEY_STATES)) | Key.kind.not_in(tuple(KEY_KINDS)))),
        (ERROR, _("{count} lost keys have no record of the loss (what was done about it): {examples}"),
         _keys(Key.state == LOST, ~pw.fn.EXISTS(lost_recorded))),
        (ERROR, _("{count} entrusted keys do not say which owner entrusted them or until when: {examples}"),
         _keys(Key.kind == ENTRUSTED, Key.entrusted_by.is_null() | Key.entrusted_until.is_null())),
        (ERROR, _("{count} keys carry a tag that is not their own (K and the key's number): {examples}"),
         _keys(Key.id.in_(_wrong_tags()))),
        (WARNING, _("{count} keys of rooms already handed over are still held as a vacant room's key (they go to "
                    "the owner at the handover): {examples}"),
         _keys(Key.kind == VACANT_ROOM, Key.state.in_((IN_CABINET, OUT)),
               Key.room.in_(Room.select(Room.id).where(Room.state != VACANT)))),
    ], _key) + _loans_check()


def _wrong_tags() -> list[int]:
    from models.handover.keys import tag_code
    return [key_id for key_id, tag in Key.select(Key.id, Key.tag).tuples() if tag != tag_code(key_id)] or [0]


def _loans(*where):
    query = KeyLoan.select(KeyLoan.year, KeyLoan.number)
    for condition in where:
        query = query.where(condition)
    return query.order_by(KeyLoan.year, KeyLoan.number)


def _loans_check() -> list[Finding]:
    L = KeyLoan
    return _findings([
        (ERROR, _("{count} key loans were due back before they were lent: {examples}"), _loans(L.due_at <= L.out_at)),
        (ERROR, _("{count} key loans were returned before they were lent, or returned with no one named who brought "
                  "the key or took it back: {examples}"),
         _loans(L.returned_at.is_null(False), (L.returned_at < L.out_at) | L.returned_by.is_null()
                | L.received_by.is_null())),
        (ERROR, _("{count} key loans are both returned and lost: {examples}"),
         _loans(L.lost, L.returned_at.is_null(False))),
        (ERROR, _("{count} key loans name no borrower or no purpose: {examples}"),
         _loans((pw.fn.TRIM(L.borrower) == "") | (pw.fn.TRIM(L.purpose) == ""))),
    ], _loan)


# --- attached files -------------------------------------------------------------------------------

def _stray(kind: str, model):
    return (Attachment.select(Attachment.id, Attachment.filename)
            .where((Attachment.owner_kind == kind) & Attachment.owner_id.not_in(model.select(model.id)))
            .order_by(Attachment.id))


@register_check("handover.attachments", "Files attached to handover records", order=505)
def _attachments() -> list[Finding]:
    return _findings([
        (ERROR, _("{count} files are attached to defects that do not exist: {examples}"),
         _stray("handover_defect", Defect)),
        (ERROR, _("{count} files are attached to vacant-room inspections that do not exist: {examples}"),
         _stray("vacant_inspection", VacantInspection)),
        (ERROR, _("{count} files are attached to handover forms that do not exist: {examples}"),
         _stray("handover", Handover)),
    ], lambda r: f"{r[1]}（#{r[0]}）")
