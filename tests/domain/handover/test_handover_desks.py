"""Two desks on one database at once: one SQLite file, or the shared PostgreSQL (PMDESK_TEST_PG).

Real processes, each with its own connection as two desk PCs have, start together when the ``go`` file
appears. The same key scanned at two desks at once goes out once (seed 000 §5: every key movement is
logged, a key is with one borrower); keys lent at once get different loan numbers and none is skipped;
the same room handed over at two desks at once is handed over once, with one form number.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.desks import child, database, run_desks

CHILD = child("""
    from models.handover import handing, keys

    def do(actor, name, work, step):
        if step["do"] == "lend":
            return keys.lend(actor, keys.LoanInput(step["key"], name, "维修")).serial
        if step["do"] == "return":
            return keys.take_back(actor, step["key"]).serial
        given = handing.HandoverInput(step["room"], step["owner"], documents=["购房合同"], deed_no="粤房证2026-1")
        return handing.hand_over(actor, given).serial
""")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office(request, tmp_path):
    """A vacant room 3-2-1301 with 张伟 buying it, and twelve keys on hooks A-001…A-012."""
    from models import db as dbmod
    from models.handover.keys import KeyInput, add_key
    from models.records import estate as e, people as p
    from models.users import CLERK, CS_SUPERVISOR, Actor
    target = database(request, tmp_path)
    dbmod.open_database(target, create=True)
    clerk, supervisor = Actor("李静", CLERK), Actor("王芳", CS_SUPERVISOR)
    owner = p.create_person(clerk, p.PersonInput("张伟", id_number="110101199003077774"))
    room = e.create_room(supervisor, e.RoomInput("3", "2", "1301", "89.50"))
    for hook in range(1, 13):
        add_key(supervisor, KeyInput(f"A-{hook:03d}", "public", "配电房门", area=f"{hook}栋配电房"))
    yield dict(target=target, room=room.id, owner=owner.id)
    dbmod.close_database()


def _run(office, tmp_path, desks: dict[str, tuple[str, list]]) -> dict:
    return run_desks(CHILD, office["target"], tmp_path, desks)


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
