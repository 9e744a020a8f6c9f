"""Receipts from several processes on one SQLite file, and a process killed while taking a payment.

Real processes (not threads): each opens the database file itself, as the desk PCs of an
office sharing one file would. Numbers must come out 1..N with none shared or skipped, and
a payment is all there (receipt, lines, allocations, audit) or not there at all.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.audit import AuditLog
from models.check import ERROR, run_checks
from models.money.cashier import Payment, take_payment
from models.money.charging import add_charge
from models.money.ledger import Allocation, Charge, Receipt, ReceiptLine
from models.serials import SerialCounter

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 120

# A desk PC: opens the file, says it is ready, waits for the start signal, takes its payments.
# With PMDESK_TEST_SLOW_SETTLE the cashier pauses inside the transaction after settling a charge
# (after the receipt row is written), so the test can kill it there.
CHILD = r"""
import os, random, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
db_path, name, work, count = sys.argv[2], sys.argv[3], Path(sys.argv[4]), int(sys.argv[5])
rooms = [int(r) for r in sys.argv[6].split(",")]
from models import db as dbmod
from models.money import cashier
from models.users import Actor, CLERK
slow = os.environ.get("PMDESK_TEST_SLOW_SETTLE")
if slow:
    original = cashier.settle
    def settle(charge, amount, line):
        allocation = original(charge, amount, line)
        (work / f"{name}.inside").touch()
        time.sleep(random.uniform(float(slow) / 2, float(slow)))
        return allocation
    cashier.settle = settle
dbmod.open_database(db_path)
actor = Actor(name, CLERK)
(work / f"{name}.ready").touch()
while not (work / "go").exists():
    time.sleep(0.005)
i = 0
while count == 0 or i < count:
    items = [cashier.DeskItem("pass_fee")] if i % 5 == 4 else []
    payment = cashier.Payment(name, "cash", "10.00", items=items, prepayment=True)
    cashier.take_payment(actor, rooms[i % len(rooms)], payment)
    i += 1
    (work / f"{name}.done").write_text(str(i))
    # A desk does not issue receipts back to back: SQLite's lock is not handed out in turn, so
    # a process that takes it again at once could keep another waiting past its busy timeout.
    time.sleep(random.uniform(0.001, 0.01))
"""


def _start(db_path, name, work: Path, count: int, rooms, slow: float | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    if slow:
        env["PMDESK_TEST_SLOW_SETTLE"] = str(slow)
    return subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(db_path), name, str(work), str(count),
                             ",".join(str(r) for r in rooms)], env=env, stderr=subprocess.PIPE)


def _wait_for(path: Path, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists():
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the desk process ended early: {proc.stderr.read().decode(errors='replace')}")
        if time.monotonic() > deadline:
            pytest.fail(f"{path.name} never appeared")
        time.sleep(0.01)


def _wait_inside(work: Path, name: str) -> None:
    """Until the desk has settled a charge of a payment it has not yet committed."""
    inside, done = work / f"{name}.inside", work / f"{name}.done"
    deadline = time.monotonic() + TIMEOUT
    while not (inside.exists() and inside.stat().st_mtime_ns > done.stat().st_mtime_ns):
        if time.monotonic() > deadline:
            pytest.fail(f"{name} never started another payment")
        time.sleep(0.001)


def _no_errors() -> None:
    errors = [f.message for f in run_checks() if f.level == ERROR]
    assert not errors, errors


def _numbers() -> list[int]:
    year = Receipt.select(Receipt.year).scalar()
    return [n for (n,) in Receipt.select(Receipt.number).where(Receipt.year == year).order_by(Receipt.number)
            .tuples()]


@pytest.fixture
def owing(estate, finance):
    """Every room of the small estate owes a year of management fees."""
    room_ids = [room.id for room in estate["rooms"]]
    for room_id in room_ids:
        for month in range(1, 13):
            add_charge(finance, room_id, "management_fee", "223.75", period=f"2025-{month:02d}")
    return room_ids


def _complete(receipt: Receipt) -> bool:
    """The whole payment: its lines add up, the money is on the charges, and the audit says so."""
    lines = list(ReceiptLine.select().where(ReceiptLine.receipt == receipt))
    allocated = sum(a.amount_fen for a in Allocation.select().join(ReceiptLine).where(ReceiptLine.receipt == receipt))
    audited = AuditLog.select().where((AuditLog.action == "receipt.issue") & (AuditLog.entity == "receipt")
                                      & (AuditLog.entity_id == receipt.id)).count()
    return bool(lines) and sum(line.amount_fen for line in lines) == receipt.total_fen == allocated and audited == 1


def test_three_desks_issue_receipts_at_once_without_sharing_or_skipping_a_number(db_path, owing, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    names, per_desk = ("一号台", "二号台", "三号台"), 30
    desks = [_start(db_path, name, work, per_desk, owing) for name in names]
    try:
        for name, proc in zip(names, desks):
            _wait_for(work / f"{name}.ready", proc)
        (work / "go").touch()
        for proc in desks:
            assert proc.wait(timeout=TIMEOUT) == 0, proc.stderr.read().decode(errors="replace")
    finally:
        for proc in desks:
            if proc.poll() is None:
                proc.kill()
    total = per_desk * len(names)
    assert _numbers() == list(range(1, total + 1))
    year = Receipt.select(Receipt.year).scalar()
    assert SerialCounter.get((SerialCounter.kind == "receipt") & (SerialCounter.year == year)).last == total
    by_desk = {name: Receipt.select().where(Receipt.clerk == name).count() for name in names}
    assert by_desk == {name: per_desk for name in names}
    # The desks really took turns: each one's receipts are spread among the others'.
    order = [clerk for (clerk,) in Receipt.select(Receipt.clerk).order_by(Receipt.number).tuples()]
    assert sum(1 for a, b in zip(order, order[1:]) if a != b) >= 2 * len(names)
    assert all(_complete(r) for r in Receipt.select())
    paid = sum(c.settled_fen for c in Charge.select().where(Charge.source == "manual"))
    assert paid == total * 1000
    _no_errors()


def test_a_desk_killed_inside_the_payment_leaves_nothing_of_it(db_path, owing, clerk, tmp_path):
    take_payment(clerk, owing[0], Payment("张伟", "wechat", "100"))
    before = (Receipt.select().count(), ReceiptLine.select().count(), Allocation.select().count(),
              sum(c.settled_fen for c in Charge.select()), AuditLog.select().count())
    work = tmp_path / "work"
    work.mkdir()
    desk = _start(db_path, "一号台", work, 1, owing[1:2], slow=600)
    try:
        _wait_for(work / "一号台.ready", desk)
        (work / "go").touch()
        _wait_for(work / "一号台.inside", desk)      # receipt row written, first charge settled, not committed
    finally:
        desk.kill()
        desk.wait(timeout=TIMEOUT)
    assert not (work / "一号台.done").exists()
    after = (Receipt.select().count(), ReceiptLine.select().count(), Allocation.select().count(),
             sum(c.settled_fen for c in Charge.select()), AuditLog.select().count())
    assert after == before
    assert SerialCounter.get(SerialCounter.kind == "receipt").last == 1
    _no_errors()
    # The number the killed desk had taken was given back: the next receipt is No. 2.
    assert take_payment(clerk, owing[1], Payment("李娜", "cash", "50")).number == 2
    _no_errors()


def test_desks_killed_at_random_moments_leave_only_whole_payments(db_path, owing, clerk, tmp_path):
    mid_payment = 0
    for attempt in range(3):
        work = tmp_path / f"work{attempt}"
        work.mkdir()
        names = (f"一号台{attempt}", f"二号台{attempt}")
        desks = [_start(db_path, name, work, 0, owing, slow=0.2) for name in names]
        try:
            for name, proc in zip(names, desks):
                _wait_for(work / f"{name}.ready", proc)
            (work / "go").touch()
            for name, proc in zip(names, desks):
                _wait_for(work / f"{name}.done", proc)
            # Pull the plugs while one desk is inside a payment (the other wherever it happens to be):
            # waiting for that, rather than sleeping, makes the mid-payment kill certain on a busy machine.
            _wait_inside(work, names[attempt % 2])
        finally:
            for proc in desks:      # pulled plugs, one right after the other, mid-payment or between two
                proc.kill()
            for proc in desks:
                proc.wait(timeout=TIMEOUT)
        # Killed after settling a charge and before the commit that writes ".done"?
        mid_payment += sum((work / f"{n}.inside").stat().st_mtime_ns > (work / f"{n}.done").stat().st_mtime_ns
                           for n in names)
        numbers = _numbers()
        assert numbers == list(range(1, len(numbers) + 1))
        assert SerialCounter.get(SerialCounter.kind == "receipt").last == len(numbers)
        assert all(_complete(r) for r in Receipt.select())
        _no_errors()
    assert mid_payment >= 1      # at least one plug was pulled in the middle of a payment
    last = len(_numbers())
    assert last >= 6
    assert take_payment(clerk, owing[0], Payment("张伟", "cash", "10")).number == last + 1
    _no_errors()
