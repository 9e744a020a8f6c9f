"""The release part's integrity checks: a sound register says nothing; each rule, broken by raw SQL, is named."""
import datetime as dt

import pytest

from models.check import ERROR, WARNING, run_checks
from models.release import approvals, calls, gate, issuing
from models.release.issuing import GoodsLine, SlipInput
from models.users import Actor
from tests.domain.checking import one, problems, sql
from tests.domain.release.conftest import raise_months

OWNER_ID, TENANT_ID = "110101199003077774", "440304198512120023"
YEAR = dt.date.today().year


def release_findings():
    return [f for f in run_checks() if f.check.startswith("release.") or f.check == "audit.coverage"]


@pytest.fixture
def register(estate, clerk, finance, director):
    """3-2-1201: an owner's slip with the director's approval, a tenant's used at the gate, one cancelled."""
    room, owner, tenant = estate["rooms"][0].id, estate["owner"].id, estate["tenant"].id

    def slip(person=owner, shown=OWNER_ID, goods=("沙发", 1)):
        return issuing.issue_slip(clerk, SlipInput(room, person, shown, [GoodsLine(*goods)]))

    calls.record_owner_call(clerk, calls.CallInput(room, tenant, "13812345678", dt.datetime.now(), "业主本人",
                                                   owner_knows=True, rent_owed=False, owner_goods=False, consent=True))
    tenant_slip = slip(tenant, TENANT_ID, ("床", 1))
    gate.use_slip(Actor("周卫东", "gate"), gate.qr_payload(tenant_slip))
    cancelled = slip(goods=("书柜", 2))
    issuing.cancel_slip(clerk, cancelled.id, "业主改期搬家")
    raise_months(finance, 4)
    asked = approvals.request_approval(clerk, room, owner, "沙发")
    approvals.decide_approval(director, asked.id, True, "同意")
    approved = slip()
    approvals.decide_approval(director, approvals.request_approval(clerk, room, owner).id, True, "同意")
    second = slip(goods=("冰箱", 1))
    return dict(tenant=tenant_slip, cancelled=cancelled, approved=approved, second=second)


def test_a_sound_register_has_no_findings(register):
    assert problems(release_findings()) == []


def test_a_gap_in_the_numbers_and_the_counter(register):
    sql("UPDATE release_slip SET number = 9 WHERE id = ?", (register["second"].id,))
    found = [f.message for f in release_findings() if f.check == "release.numbers" and f.level == ERROR]
    assert len(found) == 2
    assert "缺少 5 个编号" in found[0] and f"FX{YEAR}-000004" in found[0]
    assert "计数器为 4" in found[1] and "最后开出的编号是 9" in found[1]


def test_issue_use_and_cancel_must_be_in_the_audit_log(register):
    for action in ("release.issue", "release_slip.use", "release_slip.cancel"):
        sql("DELETE FROM audit_log WHERE entity = 'release_slip' AND action = ?", (action,))
    found = [f.message for f in release_findings() if f.check == "release.audit" and f.level == WARNING]
    assert len(found) == 3
    assert any("开单" in m and register["approved"].serial in m for m in found)
    assert any("放行记录" in m and register["tenant"].serial in m for m in found)
    assert any("作废记录" in m and register["cancelled"].serial in m for m in found)
    sql("DELETE FROM audit_log WHERE entity = 'release_slip'")
    assert "4 张放行条在操作日志中没有记录" in one(release_findings(), "audit.coverage", WARNING)


@pytest.mark.parametrize("statement, key, words", [
    ("UPDATE release_slip SET used_by = NULL WHERE state = 'used'", "release.states", "没有放行时间或放行人"),
    ("UPDATE release_slip SET used_at = '2000-01-01 10:00:00' WHERE state = 'used'", "release.states", "早于开单"),
    ("UPDATE release_slip SET cancel_reason = '' WHERE state = 'cancelled'", "release.states", "没有作废原因"),
    ("UPDATE release_slip SET state = 'issued' WHERE state = 'cancelled'", "release.states", "未使用的放行条却有"),
    ("UPDATE release_slip SET state = 'lost' WHERE state = 'cancelled'", "release.states", "无法识别"),
    ("UPDATE release_slip SET valid_until = '2000-01-01' WHERE state = 'cancelled'", "release.states", "有效期早于"),
])
def test_states_say_who_and_when(register, statement, key, words):
    sql(statement)
    assert words in one(release_findings(), key, ERROR)


def test_an_owner_past_three_months_needs_an_approval_the_director_gave(register):
    slip = register["approved"]
    sql("UPDATE release_approval SET state = 'declined' WHERE id = ?", (slip.approval_id,))
    message = one(release_findings(), "release.approvals", ERROR)
    assert "超过 3 个月" in message and slip.serial in message
    sql("UPDATE release_approval SET state = 'approved' WHERE id = ?", (slip.approval_id,))
    sql("UPDATE release_slip SET approval_id = NULL WHERE id = ?", (slip.id,))
    assert slip.serial in one(release_findings(), "release.approvals", ERROR)


def test_an_approval_serves_one_live_slip(register):
    sql("UPDATE release_slip SET approval_id = ? WHERE id = ?", (register["approved"].approval_id,
                                                                   register["second"].id))
    assert "多张有效放行条" in one(release_findings(), "release.approvals", ERROR)
    sql("UPDATE release_slip SET state = 'cancelled', cancelled_at = issued_at, cancelled_by = '李静', "
        "cancel_reason = '重开' WHERE id = ?", (register["second"].id,))
    # A cancelled slip frees its approval (its missing cancellation entry is another finding).
    assert not [f for f in problems(release_findings()) if f.check == "release.approvals"]


def test_a_decision_says_who_and_when(register):
    sql("UPDATE release_approval SET decided_by = NULL")
    assert "没有审批人或审批时间" in one(release_findings(), "release.approvals", ERROR)


@pytest.mark.parametrize("statement", [
    "UPDATE owner_call SET consent = 0",
    "UPDATE owner_call SET called_at = '2000-01-01 10:00:00'",
    "UPDATE release_slip SET owner_call_id = NULL WHERE person_role = 'tenant'",
])
def test_a_tenant_slip_cites_the_owner_s_consent_of_its_day(register, statement):
    sql(statement)
    assert register["tenant"].serial in one(release_findings(), "release.calls", ERROR)


def test_a_consent_serves_one_live_slip_and_a_tenant_owes_nothing(register):
    sql("UPDATE release_slip SET owner_call_id = (SELECT owner_call_id FROM release_slip WHERE person_role = 'tenant'),"
        " person_role = 'tenant' WHERE id = ?", (register["second"].id,))
    messages = [f.message for f in release_findings() if f.check == "release.calls"]
    assert any("多张有效放行条" in m for m in messages)
    sql("UPDATE release_slip SET arrears_fen = 100 WHERE id = ?", (register["tenant"].id,))
    assert any("仍欠物业管理费" in f.message and register["tenant"].serial in f.message for f in release_findings())


def test_goods_are_listed_with_quantities_above_zero(register):
    sql("UPDATE release_item SET quantity = 0 WHERE slip_id = ?", (register["second"].id,))
    assert "冰箱×0" in one(release_findings(), "release.goods", ERROR)
    sql("DELETE FROM release_item WHERE slip_id = ?", (register["second"].id,))
    assert register["second"].serial in one(release_findings(), "release.goods", ERROR)
