"""Move-out release rules (seed 004 场景五; DOMAIN.md "Move-out release"), without Qt."""
import datetime as dt

import pytest

from models.audit import AuditLog
from models.errors import Conflict, InvalidInput, NotAllowed
from models.records.people import IdCopy
from models.release import approvals, calls, gate, issuing
from models.release.issuing import GoodsLine
from models.release.slips import OwnerCall, ReleaseApproval, ReleaseItem, ReleaseSlip
from models.users import Actor
from tests.domain.release.conftest import TENANT_ID, owner_slip, raise_months

def tenant_slip(estate, **changes):
    return owner_slip(estate, person_id=estate["tenant"].id, id_shown=TENANT_ID, **changes)


def call(estate, consent=True, **changes):
    data = calls.CallInput(estate["rooms"][0].id, estate["tenant"].id, "13812345678", dt.datetime.now(), "业主本人",
                           owner_knows=True, rent_owed=False, owner_goods=False, consent=consent)
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def written():
    return tuple(m.select().count() for m in (ReleaseSlip, ReleaseItem, OwnerCall, ReleaseApproval, IdCopy, AuditLog))


def test_owner_without_arrears_gets_a_numbered_slip_with_an_id_copy(estate, clerk):
    slip = issuing.issue_slip(clerk, owner_slip(estate))
    assert slip.serial == f"FX{dt.date.today().year}-000001"
    assert slip.person_role == "owner" and slip.valid_until == dt.date.today()
    assert [(i.name, i.quantity, i.note) for i in slip.items.order_by(ReleaseItem.line)] == [
        ("沙发", 1, ""), ("纸箱", 12, "书籍")]
    assert slip.id_copy.stamp == "复件仅供办理物品放行之用" and slip.id_copy.room_id == slip.room_id
    second = issuing.issue_slip(clerk, owner_slip(estate))
    assert second.number == slip.number + 1


def test_owner_over_three_months_needs_the_directors_approval(estate, clerk, finance, director):
    raise_months(finance, 4)
    ready = issuing.readiness(estate["rooms"][0].id, estate["owner"].id)
    assert ready.arrears.months == 4 and ready.needs_approval and "主任" in ready.refusals[0]
    before = written()
    with pytest.raises(Conflict, match="主任"):
        issuing.issue_slip(clerk, owner_slip(estate))
    assert written() == before
    request = approvals.request_approval(clerk, estate["rooms"][0].id, estate["owner"].id, "沙发", "业主急用")
    with pytest.raises(NotAllowed):
        approvals.decide_approval(clerk, request.id, True, "同意")
    with pytest.raises(Conflict, match="主任"):
        issuing.issue_slip(clerk, owner_slip(estate))
    approvals.decide_approval(director, request.id, True, "已承诺月底前缴清")
    slip = issuing.issue_slip(clerk, owner_slip(estate))
    assert slip.approval_id == request.id and slip.arrears_months == 4
    # The approval was for one slip: the next needs another.
    with pytest.raises(Conflict, match="主任"):
        issuing.issue_slip(clerk, owner_slip(estate))


def test_the_slip_keeps_its_arrears_after_a_payment(estate, clerk, finance):
    from models.money import cashier
    raise_months(finance, 2)
    slip = issuing.issue_slip(clerk, owner_slip(estate))
    assert slip.arrears_months == 2 and slip.arrears_fen > 0
    owed = issuing.fee_arrears(slip.room_id)
    cashier.take_payment(clerk, slip.room_id, cashier.Payment(payer="张伟", method="cash", amount=owed.fen,
                                                              charge_ids=[c.id for c, _f in _open(slip.room_id)]))
    assert issuing.fee_arrears(slip.room_id).fen == 0
    again = ReleaseSlip.get_by_id(slip.id)
    assert (again.arrears_months, again.arrears_fen) == (2, owed.fen)


def _open(room_id):
    from models.money.arrears import arrears_of_room
    return arrears_of_room(room_id).lines


def test_tenant_with_fees_owed_is_refused_until_paid(estate, clerk, finance):
    raise_months(finance, 1)
    ready = issuing.readiness(estate["rooms"][0].id, estate["tenant"].id)
    assert ready.person_role == "tenant" and "缴" in ready.refusals[0] or "管理费" in ready.refusals[0]
    calls.record_owner_call(clerk, call(estate))
    with pytest.raises(Conflict, match="管理费"):
        issuing.issue_slip(clerk, tenant_slip(estate))


def test_tenant_needs_the_owners_consent_by_phone(estate, clerk):
    with pytest.raises(Conflict, match="业主"):
        issuing.issue_slip(clerk, tenant_slip(estate))
    calls.record_owner_call(clerk, call(estate, consent=False, written_authorisation=True, note="房租未结清"))
    with pytest.raises(Conflict, match="不同意|没有同意|未同意"):
        issuing.issue_slip(clerk, tenant_slip(estate))
    made = calls.record_owner_call(clerk, call(estate))
    slip = issuing.issue_slip(clerk, tenant_slip(estate, whole_household=True))
    assert slip.owner_call_id == made.id and slip.person_role == "tenant"
    with pytest.raises(Conflict):                      # the consent was for that slip
        issuing.issue_slip(clerk, tenant_slip(estate))


def test_a_whole_household_tenant_slip_used_ends_the_tenancy(estate, clerk):
    from models.records.ties import current_parties
    from models.users import Actor
    calls.record_owner_call(clerk, call(estate))
    slip = issuing.issue_slip(clerk, tenant_slip(estate, whole_household=True))
    guard = Actor("周卫东", "gate")
    assert current_parties(slip.room_id, ("tenant",))
    gate.use_slip(guard, gate.qr_payload(slip))
    assert not current_parties(slip.room_id, ("tenant",))
    answer = gate.answer(gate.qr_payload(slip))
    assert not answer.ok and answer.state == "used" and "周卫东" in answer.reason
    with pytest.raises(Conflict):
        gate.use_slip(guard, gate.qr_payload(slip))


def test_the_gate_catches_invented_numbers_and_codes(estate, clerk):
    slip = issuing.issue_slip(clerk, owner_slip(estate))
    assert gate.answer(gate.qr_payload(slip)).ok
    code = gate.check_code(slip.serial)
    assert gate.answer(f"{slip.year}-{slip.number}/{code.lower()}").ok          # typed off the paper
    # A number alone could be guessed (they run in order): the gate asks for its code, and shows nothing of it.
    alone = gate.answer(slip.serial)
    assert not alone.ok and alone.state == "needs_code" and alone.slip is None and "校验码" in alone.reason
    with pytest.raises(InvalidInput, match="校验码"):
        gate.use_slip(Actor("周卫东", "gate"), slip.serial)
    forged = gate.answer(f"{slip.serial}/AAAAAA")
    assert not forged.ok and forged.state == "forged"
    unknown = gate.answer(f"FX{slip.year}-000999")
    assert not unknown.ok and unknown.state == "unknown"
    assert gate.answer("hello").state == "unknown"
    before = written()
    with pytest.raises(InvalidInput):
        gate.use_slip(clerk, f"{slip.serial}/AAAAAA", where="desk")
    with pytest.raises(NotAllowed, match="门岗"):             # the desk does not record a gate exit
        gate.use_slip(clerk, slip.serial)
    assert written() == before


def test_expired_and_cancelled_slips_are_refused(estate, clerk):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    old = issuing.issue_slip(clerk, owner_slip(estate, issued_on=yesterday))
    answer = gate.answer(gate.qr_payload(old))
    assert answer.state == "expired" and not answer.ok
    fresh = issuing.issue_slip(clerk, owner_slip(estate))
    issuing.cancel_slip(clerk, fresh.id, "物品写错")
    answer = gate.answer(gate.qr_payload(fresh))
    assert answer.state == "cancelled" and "物品写错" in answer.reason


def test_a_correction_is_a_new_slip_that_cancels_the_old(estate, clerk):
    old = issuing.issue_slip(clerk, owner_slip(estate))
    new = issuing.issue_slip(clerk, owner_slip(estate, replaces=old.id, goods=[GoodsLine("冰箱", 1)]))
    old = ReleaseSlip.get_by_id(old.id)
    assert old.state == "cancelled" and new.serial in old.cancel_reason and new.replaces_id == old.id


@pytest.mark.parametrize("changes, field", [
    (dict(goods=[]), "goods"),
    (dict(goods=[GoodsLine("", 1)]), "goods"),
    (dict(goods=[GoodsLine("沙发", 0)]), "goods"),
    (dict(goods=[GoodsLine("沙发", "two")]), "goods"),
    (dict(valid_until=dt.date.today() - dt.timedelta(days=1)), "valid_until"),
    (dict(id_shown="110101199003070000"), "id_shown"),
    (dict(id_shown=""), "id_shown"),
    (dict(plate="ABC"), "plate"),
])
def test_bad_slips_are_refused_and_nothing_is_written(estate, clerk, changes, field):
    before = written()
    with pytest.raises((InvalidInput, Conflict)) as error:
        issuing.issue_slip(clerk, owner_slip(estate, **changes))
    assert error.value.field == field and str(error.value)
    assert written() == before


def test_only_owners_and_current_tenants_take_goods_out(estate, clerk):
    from models.records import people as p
    from models.records.ties import end_tie, current_parties
    stranger = p.create_person(clerk, p.PersonInput("王五", id_number="110101199003070599"))
    with pytest.raises(Conflict, match="既不是|neither|不是"):
        issuing.issue_slip(clerk, owner_slip(estate, person_id=stranger.id, id_shown="110101199003070599"))
    tie = current_parties(estate["rooms"][0].id, ("tenant",))[0]
    end_tie(clerk, tie.id, dt.date.today())
    before = written()
    with pytest.raises(Conflict, match="租"):
        issuing.issue_slip(clerk, tenant_slip(estate))
    assert written() == before


def test_a_consent_needs_the_calls_time_and_number(estate, clerk):
    before = written()
    for bad in (dict(phone=""), dict(called_at=""), dict(phone="13700000000"), dict(answered_by="")):
        with pytest.raises(InvalidInput):
            calls.record_owner_call(clerk, call(estate, **bad))
    assert written() == before


def test_the_guard_may_not_issue_and_the_clerk_may_not_approve(estate, clerk):
    from models.users import Actor
    with pytest.raises(NotAllowed):
        issuing.issue_slip(Actor("周卫东", "gate"), owner_slip(estate))


def test_a_check_code_typed_with_look_alike_digits_is_read_as_meant(estate, clerk):
    slip = issuing.issue_slip(clerk, owner_slip(estate))
    code = gate.check_code(slip.serial)
    typed = code.replace("O", "0").replace("I", "1").replace("B", "8").lower()
    assert gate.answer(f"{slip.serial}/{typed}").ok
    assert gate.read_scan(f"{slip.serial}/{typed}").code == code


def test_a_correction_keeps_the_owners_consent_and_the_directors_approval(estate, clerk, finance, director):
    calls.record_owner_call(clerk, call(estate))
    old = issuing.issue_slip(clerk, tenant_slip(estate))
    new = issuing.issue_slip(clerk, tenant_slip(estate, replaces=old.id, goods=[GoodsLine("冰箱", 1)]))
    assert new.owner_call_id == old.owner_call_id
    with pytest.raises(Conflict):                      # the consent served the slip and its correction only
        issuing.issue_slip(clerk, tenant_slip(estate))
    raise_months(finance, 4)
    asked = approvals.request_approval(clerk, estate["rooms"][0].id, estate["owner"].id, "沙发")
    approvals.decide_approval(director, asked.id, True, "同意")
    first = issuing.issue_slip(clerk, owner_slip(estate))
    fixed = issuing.issue_slip(clerk, owner_slip(estate, replaces=first.id, plate="粤B12345"))
    assert fixed.approval_id == first.approval_id == asked.id


def test_control_characters_and_overlong_notes_are_refused(estate, clerk):
    before = written()
    for changes in (dict(note="a\x00b"), dict(note="长" * 201), dict(goods=[GoodsLine("沙\x1b发", 1)])):
        with pytest.raises(InvalidInput) as error:
            issuing.issue_slip(clerk, owner_slip(estate, **changes))
        assert error.value.field in ("note", "goods") and "\\x" not in str(error.value)
    slip = issuing.issue_slip(clerk, owner_slip(estate))
    for reason in ("", "  ", "x\x07"):
        with pytest.raises(InvalidInput):
            issuing.cancel_slip(clerk, slip.id, reason)
    assert ReleaseSlip.get_by_id(slip.id).state == "issued" and written()[0] == before[0] + 1
