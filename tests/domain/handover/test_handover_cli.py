"""The handover verbs as the desk and a terminal with a scanner run them: handover show, keys lend, keys
return, keys overdue, keys lost. Reads for anyone who may see them; writes only as a user who may lend
keys; every refusal one Chinese line, nothing written, never a traceback."""
import datetime as dt
import tempfile

import pytest

from tests.cli_run import CLERK, FINANCE, cli_office, main_runner, one_chinese_line, opened

SCRATCH = tempfile.mkdtemp(prefix="pmdesk-handover-cli-home-")
run = main_runner(SCRATCH)
OWNER_ID = "110101199003077774"
TODAY = dt.date.today()


def _office(path) -> dict:
    """Room 3-2-1301 handed over to 张伟 (a defect open); keys A-001 (1202), B-001 (配电房), C-001, D-001;
    users: a clerk (李静), a finance clerk (钱会计)."""
    from models import users
    from models.handover import handing, keys
    from models.handover.tables import PUBLIC, VACANT_ROOM
    from models.records import estate as e, people as p
    with cli_office(path, "lijing", "qian") as actors:
        clerk = actors["lijing"]
        boss = users.Actor("王芳", users.CS_SUPERVISOR)
        rooms = [e.create_room(boss, e.RoomInput("3", "2", n, "89.50")) for n in ("1301", "1202")]
        owner = p.create_person(clerk, p.PersonInput("张伟", id_number=OWNER_ID, phones=[("13812345678", "mobile")]))
        handed = handing.hand_over(clerk, handing.HandoverInput(
            rooms[0].id, owner.id, documents=["购房合同", "业主身份证"],
            readings=[handing.Reading("water", "SB-1301", "12.5"), handing.Reading("electricity", "DB-1301", "305")],
            keys=[("入户门", 3), ("信报箱", 2)], defects=[handing.DefectInput("主卧", "窗框渗水", "developer")],
            deed_no="粤(2026)深圳市不动产权第0012345号"))
        for hook, kind, label, room, area in (("A-001", VACANT_ROOM, "入户门", rooms[1].id, ""),
                                              ("B-001", PUBLIC, "配电房门", None, "3栋配电房"),
                                              ("C-001", PUBLIC, "消防泵房门", None, "消防泵房"),
                                              ("D-001", PUBLIC, "会所门", None, "会所")):
            keys.add_key(boss, keys.KeyInput(hook, kind, label, room_id=room, area=area))
        return dict(serial=handed.serial)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("handover-cli") / "office.db"
    return path, _office(path)


def _counts(db) -> tuple:
    from models.audit import AuditLog
    from models.handover.tables import KeyLoan, KeyLoss
    with opened(db):
        return AuditLog.select().count(), KeyLoan.select().count(), KeyLoss.select().count()


def _as_clerk(db, *args):
    return run("--db", str(db), "--user", "lijing", *args, env=CLERK)


def test_show_prints_the_form_as_the_desk_reads_it(office):
    db, made = office
    for typed in ("3-2-1301", made["serial"], made["serial"].lower(), "3栋2单元1301"):
        shown = run("--db", str(db), "handover", "show", typed)
        assert shown.returncode == 0, shown.stderr
        lines = shown.stdout.strip().splitlines()
        assert lines[0] == f"交房确认单 {made['serial']}", typed
        assert "房号：3栋2单元1301" in lines and "业主：张伟" in lines and f"交房日期：{TODAY:%Y-%m-%d}" in lines
        assert "证件核验：购房合同、业主身份证" in lines and any(x.startswith("未核验：") for x in lines)
        assert "  水 SB-1301：12.5" in lines and "  电 DB-1301：305" in lines
        assert "交付钥匙：入户门×3、信报箱×2" in lines and "验房问题（1 项）：" in lines
        assert any("主卧 窗框渗水" in x and "开发商" in x and "待整改" in x for x in lines)
        assert "经办人：李静" in lines
        for secret in (OWNER_ID, OWNER_ID[-6:], "13812345678"):
            assert secret not in shown.stdout


@pytest.mark.parametrize("typed, says", [
    ("3-2-1202", "3-2-1202"), ("JF2026-000999", "JF2026-000999"), ("", "交房确认单号"), ("JF-hello", "JF-HELLO"),
])
def test_show_refuses_inone_chinese_line(office, typed, says):
    db, _made = office
    assert says in one_chinese_line(run("--db", str(db), "handover", "show", typed))


def test_a_clerk_lends_a_key_by_its_tag_and_takes_it_back(office):
    db, _made = office
    lent = _as_clerk(db, "keys", "lend", "K000001", "--to", "刘师傅", "--purpose", "维修水管", "--kind", "contractor",
                     "--phone", "13711112222", "--unit", "安居维修")
    assert lent.returncode == 0, lent.stderr
    assert lent.stdout.startswith("钥匙 A-001（入户门 3-2-1202）已借给刘师傅：借用单 JY") and "应还时间" in lent.stdout
    again = one_chinese_line(_as_clerk(db, "keys", "lend", "a-001", "--to", "王工", "--purpose", "看房"))
    assert "刘师傅" in again and "须先归还" in again
    back = _as_clerk(db, "keys", "return", "A-001", "--by", "刘师傅")
    assert back.returncode == 0 and back.stdout.startswith("钥匙 A-001 已挂回：借用单 JY") and "经办人 李静" in back.stdout
    assert "没有借出" in one_chinese_line(_as_clerk(db, "keys", "return", "A-001"))


@pytest.mark.parametrize("args, says", [
    (("keys", "lend", "Z-404", "--to", "王工", "--purpose", "看房"), "Z-404"),
    (("keys", "lend", "B-001", "--purpose", "检查配电柜"), "借用人"),
    (("keys", "lend", "B-001", "--to", " ", "--purpose", "检查配电柜"), "借用人"),
    (("keys", "lend", "B-001", "--to", "王工"), "事由"),
    (("keys", "lend", "B-001", "--to", "王工", "--purpose", "检查", "--due", "2020-01-01 08:00"), "已经过去"),
    (("keys", "lend", "B-001", "--to", "王工", "--purpose", "检查", "--due", "明天"), "不是有效时间"),
    (("keys", "lend", "B-001", "--to", "陈师傅", "--purpose", "检查", "--kind", "contractor"), "电话"),
    (("keys", "return", "K999999"), "K999999"),
    (("keys", "lost", "Z-404", "--action", "none"), "Z-404"),
])
def test_bad_input_is_one_chinese_line_and_nothing_written(office, args, says):
    db, _made = office
    before = _counts(db)
    line = one_chinese_line(_as_clerk(db, *args))
    assert says in line, line
    assert _counts(db) == before


@pytest.mark.parametrize("who, env", [((), None), (("--user", "qian"), FINANCE)])
def test_a_read_only_account_cannot_lend_return_or_lose_a_key(office, who, env):
    db, _made = office
    before = _counts(db)
    for args in (("keys", "lend", "C-001", "--to", "王工", "--purpose", "检查"), ("keys", "return", "C-001"),
                 ("keys", "lost", "C-001", "--action", "none")):
        line = one_chinese_line(run("--db", str(db), *who, *args, env=env))
        assert "无权" in line and ("--user" in line if not who else "钱会计" in line), line
    assert _counts(db) == before


def test_a_command_line_typed_wrong_is_a_usage_error(office):
    db, _made = office
    bad = _as_clerk(db, "keys", "lost", "C-001", "--action", "burnt")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "--action" in bad.stderr
    assert _as_clerk(db, "keys", "lend").returncode == 2


def test_overdue_keys_are_listed_with_the_phone_masked_for_the_computer(office):
    from models.handover.tables import KeyLoan
    db, _made = office
    assert run("--db", str(db), "keys", "overdue").stdout.strip() == "没有逾期未还的钥匙。"
    lent = _as_clerk(db, "keys", "lend", "D-001", "--to", "陈师傅", "--purpose", "会所维修", "--kind", "contractor",
                     "--phone", "13722223333", "--due", (dt.datetime.now() + dt.timedelta(minutes=30))
                     .strftime("%Y-%m-%d %H:%M"))
    assert lent.returncode == 0, lent.stderr
    with opened(db):
        KeyLoan.update(due_at=dt.datetime.now() - dt.timedelta(hours=3)).where(KeyLoan.borrower == "陈师傅").execute()
    shown = run("--db", str(db), "keys", "overdue")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.strip().splitlines()
    assert lines[0] == "逾期未还的钥匙 1 把："
    assert "D-001" in lines[1] and "会所门 会所" in lines[1] and "陈师傅（137****3333）" in lines[1]
    assert "逾期3小时" in lines[1] or "逾期2小时" in lines[1]
    assert "13722223333" in _as_clerk(db, "keys", "overdue").stdout


def test_a_key_lost_is_recorded_with_what_was_done(office):
    db, _made = office
    lent = _as_clerk(db, "keys", "lend", "B-001", "--to", "王工", "--purpose", "检查配电柜")
    assert lent.returncode == 0, lent.stderr
    lost = _as_clerk(db, "keys", "lost", "B-001", "--action", "lock_changed", "--note", "王工遗失")
    assert lost.returncode == 0, lost.stderr
    assert lost.stdout.startswith("钥匙 B-001（配电房门 3栋配电房）已登记遗失：已换锁") and "王工" in lost.stdout
    refused = one_chinese_line(_as_clerk(db, "keys", "lend", "B-001", "--to", "王工", "--purpose", "检查"))
    assert "遗失" in refused


def test_reading_writes_nothing(office):
    db, made = office
    before = _counts(db)
    run("--db", str(db), "handover", "show", made["serial"])
    run("--db", str(db), "keys", "overdue")
    assert _counts(db) == before
