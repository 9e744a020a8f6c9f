"""``main.py print`` for the renovation papers, as a desk without the window runs it: each document to a
PDF read back, the escalation report for a period, and refusals said in one Chinese line."""
from __future__ import annotations

import datetime as dt

import pytest

from models.renovation import deciding
from models.renovation.applying import submit_application
from models.renovation.works import RectificationNotice
from tests.cli_run import main_runner, printed
from tests.domain.renovation.conftest import TODAY, application
from tests.reports.renovation.conftest import notice_for_finding


@pytest.fixture
def office(estate, lived_in, clerk, engineer, db_path, tmp_path):
    """Room 1202: an application rejected, then another in works with an overdue notice; the file closed."""
    from models import db as dbmod
    first = submit_application(clerk, application(estate))
    deciding.reject(engineer, first.id, "未提交施工图纸")
    second = submit_application(clerk, application(estate, fees=None))
    from models.renovation.applying import FeePayment, take_fees
    take_fees(clerk, second.id, FeePayment("张伟"))
    deciding.approve(engineer, second.id, "按图施工")
    deciding.start_works(clerk, second.id)
    notice = notice_for_finding(clerk, second)
    RectificationNotice.update(deadline=TODAY - dt.timedelta(days=2)).where(
        RectificationNotice.id == notice.id).execute()
    numbers = dict(rejected=first.serial, works=second.serial, notice=notice.serial)
    dbmod.close_database()                       # the command line opens the file as another process
    return db_path, numbers, main_runner(str(tmp_path / "home"))


def test_each_renovation_paper_prints_from_the_command_line(office, tmp_path):
    db, numbers, run = office
    works = numbers["works"]
    form, = printed(run, db, tmp_path, "renovation_application", works)
    assert f"No.{works}" in form and "装修申请表" in form and "审批人：赵工" in form
    permit, = printed(run, db, tmp_path, "permit", works)
    assert "装修许可证" in permit and "1101**********7774" in permit
    passes, = printed(run, db, tmp_path, "passes", works)
    assert f"{works}-01" in passes and f"{works}-02" in passes
    one, = printed(run, db, tmp_path, "passes", works, "--workers", "2")
    assert f"{works}-02" in one and f"{works}-01" not in one
    notice, = printed(run, db, tmp_path, "notice", numbers["notice"])
    assert notice.count(f"No.{numbers['notice']}") == 2 and "整改通知书" in notice


def test_the_escalation_report_prints_for_a_period(office, tmp_path):
    db, numbers, run = office
    report = "".join(printed(run, db, tmp_path, "escalation", "--from", f"{TODAY.year}-01-01", "--to",
                              str(TODAY), "--report-to", "房地产主管部门"))
    assert "致：房地产主管部门" in report and numbers["notice"] in report and "逾期仍未整改1份" in report
    last_year = "".join(printed(run, db, tmp_path, "escalation", "--from", f"{TODAY.year - 1}-01-01", "--to",
                                 f"{TODAY.year - 1}-12-31"))
    assert "本期无逾期未整改的问题。" in last_year


def _refused(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_refusals_are_one_chinese_line(office, tmp_path):
    db, numbers, run = office
    out = str(tmp_path / "x.pdf")
    line = _refused(run("--db", str(db), "print", "permit", numbers["rejected"], "--out", out))
    assert numbers["rejected"] in line and "批准" in line
    line = _refused(run("--db", str(db), "print", "passes", numbers["rejected"], "--out", out))
    assert "出入证" in line
    assert "没有" in _refused(run("--db", str(db), "print", "notice", "ZG2020-000999", "--out", out))
    assert "早于" in _refused(run("--db", str(db), "print", "escalation", "--from", "2026-05-01", "--to", "2026-04-01",
                                 "--out", out))
    assert "ZX" in _refused(run("--db", str(db), "print", "permit", "--out", out))
