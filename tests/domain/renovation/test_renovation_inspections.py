"""Inspections and rectification notices (seed 000 §4.5.2: at least daily; §4.3.6: quiet hours, notices,
unresolved ones reported to 业委会/居委会/主管部门 with the file kept)."""
import datetime as dt

import pytest

from models.attachments import attachments_of
from models.errors import Conflict, InvalidInput
from models.renovation import deciding
from models.renovation.inspections import (InspectionInput, NoticeInput, due_today, escalate, issue_notice,
                                           overdue_notices, record_inspection, recheck, signed_for, unresolved)
from models.renovation.works import (NOTICE_DONE, NOTICE_ESCALATED, NOTICE_OVERDUE, QUIET_HOURS,
                                     RectificationNotice, Renovation)

from tests.domain.renovation.conftest import TODAY, jpeg, pdf


def _finding(actor, renovation, text="阳台外墙擅自开孔"):
    return record_inspection(actor, InspectionInput(renovation.id, passed=False, findings=text,
                                                    photos=[("现场.jpg", jpeg())]))


def _notice(actor, inspection, days=3):
    return issue_notice(actor, NoticeInput(inspection.id, "第九条 不得擅自改变房屋外观", "恢复原状",
                                           TODAY + dt.timedelta(days=days)))


def test_the_daily_list_holds_the_works_not_yet_inspected_today(in_works, clerk):
    assert [row[1] for row in due_today()] == [in_works.serial]
    record_inspection(clerk, InspectionInput(in_works.id, kind=QUIET_HOURS, quiet_ok=True))
    assert due_today() == []
    [tomorrow] = due_today(TODAY + dt.timedelta(days=1))
    assert tomorrow[1] == in_works.serial and isinstance(tomorrow[6], dt.datetime)   # last seen: a moment, not text


def test_a_finding_raises_numbered_notices_without_gaps(in_works, clerk):
    inspection = _finding(clerk, in_works)
    assert len(attachments_of("inspection", inspection.id)) == 1
    first, second = _notice(clerk, inspection), _notice(clerk, inspection)
    assert (first.serial, second.serial) == (f"ZG{TODAY.year}-000001", f"ZG{TODAY.year}-000002")
    with pytest.raises(InvalidInput):
        issue_notice(clerk, NoticeInput(inspection.id, "第九条", "恢复原状", TODAY - dt.timedelta(days=1)))
    third = _notice(clerk, inspection)
    assert third.number == 3 and RectificationNotice.select().count() == 3


def test_an_open_notice_blocks_completion_until_a_recheck_sees_it_done(in_works, clerk):
    notice = _notice(clerk, _finding(clerk, in_works))
    with pytest.raises(Conflict, match="复查"):
        deciding.request_completion(clerk, in_works.id)
    recheck(clerk, notice.id, False, "仍未恢复")
    assert RectificationNotice.get_by_id(notice.id).state == "open"
    recheck(clerk, notice.id, True)
    assert RectificationNotice.get_by_id(notice.id).state == NOTICE_DONE
    assert deciding.request_completion(clerk, in_works.id).state == "completion"


def test_an_overdue_notice_suspends_and_keeps_the_works_suspended(in_works, clerk, engineer):
    notice = _notice(clerk, _finding(clerk, in_works))
    RectificationNotice.update(deadline=TODAY - dt.timedelta(days=2)).where(RectificationNotice.id == notice.id).execute()
    assert [n.id for n in overdue_notices()] == [notice.id]
    assert RectificationNotice.get_by_id(notice.id).shown_state() == NOTICE_OVERDUE
    deciding.suspend(engineer, in_works.id, "逾期未整改")
    with pytest.raises(Conflict, match="逾期"):
        deciding.resume(engineer, in_works.id)
    signed_for(clerk, notice.id, "陈建国")
    recheck(clerk, notice.id, True)
    assert deciding.resume(engineer, in_works.id).state == "in_works"


def test_unresolved_notices_are_escalated_with_the_report_kept(in_works, clerk, supervisor):
    notice = _notice(clerk, _finding(clerk, in_works))
    RectificationNotice.update(deadline=TODAY - dt.timedelta(days=2)).where(RectificationNotice.id == notice.id).execute()
    assert [n.id for n in unresolved(TODAY - dt.timedelta(days=30), TODAY)] == [notice.id]
    with pytest.raises(Exception):
        escalate(clerk, "业主委员会", TODAY - dt.timedelta(days=30), TODAY, pdf())
    made = escalate(supervisor, "业主委员会", TODAY - dt.timedelta(days=30), TODAY, pdf())
    assert RectificationNotice.get_by_id(notice.id).state == NOTICE_ESCALATED
    assert [a.label for a in attachments_of("escalation", made.id)] == ["上报材料"]
    with pytest.raises(Conflict):
        escalate(supervisor, "业主委员会", TODAY - dt.timedelta(days=30), TODAY, pdf())
    # Rectified after all, later: the re-inspection still closes it.
    recheck(clerk, notice.id, True)
    assert RectificationNotice.get_by_id(notice.id).state == NOTICE_DONE


def test_only_works_on_site_are_inspected(submitted, clerk):
    with pytest.raises(Conflict):
        record_inspection(clerk, InspectionInput(submitted.id))
    assert Renovation.get_by_id(submitted.id).inspections.count() == 0


def test_the_morning_job_suspends_the_works_with_an_overdue_notice(in_works, clerk):
    from models.release.gate import answer
    from models.renovation.passes import qr_payload
    notice = _notice(clerk, _finding(clerk, in_works))
    assert deciding.suspend_overdue(clerk) == []
    RectificationNotice.update(deadline=TODAY - dt.timedelta(days=1)).where(RectificationNotice.id == notice.id).execute()
    [suspended] = deciding.suspend_overdue(clerk)
    assert suspended.state == "suspended"
    worker = in_works.workers.first()
    assert answer(qr_payload(worker)).state == "suspended"
    assert deciding.suspend_overdue(clerk) == []


def test_an_escalated_notice_still_holds_the_works_until_a_recheck_sees_it_done(in_works, clerk, supervisor, engineer):
    """Reporting a notice (上报) is not rectifying it: the works stay suspended, no acceptance, no refund."""
    notice = _notice(clerk, _finding(clerk, in_works))
    RectificationNotice.update(deadline=TODAY - dt.timedelta(days=2)).where(RectificationNotice.id == notice.id).execute()
    deciding.suspend_overdue(clerk)
    escalate(supervisor, "业主委员会", TODAY - dt.timedelta(days=30), TODAY, pdf())
    with pytest.raises(Conflict, match="逾期"):
        deciding.resume(engineer, in_works.id)
    recheck(clerk, notice.id, True)
    deciding.resume(engineer, in_works.id)
    assert deciding.request_completion(clerk, in_works.id).state == "completion"
