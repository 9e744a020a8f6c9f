"""The key cabinet (seed 000 §5; DOMAIN.md "Handover and keys"): a key is lent once at a time, returned
only when out, an entrusted key past its entrustment is not lent, a lost key stays on record."""
import datetime as dt

import pytest

from models.errors import Conflict, InvalidInput, NotAllowed, NotFound
from tests.domain.handover.conftest import TODAY


def _loan(key="A-001", **changes):
    from models.handover.keys import LoanInput
    given = LoanInput(key, "刘师傅", "维修水管", borrower_kind="contractor", unit="安居维修", phone="13711112222")
    for name, value in changes.items():
        setattr(given, name, value)
    return given


def _written():
    from models.audit import AuditLog
    from models.handover.tables import KeyLoan
    return AuditLog.select().count(), KeyLoan.select().count()


def test_a_key_has_a_tag_and_is_found_by_scan_hook_or_number(cabinet):
    from models.handover.keys import find_key
    key = cabinet["vacant"]
    assert key.tag == f"K{key.id:06d}"
    assert find_key(key.tag).id == key.id
    assert find_key(" a-001 ").id == key.id                 # the hook typed, any case
    assert find_key(str(key.id)).id == key.id               # the tag's digits alone
    with pytest.raises(NotFound, match="K999999"):
        find_key("K999999")
    with pytest.raises(InvalidInput):
        find_key("  ")


def test_a_key_is_lent_once_at_a_time_and_comes_back_once(cabinet, clerk):
    from models.handover.keys import lend, take_back
    from models.handover.tables import IN_CABINET, OUT, Key
    loan = lend(clerk, _loan())
    assert loan.serial == f"JY{TODAY.year}-000001" and Key.get_by_id(cabinet["vacant"].id).state == OUT
    assert loan.due_at > loan.out_at
    before = _written()
    with pytest.raises(Conflict, match="刘师傅"):
        lend(clerk, _loan(borrower="王工"))
    assert _written() == before
    back = take_back(clerk, cabinet["vacant"].tag, "刘师傅")
    assert back.id == loan.id and back.returned_by == "刘师傅" and back.received_by == clerk.name
    assert Key.get_by_id(cabinet["vacant"].id).state == IN_CABINET
    before = _written()
    with pytest.raises(Conflict, match="没有借出"):
        take_back(clerk, "A-001")
    assert _written() == before


def test_an_entrusted_key_past_its_entrustment_is_not_lent(cabinet, clerk):
    from models.handover.keys import lend
    from models.handover.tables import Key
    Key.update(entrusted_until=TODAY - dt.timedelta(days=1)).where(Key.id == cabinet["entrusted"].id).execute()
    before = _written()
    with pytest.raises(Conflict, match="委托已过期"):
        lend(clerk, _loan("C-001"))
    assert _written() == before


@pytest.mark.parametrize("changes, says", [
    (dict(borrower=""), "借用人"),
    (dict(purpose=" "), "事由"),
    (dict(phone=""), "电话"),
    (dict(due_at=dt.datetime.now() - dt.timedelta(hours=1)), "已经过去"),
    (dict(key="Z-404"), "Z-404"),
])
def test_a_bad_loan_is_refused_and_nothing_written(cabinet, clerk, changes, says):
    from models.handover.keys import lend
    before = _written()
    with pytest.raises((InvalidInput, NotFound), match=says):
        lend(clerk, _loan(**changes))
    assert _written() == before


def test_overdue_keys_are_listed_longest_first(cabinet, clerk):
    from models.handover.keys import lend, overdue_loans
    first = lend(clerk, _loan())
    second = lend(clerk, _loan("B-001", borrower_kind="staff", phone="", borrower="王工"))
    later = dt.datetime.now() + dt.timedelta(days=2)
    assert [loan.id for loan in overdue_loans(later)] == sorted([first.id, second.id],
                                                                key=lambda i: (first if i == first.id else second).due_at)
    assert list(overdue_loans()) == []


def test_a_lost_key_is_kept_on_record_with_what_was_done(cabinet, clerk, supervisor):
    from models.handover.keys import lend, open_loan, replace, report_lost, retire
    from models.handover.tables import IN_CABINET, LOST, RETIRED, Key, KeyLoan
    loan = lend(clerk, _loan())
    loss = report_lost(clerk, "A-001", "lock_changed", "借用人遗失，已更换门锁")
    assert loss.loan_id == loan.id and KeyLoan.get_by_id(loan.id).lost
    key = Key.get_by_id(cabinet["vacant"].id)
    assert key.state == LOST and open_loan(key) is None
    with pytest.raises(Conflict):
        lend(clerk, _loan())
    with pytest.raises(NotAllowed):
        replace(clerk, "A-001", "新锁钥匙")                    # the supervisor hangs a new key
    replace(supervisor, "A-001", "新锁钥匙")
    assert Key.get_by_id(key.id).state == IN_CABINET
    retire(supervisor, "A-001", "房屋已交付业主")
    assert Key.get_by_id(key.id).state == RETIRED
    assert Key.select().count() == 3                          # never deleted


def test_a_hook_holds_one_key_and_an_entrusted_key_names_its_owner(cabinet, supervisor, clerk):
    from models.handover.keys import KeyInput, add_key
    from models.handover.tables import ENTRUSTED, PUBLIC
    with pytest.raises(Conflict, match="A-001"):
        add_key(supervisor, KeyInput("a-001", PUBLIC, "会所门", area="会所"))
    with pytest.raises(InvalidInput, match="委托"):
        add_key(supervisor, KeyInput("C-002", ENTRUSTED, "入户门", room_id=1))
    with pytest.raises(NotAllowed):
        add_key(clerk, KeyInput("D-001", PUBLIC, "会所门", area="会所"))


@pytest.mark.parametrize("lent_at, due", [
    ("2026-11-29 09:00", "2026-11-29 13:00"),
    ("2026-11-29 16:00", "2026-11-29 20:00"),
    ("2026-11-29 17:30", "2026-11-30 09:30"),       # 21:30 is in the night: back the next morning
    ("2026-11-29 22:10", "2026-11-30 09:30"),
    ("2026-11-29 00:30", "2026-11-29 09:30"),       # lent in the small hours: back that morning
    ("2026-11-29 05:00", "2026-11-29 09:00"),
])
def test_a_loan_is_never_due_in_the_night(db, lent_at, due):
    from models.handover.keys import proposed_due
    assert proposed_due(dt.datetime.fromisoformat(lent_at)) == dt.datetime.fromisoformat(due)


def test_a_day_alone_is_due_by_the_end_of_that_day(cabinet, clerk):
    from models.handover.keys import lend
    tomorrow = TODAY + dt.timedelta(days=1)
    loan = lend(clerk, _loan(due_at=tomorrow.isoformat()))
    assert loan.due_at == dt.datetime.combine(tomorrow, dt.time(18))
    with pytest.raises(InvalidInput, match="已经过去"):
        lend(clerk, _loan("B-001", due_at=(TODAY - dt.timedelta(days=1)).isoformat()))


def test_why_a_key_cannot_be_lent_is_known_at_the_scan(cabinet, clerk):
    from models.handover.keys import find_key, lend, why_not_lend
    from models.handover.tables import Key
    assert why_not_lend(find_key("A-001")) is None
    lend(clerk, _loan())
    assert "刘师傅" in why_not_lend(find_key("A-001"))
    Key.update(entrusted_until=TODAY - dt.timedelta(days=1)).where(Key.id == cabinet["entrusted"].id).execute()
    assert "委托已过期" in why_not_lend(find_key("C-001"))
