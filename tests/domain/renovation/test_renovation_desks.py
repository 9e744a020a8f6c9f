"""Two desks on one database at once: one SQLite file, or the shared PostgreSQL (PMDESK_TEST_PG).

Real processes, each with its own connection as two desk PCs have, start together when the ``go`` file
appears. Rectification notices issued at the same moment get different numbers and none is skipped
(seed 000 §4.3.6: numbered notices); a renovation settled from two desks at once gives its deposit back
once (seed 004 场景二: the deposit is refunded once, after the acceptance).
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.desks import child, database, run_desks

OWNER_ID = "110101199003077774"

CHILD = child("""
    import datetime as dt
    from models.renovation import inspections, settling

    def do(actor, name, work, step):
        if step["do"] == "notice":
            return inspections.issue_notice(actor, inspections.NoticeInput(
                step["inspection"], "第八条 装修垃圾须袋装并运至指定地点", "当日清运",
                dt.date.today() + dt.timedelta(days=2))).serial
        refund = settling.settle(actor, step["renovation"])
        return refund.serial if refund is not None else "none"
""")


def _application(room, owner):
    from models.renovation.applying import ApplicationInput, ContractorInput, FeePayment, WorkerInput
    today = dt.date.today()
    return ApplicationInput(room, owner, today, today + dt.timedelta(days=30), works=["walls"],
                            contractor=ContractorInput("深圳市安居装饰工程有限公司", "91440300MA5F8XYZ1K", "",
                                                       "陈建国", "13612345678"),
                            workers=[WorkerInput("刘师傅", "440304198512120023")], fees=FeePayment("张伟"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office(request, tmp_path):
    """Rooms 1201, 1202 and 1301 (owner 张伟), each with a renovation in works and an inspection that found
    something; 1301's works then accepted with a deduction."""
    from models import db as dbmod
    from models.records import estate as e, people as p
    from models.renovation import deciding, inspections
    from models.renovation.applying import submit_application
    from models.users import CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, Actor
    target = database(request, tmp_path)
    dbmod.open_database(target, create=True)
    clerk, supervisor, engineer = Actor("李静", CLERK), Actor("王芳", CS_SUPERVISOR), Actor("赵工", ENG_SUPERVISOR)
    owner = p.create_person(clerk, p.PersonInput("张伟", id_number=OWNER_ID))
    made = []
    for number in ("1201", "1202", "1301"):
        room = e.create_room(supervisor, e.RoomInput("3", "2", number, "89.50"))
        p.transfer_ownership(clerk, room.id, [owner.id], "2020-05-01", f"粤房证2020-{number}")
        renovation = submit_application(clerk, _application(room.id, owner.id))
        deciding.approve(engineer, renovation.id)
        deciding.start_works(clerk, renovation.id)
        seen = inspections.record_inspection(clerk, inspections.InspectionInput(renovation.id, passed=False,
                                                                               findings="装修垃圾堆放在楼道"))
        made.append((renovation, seen))
    done = made[2][0]
    deciding.request_completion(clerk, done.id)
    deciding.accept(engineer, done.id, "验收合格", [("300", "走廊墙面污损")])
    yield dict(target=target, inspections=[s.id for _r, s in made[:2]], accepted=done)
    dbmod.close_database()


def _run(office, tmp_path, desks: dict[str, tuple[str, list]]) -> dict:
    return run_desks(CHILD, office["target"], tmp_path, desks)


def test_two_desks_issuing_notices_at_once_get_different_gapless_numbers(office, tmp_path):
    from models.audit import AuditLog
    from models.renovation.works import RectificationNotice
    per_desk = 8
    first, second = office["inspections"]
    results = _run(office, tmp_path, {
        "李静": ("clerk", [{"do": "notice", "inspection": first}] * per_desk),
        "王芳": ("cs_supervisor", [{"do": "notice", "inspection": second}] * per_desk)})
    serials = [serial for issued in results.values() for serial in issued]
    year = dt.date.today().year
    assert all(s.startswith(f"ZG{year}-") for s in serials), results
    assert sorted(int(s.split("-")[1]) for s in serials) == list(range(1, 2 * per_desk + 1))
    assert RectificationNotice.select().count() == 2 * per_desk
    assert AuditLog.select().where(AuditLog.action == "notice.issue").count() == 2 * per_desk


def test_settling_one_renovation_from_two_desks_at_once_refunds_once(office, tmp_path):
    from models.money.ledger import Deposit, DepositMovement, Refund
    from models.renovation.works import Renovation
    done = office["accepted"]
    settle = [{"do": "settle", "renovation": done.id}]
    results = _run(office, tmp_path, {"钱会计": ("finance", settle), "王芳": ("cs_supervisor", settle)})
    outcomes = sorted(r for rs in results.values() for r in rs)
    assert len(outcomes) == 2 and sum(o.startswith("TK") for o in outcomes) == 1, outcomes
    refused = [o for o in outcomes if o.startswith("refused")][0]
    assert "“押金已结算”" in refused, refused            # the second desk sees the first's settlement
    assert Refund.select().count() == 1 and Refund.get().amount_fen == 170000
    moves = sorted((m.kind, m.amount_fen) for m in DepositMovement.select().where(DepositMovement.deposit == done.deposit_id))
    assert moves == [("deduct", 30000), ("refund", 170000)]
    assert Deposit.get_by_id(done.deposit_id).held_fen == 0
    assert Renovation.get_by_id(done.id).state == "settled"
