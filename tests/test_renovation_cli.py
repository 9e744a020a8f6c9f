"""The renovation verbs as the desk and a gate PC without the window run them: renovation show, renovation pass.
Both read only; every refusal one Chinese line, never a traceback."""
import datetime as dt
import tempfile

import pytest

from tests.cli_run import FINANCE, GUARD, cli_office, main_runner, one_chinese_line, opened

SCRATCH = tempfile.mkdtemp(prefix="pmdesk-renovation-cli-home-")
run = main_runner(SCRATCH)
OWNER_ID = "110101199003077774"
WORKER_IDS = ("440304198512120023", "11010519491231002X")
TODAY = dt.date.today()


def _office(path) -> dict:
    """Room 3-2-1202 (owner 张伟) in works with two workers and an open notice, one pass handed back;
    users: a guard (周卫东), a clerk (李静), a finance clerk (钱会计)."""
    from models import users
    from models.records import estate as e, people as p
    from models.renovation import deciding, inspections, settling
    from models.renovation.applying import ApplicationInput, ContractorInput, FeePayment, WorkerInput, \
        submit_application
    from models.renovation.passes import qr_payload
    from models.renovation.works import Worker
    with cli_office(path, "zhouwd", "lijing", "qian") as actors:
        clerk = actors["lijing"]
        room = e.create_room(users.Actor("王芳", users.CS_SUPERVISOR), e.RoomInput("3", "2", "1202", "120.00"))
        owner = p.create_person(clerk, p.PersonInput("张伟", id_number=OWNER_ID, phones=[("13812345678", "mobile")]))
        p.transfer_ownership(clerk, room.id, [owner.id], "2020-05-01", "粤房证2020-002")
        works = submit_application(clerk, ApplicationInput(
            room.id, owner.id, TODAY, TODAY + dt.timedelta(days=30), works=["walls", "electrics"],
            works_note="封闭阳台",
            contractor=ContractorInput("深圳市安居装饰工程有限公司", "91440300MA5F8XYZ1K", "D244012345", "陈建国",
                                       "13612345678"),
            workers=[WorkerInput("刘师傅", WORKER_IDS[0]), WorkerInput("黄师傅", WORKER_IDS[1])],
            fees=FeePayment("张伟")))
        deciding.approve(users.Actor("赵工", users.ENG_SUPERVISOR), works.id, "按图施工")
        deciding.owner_told(clerk, works.id, "电话")
        deciding.start_works(clerk, works.id)
        seen = inspections.record_inspection(clerk, inspections.InspectionInput(works.id, passed=False,
                                                                               findings="楼道堆放水泥袋"))
        notice = inspections.issue_notice(clerk, inspections.NoticeInput(seen.id, "第十二条", "当日清走",
                                                                         TODAY + dt.timedelta(days=3)))
        first, second = works.workers.order_by(Worker.line)
        settling.return_pass(clerk, works.id, second.id)
        return dict(serial=works.serial, number=works.number, notice=notice.serial, valid=qr_payload(first),
                    returned=qr_payload(Worker.get_by_id(second.id)), first=first.pass_number)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("renovation-cli") / "office.db"
    return path, _office(path)


def test_show_prints_the_application_its_workers_notices_and_money(office):
    db, made = office
    for typed in (made["serial"], f"{TODAY.year}-{made['number']}", made["first"], made["serial"].lower()):
        shown = run("--db", str(db), "renovation", "show", typed)
        assert shown.returncode == 0, shown.stderr
        lines = shown.stdout.strip().splitlines()
        assert lines[0].startswith(f"装修申请 {made['serial']}") and "装修中" not in lines[0], typed
        assert "房号：3栋2单元1202" in lines and "业主：张伟" in lines
        assert "施工单位：深圳市安居装饰工程有限公司（陈建国 13612345678）" in lines
        assert any(line.startswith("装修项目：") and line.endswith("，封闭阳台") for line in lines)
        assert f"工期：{TODAY:%Y-%m-%d} 至 {TODAY + dt.timedelta(days=30):%Y-%m-%d}" in lines
        assert any(line.startswith("审批人：赵工 ") and line.endswith("按图施工") for line in lines)
        assert "施工人员（2 人）：" in lines and any("刘师傅" in x and "有效" in x for x in lines)
        assert any("黄师傅" in x and "已交回" in x for x in lines)
        assert any(made["notice"] in x and "楼道堆放水泥袋" in x for x in lines)
        assert any(x.startswith("收费收据：") and "¥2,540.00" in x for x in lines)
        assert "  装修保证金：收取 ¥2,000.00，在押 ¥2,000.00" in lines
        for secret in (OWNER_ID, OWNER_ID[-4:], *WORKER_IDS, "13812345678"):
            assert secret not in shown.stdout


def test_show_refuses_inone_chinese_line(office):
    db, made = office
    assert "ZX2026-000999" in one_chinese_line(run("--db", str(db), "renovation", "show", "ZX2026-999"))
    assert "ZX2026-000012" in one_chinese_line(run("--db", str(db), "renovation", "show", "hello"))
    assert "ZX2026-000012" in one_chinese_line(run("--db", str(db), "renovation", "show", made["notice"]))
    guard = one_chinese_line(run("--db", str(db), "--user", "zhouwd", "renovation", "show", made["serial"], env=GUARD))
    assert "周卫东" in guard and "无权" in guard
    finance = run("--db", str(db), "--user", "qian", "renovation", "show", made["serial"], env=FINANCE)
    assert finance.returncode == 0 and made["serial"] in finance.stdout


def test_pass_says_what_the_gate_would_say(office):
    db, made = office
    for who, env in (((), None), (("--user", "zhouwd"), GUARD)):
        shown = run("--db", str(db), *who, "renovation", "pass", made["valid"], env=env)
        assert shown.returncode == 0, shown.stderr
        lines = shown.stdout.strip().splitlines()
        assert lines[:2] == [f"装修施工人员出入证 {made['first']}", "门岗：可以进入"]
        assert "姓名：刘师傅" in lines and "施工单位：深圳市安居装饰工程有限公司" in lines
        assert WORKER_IDS[0] not in shown.stdout
    returned = run("--db", str(db), "renovation", "pass", made["returned"])
    assert returned.returncode == 0 and "门岗：不得进入 · 已交回" in returned.stdout
    assert any(line.startswith("原因：") and "交回" in line for line in returned.stdout.splitlines())


@pytest.mark.parametrize("typed, says", [
    ("{first}", "校验码"),
    ("{first}/AAAAAA", "校验码不符"),
    ("ZX2026-000999-01/AAAAAA", "没有签发"),
    ("hello", "不是施工人员出入证"),
    ("FX2026-000001/AAAAAA", "不是施工人员出入证"),
])
def test_a_pass_the_gate_refuses_to_read_is_one_line(office, typed, says):
    db, made = office
    line = one_chinese_line(run("--db", str(db), "renovation", "pass", typed.format(**made)))
    assert says in line and "刘师傅" not in line


def test_nothing_was_written(office):
    from models.audit import AuditLog
    db, made = office
    with opened(db):
        before = AuditLog.select().count()
    run("--db", str(db), "renovation", "show", made["serial"])
    run("--db", str(db), "renovation", "pass", made["valid"])
    with opened(db):
        assert AuditLog.select().count() == before


@pytest.mark.parametrize("words", [("renovation",), ("renovation", "show"), ("renovation", "pass")])
def test_each_renovation_verb_has_its_own_help_in_chinese(words):
    result = run(*words, "--help")
    assert result.returncode == 0 and "用法" in result.stdout
    assert not any(english in result.stdout for english in ("usage:", "positional arguments", "options:"))
    if len(words) == 2:
        assert f"main.py renovation {words[1]}" in result.stdout


def test_the_renovation_verbs_are_offered_in_main_help():
    top = run("--help")
    assert top.returncode == 0 and "renovation" in top.stdout and "装修申请" in top.stdout
    group = run("renovation", "--help")
    assert "show" in group.stdout and "pass" in group.stdout
