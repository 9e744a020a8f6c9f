"""Issue 17 figure: the daily inspection list (今日巡查, ``inspections.due_today``) with 1,000 renovations in
works answers in under 100 ms, against the bare library running the same SQL on the same connection.

The estate is the demo's (tests/bench/conftest.py): at 20,000 rooms it has more than a thousand works on
site, with two years of daily inspections behind them. A smaller estate is topped up on a copy
(``…-works.db``, the cached estate itself never written): renovations in works are bulk-inserted until a
thousand are on site, each with its days of inspections (a few already seen today) and now and then an
open notice, in the rooms there are (a small estate's rooms carry several: only the list's speed is
measured here).

    BENCH_ROOMS=20000 .venv/bin/python -m pytest -m bench -s tests/bench/test_renovation_bench.py
"""
from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

import pytest

from tests.bench.conftest import CACHE, ROOMS, report, statements

pytestmark = pytest.mark.bench
WORKS = 1000
RUNS = 25
TODAY = dt.date.today()


def _on_site() -> int:
    from models.renovation.works import ON_SITE, Renovation
    return Renovation.select().where(Renovation.state.in_(ON_SITE)).count()


def top_up(count: int, seed: int = 17) -> tuple[int, int]:
    """Bulk-insert ``count`` renovations in works (numbers after the demo's), with their inspections."""
    from models.db import bulk_insert, write_tx
    from models.records.people import OWNER, RoomParty
    from models.renovation.works import Contractor, Inspection, RectificationNotice, Renovation
    from models.serials import SerialCounter
    rng = random.Random(seed)
    owners = list(RoomParty.select(RoomParty.room, RoomParty.person).where(
        (RoomParty.role == OWNER) & RoomParty.end_date.is_null()).tuples())
    with write_tx():
        contractor = Contractor.create(name="深圳市鹏城装饰工程有限公司（测）", licence_no="91440300MABENCH17X",
                                       person_in_charge="陈建国", phone="13612345678", created_by="bench")
        first = (Renovation.select(Renovation.id).order_by(Renovation.id.desc()).scalar() or 0) + 1
        number = (SerialCounter.select(SerialCounter.last).where((SerialCounter.kind == "renovation")
                                                                 & (SerialCounter.year == TODAY.year)).scalar() or 0)
        inspection_id = (Inspection.select(Inspection.id).order_by(Inspection.id.desc()).scalar() or 0)
        works, seen, notices = [], [], []
        for i in range(count):
            room, owner = owners[i % len(owners)]
            started = TODAY - dt.timedelta(days=rng.randint(3, 60))
            at = dt.datetime.combine(started, dt.time(9))
            works.append((first + i, TODAY.year, number + i + 1, room, owner, "owner", "", "", "", False,
                          contractor.id, "walls,floors", "", started, started + dt.timedelta(days=90), "in_works", at,
                          "李静", at, "赵建国", "", "", at, "handed_over", "", ""))
            day = started + dt.timedelta(days=1)
            while day <= TODAY:
                if day.weekday() < 5 and (day < TODAY or rng.random() < 0.3):
                    inspection_id += 1
                    moment = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randrange(60)))
                    seen.append((inspection_id, first + i, moment, day, "赵建国", "routine", None, True, "", moment))
                day += dt.timedelta(days=1)
            if rng.random() < 0.05 and seen and seen[-1][1] == first + i:
                notices.append((first + i, seen[-1][0], "both", "施工人员未佩戴出入证进出", "第十一条", "佩戴出入证",
                                TODAY + dt.timedelta(days=2), seen[-1][2], "赵建国", "", "open"))
        r, n, x = Renovation, Inspection, RectificationNotice
        bulk_insert(r, [r.id, r.year, r.number, r.room, r.owner, r.applicant, r.agent_name, r.agent_id_number,
                        r.agent_phone, r.authorisation, r.contractor, r.works, r.works_note, r.start_on, r.end_on,
                        r.state, r.submitted_at, r.received_by, r.decided_at, r.decided_by, r.decision_note,
                        r.owner_told_how, r.started_at, r.room_state_before, r.acceptance_note, r.note], works)
        bulk_insert(n, [n.id, n.renovation, n.at, n.on, n.inspector, n.kind, n.quiet_ok, n.passed, n.findings,
                        n.recorded_at], seen)
        last = (x.select(x.number).where(x.year == TODAY.year).order_by(x.number.desc()).scalar() or 0)
        bulk_insert(x, [x.year, x.number, x.renovation, x.inspection, x.addressed_to, x.finding, x.rule, x.required,
                        x.deadline, x.issued_at, x.issued_by, x.signed_by, x.state],
                    [(TODAY.year, last + k + 1, *row) for k, row in enumerate(notices)])
        SerialCounter.insert(kind="renovation", year=TODAY.year, last=number + count).on_conflict_replace().execute()
        SerialCounter.insert(kind="rectification", year=TODAY.year,
                             last=last + len(notices)).on_conflict_replace().execute()
    return len(works), len(seen)


@pytest.fixture(scope="module")
def works_on_site(big_estate):
    """The estate with a thousand works on site: the demo's if it has them, else a topped-up copy."""
    from models import db as dbmod
    if _on_site() >= WORKS:
        yield "demo"
        return
    copy = CACHE.with_name(CACHE.stem + "-works.db")
    if not copy.exists():
        partial = copy.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        import sqlite3
        target = sqlite3.connect(partial)
        dbmod.database.obj.connection().backup(target)
        target.close()
        dbmod.close_database()
        dbmod.open_database(partial)
        started = time.perf_counter()
        works, seen = top_up(WORKS - _on_site())
        print(f"\n[bench] topped up {works} renovations in works ({seen} inspections) in "
              f"{time.perf_counter() - started:.1f} s")
        dbmod.database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        dbmod.close_database()
        partial.rename(copy)
    else:
        dbmod.close_database()
    dbmod.open_database(copy)
    yield "topped up by bulk insert"
    dbmod.close_database()
    dbmod.open_database(CACHE)                 # the other benchmarks read the estate as the demo made it


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_daily_inspection_list(works_on_site):
    from models import db as dbmod
    from models.renovation import inspections
    from models.renovation.works import Inspection
    on_site = _on_site()
    assert on_site >= WORKS
    listed = inspections.due_today(TODAY)
    seen_today = len({i for (i,) in Inspection.select(Inspection.renovation).where(Inspection.on == TODAY).tuples()})
    assert len(listed) == on_site - seen_today and listed == sorted(listed, key=lambda row: row[2])
    (sql, params), = statements(lambda: inspections.due_today(TODAY))
    raw = dbmod.database.obj.connection()                  # the same connection, no ORM, no row tuples made

    def bare():
        return raw.execute(sql, params).fetchall()
    assert len(bare()) == len(listed)
    times, bare_times = [], []
    for _i in range(RUNS):
        started = time.perf_counter()
        inspections.due_today(TODAY)
        times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        bare()
        bare_times.append((time.perf_counter() - started) * 1000)
    p50, bare_p50 = statistics.median(times), statistics.median(bare_times)
    report("daily inspection list (due_today)", rooms=ROOMS, source=works_on_site, on_site=on_site,
           listed=len(listed), inspections=Inspection.select().count(), p50_ms=p50,
           p95_ms=_percentile(times, 0.95), bare_p50_ms=bare_p50, ratio_p50=p50 / max(bare_p50, 1e-3))
    assert _percentile(times, 0.95) < 100
