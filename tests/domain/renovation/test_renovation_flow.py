"""From application to closing (seed 004 场景二; DOMAIN.md "Renovation"): the main road, with the money."""
import datetime as dt

from models.money.ledger import Deposit, Receipt, ReceiptLine
from models.records.estate import OCCUPIED, RENOVATING, Room
from models.renovation import deciding, settling
from models.renovation.works import CLOSED, IN_WORKS, SETTLED, SUBMITTED, Renovation, Worker

from tests.domain.renovation.conftest import TODAY


def test_the_application_takes_every_fee_on_one_receipt(submitted):
    assert submitted.state == SUBMITTED and submitted.serial == f"ZX{TODAY.year}-000001"
    receipt = Receipt.get_by_id(submitted.receipt_id)
    lines = {line.label: line.amount_fen for line in receipt.lines}
    # Money's standard amounts: 装修保证金 2000, 出入证押金 100/证, 办证工本费 20/证, 垃圾清运费 300.
    assert lines == {"装修保证金": 200000, "出入证押金 ×2": 20000, "办证工本费 ×2": 4000, "垃圾清运费": 30000}
    assert Deposit.get_by_id(submitted.deposit_id).held_fen == 200000
    assert {w.deposit_id for w in submitted.workers} == {submitted.pass_deposit_id}


def test_the_works_change_the_room_and_the_acceptance_gives_it_back(in_works, lived_in, engineer, clerk):
    assert in_works.state == IN_WORKS and Room.get_by_id(lived_in.id).state == RENOVATING
    deciding.request_completion(clerk, in_works.id)
    deciding.accept(engineer, in_works.id, "验收合格", [("300", "走廊墙面污损")])
    assert Room.get_by_id(lived_in.id).state == OCCUPIED


def test_settling_refunds_the_deposit_less_deductions_then_passes_one_by_one(in_works, engineer, clerk, finance):
    deciding.request_completion(clerk, in_works.id)
    deciding.accept(engineer, in_works.id, "", [("300", "走廊墙面污损")])
    refund = settling.settle(finance, in_works.id, method="cash")
    assert refund.amount_fen == 170000
    assert Deposit.get_by_id(in_works.deposit_id).held_fen == 0
    first, second = in_works.workers.order_by(Worker.line)
    settling.return_pass(clerk, in_works.id, first.id)
    refunds = settling.refund_passes(finance, in_works.id, [first.id])
    assert [r.amount_fen for r in refunds] == [10000]
    settling.write_off_pass(finance, in_works.id, second.id)
    assert Deposit.get_by_id(in_works.pass_deposit_id).held_fen == 0
    assert settling.close(finance, in_works.id).state == CLOSED
    assert Renovation.get_by_id(in_works.id).settled_at is not None
    assert ReceiptLine.select().count() == 4
    assert Renovation.get_by_id(in_works.id).state == CLOSED != SETTLED


def test_the_gate_reads_a_worker_pass(in_works):
    from models.release.gate import answer
    from models.renovation.passes import qr_payload
    worker = in_works.workers.order_by(Worker.line).first()
    got = answer(qr_payload(worker))
    assert got.ok and got.card.rows[0] == ("姓名", "刘师傅") and got.card.photo
    assert not answer(qr_payload(worker), TODAY + dt.timedelta(days=31)).ok
