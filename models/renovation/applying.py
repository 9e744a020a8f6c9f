"""Taking a renovation application (装修申请; seed 004 场景二): the contractor, the works, the workers,
the papers, and the fees on one receipt of the money part, all in one transaction.

The supervisor may be away: the clerk takes the papers and the application waits for review; the
clerk is its first-contact person (首接责任人) until the owner has been told the decision.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import peewee as pw

from models import attachments, audit
from models import validation as v
from models.db import write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.money.cashier import DeskItem, Payment, take_payment
from models.money.ledger import ChargeItem, Deposit, ReceiptLine, lock_room
from models.money.rates import standard_amount
from models.records.estate import Room
from models.records.people import Person, RoomParty
from models.renovation.works import (APPLICANT_AGENT, APPLICANT_OWNER, CLOSED, LIVE, RENOVATION, REJECTED, SETTLED, WORKS,
                                     Contractor, Renovation, Worker, show_serial)
from models.serials import allocate

MAX_WORKERS = 60
LONGEST_WORKS = 366          # days: a longer planned period is a typing mistake
# The fees at application, in the order the receipt lists them (seed 004 场景二; amounts: money's rates).
FEES = (("renovation_deposit", False), ("pass_deposit", True), ("pass_fee", True), ("garbage_fee", False))


@dataclass
class ContractorInput:
    name: str
    licence_no: str
    qualification_no: str = ""
    person_in_charge: str = ""
    phone: str = ""


@dataclass
class WorkerInput:
    name: str
    id_number: str
    phone: str = ""
    id_type: str = "mainland_id"
    photo: bytes | None = None           # the one-inch photo, as the camera or scanner gave it
    photo_name: str = "photo.jpg"


@dataclass
class Paper:
    """A paper brought with the application: 营业执照, 资质证书, 施工图纸, 业主委托书…"""
    label: str
    name: str
    data: bytes


@dataclass
class FeePayment:
    payer: str
    method: str = "cash"


@dataclass
class ApplicationInput:
    room_id: int
    owner_id: int
    start_on: object
    end_on: object
    works: list[str] = field(default_factory=list)
    works_note: str = ""
    contractor_id: int | None = None                 # one seen before…
    contractor: ContractorInput | None = None        # …or a new one
    workers: list[WorkerInput] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    agent_name: str = ""                             # the owner's agent (代理人), with the authorisation
    agent_id_number: str = ""
    agent_phone: str = ""
    authorisation: bool = False
    fees: FeePayment | None = None                   # None: the fees are taken later, before the works start
    note: str = ""


# --- contractors -------------------------------------------------------------------------------------

def licence_number(text) -> str:
    number = v.compact(text).upper()
    if not 8 <= len(number) <= 30 or not number.isalnum():
        raise InvalidInput(_("Give the contractor's business licence number (统一社会信用代码, 18 letters and "
                             "digits)."), field="licence_no")
    return number


def find_contractors(text: str = "", limit: int = 30) -> list[Contractor]:
    """Contractors seen before, by name, licence number or person in charge (the form's picker)."""
    text = v.search_text(text)
    query = Contractor.select().order_by(Contractor.name, Contractor.id)
    if text:
        query = query.where(Contractor.name.contains(text) | Contractor.licence_no.contains(text.upper())
                            | Contractor.person_in_charge.contains(text))
    return list(query.limit(limit))


def _contractor(actor, app: ApplicationInput) -> Contractor:
    if app.contractor_id is not None:
        found = Contractor.get_or_none(Contractor.id == app.contractor_id)
        if found is None:
            raise NotFound(_("No such contractor."))
        return found
    given = app.contractor
    if given is None or not v.text(given.name, "contractor", max_len=60):
        raise InvalidInput(_("An application needs its contractor (施工单位): pick one seen before or give a new "
                           "one."), field="contractor")
    licence = licence_number(given.licence_no)
    seen = Contractor.get_or_none(Contractor.licence_no == licence)
    if seen is not None:          # typed again by mistake: the one seen before, as it was recorded
        return seen
    person = v.person_name(given.person_in_charge, field="person_in_charge")
    contractor = Contractor.create(
        name=v.text(given.name, "contractor", max_len=60, what="The contractor's name"), licence_no=licence,
        qualification_no=v.text(given.qualification_no, "qualification_no", max_len=40,
                                what="The qualification certificate number").upper(),
        person_in_charge=person, phone=v.phone(given.phone, field="contractor_phone"), created_by=actor.name)
    audit.record(actor, "contractor.create", contractor, summary=f"{contractor.name} {licence}",
                 after=audit.snapshot(contractor))
    return contractor


# --- checking what was given ------------------------------------------------------------------------

def _dates(start_on, end_on) -> tuple[dt.date, dt.date]:
    if start_on in (None, "") or end_on in (None, ""):
        raise InvalidInput(_("Give the start and the planned end of the works."), field="start_on")
    start = v.parse_date(start_on, field="start_on")
    end = v.parse_date(end_on, field="end_on")
    if end < start:
        raise InvalidInput(_("The planned end ({end}) is before the start ({start}).").format(
            end=v.format_date_cn(end), start=v.format_date_cn(start)), field="end_on")
    if end < dt.date.today():
        raise InvalidInput(_("The planned end ({end}) is already past: an application is for works still to come.").format(
            end=v.format_date_cn(end)), field="end_on")
    if (end - start).days > LONGEST_WORKS:
        raise InvalidInput(_("The works are planned for more than a year: check the dates."), field="end_on")
    return start, end


def _works(keys: list[str], note: str) -> tuple[str, str]:
    unknown = [k for k in keys if k not in WORKS]
    if unknown:
        raise InvalidInput(_("Unknown works: {what}").format(what="、".join(unknown)), field="works")
    note = v.text(note, "works_note", max_len=200, what="The other works")
    if not keys and not note:
        raise InvalidInput(_("Tick the works planned, or describe them."), field="works")
    return ",".join(k for k in WORKS if k in keys), note


def _worker(given: WorkerInput, line: int) -> dict:
    where = _("Worker {n}").format(n=line)
    try:
        name = v.person_name(given.name, field="worker_name")
        number = v.id_document(given.id_type, given.id_number, field="worker_id")
        phone = v.phone(given.phone, field="worker_phone") if str(given.phone or "").strip() else ""
    except InvalidInput as error:
        raise InvalidInput(f"{where}：{error}", field=error.field) from None
    return {"line": line, "name": name, "id_type": given.id_type, "id_number": number, "phone": phone}


def check_workers(workers: list[WorkerInput], first_line: int = 1) -> list[dict]:
    if not workers:
        raise InvalidInput(_("An application needs its workers: each gets a pass (出入证)."), field="workers")
    if len(workers) > MAX_WORKERS:
        raise InvalidInput(_("At most {n} workers on one application.").format(n=MAX_WORKERS), field="workers")
    rows = [_worker(w, first_line + i) for i, w in enumerate(workers)]
    numbers = [r["id_number"] for r in rows]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput(_("The same ID number is given for two workers."), field="worker_id")
    return rows


def _prepared_photos(workers: list[WorkerInput]) -> list[attachments.Prepared | None]:
    """Each photo checked (an image, within the limit) before anything is written."""
    out = []
    for i, worker in enumerate(workers, 1):
        if not worker.photo:
            out.append(None)
            continue
        try:
            prepared = attachments.prepare(worker.photo, worker.photo_name)
        except InvalidInput as error:
            raise InvalidInput(_("Worker {n}'s photo: {why}").format(n=i, why=error), field="photo") from None
        if not prepared.mime.startswith("image/"):
            raise InvalidInput(_("Worker {n}'s photo must be a picture (JPEG or PNG), not a PDF.").format(n=i),
                               field="photo")
        out.append(prepared)
    return out


def _applicant(app: ApplicationInput) -> dict:
    if not app.agent_name.strip():
        return {"applicant": APPLICANT_OWNER}
    if not app.authorisation:
        raise InvalidInput(_("An agent applies with the owner's written authorisation (业主委托书): tick it when "
                             "it is brought."), field="authorisation")
    return {"applicant": APPLICANT_AGENT, "agent_name": v.person_name(app.agent_name, field="agent_name"),
            "agent_id_number": v.id_document("mainland_id", app.agent_id_number, field="agent_id"),
            "agent_phone": v.phone(app.agent_phone, field="agent_phone") if app.agent_phone.strip() else "",
            "authorisation": True}


def _owner_of(room_id: int, owner_id: int) -> Person:
    today = dt.date.today()
    tie = (RoomParty.select().where((RoomParty.room == room_id) & (RoomParty.person == owner_id)
                                    & (RoomParty.role == "owner") & (RoomParty.start_date <= today)
                                    & (RoomParty.end_date.is_null() | (RoomParty.end_date > today))).first())
    if tie is None:
        raise InvalidInput(_("Only the room's owner (or the owner's agent) applies for its renovation."),
                           field="owner")
    return Person.get_by_id(owner_id)


# --- the operation --------------------------------------------------------------------------------

def submit_application(actor, app: ApplicationInput) -> Renovation:
    """Take the papers: the application waits for the engineering supervisor's review."""
    actor.require("renovation.apply")
    if app.fees is not None:
        actor.require("money.take")
    start, end = _dates(app.start_on, app.end_on)
    works, works_note = _works(list(app.works), app.works_note)
    rows = check_workers(app.workers)
    applicant = _applicant(app)
    photos = _prepared_photos(app.workers)
    papers = [attachments.prepare(p.data, p.name) for p in app.papers]
    note = v.text(app.note, "note", max_len=200, what="The note")
    with write_tx():
        lock_room(app.room_id)
        room = Room.get_or_none(Room.id == app.room_id)
        if room is None:
            raise NotFound(_("No such room."))
        owner = _owner_of(room.id, app.owner_id)
        _one_at_a_time(room)
        contractor = _contractor(actor, app)
        year = dt.date.today().year
        renovation = Renovation.create(
            year=year, number=allocate("renovation", year), room=room, owner=owner, contractor=contractor,
            works=works, works_note=works_note, start_on=start, end_on=end, received_by=actor.name,
            received_by_user_id=actor.user_id, note=note, **applicant)
        workers = _add_workers(actor, renovation, rows, photos)
        for paper, prepared in zip(app.papers, papers):
            attachments.add_prepared(actor, "renovation", renovation.id, paper.name, prepared,
                                     label=v.text(paper.label, "label", max_len=40))
        audit.record(actor, "renovation.submit", renovation, summary=f"No. {renovation.serial} {room.code} "
                     f"{contractor.name} {len(rows)}人", after=audit.snapshot(renovation))
        if app.fees is not None:
            _take_fees(actor, renovation, workers, app.fees, deposit=True)
    return renovation


def _one_at_a_time(room: Room) -> None:
    busy = (Renovation.select().where((Renovation.room == room.id)
                                      & Renovation.state.not_in((REJECTED, SETTLED, CLOSED)))).first()
    if busy is not None and busy.state in LIVE + ("submitted", "more_papers"):
        raise Conflict(_("Room {room} already has renovation {number} ({state}): one application at a time.").format(
            room=room.label, number=busy.serial, state=RENOVATION.label(busy.state)))


def _add_workers(actor, renovation: Renovation, rows: list[dict], photos) -> list[Worker]:
    made = []
    for row, photo in zip(rows, photos):
        worker = Worker.create(renovation=renovation, **row)
        if photo is not None:
            kept = attachments.add_prepared(actor, "renovation_worker", worker.id, f"{worker.name}.jpg", photo,
                                            label="一寸照片")
            Worker.update(photo=kept.id).where(Worker.id == worker.id).execute()
            worker.photo = kept.id
        made.append(worker)
    return made


def add_workers(actor, renovation_id: int, workers: list[WorkerInput], fees: FeePayment | None) -> list[Worker]:
    """More workers join the works: a pass each, their fees and deposits on a receipt of their own."""
    actor.require("renovation.apply")
    if fees is not None:
        actor.require("money.take")
    photos = _prepared_photos(workers)
    with write_tx():
        renovation = locked(renovation_id)
        if renovation.state not in LIVE + ("submitted", "more_papers"):
            raise Conflict(_("Renovation {number} is {state}: no more workers can join it.").format(
                number=renovation.serial, state=RENOVATION.label(renovation.state)))
        last = Worker.select(pw.fn.MAX(Worker.line)).where(Worker.renovation == renovation.id).scalar() or 0
        rows = check_workers(workers, last + 1)
        known = {w.id_number for w in renovation.workers}
        if known & {r["id_number"] for r in rows}:
            raise InvalidInput(_("That worker already has a pass on this renovation."), field="worker_id")
        made = _add_workers(actor, renovation, rows, photos)
        audit.record(actor, "renovation.workers", renovation, summary=f"No. {renovation.serial} +{len(made)}人",
                     after={"workers": [w.name for w in made]})
        if fees is not None:
            _take_fees(actor, renovation, made, fees, deposit=False)
    return made


def fee_lines(workers: int, *, deposit: bool = True, on: dt.date | None = None) -> list[tuple[str, str, int, int]]:
    """What is taken: (code, name, quantity, amount in fen) per fee the office has a rate for."""
    names = dict(ChargeItem.select(ChargeItem.code, ChargeItem.name).where(ChargeItem.active).tuples())
    out = []
    for code, per_worker in FEES:
        if code not in names or (not per_worker and not deposit):
            continue
        quantity = workers if per_worker else 1
        amount = standard_amount(code, on) * quantity
        if amount > 0 and quantity > 0:
            out.append((code, names[code], quantity, amount))
    return out


def take_fees(actor, renovation_id: int, fees: FeePayment):
    """The fees of an application taken after it (the owner came back to pay)."""
    actor.require("money.take")
    with write_tx():
        renovation = locked(renovation_id)
        if renovation.receipt_id is not None:
            if renovation.receipt.voided_at is None:
                raise Conflict(_("The fees of renovation {number} were taken on receipt {receipt}.").format(
                    number=renovation.serial, receipt=renovation.receipt.serial))
            renovation.receipt_id = None        # that receipt was voided: the fees are taken again on a new one
        if renovation.state not in LIVE + ("submitted", "more_papers"):
            raise Conflict(_("Renovation {number} is {state}: no fees are taken for it.").format(
                number=renovation.serial, state=RENOVATION.label(renovation.state)))
        return _take_fees(actor, renovation, list(renovation.workers), fees, deposit=True)


def _take_fees(actor, renovation: Renovation, workers: list[Worker], fees: FeePayment, *, deposit: bool):
    lines = fee_lines(len(workers), deposit=deposit)
    if not lines:
        raise Conflict(_("The office has no renovation fees set up (收费项目 装修保证金 and others)."))
    items = [DeskItem(code, quantity, amount) for code, _name, quantity, amount in lines]
    receipt = take_payment(actor, renovation.room_id, Payment(fees.payer, fees.method, items=items,
                                                             note=f"装修 {renovation.serial}"))
    held = dict(Deposit.select(ChargeItem.code, Deposit.id).join(ChargeItem).switch(Deposit)
                .join(ReceiptLine).where(ReceiptLine.receipt == receipt.id).tuples())
    if held.get("pass_deposit") is not None:
        Worker.update(deposit=held["pass_deposit"]).where(Worker.id.in_([w.id for w in workers])).execute()
    changes = {}
    if deposit and renovation.receipt_id is None:
        changes = {"receipt": receipt.id, "deposit": held.get("renovation_deposit"),
                   "pass_deposit": held.get("pass_deposit")}
        Renovation.update(changes).where(Renovation.id == renovation.id).execute()
        for key, value in changes.items():
            setattr(renovation, f"{key}_id", value)
    audit.record(actor, "renovation.fees", renovation, summary=f"No. {renovation.serial} 收据 {receipt.serial}",
                 after={"receipt": receipt.serial, **{k: v for k, v in changes.items() if k != "receipt"}})
    return receipt


def locked(renovation_id: int) -> Renovation:
    """The application's row held to commit, read again (two desks acting on it queue up)."""
    from models.money.ledger import lock_row
    lock_row(Renovation, renovation_id)
    found = Renovation.get_or_none(Renovation.id == renovation_id)
    if found is None:
        raise NotFound(_("No such renovation."))
    return found


def get_renovation(renovation_id: int) -> Renovation:
    found = Renovation.get_or_none(Renovation.id == renovation_id)
    if found is None:
        raise NotFound(_("No such renovation."))
    return found


def find_renovation(text) -> Renovation:
    """By its number: ZX2026-000012 or 2026-12."""
    typed = v.compact(text).upper()
    year, number = v.serial("ZX" + typed if typed[:1].isdigit() and "-" in typed else text, prefix="ZX",
                            field="number", example="ZX2026-000012")
    found = Renovation.get_or_none((Renovation.year == year) & (Renovation.number == number))
    if found is None:
        raise NotFound(_("No renovation {number}.").format(number=show_serial(year, number)))
    return found
