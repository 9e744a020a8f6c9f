"""The demo's handovers and key cabinet (a 600-room estate whose newest building was handed over a year ago):
a year of handovers with their appointments, documents, meters, keys and defects followed to the owner's
confirmation; today's appointments and the days to come; the cabinet with a year of loans, keys overdue, one
lost and its lock changed, entrustments over; vacant rooms inspected on the schedule. The rooms' states and the
audit log agree with it, the integrity check finds nothing, the numbers go on without a gap, and each row and
audit entry is what the operations themselves write."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
from collections import Counter

import pytest

from models import db as dbmod
from models import demo
from models.audit import AuditLog
from models.check import OK, run_checks
from models.demo_context import STEPS
from models.handover import tables as t
from models.i18n import set_language
from models.records.estate import VACANT, Room
from models.records.people import OWNER, Person, RoomParty
from models.users import ADMIN, Actor, User
from tests.conftest import TEST_OFFICE

ROOMS = 600
TODAY = dt.date.today()
MINE = ("handover", "handover_today")


def _generate(path, rooms: int, seed: int = 2026, today: dt.date | None = None) -> tuple[float, object]:
    from models import parts, settings
    set_language("zh_CN")
    dbmod.open_database(path, create=True)
    with dbmod.write_tx():
        for key, value in TEST_OFFICE.items():
            settings.Setting.create(key=key, value=value)
    parts.load("models")
    spent, kept = {}, {key: STEPS[key] for key in MINE}
    for key, step in kept.items():
        def timed(ctx, run=step.run, key=key):
            started = time.perf_counter()
            run(ctx)
            spent[key] = time.perf_counter() - started
        STEPS[key] = step.__class__(step.key, step.order, step.weight, timed)
    try:
        summary = demo.generate(Actor("管理员", ADMIN), rooms, seed=seed, today=today)
    finally:
        STEPS.update(kept)
        dbmod.close_database()
    return sum(spent.values()), summary


@pytest.fixture(scope="module")
def estate_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("handover-demo") / "demo.db"
    seconds, summary = _generate(path, ROOMS)
    print(f"\n{ROOMS} rooms: demo {summary.seconds:.2f} s, of which the handover steps {seconds:.2f} s")
    return path, seconds


@pytest.fixture
def office(estate_file):
    dbmod.open_database(estate_file[0])
    yield estate_file[1]
    dbmod.close_database()


@pytest.fixture
def copy(estate_file, tmp_path):
    """The demo estate to work on (the module's stays as the demo left it)."""
    path = tmp_path / "copy.db"
    shutil.copy(estate_file[0], path)
    dbmod.open_database(path)
    yield
    dbmod.close_database()


def _first_owners() -> dict[int, tuple[int, dt.date]]:
    first = {}
    for room, person, start in (RoomParty.select(RoomParty.room, RoomParty.person, RoomParty.start_date)
                                .where(RoomParty.role == OWNER).order_by(RoomParty.start_date, RoomParty.id).tuples()):
        first.setdefault(room, (person, start))
    return first


def _entries(*actions: str) -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.action.in_(actions)).order_by(AuditLog.id))


# --- handovers ------------------------------------------------------------------------------------------

def test_a_year_of_handovers_in_little_time(office):
    assert office < 3, f"the handover steps took {office:.2f} s for {ROOMS} rooms"
    handovers = list(t.Handover.select().order_by(t.Handover.handed_on))
    assert len(handovers) > 100 and handovers[0].handed_on >= TODAY - dt.timedelta(days=730)
    from models.handover.handing import checklist
    for h in handovers:
        keys = {k.kind: k.count for k in h.keys}
        meters = {r.meter for r in h.readings}
        assert keys["入户门"] >= 2 and set(h.documents.split("；")) <= set(checklist())
        assert meters == ({"water", "electricity"} if h.room.use == "shop" else {"water", "electricity", "gas"})
        assert all(r.read_on == h.handed_on and r.reading >= 0 for r in h.readings)
    with_defects = {d.handover_id for d in t.Defect.select().where(t.Defect.handover.is_null(False))}
    assert 0.25 < len(with_defects) / len(handovers) < 0.45
    assert sum(h.appointment_id is not None for h in handovers) > 0.75 * len(handovers)
    for year in {h.year for h in handovers}:
        numbers = sorted(h.number for h in handovers if h.year == year)
        assert numbers == list(range(1, len(numbers) + 1))
    ordered = sorted(handovers, key=lambda h: (h.year, h.number))
    assert [h.created_at for h in ordered] == sorted(h.created_at for h in ordered)


def test_rooms_agree_with_their_handovers(office):
    """A room handed over is the one whose first owner was registered that day (the records part's owner,
    or today's buyer registered at the desk); the records part's vacant rooms are still vacant; the audit log
    has each room's 已交房 before any later move of it."""
    first = _first_owners()
    handed = {h.room_id: h for h in t.Handover.select()}
    registered = {json.loads(e.after)["room"]: e for e in _entries("ownership.register")}
    moves: dict[int, list[AuditLog]] = {}
    for entry in AuditLog.select().where((AuditLog.entity == "room") & AuditLog.action.startswith("room.")
                                         & (AuditLog.action != "room.create")).order_by(AuditLog.id):
        moves.setdefault(entry.entity_id, []).append(entry)
    for room_id, h in handed.items():
        room = Room.get_by_id(room_id)
        assert room.state != VACANT and room.use != "parking"
        assert first[room_id] == (h.owner_id, h.handed_on)
        assert moves[room_id][0].action == "room.hand_over"
        assert json.loads(moves[room_id][0].before) == {"state": "vacant"}
        assert moves[room_id][0].summary == f"交房给{h.owner.name}"
        assert [m.action for m in moves[room_id]].count("room.hand_over") == 1
    assert {r for r, ms in moves.items() if any(m.action == "room.hand_over" for m in ms)} == set(handed)
    # Today's buyers of vacant rooms: registered at the handover (their only tie), the rest the records part's.
    today = {r for r, h in handed.items() if h.handed_on == TODAY and r in registered}
    assert 1 <= len(today) <= 2 and all(RoomParty.select().where(RoomParty.room == r).count() == 1 for r in today)
    new = {r.id for r in Room.select().where((Room.created_at >= dt.datetime.combine(
        TODAY - dt.timedelta(days=730), dt.time())) & (Room.use != "parking") & (Room.state != VACANT))}
    assert set(handed) == new | today
    vacant = [r.id for r in Room.select().where(Room.state == VACANT)]
    assert vacant and not any(r in first for r in vacant)


def test_appointments_today_tomorrow_and_before(office):
    from models.handover.handing import day_appointments
    today = day_appointments(TODAY)
    states = Counter(a.state for a in today)
    assert 3 <= len(today) <= 5 and states[t.DONE] >= 1, [(a.at, a.state) for a in today]
    moment = dbmod.now()
    assert all(a.at >= moment - dt.timedelta(minutes=20) for a in today if a.state == t.BOOKED)
    tomorrow = day_appointments(TODAY + dt.timedelta(days=1))
    assert len(tomorrow) >= 2 and {a.state for a in tomorrow} == {t.BOOKED}
    cited = Counter(h.appointment_id for h in t.Handover.select() if h.appointment_id)
    for a in t.Appointment.select():
        assert (a.state == t.DONE) == (a.id in cited) and cited.get(a.id, 1) == 1
        assert a.made_at < a.at and a.made_at <= moment
        if a.state == t.BOOKED:
            assert a.room.state == VACANT and a.at > moment - dt.timedelta(minutes=20)
        if a.state in (t.CANCELLED, t.MISSED):
            assert a.note and a.at.date() <= TODAY
    for h in t.Handover.select().where(t.Handover.appointment.is_null(False)):
        assert h.appointment.room_id == h.room_id and h.appointment.at <= h.created_at
    past = Counter(a.state for a in t.Appointment.select().where(t.Appointment.at < moment))
    assert past[t.CANCELLED] >= 2 and past[t.MISSED] >= 2 and past[t.BOOKED] == 0


def test_defects_followed_to_the_owners_confirmation(office):
    from models.handover.handing import late_defects
    defects = list(t.Defect.select())
    states = Counter(d.state for d in defects)
    assert states[t.CONFIRMED] > 0.7 * len(defects) and states[t.REPAIRED] >= 2
    assert late_defects(TODAY).count() >= 2
    assert any(d.state == t.OPEN and d.due_on >= TODAY for d in defects)
    assert any(d.handover_id is None for d in defects)                  # reported by an owner since
    for d in defects:
        if d.state == t.CONFIRMED:
            assert d.repaired_at < d.confirmed_at <= dbmod.now()
            assert d.confirmed_by in {d.handover.owner.name if d.handover else None,
                                      *(p.person.name for p in d.room.parties)}
        if d.handover_id is not None:
            assert d.found_at == d.handover.created_at and d.due_on > d.handover.handed_on
    from models.attachments import Attachment
    photos = {a.owner_id: a for a in Attachment.select().where(Attachment.owner_kind == "handover_defect")}
    assert 0.3 * len(defects) < len(photos) < 0.7 * len(defects)
    assert all(a.label == "验房照片" and a.mime == "image/jpeg" and a.thumb for a in photos.values())
    assert {e.entity_id for e in _entries("attachment.add") if e.summary.startswith("handover_defect")} == {
        a.id for a in photos.values()}
    reopened = _entries("handover_defect.reopen")
    assert reopened
    for entry in reopened:
        verbs = [e.action.split(".")[1] for e in AuditLog.select().where(
            (AuditLog.entity == "handover_defect") & (AuditLog.entity_id == entry.entity_id)).order_by(AuditLog.id)]
        assert verbs[:4] == ["record", "repair", "reopen", "repair"]


# --- the key cabinet --------------------------------------------------------------------------------------

def test_the_cabinet_holds_every_kind_of_key(office):
    from models.handover.keys import tag_code
    keys = list(t.Key.select())
    assert all(k.tag == tag_code(k.id) for k in keys)
    kinds = Counter((k.kind, k.state) for k in keys)
    areas = " ".join(k.area for k in keys)
    for word in ("会所", "天台", "消防通道", "配电房", "水泵房", "电梯机房"):
        assert word in areas, word
    assert all(k.hook.startswith("A-") for k in keys if k.kind in (t.PUBLIC, t.PLANT))
    held = [k for k in keys if k.kind == t.VACANT_ROOM and k.state != t.RETIRED]
    assert len(held) > 20 and all(k.room.state == VACANT for k in held)
    assert len({k.room_id for k in held}) == len(held)
    for key in (k for k in keys if k.kind == t.VACANT_ROOM and k.state == t.RETIRED):    # given at the handover
        assert key.room.state != VACANT and key.room.handovers.count() == 1
    entrusted = [k for k in keys if k.kind == t.ENTRUSTED]
    expired = [k for k in entrusted if k.entrusted_until < TODAY]
    assert len(entrusted) >= 5 and all(k.entrusted_by_id and k.entrusted_scope for k in entrusted)
    assert sum(k.state == t.IN_CABINET for k in expired) >= 2 and any(k.state == t.RETIRED for k in expired)
    assert kinds[(t.PUBLIC, t.IN_CABINET)] and kinds[(t.PLANT, t.IN_CABINET)]


def test_a_year_of_loans_some_overdue_one_lost(office):
    from models.errors import Conflict
    from models.handover.keys import LoanInput, lend, overdue_loans
    loans = list(t.KeyLoan.select().order_by(t.KeyLoan.out_at))
    assert loans[0].out_at.date() <= TODAY - dt.timedelta(days=330) and len(loans) > 300
    moment = dbmod.now()
    assert 2 <= overdue_loans(moment).count() <= 4
    out = [l for l in loans if l.returned_at is None and not l.lost]
    assert any(l.due_at > moment for l in out)
    assert {l.key.state for l in out} == {t.OUT} and len({l.key_id for l in out}) == len(out)
    for l in loans:
        assert l.out_at < l.due_at and l.borrower and l.purpose and l.out_at <= moment
        if l.borrower_kind == "contractor":
            assert l.phone and l.unit
        if l.returned_at is not None:
            assert l.out_at < l.returned_at <= moment and l.returned_by and l.received_by
        if l.key.kind == t.ENTRUSTED:
            assert l.out_at.date() <= l.key.entrusted_until
    by_key: dict[int, list] = {}
    for l in loans:
        by_key.setdefault(l.key_id, []).append(l)
    for key_loans in by_key.values():            # never lent twice at once
        for a, b in zip(key_loans, key_loans[1:]):
            assert a.returned_at is not None and a.returned_at <= b.out_at or a.lost
    (lost,) = [l for l in loans if l.lost]
    (loss,) = list(t.KeyLoss.select())
    assert loss.loan_id == lost.id and loss.action == "lock_changed" and lost.key.state == t.IN_CABINET
    assert [e.action for e in AuditLog.select().where((AuditLog.entity == "cabinet_key")
                                                      & (AuditLog.entity_id == lost.key_id)
                                                      & AuditLog.action.in_(("cabinet_key.lose", "cabinet_key.replace")))
            ] == ["cabinet_key.lose", "cabinet_key.replace"]
    expired = t.Key.get((t.Key.kind == t.ENTRUSTED) & (t.Key.state == t.IN_CABINET) & (t.Key.entrusted_until < TODAY))
    clerk = Actor.for_user(User.get(User.username == "clerk"))
    with pytest.raises(Conflict, match="委托"):
        lend(clerk, LoanInput(expired.hook, "刘建华", "维修水管"))


# --- vacant rooms ---------------------------------------------------------------------------------------

def test_vacant_rooms_inspected_on_the_schedule(office):
    from models.handover import vacant
    every = vacant.every()
    rooms = {r.id: r for r in Room.select().where((Room.state == VACANT) & (Room.use != "parking"))}
    seen = {i.room_id for i in t.VacantInspection.select()}
    assert set(rooms) <= seen
    due = [d for d in vacant.due_rooms(TODAY) if d[0] in rooms]
    assert any(days == every for _i, _c, _s, days in due)                       # due today
    overdue = [d for d in due if d[3] > every]
    assert 1 <= len(overdue) <= max(3, len(rooms) // 10)
    assert len(due) < len(rooms) // 2
    inspections = list(t.VacantInspection.select())
    assert any(not i.passed for i in inspections) and all(i.findings for i in inspections)
    assert all(i.at <= i.recorded_at and i.room.state == VACANT or i.room.handovers.count() for i in inspections)


def test_the_integrity_check_passes_on_the_demo(office):
    assert [f.message for f in run_checks() if f.level != OK] == []


# --- what the operations write ------------------------------------------------------------------------------

def _shape(text: str) -> str:
    """A summary with its particulars blotted out: a word with a digit is #, a word in Chinese is @."""
    words = []
    for word in text.split(" "):
        words.append("#" if re.search(r"\d", word) else "@" if re.fullmatch(r"[\u3000-\u9fff（）()、，：]+", word)
                     else word)
    return " ".join(words)


def _value(value):
    """A stored value's kind: a date or a time as its pattern (2026-01-02T10:00:00), else its type."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d([ T]\d\d:\d\d:\d\d)?", value):
        return re.sub(r"\d", "9", value)
    return None if value is None else type(value).__name__


def _row(entry: AuditLog) -> tuple:
    after = json.loads(entry.after) if entry.after else None
    return (entry.action, entry.entity, _shape(entry.summary), entry.before,
            tuple((k, _value(v)) for k, v in after.items()) if isinstance(after, dict) else after)


def _same_as_the_demo(since: int) -> set[str]:
    """Each entry the operations wrote after ``since`` is like one of the demo's of its action (what on which
    record, the summary's words, the state before, the fields after and their kinds); the actions compared."""
    demo_rows: dict[str, set] = {}
    for entry in AuditLog.select().where(AuditLog.id <= since):
        demo_rows.setdefault(entry.action, set()).add(_row(entry))
    compared = set()
    for entry in AuditLog.select().where(AuditLog.id > since):
        if entry.action in demo_rows:
            compared.add(entry.action)
            assert _row(entry) in demo_rows[entry.action], (_row(entry), sorted(demo_rows[entry.action],
                                                                                key=str)[:3])
    return compared


def test_operations_after_the_demo_number_on_and_write_as_the_demo_did(copy):
    from models.check import serial_findings
    from models.handover import handing, keys, vacant
    from models.handover.demo_defects import FOUND
    from models.handover.demo_photos import _picture
    clerk = Actor.for_user(User.get(User.username == "clerk"))
    supervisor = Actor.for_user(User.get(User.username == "supervisor"))
    since = AuditLog.select(AuditLog.id).order_by(AuditLog.id.desc()).scalar()
    last = t.Handover.select().order_by(t.Handover.year.desc(), t.Handover.number.desc()).first()
    booked = t.Appointment.get((t.Appointment.state == t.BOOKED) & (t.Appointment.at > dbmod.now()))
    room = booked.room
    owner = Person.get_by_id(next(r.person_id for r in RoomParty.select().where(RoomParty.role == OWNER)))
    made = handing.book(clerk, room.id, dbmod.now() + dt.timedelta(minutes=30), owner.name, "13800138000")
    handing.cancel(clerk, booked.id, "业主临时出差，改约")
    given = handing.HandoverInput(
        room.id, owner.id, appointment_id=made.id, documents=handing.checklist(),
        readings=[handing.Reading("water", f"SB26{room.id:06d}", "3.50"),
                  handing.Reading("electricity", f"DB26{room.id:06d}", "120"),
                  handing.Reading("gas", f"RQ26{room.id:06d}", "0.8")],
        keys=[(kind, 2) for kind in handing.key_kinds()],
        defects=[handing.DefectInput(FOUND[0][0], FOUND[0][1], FOUND[0][2],
                                     photos=[(f"IMG_{TODAY:%Y%m%d}_101010.jpg", _picture("crack", 1))])],
        deed_no="粤(2026)深圳市不动产权第0099887号")
    handover = handing.hand_over(clerk, given)
    assert (handover.year, handover.number) == ((last.year, last.number + 1) if last.year == TODAY.year
                                                else (TODAY.year, 1))
    defect = t.Defect.get((t.Defect.state == t.OPEN) & t.Defect.handover.is_null(False))
    handing.repaired(clerk, defect.id, "已处理")
    handing.confirmed(clerk, defect.id, defect.handover.owner.name)
    handing.add_defect(clerk, handover.room_id, handing.DefectInput(FOUND[1][0], FOUND[1][1], FOUND[1][2]))
    inspected = Room.get((Room.state == VACANT) & (Room.use != "parking"))
    vacant.inspect(clerk, inspected.id, True)
    key = t.Key.get((t.Key.kind == t.PUBLIC) & (t.Key.state == t.IN_CABINET))
    loans = t.KeyLoan.select().where(t.KeyLoan.year == TODAY.year).count()
    loan = keys.lend(clerk, keys.LoanInput(key.tag, "刘建华", "配电房例行巡检", unit="工程部"))
    assert (loan.year, loan.number) == (TODAY.year, loans + 1)
    keys.take_back(clerk, key.hook)
    keys.add_key(supervisor, keys.KeyInput("B-999", t.VACANT_ROOM, "入户门", room_id=inspected.id, copies=2))
    assert [f.message for f in serial_findings(t.Handover, "handover", "交房确认单", str)
            + serial_findings(t.KeyLoan, "keyloan", "钥匙借用单", str)] == []
    assert _same_as_the_demo(since) >= {
        "appointment.book", "appointment.cancel", "room.hand_over", "ownership.register", "meter.read",
        "defect.record", "handover.do", "handover_defect.repair", "handover_defect.confirm", "vacant.inspect",
        "cabinet_key.lend", "cabinet_key.take_back", "key.add", "attachment.add"}


# --- an estate whose newest building is being handed over now --------------------------------------------

def test_owners_registered_today_are_handed_over_today_and_no_vacant_room(tmp_path):
    """1,000 rooms: the newest building handed over these last months, its owners still coming today."""
    _generate(tmp_path / "busy.db", 1000)
    dbmod.open_database(tmp_path / "busy.db")
    try:
        assert _entries("ownership.register") == []                      # every owner is the records part's
        first = _first_owners()
        today = {h.room_id: h for h in t.Handover.select().where(t.Handover.handed_on == TODAY)}
        registered = {r for r, (_p, start) in first.items() if start == TODAY
                      and Room.get_by_id(r).use != "parking"}
        assert len(today) >= 3 and set(today) == registered
        came = [h for h in today.values() if h.appointment_id is not None]
        assert len(came) == 3 and all(h.appointment.state == t.DONE for h in came)
        assert t.Handover.select().where(t.Handover.handed_on > TODAY - dt.timedelta(days=60)).count() > 50
        assert [f.message for f in run_checks() if f.level != OK] == []
    finally:
        dbmod.close_database()


def test_the_same_seed_and_day_make_the_same_year(tmp_path):
    made = []
    for name in ("a.db", "b.db"):
        _generate(tmp_path / name, 500, seed=7, today=dt.date(2026, 6, 15))
        dbmod.open_database(tmp_path / name)
        made.append([list(model.select().order_by(model.id).tuples()) for model in (
            t.Appointment, t.Handover, t.HandoverKey, t.MeterReading, t.Defect, t.Key, t.KeyLoan, t.KeyLoss,
            t.VacantInspection)])
        dbmod.close_database()
    assert made[0] == made[1] and all(made[0])
