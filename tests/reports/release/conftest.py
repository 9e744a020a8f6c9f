"""Slips to print, issued through the release rules on the small estate (3-2-1201: owner 张伟, tenant 李娜)."""
import datetime as dt

import pytest

from models.release import approvals, calls, issuing
from models.release.issuing import GoodsLine, SlipInput
from tests.domain.release.conftest import raise_months

OWNER_ID = "110101199003077774"
TENANT_ID = "440304198512120023"
OWNER_PHONE = "13812345678"


def owner_input(estate, goods=None, **changes) -> SlipInput:
    data = SlipInput(room_id=estate["rooms"][0].id, person_id=estate["owner"].id, id_shown=OWNER_ID,
                     goods=goods or [GoodsLine("沙发", 1), GoodsLine("纸箱", 12, "书籍")])
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def tenant_input(estate, goods=None, **changes) -> SlipInput:
    return owner_input(estate, goods, person_id=estate["tenant"].id, id_shown=TENANT_ID, **changes)


def owner_call(clerk, estate, **changes):
    data = calls.CallInput(estate["rooms"][0].id, estate["tenant"].id, OWNER_PHONE, dt.datetime.now(), "业主本人",
                           owner_knows=True, rent_owed=False, owner_goods=False, consent=True,
                           written_authorisation=True)
    for key, value in changes.items():
        setattr(data, key, value)
    return calls.record_owner_call(clerk, data)


@pytest.fixture
def approved_slip(estate, clerk, finance, director):
    """An owner's slip with four months owed, approved by the director, urgent, with a plate."""
    raise_months(finance, 4)
    room, owner = estate["rooms"][0].id, estate["owner"].id
    request = approvals.request_approval(clerk, room, owner, "沙发、纸箱", "业主急用")
    approvals.decide_approval(director, request.id, True, "已承诺月底前缴清")
    return issuing.issue_slip(clerk, owner_input(estate, plate="粤B12345", urgent=True))


@pytest.fixture
def tenant_slip(estate, clerk):
    """A tenant's whole-household slip, the owner having agreed by phone."""
    owner_call(clerk, estate)
    return issuing.issue_slip(clerk, tenant_input(estate, whole_household=True,
                                                  goods=[GoodsLine(issuing.WHOLE_HOUSEHOLD_GOODS, 1)]))


@pytest.fixture
def plain_slip(estate, clerk):
    """An owner's slip with nothing owed."""
    return issuing.issue_slip(clerk, owner_input(estate))
