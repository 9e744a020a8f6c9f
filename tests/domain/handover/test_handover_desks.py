"""Two desks on one database at once: one SQLite file, or the shared PostgreSQL (PMDESK_TEST_PG).

Real processes, each with its own connection as two desk PCs have, start together when the ``go`` file
appears. The same key scanned at two desks at once goes out once (seed 000 §5: every key movement is
logged, a key is with one borrower); keys lent at once get different loan numbers and none is skipped;
the same room handed over at two desks at once is handed over once, with one form number.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 180

CHILD = r"""
import json, sys, time, datetime as dt
from pathlib import Path
sys.path.insert(0, sys.argv[1])
target, name, role, work, plan = sys.argv[2], sys.argv[3], sys.argv[4], Path(sys.argv[5]), json.loads(sys.argv[6])
from models import db as dbmod
from models.errors import DomainError
from models.handover import handing, keys
from models.users import Actor
dbmod.open_database(target)
actor = Actor(name, role)
(work / f"{name}.ready").touch()
while not (work / "go").exists():
    time.sleep(0.0005)
results = []
for step in plan["steps"]:
    try:
        if step["do"] == "lend":
            results.append(keys.lend(actor, keys.LoanInput(step["key"], name, "维修")).serial)
        elif step["do"] == "return":
            results.append(keys.take_back(actor, step["key"]).serial)
        elif step["do"] == "hand_over":
            given = handing.HandoverInput(step["room"], step["owner"], documents=["购房合同"], deed_no="粤房证2026-1")
            results.append(handing.hand_over(actor, given).serial)
    except DomainError as refusal:
        results.append("refused: " + str(refusal))
    time.sleep(0.002)
(work / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False))
"""


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office(request, tmp_path):
    """A vacant room 3-2-1301 with 张伟 buying it, and twelve keys on hooks A-001…A-012."""
    from models import db as dbmod
    from models.handover.keys import KeyInput, add_key
    from models.records import estate as e, people as p
    from models.users import CLERK, CS_SUPERVISOR, Actor
    target = str(tmp_path / "office.db") if request.param == "sqlite" else request.getfixturevalue("empty_pg_url")
    dbmod.open_database(target, create=True)
    clerk, supervisor = Actor("李静", CLERK), Actor("王芳", CS_SUPERVISOR)
    owner = p.create_person(clerk, p.PersonInput("张伟", id_number="110101199003077774"))
    room = e.create_room(supervisor, e.RoomInput("3", "2", "1301", "89.50"))
    for hook in range(1, 13):
        add_key(supervisor, KeyInput(f"A-{hook:03d}", "public", "配电房门", area=f"{hook}栋配电房"))
    yield dict(target=target, room=room.id, owner=owner.id)
    dbmod.close_database()


def _run(office, tmp_path, desks: dict[str, tuple[str, list]]) -> dict:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    procs = {name: subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), office["target"], name, role, str(work),
                                     json.dumps({"steps": steps})], stderr=subprocess.PIPE)
             for name, (role, steps) in desks.items()}
    try:
        deadline = time.monotonic() + TIMEOUT
        while not all((work / f"{name}.ready").exists() for name in procs):
            assert time.monotonic() < deadline and all(p.poll() is None for p in procs.values()), \
                [p.stderr.read().decode(errors="replace") for p in procs.values() if p.poll() is not None]
            time.sleep(0.01)
        (work / "go").touch()
        for proc in procs.values():
            assert proc.wait(timeout=TIMEOUT) == 0, proc.stderr.read().decode(errors="replace")
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    return {name: json.loads((work / f"{name}.json").read_text()) for name in procs}


def test_the_same_key_scanned_at_two_desks_goes_out_once(office, tmp_path):
    from models.handover.tables import OUT, Key, KeyLoan
    steps = [{"do": "lend", "key": "A-001"}, {"do": "return", "key": "A-001"}] * 4
    results = _run(office, tmp_path, {"李静": ("clerk", steps), "陈敏": ("clerk", steps)})
    lent = [r for rs in results.values() for r in rs[0::2] if r.startswith("JY")]
    assert lent and all(r.startswith("JY") or "已于" in r or "没有借出" in r or "尚未归还" in r
                        for rs in results.values() for r in rs), results
    loans = list(KeyLoan.select().order_by(KeyLoan.id))
    # never two loans open at once: each loan is returned before the next goes out
    for earlier, later in zip(loans, loans[1:]):
        assert earlier.returned_at is not None and earlier.returned_at <= later.out_at
    assert Key.get(Key.hook == "A-001").state in (OUT, "in")


def test_keys_lent_at_once_get_different_gapless_numbers(office, tmp_path):
    from models.handover.tables import KeyLoan
    results = _run(office, tmp_path, {
        "李静": ("clerk", [{"do": "lend", "key": f"A-{hook:03d}"} for hook in range(1, 7)]),
        "陈敏": ("clerk", [{"do": "lend", "key": f"A-{hook:03d}"} for hook in range(7, 13)])})
    serials = [s for rs in results.values() for s in rs]
    year = dt.date.today().year
    assert all(s.startswith(f"JY{year}-") for s in serials), results
    assert sorted(int(s.split("-")[1]) for s in serials) == list(range(1, 13))
    assert KeyLoan.select().count() == 12


def test_one_room_handed_over_at_two_desks_at_once_is_handed_over_once(office, tmp_path):
    from models.handover.tables import Handover
    step = [{"do": "hand_over", "room": office["room"], "owner": office["owner"]}]
    results = _run(office, tmp_path, {"李静": ("clerk", step), "陈敏": ("clerk", step)})
    outcomes = sorted(r for rs in results.values() for r in rs)
    assert sum(o.startswith("JF") for o in outcomes) == 1, outcomes
    assert "空置房" in [o for o in outcomes if o.startswith("refused")][0]
    assert Handover.select().count() == 1
