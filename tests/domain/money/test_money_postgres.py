"""Several desks on one shared PostgreSQL database, at the same moment.

PostgreSQL does not lock what a transaction reads: two desks paying the same room each read
the same open charge and both settled it. Every read-then-write operation must lock what it
reads. Real processes (not threads), each with its own connection as the desk PCs have, meet
at a barrier before each step so that their operations collide.

Runs when PMDESK_TEST_PG names a server URL (``.ci/run`` starts one on loopback); each test
gets a database of its own, dropped afterwards.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 180
FEE = 22375          # 89.50 m² × 2.50

# A desk PC (its name is the acting user's): opens the database itself, then for each step of its plan waits at the barrier
# (every desk's file for the step exists) and does the step. What a rule refused is recorded
# as the clerk's sentence; anything else ends the process with its traceback.
CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
url, name, role, work, plan = sys.argv[2], sys.argv[3], sys.argv[4], Path(sys.argv[5]), json.loads(sys.argv[6])
from models import db as dbmod
from models.errors import DomainError
from models.money import cashier, charging, closing, deposits
from models.users import Actor
dbmod.open_database(url)
actor = Actor(name, role)

def barrier(step):
    (work / f"{name}.{step}").touch()
    deadline = time.monotonic() + 60
    while len(list(work.glob(f"*.{step}"))) < plan["desks"]:
        if time.monotonic() > deadline:
            raise SystemExit(f"{name}: the other desks never reached step {step}")
        time.sleep(0.0005)

def run(action, a):
    if action == "pay":
        return cashier.take_payment(actor, a["room"], cashier.Payment(name, "cash", a["amount"],
                                                                      prepayment=a.get("prepayment", False))).serial
    if action == "month":
        return charging.generate_month(actor, a["month"], backdate=True).id
    if action == "void":
        return cashier.void_receipt(actor, a["receipt"], "desk " + name).serial
    if action == "refund":
        return cashier.refund_receipt(actor, a["receipt"], a["amount"], "desk " + name).serial
    if action == "deposit":
        return deposits.refund_deposit(actor, a["deposit"], a["amount"]).serial
    if action == "forfeit":
        return deposits.forfeit_deposit(actor, a["deposit"], "desk " + name)
    if action == "close":
        return closing.close_day(actor).serial
    if action == "charge":
        return charging.add_charge(actor, a["room"], "management_fee", "223.75", period=a["month"]).id
    if action == "confirm":
        return closing.confirm_close(actor, a["close"]).serial
    raise SystemExit(f"unknown step {action}")

results = []
for step, (action, a) in enumerate(plan["steps"]):
    barrier(step)
    try:
        results.append(["ok", run(action, a)])
    except DomainError as error:
        results.append(["refused", str(error)])
(work / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
"""


@pytest.fixture
def pg_url(empty_pg_url):
    """A new database of this program on the test server (the parent process is connected to it)."""
    from models import db as dbmod
    dbmod.open_database(empty_pg_url, create=True)
    return empty_pg_url


@pytest.fixture
def actors(pg_url):
    from models.users import CLERK, CS_SUPERVISOR, FINANCE, Actor
    return dict(clerk=Actor("李静", CLERK), finance=Actor("钱会计", FINANCE), supervisor=Actor("王芳", CS_SUPERVISOR))


@pytest.fixture
def rooms(actors):
    """Two let rooms of 89.50 m², each owing two years of management fees (24 × 223.75)."""
    from models.records import estate as e
    from models.money.charging import add_charge
    made = [e.create_room(actors["supervisor"], e.RoomInput("3", "2", n, "89.50", state=e.LET)) for n in ("1201", "1301")]
    for room in made:
        for year in (2024, 2025):
            for month in range(1, 13):
                add_charge(actors["finance"], room.id, "management_fee", "223.75", period=f"{year}-{month:02d}")
    return [room.id for room in made]


def _desks(url, work: Path, plans: dict[str, tuple[str, list]]) -> dict[str, list]:
    """Run one process per desk ({name: (role, steps)}) to the end; what each step gave, per desk."""
    work.mkdir(exist_ok=True)
    procs = {}
    for name, (role, steps) in plans.items():
        plan = json.dumps({"desks": len(plans), "steps": steps})
        procs[name] = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), url, name, role, str(work), plan],
                                       stderr=subprocess.PIPE)
    try:
        for name, proc in procs.items():
            assert proc.wait(timeout=TIMEOUT) == 0, f"{name}: {proc.stderr.read().decode(errors='replace')}"
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return {name: json.loads((work / f"{name}.json").read_text(encoding="utf-8")) for name in plans}


def _no_errors() -> None:
    from models.check import ERROR, run_checks
    errors = [f.message for f in run_checks() if f.level == ERROR]
    assert not errors, errors


def _gapless(model) -> list[int]:
    numbers = [n for (n,) in model.select(model.number).order_by(model.number).tuples()]
    assert numbers == list(range(1, len(numbers) + 1))
    return numbers


def test_four_desks_paying_the_same_two_rooms_settle_each_charge_once(pg_url, rooms, tmp_path):
    from models.money.ledger import Allocation, Charge, Receipt
    from models.serials import SerialCounter
    rounds = 6
    # Each round two desks pay one month of each room, all four at the same moment.
    plans = {f"desk{d}": ("clerk", [["pay", {"room": rooms[(r + d) % 2], "amount": "223.75"}] for r in range(rounds)])
             for d in range(4)}
    results = _desks(pg_url, tmp_path / "work", plans)
    assert all(outcome == "ok" for steps in results.values() for outcome, _serial in steps), results
    charges = list(Charge.select())
    assert all(0 <= c.settled_fen <= c.amount_fen for c in charges), \
        [(c.room_id, str(c.period), c.settled_fen) for c in charges if c.settled_fen > c.amount_fen]
    # 24 payments of one month each: 12 months of each room settled, each exactly once, oldest first.
    for room in rooms:
        settled = [c.settled_fen for c in Charge.select().where(Charge.room == room).order_by(Charge.period)]
        assert settled == [FEE] * 12 + [0] * 12
    assert Allocation.select().count() == 4 * rounds
    assert _gapless(Receipt) == list(range(1, 4 * rounds + 1))
    assert SerialCounter.get(SerialCounter.kind == "receipt").last == 4 * rounds
    _no_errors()


def test_two_desks_raising_the_same_month_raise_it_once(pg_url, actors, rooms, tmp_path):
    from models.money.ledger import Charge, ChargeRun
    before = Charge.select().count()
    plans = {f"desk{d}": ("finance", [["month", {"month": "2026-01"}]]) for d in range(3)}
    results = _desks(pg_url, tmp_path / "work", plans)
    outcomes = sorted(steps[0][0] for steps in results.values())
    assert outcomes == ["ok", "refused", "refused"], results
    refused = [steps[0][1] for steps in results.values() if steps[0][0] == "refused"]
    assert all("2026年1月" in text for text in refused), refused
    assert ChargeRun.select().count() == 1
    assert Charge.select().count() == before + 2
    _no_errors()


def test_a_void_and_a_refund_of_the_same_receipt_at_once_do_not_both_happen(pg_url, actors, rooms, tmp_path):
    from models.money import cashier
    from models.money.ledger import Receipt, Refund
    receipts = [cashier.take_payment(actors["clerk"], rooms[i % 2], cashier.Payment("张伟", "cash", "223.75")).id
                for i in range(6)]
    plans = {"finance": ("finance", [["void", {"receipt": r}] for r in receipts]),
             "supervisor": ("cs_supervisor", [["refund", {"receipt": r, "amount": "100"}] for r in receipts])}
    _desks(pg_url, tmp_path / "work", plans)
    for receipt_id in receipts:
        voided = Receipt.get_by_id(receipt_id).voided_at is not None
        refunded = Refund.select().where(Refund.receipt == receipt_id).exists()
        assert voided != refunded, receipt_id
    _gapless(Refund)
    _no_errors()


def test_two_desks_refunding_one_deposit_at_once_give_it_back_once(pg_url, actors, rooms, tmp_path):
    from models.money import cashier
    from models.money.ledger import Deposit, Refund
    deposit_ids = []
    for room in rooms:
        cashier.take_payment(actors["clerk"], room, cashier.Payment("张伟", "cash", items=[
            cashier.DeskItem("renovation_deposit")]))
        deposit_ids.append(Deposit.select().order_by(Deposit.id.desc()).first().id)
    plans = {"finance": ("finance", [["deposit", {"deposit": d, "amount": "2000"}] for d in deposit_ids]),
             "supervisor": ("cs_supervisor", [["forfeit", {"deposit": d}] for d in deposit_ids])}
    results = _desks(pg_url, tmp_path / "work", plans)
    for step in range(len(deposit_ids)):
        assert sorted(results[name][step][0] for name in plans) == ["ok", "refused"], results
    assert all(d.held_fen == 0 for d in Deposit.select())
    _gapless(Refund)
    _no_errors()


def test_a_daily_close_and_a_void_at_once_agree(pg_url, actors, rooms, tmp_path):
    """The close counts a receipt and the void is refused, or the void comes first and the close lists
    it uncounted: never a close that counts a voided receipt."""
    from models.money import cashier
    from models.money.ledger import DailyClose, Receipt
    for round_ in range(4):
        receipts = [cashier.take_payment(actors["clerk"], rooms[i % 2], cashier.Payment("张伟", "cash", "10",
                                                                                         prepayment=True)).id
                    for i in range(3)]
        results = _desks(pg_url, tmp_path / f"work{round_}", {
            "李静": ("clerk", [["close", {}]]), "finance": ("finance", [["void", {"receipt": receipts[1]}]])})
        assert results["李静"][0][0] == "ok", results
        voided = Receipt.get_by_id(receipts[1]).voided_at is not None
        assert voided == (results["finance"][0][0] == "ok")
        close = DailyClose.get(DailyClose.number == round_ + 1)
        assert close.total_fen == (2000 if voided else 3000)
    assert Receipt.select().where(Receipt.close.is_null()).count() == 0
    _gapless(DailyClose)
    _no_errors()


def test_a_busy_morning_payments_a_monthly_run_and_refunds_at_once(pg_url, actors, rooms, tmp_path):
    """Desks paying in advance, finance raising months (which uses their credit) and a supervisor refunding, all
    at the same moments: nobody waits for anybody crosswise (a deadlock would end a desk), and the books agree."""
    from models.money import cashier
    from models.money.ledger import Charge, CreditEntry, Receipt
    first = [cashier.take_payment(actors["clerk"], rooms[i], cashier.Payment("张伟", "cash", "100",
                                                                             prepayment=False)).id for i in (0, 1)]
    plans = {
        "desk0": ("clerk", [["pay", {"room": rooms[0], "amount": "6000", "prepayment": True}] for _ in range(3)]),
        "desk1": ("clerk", [["pay", {"room": rooms[1], "amount": "6000", "prepayment": True}] for _ in range(3)]),
        "finance": ("finance", [["month", {"month": f"2026-0{m}"}] for m in (1, 2, 3)]),
        "supervisor": ("cs_supervisor", [["refund", {"receipt": first[step % 2], "amount": "10"}]
                                         for step in range(3)]),
    }
    results = _desks(pg_url, tmp_path / "work", plans)
    assert all(outcome == "ok" for steps in results.values() for outcome, _x in steps), results
    assert all(0 <= c.settled_fen <= c.amount_fen for c in Charge.select())
    # Every month raised was paid from the credit the desks took in advance.
    for room in rooms:
        assert Charge.select().where((Charge.room == room) & (Charge.settled_fen < Charge.amount_fen)
                                     & Charge.cancelled_at.is_null()).count() <= 1
    assert sum(e.amount_fen for e in CreditEntry.select()) >= 0
    _gapless(Receipt)
    _no_errors()


def test_two_desks_charging_a_room_by_hand_or_receiving_one_close_at_once_do_it_once(pg_url, actors, rooms, tmp_path):
    from models.money import cashier, closing
    from models.money.ledger import Charge
    cashier.take_payment(actors["clerk"], rooms[0], cashier.Payment("张伟", "cash", "100"))
    close = closing.close_day(actors["clerk"])
    plans = {name: ("finance", [["charge", {"room": rooms[0], "month": "2026-02"}], ["confirm", {"close": close.id}]])
             for name in ("钱会计", "赵会计")}
    results = _desks(pg_url, tmp_path / "work", plans)
    for step in (0, 1):
        assert sorted(results[name][step][0] for name in plans) == ["ok", "refused"], results
    assert Charge.select().where((Charge.room == rooms[0]) & (Charge.period == "2026-02-01")).count() == 1
    _no_errors()
