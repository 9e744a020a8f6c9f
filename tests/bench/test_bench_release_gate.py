"""Issue 16 figure: the gate's answer to a scan under 50 ms on a year of 20,000 rooms' slips.

The estate is the demo's (tests/bench/conftest.py). Until the demo issues release slips itself, this
module tops a copy of it up to a realistic year by bulk insert: about 6,000 slips for 20,000 rooms
(0.3 a room a year), 2-4 lines of goods each, spread over the last 365 days, mostly used at the gate,
a few cancelled, expired or urgent. The copy is kept beside the cached estate
(``…-gate.db``) and the cached estate itself is never written.

The answer (``gate.answer``: read the scan, find the slip by year and number, check the code, read
its goods) is measured against the bare library doing the same lookup on the same connection (a
plain sqlite3 SELECT of the slip and its items by year and number).
"""
import datetime as dt
import random
import statistics
import time
from pathlib import Path

import pytest

from tests.bench.conftest import CACHE, ROOMS, report

pytestmark = pytest.mark.bench
FULL = ROOMS >= 20000
SLIPS_A_YEAR = max(60, round(6000 * ROOMS / 20000))
GOODS = ("沙发", "床", "床垫", "衣柜", "书柜", "餐桌", "椅子", "电视机", "冰箱", "洗衣机", "空调", "电脑", "纸箱",
         "行李箱", "自行车", "电动车")
SAMPLES = 300


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _owners(rng, count):
    """``count`` current owners with an ID number on record, drawn from the whole estate (rooms may repeat)."""
    from models.records.people import OWNER, Person, RoomParty
    ties = list(RoomParty.select(RoomParty.room, RoomParty.person, RoomParty.id, Person.name, Person.id_type,
                                 Person.id_number)
                .join(Person, on=(RoomParty.person == Person.id))
                .where((RoomParty.role == OWNER) & RoomParty.end_date.is_null() & (Person.id_number != ""))
                .tuples())
    assert ties, "the bench estate has no owners with ID numbers"
    return [rng.choice(ties) for _ in range(count)]


def _slip_row(rng, slip_id, copy_id, number, tie, day, today):
    room, person, party, name, id_type, id_number = tie
    issued_at = dt.datetime.combine(day, dt.time(rng.randrange(8, 18), rng.randrange(60)))
    roll = rng.random()
    state = "used" if roll < 0.9 else "cancelled" if roll < 0.94 else "issued"
    if day == today and roll < 0.95:
        state = "issued"                       # today's: most still on their way to the gate
    used_at = issued_at + dt.timedelta(minutes=rng.randrange(10, 180)) if state == "used" else None
    cancelled = issued_at + dt.timedelta(minutes=rng.randrange(5, 60)) if state == "cancelled" else None
    plate = f"粤B{rng.randrange(10000, 99999)}" if rng.random() < 0.3 else ""
    return (slip_id, day.year, number, room, person, party, "owner", name, id_type, id_number, copy_id,
            rng.random() < 0.04, plate, day, day, issued_at, "李静", rng.random() < 0.05, state,
            used_at, "周卫东" if used_at else None, "gate" if used_at else None,
            cancelled, "李静" if cancelled else None, "物品写错" if cancelled else None, "", 0, 0)


def top_up(count, seed=16):
    """Bulk-insert ``count`` slips over the last year (numbers per calendar year, after any there are)."""
    from models.db import bulk_insert, write_tx
    from models.records.people import IdCopy
    from models.release.slips import ReleaseItem, ReleaseSlip
    from models.serials import SerialCounter
    rng = random.Random(seed)
    today = dt.date.today()
    days = sorted(today - dt.timedelta(days=rng.randrange(365)) for _ in range(count))
    owners = _owners(rng, count)
    with write_tx():
        last = {c.year: c.last for c in SerialCounter.select().where(SerialCounter.kind == "release")}
        slip_id = (ReleaseSlip.select(ReleaseSlip.id).order_by(ReleaseSlip.id.desc()).scalar() or 0)
        copy_id = (IdCopy.select(IdCopy.id).order_by(IdCopy.id.desc()).scalar() or 0)
        item_id = (ReleaseItem.select(ReleaseItem.id).order_by(ReleaseItem.id.desc()).scalar() or 0)
        copies, slips, items = [], [], []
        for tie, day in zip(owners, days):
            slip_id, copy_id = slip_id + 1, copy_id + 1
            last[day.year] = last.get(day.year, 0) + 1
            row = _slip_row(rng, slip_id, copy_id, last[day.year], tie, day, today)
            copies.append((copy_id, tie[1], tie[0], tie[4], tie[5], "办理物品放行", row[15], "李静"))
            slips.append(row)
            for line, name in enumerate(rng.sample(GOODS, rng.randint(2, 4)), 1):
                item_id += 1
                items.append((item_id, slip_id, line, name, rng.choice((1, 1, 1, 2, 3, 10)), ""))
        bulk_insert(IdCopy, [IdCopy.id, IdCopy.person, IdCopy.room, IdCopy.id_type, IdCopy.id_number,
                             IdCopy.purpose, IdCopy.taken_at, IdCopy.taken_by], copies)
        s = ReleaseSlip
        bulk_insert(s, [s.id, s.year, s.number, s.room, s.person, s.party, s.person_role, s.person_name, s.id_type,
                        s.id_number, s.id_copy, s.whole_household, s.plate, s.issued_on, s.valid_until, s.issued_at,
                        s.clerk, s.urgent, s.state, s.used_at, s.used_by, s.used_where, s.cancelled_at,
                        s.cancelled_by, s.cancel_reason, s.note, s.arrears_months, s.arrears_fen], slips)
        i = ReleaseItem
        bulk_insert(i, [i.id, i.slip, i.line, i.name, i.quantity, i.note], items)
        for year, number in last.items():
            SerialCounter.insert(kind="release", year=year, last=number).on_conflict_replace().execute()
    return len(slips), len(items)


@pytest.fixture(scope="module")
def year_of_slips(big_estate):
    """The estate with a year of slips: the demo's if it made them, else a topped-up copy."""
    from models import db as dbmod
    from models.release.slips import ReleaseSlip
    if ReleaseSlip.select().count() >= SLIPS_A_YEAR // 2:
        yield "demo"
        return
    copy = CACHE.with_name(CACHE.stem + "-gate.db")
    if not copy.exists():
        partial = copy.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        import sqlite3
        target = sqlite3.connect(partial)
        dbmod.database.obj.connection().backup(target)     # the backup API: the cached file is opened once
        target.close()
        dbmod.close_database()
        dbmod.open_database(partial)
        started = time.perf_counter()
        slips, items = top_up(SLIPS_A_YEAR)
        print(f"\n[bench] topped up {slips} release slips ({items} lines of goods) in "
              f"{time.perf_counter() - started:.1f} s (the demo makes none yet)")
        dbmod.database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        dbmod.close_database()
        partial.rename(copy)
    else:
        dbmod.close_database()
    dbmod.open_database(copy)
    yield "topped up by bulk insert"
    dbmod.close_database()
    dbmod.open_database(CACHE)                 # the other benchmarks read the estate as the demo made it


def _sample(count):
    from models.release.gate import qr_payload
    from models.release.slips import ReleaseSlip
    ids = [i for (i,) in ReleaseSlip.select(ReleaseSlip.id).tuples()]
    chosen = random.Random(7).sample(ids, min(count, len(ids)))
    return [qr_payload(ReleaseSlip.get_by_id(i)) for i in chosen]


def _timed(fn, inputs):
    times = []
    for text in inputs:
        t0 = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def test_gate_answer_to_a_scan(year_of_slips):
    from models import db as dbmod
    from models.release import gate
    from models.release.slips import ReleaseItem, ReleaseSlip
    payloads = _sample(SAMPLES)
    for text in payloads[:10]:
        gate.answer(text)                                  # warm: the statements prepared, the pages cached
    answers = [gate.answer(text) for text in payloads]
    assert all(a.slip is not None and a.items and a.state != "forged" for a in answers)
    times = _timed(gate.answer, payloads)
    raw = dbmod.database.obj.connection()                  # the same connection, no ORM, no check code

    def bare(text):
        year, number = (int(part) for part in text[2:].split("/")[0].split("-"))
        slip = raw.execute("SELECT * FROM release_slip WHERE year = ? AND number = ?", (year, number)).fetchone()
        return slip, raw.execute("SELECT * FROM release_item WHERE slip_id = ? ORDER BY line", (slip[0],)).fetchall()

    bare_times = _timed(bare, payloads)
    ok = sum(a.ok for a in answers)
    report("gate answer to a scan", rooms=ROOMS, slips=ReleaseSlip.select().count(),
           items=ReleaseItem.select().count(), source=year_of_slips, scans=len(times), ok=ok, refused=len(times) - ok,
           p50_ms=statistics.median(times), p95_ms=_percentile(times, 0.95), max_ms=max(times),
           bare_p50_ms=statistics.median(bare_times), bare_p95_ms=_percentile(bare_times, 0.95),
           ratio_p50=statistics.median(times) / max(statistics.median(bare_times), 1e-3))
    if FULL:
        assert _percentile(times, 0.95) < 50


def test_gate_screen_answer(year_of_slips, qtbot):
    """What the guard waits for: the answer and the page redrawn with it (room, goods, badge)."""
    from models.users import Actor
    from ui.context import AppContext
    from ui.release.gate_page import GatePage
    page = GatePage(AppContext(Actor("周卫东", "gate"), "bench"))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    payloads = _sample(100)
    page.scan(payloads[0])
    times = _timed(lambda text: (page.scan(text), page.repaint()), payloads)
    t0 = time.perf_counter()
    page.refresh_urgent()
    urgent_ms = (time.perf_counter() - t0) * 1000
    report("gate screen answer (scan → page drawn)", scans=len(times), p50_ms=statistics.median(times),
           p95_ms=_percentile(times, 0.95), max_ms=max(times), urgent_list_ms=urgent_ms,
           urgent_today=page.urgent_list.count())
    if FULL:
        assert _percentile(times, 0.95) < 100
