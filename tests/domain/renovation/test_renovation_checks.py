"""The renovation part's integrity checks: a sound register says nothing; each rule, broken by raw SQL (or by
the money part's own void behind the renovation's back), is named with the application's number."""
import datetime as dt

import pytest

from models.check import ERROR, WARNING, run_checks
from models.errors import Conflict
from models.renovation import deciding, inspections, settling
from models.renovation.applying import submit_application
from models.renovation.inspections import InspectionInput, NoticeInput
from models.renovation.works import Renovation, Worker
from tests.domain.checking import one, problems, sql
from tests.domain.renovation.conftest import TODAY, application


def renovation_findings():
    return [f for f in run_checks() if f.check.startswith("renovation.") or f.check == "audit.coverage"]


def messages(key, level=ERROR):
    return [f.message for f in renovation_findings() if f.check == key and f.level == level]


@pytest.fixture
def register(estate, in_works, clerk, engineer, finance):
    """1202: closed (a notice rectified, a deduction, one pass refunded, one lost) then a second in works with
    an open notice; 1201: rejected with its fees taken, its deposit given back."""
    done = in_works
    seen = inspections.record_inspection(clerk, InspectionInput(done.id, passed=False, findings="楼道堆放水泥袋"))
    notice = inspections.issue_notice(clerk, NoticeInput(seen.id, "第十二条", "清走", TODAY + dt.timedelta(days=3)))
    inspections.recheck(clerk, notice.id, True)
    deciding.request_completion(clerk, done.id)
    deciding.accept(engineer, done.id, "验收合格", [("300", "走廊墙面污损")])
    settling.settle(finance, done.id)
    first, second = done.workers.order_by(Worker.line)
    settling.return_pass(clerk, done.id, first.id)
    settling.refund_passes(finance, done.id, [first.id])
    settling.write_off_pass(finance, done.id, second.id)
    settling.close(finance, done.id)
    works = submit_application(clerk, application(estate))
    deciding.approve(engineer, works.id)
    deciding.start_works(clerk, works.id)
    seen = inspections.record_inspection(clerk, InspectionInput(works.id, passed=False, findings="未按规定时间施工"))
    open_notice = inspections.issue_notice(clerk, NoticeInput(seen.id, "第七条", "停止噪音作业",
                                                              TODAY + dt.timedelta(days=1)))
    rejected = submit_application(clerk, application(estate, room_id=estate["rooms"][0].id))
    deciding.reject(engineer, rejected.id, "图纸未盖章")
    settling.settle(finance, rejected.id)
    return dict(done=Renovation.get_by_id(done.id), works=Renovation.get_by_id(works.id),
                rejected=Renovation.get_by_id(rejected.id), notice=notice, open_notice=open_notice)


def test_a_sound_register_has_no_findings(register):
    assert problems(renovation_findings()) == []


def test_gaps_in_the_application_and_notice_numbers(register):
    sql("UPDATE renovation SET number = 9 WHERE id = ?", (register["rejected"].id,))
    sql("UPDATE rectification_notice SET number = 7 WHERE id = ?", (register["open_notice"].id,))
    found = messages("renovation.numbers")
    year = TODAY.year
    assert any("缺少" in m and f"ZX{year}-000003" in m for m in found)
    assert any("缺少" in m and f"ZG{year}-000002" in m for m in found)
    assert sum("计数器" in m for m in found) == 2


def test_each_move_must_be_in_the_audit_log(register):
    done = register["done"]
    for action in ("renovation.approve", "renovation.start", "renovation.accept", "renovation.settle",
                   "renovation.close", "notice.rectified"):
        sql("DELETE FROM audit_log WHERE action = ?", (action,))
    found = messages("renovation.audit", WARNING)
    assert len(found) == 6 and all(done.serial in m for m in found[:5]) and register["notice"].serial in found[5]
    sql("DELETE FROM audit_log WHERE entity IN ('renovation', 'rectification_notice', 'inspection')")
    coverage = [f.message for f in renovation_findings() if f.check == "audit.coverage"]
    assert any("3 份装修申请" in m for m in coverage) or any(done.serial in m for m in coverage)
    assert any(register["open_notice"].serial in m for m in coverage)


@pytest.mark.parametrize("statement, key, which", [
    ("UPDATE renovation SET state = 'lost' WHERE id = {works}", "renovation.states", "works"),
    ("UPDATE renovation SET end_on = '2000-01-01' WHERE id = {works}", "renovation.states", "works"),
    ("UPDATE renovation SET decided_by = NULL WHERE id = {works}", "renovation.states", "works"),
    ("UPDATE renovation SET started_at = NULL WHERE id = {works}", "renovation.states", "works"),
    ("UPDATE renovation SET started_at = submitted_at WHERE id = {rejected}", "renovation.states", "rejected"),
    ("UPDATE renovation SET state = 'completion' WHERE id = {works}", "renovation.states", "works"),
    ("UPDATE renovation SET accepted_at = NULL WHERE id = {done}", "renovation.states", "done"),
    ("UPDATE renovation SET settled_at = NULL WHERE id = {done}", "renovation.states", "done"),
    ("UPDATE renovation SET closed_at = NULL WHERE id = {done}", "renovation.states", "done"),
    ("UPDATE renovation SET state = 'approved' WHERE id = {done}", "renovation.states", "done"),
    ("UPDATE rectification_notice SET state = 'gone' WHERE id = {open_notice}", "renovation.notices", "open_notice"),
    ("UPDATE rectification_notice SET rectified_at = NULL WHERE id = {notice}", "renovation.notices", "notice"),
    ("UPDATE rectification_notice SET recheck_id = NULL WHERE id = {notice}", "renovation.notices", "notice"),
    ("UPDATE rectification_notice SET state = 'escalated' WHERE id = {open_notice}", "renovation.notices",
     "open_notice"),
    ("UPDATE rectification_notice SET deadline = '2000-01-01' WHERE id = {open_notice}", "renovation.notices",
     "open_notice"),
    ("UPDATE rectification_notice SET state = 'open', rectified_at = NULL WHERE id = {notice}", "renovation.notices",
     "notice"),
])
def test_states_say_what_their_times_say(register, statement, key, which):
    sql(statement.format(**{k: r.id for k, r in register.items()}))
    found = [m for m in messages(key)]
    assert found and any(register[which].serial in m for m in found), found


def test_a_notice_cites_an_inspection_of_its_own_renovation(register):
    sql("UPDATE rectification_notice SET inspection_id = (SELECT inspection_id FROM rectification_notice WHERE id = ?) "
        "WHERE id = ?", (register["notice"].id, register["open_notice"].id))
    assert register["open_notice"].serial in one(renovation_findings(), "renovation.notices", ERROR)


def test_one_application_at_a_time_and_the_room_follows_the_works(register):
    sql("UPDATE renovation SET state = 'approved' WHERE id = ?", (register["rejected"].id,))
    found = messages("renovation.rooms")
    assert len(found) == 0        # 1201 has one under way; 1202 one
    sql("UPDATE renovation SET room_id = ? WHERE id = ?", (register["works"].room_id, register["rejected"].id))
    assert "3栋2单元1202" in one(renovation_findings(), "renovation.rooms", ERROR)
    sql("UPDATE room SET state = 'occupied' WHERE id = ?", (register["works"].room_id,))
    assert register["works"].serial in one(renovation_findings(), "renovation.rooms", WARNING)


def test_a_fees_receipt_voided_behind_the_renovations_back_is_found(register, finance):
    from models.money.cashier import void_receipt
    works = register["works"]
    void_receipt(finance, works.receipt_id, "金额开错")
    message = one(renovation_findings(), "renovation.money", ERROR)
    assert works.serial in message and "作废" in message
    # Taken again on a new receipt, the application and the money agree again.
    from models.renovation.applying import FeePayment, take_fees
    receipt = take_fees(finance, works.id, FeePayment("张伟"))
    again = Renovation.get_by_id(works.id)
    assert again.receipt_id == receipt.id and again.deposit_id != works.deposit_id
    assert {w.deposit_id for w in again.workers} == {again.pass_deposit_id}
    assert problems(renovation_findings()) == []
    with pytest.raises(Conflict, match=receipt.serial):
        take_fees(finance, works.id, FeePayment("张伟"))


@pytest.mark.parametrize("statement, which", [
    ("UPDATE renovation SET receipt_id = NULL WHERE id = {works}", "works"),
    ("UPDATE receipt SET room_id = (SELECT room_id FROM renovation WHERE id = {rejected}) "
     "WHERE id = (SELECT receipt_id FROM renovation WHERE id = {works})", "works"),
    ("UPDATE renovation SET deposit_id = pass_deposit_id WHERE id = {works}", "works"),
    ("UPDATE renovation SET pass_deposit_id = (SELECT pass_deposit_id FROM renovation WHERE id = {rejected}) "
     "WHERE id = {works}", "works"),
    ("UPDATE renovation_worker SET deposit_id = (SELECT deposit_id FROM renovation WHERE id = {works}) "
     "WHERE renovation_id = {works}", "works"),
])
def test_the_fees_are_the_renovations_own_on_its_receipt(register, statement, which):
    sql(statement.format(**{k: r.id for k, r in register.items()}))
    assert any(register[which].serial in m for m in messages("renovation.money")), messages("renovation.money")


def test_no_deposit_comes_back_before_the_acceptance(register):
    done, rejected = register["done"], register["rejected"]
    sql("UPDATE deposit_movement SET at = '2000-01-01 10:00:00' WHERE deposit_id IN (?, ?)",
        (done.deposit_id, rejected.deposit_id))
    found = messages("renovation.deposits")
    assert any("验收" in m and done.serial in m for m in found)
    assert not any(rejected.serial in m for m in found)        # a rejected application's comes back at once
    sql("UPDATE deposit_movement SET at = '2000-01-01 10:00:00' WHERE deposit_id = ?", (done.pass_deposit_id,))
    assert any("出入证押金" in m and done.serial in m for m in messages("renovation.deposits"))


def test_deductions_agree_with_the_deposit_and_nothing_gives_back_more_than_taken(register):
    done = register["done"]
    sql("UPDATE renovation_deduction SET amount_fen = 50000")
    assert done.serial in one(renovation_findings(), "renovation.deposits", ERROR)
    sql("UPDATE renovation_deduction SET amount_fen = 30000")
    sql("UPDATE deposit_movement SET amount_fen = amount_fen + 100 WHERE deposit_id = ? AND kind = 'refund'",
        (done.deposit_id,))
    assert any("多于" in m and done.serial in m for m in messages("renovation.deposits"))
    sql("UPDATE deposit_movement SET amount_fen = amount_fen - 100 WHERE deposit_id = ? AND kind = 'refund'",
        (done.deposit_id,))
    sql("UPDATE deposit SET held_fen = 100 WHERE id = ?", (done.deposit_id,))
    assert any(done.serial in m for m in messages("renovation.deposits"))


def test_deductions_need_an_acceptance(register):
    sql("INSERT INTO renovation_deduction (renovation_id, amount_fen, reason, added_at, added_by) "
        "VALUES (?, 100, '污损', '2026-01-01 10:00:00', '赵工')", (register["works"].id,))
    found = messages("renovation.deposits")
    assert any(register["works"].serial in m for m in found)


@pytest.mark.parametrize("statement, words", [
    ("UPDATE deposit_movement SET kind = 'deduct', refund_id = NULL WHERE kind = 'refund' AND deposit_id = {pass_deposit}",
     "没有"),
    ("UPDATE renovation_worker SET returned_at = NULL WHERE refunded_at IS NOT NULL", "从未交回"),
    ("UPDATE renovation_worker SET returned_at = '2026-01-01 10:00:00' WHERE lost", "遗失"),
    ("UPDATE renovation_worker SET lost = 0 WHERE lost", "结案"),
    ("UPDATE renovation_worker SET refunded_at = NULL", "没有"),
])
def test_a_pass_refunded_is_a_refund_on_its_deposit(register, statement, words):
    sql(statement.format(pass_deposit=register["done"].pass_deposit_id))
    found = messages("renovation.passes")
    assert any(words in m and register["done"].serial in m for m in found), found
