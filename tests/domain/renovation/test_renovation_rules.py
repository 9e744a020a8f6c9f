"""The renovation's one state machine, move by move and role by role, and the bad input the issue names.

Seed 004 场景二: the owner applies with the contractor's papers and the workers; the fees and deposits
are taken; only the engineering supervisor (or the office director standing in) approves, and accepts
the finished works (验收); the deposits come back after the acceptance, less deductions with their
reasons, the pass deposits per pass handed back. Seed 000 §4.5.2: works going on are inspected daily;
§4.3.6: a finding raises a rectification notice with a deadline, and the works stay suspended while
a notice is overdue. Every move the machine does not allow is refused with a Chinese sentence, and a
refusal writes nothing.
"""
import datetime as dt
import re

import pytest

from models.i18n import _
from models.renovation import deciding, settling
from models.renovation.applying import WorkerInput, submit_application
from models.renovation.works import (ACCEPTED, APPROVED, CLOSED, COMPLETION, IN_WORKS, MORE_PAPERS, REJECTED,
                                     RENOVATION, SETTLED, STATES, SUBMITTED, SUSPENDED, Renovation, Worker)
from models.users import (ADMIN, CLERK, COMMAND_LINE, CS_SUPERVISOR, DIRECTOR, ENG_SUPERVISOR, FINANCE,
                          PERMISSION_NAMES, Actor, role_label)
from tests.domain.renovation.conftest import TODAY, WORKER_IDS, application

GATE = "gate"
ACTORS = {CLERK: Actor("李静", CLERK), CS_SUPERVISOR: Actor("王芳", CS_SUPERVISOR),
          ENG_SUPERVISOR: Actor("赵工", ENG_SUPERVISOR), FINANCE: Actor("钱会计", FINANCE),
          DIRECTOR: Actor("孙主任", DIRECTOR), ADMIN: Actor("管理员", ADMIN), GATE: Actor("周卫东", GATE),
          COMMAND_LINE: Actor("值班电脑", COMMAND_LINE, via="cli")}
REVIEW = {ENG_SUPERVISOR, DIRECTOR}                         # seed 004: the engineering supervisor, or the director
DESK = {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, DIRECTOR}     # take applications, follow them, inspect
SETTLE = {FINANCE, CS_SUPERVISOR, DIRECTOR}                 # who may refund through the money part

# The machine as the seeds describe it, written out here rather than read from the code under test:
# verb → (from, to, who may).
MOVES = {
    "approve": ({SUBMITTED}, APPROVED, REVIEW),
    "reject": ({SUBMITTED, MORE_PAPERS}, REJECTED, REVIEW),
    "ask_papers": ({SUBMITTED}, MORE_PAPERS, REVIEW),
    "resubmit": ({MORE_PAPERS}, SUBMITTED, DESK),
    "start": ({APPROVED}, IN_WORKS, DESK),
    "suspend": ({IN_WORKS}, SUSPENDED, DESK),
    "resume": ({SUSPENDED}, IN_WORKS, DESK),
    "request_completion": ({IN_WORKS}, COMPLETION, DESK),
    "accept": ({COMPLETION}, ACCEPTED, REVIEW),
    "fail_acceptance": ({COMPLETION}, IN_WORKS, REVIEW),
    "settle": ({ACCEPTED, REJECTED}, SETTLED, SETTLE),
    "close": ({SETTLED}, CLOSED, SETTLE),
}

# Each move made through its operation, as the window and the command line make it.
OPERATIONS = {
    "approve": lambda a, i: deciding.approve(a, i, "按图施工"),
    "reject": lambda a, i: deciding.reject(a, i, "施工图纸未盖章"),
    "ask_papers": lambda a, i: deciding.ask_papers(a, i, "补交资质证书"),
    "resubmit": lambda a, i: deciding.papers_brought(a, i, "资质证书已补交"),
    "start": deciding.start_works,
    "suspend": lambda a, i: deciding.suspend(a, i, "整改逾期"),
    "resume": deciding.resume,
    "request_completion": deciding.request_completion,
    "accept": lambda a, i: deciding.accept(a, i, "验收合格"),
    "fail_acceptance": lambda a, i: deciding.fail_acceptance(a, i, "卫生间闭水试验未做"),
    "settle": settling.settle,
    "close": settling.close,
}


def written() -> dict:
    """Every row a renovation operation may write, counted; every application's and room's state; the counters."""
    from models.attachments import Attachment
    from models.audit import AuditLog
    from models.money.ledger import Deposit, DepositMovement, Receipt, ReceiptLine, Refund
    from models.records.estate import Room
    from models.renovation.works import MODELS
    from models.serials import SerialCounter
    counts = {m._meta.table_name: m.select().count() for m in (*MODELS, Attachment, AuditLog, Receipt, ReceiptLine,
                                                               Deposit, DepositMovement, Refund)}
    counts["states"] = sorted(Renovation.select(Renovation.id, Renovation.state).tuples())
    counts["rooms"] = sorted(Room.select(Room.id, Room.state).tuples())
    counts["serials"] = sorted(SerialCounter.select(SerialCounter.kind, SerialCounter.year, SerialCounter.last).tuples())
    counts["held"] = sorted(Deposit.select(Deposit.id, Deposit.held_fen).tuples())
    return counts


def chinese_only(message: str) -> bool:
    """A clerk's sentence: Chinese, with no English word left untranslated (acronyms such as PDF, and the command
    line's own option and variable names, aside)."""
    message = message.replace("--user", "").replace("PMDESK_PASSWORD", "")
    return bool(re.search(r"[\u4e00-\u9fff]", message)) and not re.search(r"[a-z]{3,}", message)


ROAD = {SUBMITTED: [], MORE_PAPERS: ["ask_papers"], APPROVED: ["approve"], REJECTED: ["reject"],
        IN_WORKS: ["approve", "start"], SUSPENDED: ["approve", "start", "suspend"],
        COMPLETION: ["approve", "start", "request_completion"],
        ACCEPTED: ["approve", "start", "request_completion", "accept"],
        SETTLED: ["approve", "start", "request_completion", "accept", "settle"]}


@pytest.fixture
def rooms(estate, supervisor, clerk):
    """Fresh rooms owned by 张伟, one per application (one application at a time per room)."""
    from models.records import estate as e, people as p
    made = iter(range(1401, 1499))

    def room():
        new = e.create_room(supervisor, e.RoomInput("3", "2", str(next(made)), "89.50"))
        p.transfer_ownership(clerk, new.id, [estate["owner"].id], "2020-05-01", f"粤房证2020-{new.id:03d}")
        return new.id
    return room


@pytest.fixture
def walk(estate, rooms):
    """``walk(state)``: a new application (one worker, fees taken) moved to ``state`` by who may."""
    def go(state):
        made = submit_application(ACTORS[CLERK], application(
            estate, room_id=rooms(), papers=[], workers=[WorkerInput("刘师傅", WORKER_IDS[0])]))
        for verb in ROAD.get(state, ROAD[SETTLED]):
            OPERATIONS[verb](ACTORS[DIRECTOR], made.id)         # the director holds every renovation permission
        if state in (SETTLED, CLOSED):           # its pass handed back and refunded: ready to close
            worker = made.workers.first()
            settling.return_pass(ACTORS[CLERK], made.id, worker.id)
            settling.refund_passes(ACTORS[FINANCE], made.id, [worker.id])
        if state == CLOSED:
            settling.close(ACTORS[FINANCE], made.id)
        found = Renovation.get_by_id(made.id)
        assert found.state == state
        return found
    return go


def test_the_machine_has_exactly_the_moves_the_seeds_describe():
    declared = {m.verb: (set(m.sources), m.target, {r for r, a in ACTORS.items() if a.can(m.permission)})
                for m in RENOVATION.moves}
    assert declared == MOVES


def _expected(actor, state: str, verb: str) -> str | None:
    """The refusal the machine gives, in Chinese (core.po's sentences, the part's labels)."""
    sources, _target, allowed = MOVES[verb]
    move = RENOVATION.move_of(verb)
    if state not in sources:
        return f"装修当前为“{_(STATES[state])}”，现在不能{_(move.label)}。"
    if actor.role not in allowed:
        return f"{role_label(actor.role)}{actor.name}无权{_(PERMISSION_NAMES[move.permission])}。"
    return None


@pytest.mark.parametrize("verb", MOVES)
def test_every_move_from_every_state_for_every_role(submitted, verb):
    """The machine's answer for each of the 10 states × 8 roles: allowed only from its states, for its roles."""
    Worker.update(lost=True).where(Worker.renovation == submitted.id).execute()    # close's passes are settled
    for state in STATES:
        record = Renovation.get_by_id(submitted.id)
        record.state = state
        for role, actor in ACTORS.items():
            got = RENOVATION.why_not(actor, record, verb)
            assert got == _expected(actor, state, verb), (verb, state, role, got)
            assert got is None or chinese_only(got), got


@pytest.mark.parametrize("verb, source", [(v, s) for v, (sources, _t, _r) in MOVES.items() for s in sorted(sources)])
def test_each_allowed_move_through_its_operation_for_each_role_that_may(walk, verb, source):
    target = MOVES[verb][1]
    for role in sorted(MOVES[verb][2]):
        record = walk(source)
        before = written()
        OPERATIONS[verb](ACTORS[role], record.id)
        after = Renovation.get_by_id(record.id)
        assert after.state == target, (verb, role)
        assert written()["audit_log"] > before["audit_log"]


@pytest.mark.parametrize("verb", MOVES)
def test_each_role_that_may_not_is_refused_and_nothing_written(walk, verb):
    from models.errors import NotAllowed
    record = walk(sorted(MOVES[verb][0])[0])
    before = written()
    for role, actor in ACTORS.items():
        if role in MOVES[verb][2]:
            continue
        with pytest.raises(NotAllowed) as refused:
            OPERATIONS[verb](actor, record.id)
        message = str(refused.value)
        assert message.startswith(f"{role_label(role)}{actor.name}无权"), message
        assert chinese_only(message), message
    assert written() == before and Renovation.get_by_id(record.id).state == record.state


@pytest.mark.parametrize("state", sorted(set(STATES)))
def test_every_move_not_allowed_from_a_state_is_refused_by_its_operation(walk, state):
    """The director holds every renovation permission: what refuses her is the state alone."""
    from models.errors import Conflict
    record = walk(state)
    before = written()
    for verb, (sources, _target, _roles) in MOVES.items():
        if state in sources:
            continue
        with pytest.raises(Conflict) as refused:
            OPERATIONS[verb](ACTORS[DIRECTOR], record.id)
        assert str(refused.value) == _expected(ACTORS[DIRECTOR], state, verb), (state, verb)
    assert written() == before and Renovation.get_by_id(record.id).state == state


# --- the rules beyond the state: a notice open or overdue, passes not settled, the owner told ----------------

def _notice(record, days=1):
    from models.renovation import inspections
    seen = inspections.record_inspection(ACTORS[CLERK], inspections.InspectionInput(
        record.id, passed=False, findings="夜间22点仍在电锤作业", kind="quiet", quiet_ok=False))
    return inspections.issue_notice(ACTORS[CLERK], inspections.NoticeInput(
        seen.id, "第七条 施工时间须遵守管理处规定", "休息时间停止噪音作业", TODAY + dt.timedelta(days=days)))


def _refused(error, call, *args):
    before = written()
    with pytest.raises(error) as refused:
        call(*args)
    assert written() == before
    message = str(refused.value)
    assert chinese_only(message), message
    return message


def test_works_stay_suspended_while_a_notice_is_overdue(walk):
    """Seed 000 §4.3.6: a rectification not done by its deadline keeps the works stopped."""
    from models.errors import Conflict
    from tests.domain.checking import sql
    record = walk(IN_WORKS)
    notice = _notice(record)
    deciding.suspend(ACTORS[CS_SUPERVISOR], record.id, "整改逾期")
    sql("UPDATE rectification_notice SET deadline = ? WHERE id = ?", (TODAY - dt.timedelta(days=1), notice.id))
    assert "逾期" in _refused(Conflict, deciding.resume, ACTORS[CS_SUPERVISOR], record.id)
    from models.renovation import inspections
    inspections.recheck(ACTORS[CLERK], notice.id, True)
    assert deciding.resume(ACTORS[CS_SUPERVISOR], record.id).state == IN_WORKS


def test_no_completion_or_acceptance_while_a_notice_is_open(walk):
    from models.errors import Conflict
    record = walk(IN_WORKS)
    _notice(record)
    assert "1" in _refused(Conflict, deciding.request_completion, ACTORS[CLERK], record.id)
    later = walk(COMPLETION)
    _notice(later)
    _refused(Conflict, deciding.accept, ACTORS[ENG_SUPERVISOR], later.id, "验收合格")


def test_no_closing_while_a_pass_is_out(walk):
    from models.errors import Conflict
    record = walk(ACCEPTED)
    settling.settle(ACTORS[FINANCE], record.id)
    assert "出入证" in _refused(Conflict, settling.close, ACTORS[FINANCE], record.id)


def test_the_clerk_who_took_the_papers_follows_until_the_owner_is_told(walk):
    """Seed 004 场景二 (首接责任制): the supervisor away, the clerk takes the papers and tells the owner."""
    from models.errors import Conflict
    record = walk(SUBMITTED)
    clerk = ACTORS[CLERK]
    assert record.id in [r.id for r in deciding.follow_up(clerk)]
    _refused(Conflict, deciding.owner_told, clerk, record.id, "电话")
    deciding.approve(ACTORS[ENG_SUPERVISOR], record.id)
    assert record.id in [r.id for r in deciding.follow_up(clerk)]
    deciding.owner_told(clerk, record.id, "电话")
    assert record.id not in [r.id for r in deciding.follow_up(clerk)]
    _refused(Conflict, deciding.owner_told, clerk, record.id, "短信")


# --- the issue's bad input: each refused with a sentence, nothing written ---------------------------------

def _noise_png(side=860) -> bytes:
    import io
    import os
    from PIL import Image
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def _big_pdf() -> bytes:
    import io
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.drawImage(ImageReader(io.BytesIO(_noise_png())), 50, 50, 400, 400)
    page.save()
    return out.getvalue()


@pytest.mark.parametrize("changes, field", [
    (dict(contractor=None), "contractor"),
    (dict(workers=[]), "workers"),
    (dict(end_on=TODAY - dt.timedelta(days=1)), "end_on"),
    (dict(start_on=TODAY + dt.timedelta(days=9), end_on=TODAY + dt.timedelta(days=3)), "end_on"),
    (dict(start_on="2020-01-01", end_on="2020-02-01"), "end_on"),
    (dict(workers=[WorkerInput("刘师傅", "110101199003077775")]), "worker_id"),
    (dict(papers="text"), "file"),
    (dict(workers=[WorkerInput("刘师傅", WORKER_IDS[0], photo=b"GIF89a not a photo", photo_name="照片.jpg")]), "photo"),
])
def test_a_bad_application_is_refused_and_nothing_written(estate, lived_in, changes, field):
    """Seed 004 场景二: an application comes with its contractor, its workers and sound papers."""
    from models.errors import InvalidInput
    from models.renovation.applying import Paper
    if changes.get("papers") == "text":          # a text file renamed as a PDF
        changes = dict(papers=[Paper("营业执照", "营业执照.pdf", "营业执照号码见附件".encode() * 20)])
    before = written()
    with pytest.raises(InvalidInput) as refused:
        submit_application(ACTORS[CLERK], application(estate, **changes))
    assert refused.value.field == field and chinese_only(re.sub(r"\.(pdf|jpg)", "", str(refused.value))), str(refused.value)
    assert written() == before


def test_an_attachment_over_the_size_limit_is_refused(estate, lived_in, admin):
    """With the limit at 1 MB: a 2 MB PDF is refused; a photo is shrunk on the way in (the core's attachments),
    so a 2 MB PNG is kept within the limit and only one still too large after shrinking is refused."""
    from models import settings
    from models.attachments import Attachment
    from models.errors import InvalidInput
    from models.renovation.applying import Paper
    settings.set_value(admin, "attachments.max_mb", 1)
    for paper in (Paper("施工图纸", "图纸.pdf", _big_pdf()), Paper("现场照片", "照片.png", _noise_png(1400))):
        assert len(paper.data) > 2 * 1024 * 1024
        before = written()
        with pytest.raises(InvalidInput) as refused:
            submit_application(ACTORS[CLERK], application(estate, papers=[paper]))
        assert refused.value.field == "file" and "1 MB" in str(refused.value), str(refused.value)
        assert written() == before
    photo = _noise_png()
    assert len(photo) > 2 * 1024 * 1024
    made = submit_application(ACTORS[CLERK], application(estate, papers=[Paper("现场照片", "照片.png", photo)]))
    kept = Attachment.get((Attachment.owner_kind == "renovation") & (Attachment.owner_id == made.id))
    assert len(kept.data) <= 1024 * 1024


def test_a_clerk_does_not_approve_nor_accept(walk):
    from models.errors import NotAllowed
    record = walk(SUBMITTED)
    assert "李静" in _refused(NotAllowed, deciding.approve, ACTORS[CLERK], record.id, "")
    done = walk(COMPLETION)
    _refused(NotAllowed, deciding.accept, ACTORS[CLERK], done.id)


def test_no_acceptance_before_completion_is_requested(walk):
    from models.errors import Conflict
    record = walk(IN_WORKS)
    assert "施工中" in _refused(Conflict, deciding.accept, ACTORS[ENG_SUPERVISOR], record.id, "验收合格")


def test_a_notice_with_a_deadline_already_past_is_refused(walk):
    """Seed 000 §4.3.6: a notice gives a deadline still to come."""
    from models.errors import InvalidInput
    from models.renovation import inspections
    record = walk(IN_WORKS)
    seen = inspections.record_inspection(ACTORS[CLERK], inspections.InspectionInput(
        record.id, passed=False, findings="阳台外立面擅自改动"))
    notice = inspections.NoticeInput(seen.id, "第九条", "恢复原样", TODAY - dt.timedelta(days=1))
    assert "已过" in _refused(InvalidInput, inspections.issue_notice, ACTORS[CLERK], notice)


def test_no_deposit_comes_back_before_the_acceptance(walk):
    """Seed 004 场景二: 装修保证金 after the acceptance; a pass's deposit when the works are accepted."""
    from models.errors import Conflict
    record = walk(IN_WORKS)
    worker = record.workers.first()
    _refused(Conflict, settling.settle, ACTORS[FINANCE], record.id)
    settling.return_pass(ACTORS[CLERK], record.id, worker.id)
    _refused(Conflict, settling.refund_passes, ACTORS[FINANCE], record.id, [worker.id])


def test_the_deposit_of_a_pass_never_returned_is_not_refunded(walk):
    from models.errors import Conflict
    record = walk(ACCEPTED)
    worker = record.workers.first()
    assert worker.pass_number in _refused(Conflict, settling.refund_passes, ACTORS[FINANCE], record.id, [worker.id])


def test_deductions_more_than_the_deposit_are_refused(walk):
    from models.errors import InvalidInput
    record = walk(COMPLETION)
    message = _refused(InvalidInput, deciding.accept, ACTORS[ENG_SUPERVISOR], record.id, "验收合格",
                       [("1500", "走廊墙面污损"), ("1000", "电梯轿厢划伤")])
    assert "¥2,500.00" in message and "¥2,000.00" in message
    assert Renovation.get_by_id(record.id).state == COMPLETION
