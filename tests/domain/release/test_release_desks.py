"""Several desks and a gate on one database at once: one SQLite file, or the shared PostgreSQL.

Real processes, each with its own connection as the desk PCs and the gate PC have, start together
when the ``go`` file appears. Slip numbers stay gapless and unshared; a slip lets goods out once
even when two guards scan it at the same moment; a director's approval serves one slip; a desk
killed in the middle of an issue leaves nothing of it.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.desks import child, database, run_desks

OWNER_ID = "110101199003077774"

CHILD = child("""
    from models.db import write_tx
    from models.release import gate, issuing

    def do(actor, name, work, step):
        if step["do"] == "use":
            return gate.use_slip(actor, step["number"]).used_by
        given = issuing.SlipInput(step["room"], step["person"], step["id"], [issuing.GoodsLine("纸箱", 3)])
        if step["do"] == "issue":
            return issuing.issue_slip(actor, given).serial
        with write_tx():                   # "hang": killed inside, the slip, its items and ID copy not committed
            issuing.issue_slip(actor, given)
            (work / f"{name}.inside").touch()
            time.sleep(600)
""")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office(request, tmp_path):
    """The small estate (room 1201: owner 张伟) on a SQLite file or a PostgreSQL database of its own."""
    from models import db as dbmod
    from models.records import estate as e, people as p
    from models.users import CLERK, CS_SUPERVISOR, Actor
    target = database(request, tmp_path)
    dbmod.open_database(target, create=True)
    clerk, supervisor = Actor("李静", CLERK), Actor("王芳", CS_SUPERVISOR)
    room = e.create_room(supervisor, e.RoomInput("3", "2", "1201", "89.50"))
    owner = p.create_person(clerk, p.PersonInput("张伟", id_number=OWNER_ID, phones=[("13812345678", "mobile")]))
    p.transfer_ownership(clerk, room.id, [owner.id], "2020-05-01", "粤房证2020-001")
    yield dict(target=target, room=room.id, owner=owner.id, clerk=clerk)
    dbmod.close_database()


def _run(office, tmp_path, desks: dict[str, tuple[str, list]], kill_inside: str | None = None) -> dict:
    return run_desks(CHILD, office["target"], tmp_path, desks, kill_inside)


def _owner_step(office):
    return {"do": "issue", "room": office["room"], "person": office["owner"], "id": OWNER_ID}


def test_three_desks_issue_slips_at_once_without_sharing_or_skipping_a_number(office, tmp_path):
    from models.release.slips import ReleaseSlip
    from models.records.people import IdCopy
    per_desk = 8
    results = _run(office, tmp_path, {name: ("clerk", [_owner_step(office)] * per_desk)
                                      for name in ("一号台", "二号台", "三号台")})
    numbers = sorted(int(serial.split("-")[1]) for serials in results.values() for serial in serials)
    assert numbers == list(range(1, 3 * per_desk + 1)), results
    assert ReleaseSlip.select().count() == IdCopy.select().count() == 3 * per_desk


def test_two_guards_scanning_one_slip_at_once_let_it_out_once(office, tmp_path):
    from models.audit import AuditLog
    from models.release import gate, issuing
    slip = issuing.issue_slip(office["clerk"], issuing.SlipInput(office["room"], office["owner"], OWNER_ID,
                                                                 [issuing.GoodsLine("冰箱", 1)]))
    scan = {"do": "use", "number": gate.qr_payload(slip)}
    results = _run(office, tmp_path, {"周卫东": ("gate", [scan]), "吴建华": ("gate", [scan])})
    outcomes = sorted(r for rs in results.values() for r in rs)
    assert len(outcomes) == 2 and sum(not o.startswith("refused") for o in outcomes) == 1, outcomes
    assert "已使用" in [o for o in outcomes if o.startswith("refused")][0]
    assert AuditLog.select().where(AuditLog.action == "release_slip.use").count() == 1


def test_one_approval_serves_one_slip_when_two_desks_use_it_at_once(office, tmp_path):
    from models.money import charging
    from models.release import approvals
    from models.release.slips import ReleaseSlip
    from models.users import DIRECTOR, FINANCE, Actor
    today = dt.date.today().replace(day=1)
    for n in range(5, 0, -1):
        index = today.year * 12 + today.month - 1 - n
        charging.generate_month(Actor("钱会计", FINANCE), dt.date(index // 12, index % 12 + 1, 1), backdate=True)
    asked = approvals.request_approval(office["clerk"], office["room"], office["owner"], "沙发")
    approvals.decide_approval(Actor("孙主任", DIRECTOR), asked.id, True, "同意")
    results = _run(office, tmp_path, {"一号台": ("clerk", [_owner_step(office)]),
                                      "二号台": ("clerk", [_owner_step(office)])})
    outcomes = [r for rs in results.values() for r in rs]
    assert sum(o.startswith("FX") for o in outcomes) == 1, outcomes
    assert ReleaseSlip.select().where(ReleaseSlip.approval == asked.id).count() == 1


def test_a_desk_killed_inside_an_issue_leaves_nothing_of_it(office, tmp_path):
    from models.audit import AuditLog
    from models.records.people import IdCopy
    from models.release import issuing
    from models.release.slips import ReleaseItem, ReleaseSlip

    def counts():
        return tuple(m.select().count() for m in (ReleaseSlip, ReleaseItem, IdCopy, AuditLog))
    before = counts()
    hang = dict(_owner_step(office), do="hang")
    _run(office, tmp_path, {"一号台": ("clerk", [hang])}, kill_inside="一号台")
    assert counts() == before
    # The number the killed desk had taken was given back.
    slip = issuing.issue_slip(office["clerk"], issuing.SlipInput(office["room"], office["owner"], OWNER_ID,
                                                                 [issuing.GoodsLine("冰箱", 1)]))
    assert slip.number == 1
