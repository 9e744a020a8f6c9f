"""The release verbs as a gate PC without the window and a desk run them: release use, show, cancel."""
import tempfile

import pytest

from tests.cli_run import CLERK, FINANCE, GUARD, cli_office, main_runner, one_chinese_line

SCRATCH = tempfile.mkdtemp(prefix="pmdesk-release-cli-home-")
run = main_runner(SCRATCH)
OWNER_ID = "110101199003077774"


def _estate_with_slips(path) -> dict:
    """Room 3-2-1201 with its owner 张伟, a guard (周卫东), a clerk (李静), a finance clerk, five slips."""
    from models import users
    from models.records import estate as e, people as p
    from models.release import gate, issuing
    from models.release.issuing import GoodsLine, SlipInput
    with cli_office(path, "zhouwd", "lijing", "qian") as actors:
        clerk = actors["lijing"]
        room = e.create_room(users.Actor("王芳", users.CS_SUPERVISOR), e.RoomInput("3", "2", "1201", "89.50"))
        owner = p.create_person(clerk, p.PersonInput("张伟", id_number=OWNER_ID))
        p.transfer_ownership(clerk, room.id, [owner.id], "2020-05-01", "粤房证2020-001")
        slips = {}
        for name in ("use", "show", "cancel", "desk", "forbid"):
            slip = issuing.issue_slip(clerk, SlipInput(room.id, owner.id, OWNER_ID, [GoodsLine("沙发", 1),
                                                                                     GoodsLine("纸箱", 12, "书籍")],
                                                       plate="粤B12345", urgent=name == "show"))
            slips[name] = (slip.serial, gate.qr_payload(slip))
        return slips


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("release-cli") / "office.db"
    return path, _estate_with_slips(path)


def test_the_guard_lets_out_once_and_the_second_scan_is_refused(office):
    db, slips = office
    serial, payload = slips["use"]
    done = run("--db", str(db), "--user", "zhouwd", "release", "use", payload, env=GUARD)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"已放行 {serial} ") and done.stdout.strip().endswith("门岗 周卫东")
    assert len(done.stdout.strip().splitlines()) == 1
    again = one_chinese_line(run("--db", str(db), "--user", "zhouwd", "release", "use", payload, env=GUARD))
    assert "已使用" in again and "周卫东" in again
    shown = run("--db", str(db), "release", "show", serial)
    assert shown.returncode == 0 and "不得放行" in shown.stdout and "放行时间" in shown.stdout


def test_use_refused_without_a_user_who_may_let_out(office):
    db, slips = office
    serial, payload = slips["forbid"]
    computer = one_chinese_line(run("--db", str(db), "release", "use", payload))
    assert "无权" in computer and "--user" in computer
    finance = one_chinese_line(run("--db", str(db), "--user", "qian", "release", "use", payload, env=FINANCE))
    assert "钱会计" in finance and "无权" in finance
    no_password = one_chinese_line(run("--db", str(db), "--user", "zhouwd", "release", "use", payload))
    assert "PMDESK_PASSWORD" in no_password
    shown = run("--db", str(db), "release", "show", serial)
    assert "可以放行" in shown.stdout                        # nothing was written


@pytest.mark.parametrize("scanned, says", [
    ("{serial}/AAAAAA", "校验码不符"),
    ("FX2026-999999/AAAAAA", "没有"),
    ("hello", "放行条"),
])
def test_forged_unknown_and_unreadable_numbers_are_one_line(office, scanned, says):
    db, slips = office
    serial, _payload = slips["forbid"]
    text = scanned.format(serial=serial)
    used = one_chinese_line(run("--db", str(db), "--user", "zhouwd", "release", "use", text, env=GUARD))
    shown = one_chinese_line(run("--db", str(db), "release", "show", text))
    assert says in used and says in shown


def test_show_is_what_the_gate_sees_read_by_the_computer_s_account(office):
    db, slips = office
    serial, payload = slips["show"]
    for who, env in (((), None), (("--user", "zhouwd"), GUARD)):
        shown = run("--db", str(db), *who, "release", "show", payload, env=env)
        assert shown.returncode == 0, shown.stderr
        lines = shown.stdout.strip().splitlines()
        assert lines[0] == f"放行条 {serial}  急" and lines[1] == "门岗：可以放行"
        assert "房号：3栋2单元1201" in lines and "放行人：张伟（业主）" in lines
        assert "物品：沙发 ×1、纸箱 ×12（书籍）" in lines and "车牌号：粤B12345" in lines
        assert OWNER_ID not in shown.stdout and OWNER_ID[-4:] not in shown.stdout
    typed = run("--db", str(db), "release", "show", serial.replace("FX", "").replace("-0000", "-"))
    assert typed.returncode == 0 and lines[0] in typed.stdout


def test_cancel_needs_a_user_who_may_and_a_reason(office):
    db, slips = office
    serial, payload = slips["cancel"]
    computer = one_chinese_line(run("--db", str(db), "release", "cancel", serial, "--reason", "写错"))
    assert "无权" in computer and "--user" in computer
    guard = one_chinese_line(run("--db", str(db), "--user", "zhouwd", "release", "cancel", serial, "--reason", "写错",
                                  env=GUARD))
    assert "周卫东" in guard and "无权" in guard
    missing = one_chinese_line(run("--db", str(db), "--user", "lijing", "release", "cancel", serial, env=CLERK), 2)
    assert "--reason" in missing and "release cancel --help" in missing
    blank = one_chinese_line(run("--db", str(db), "--user", "lijing", "release", "cancel", serial, "--reason", " ",
                                  env=CLERK))
    assert "原因" in blank
    done = run("--db", str(db), "--user", "lijing", "release", "cancel", serial, "--reason", "物品写错", env=CLERK)
    assert done.returncode == 0 and done.stdout.strip() == f"已作废 {serial}：物品写错"
    again = one_chinese_line(run("--db", str(db), "--user", "lijing", "release", "cancel", serial, "--reason", "重复",
                                  env=CLERK))
    assert serial in again and "只有未使用的放行条才能作废" in again
    shown = run("--db", str(db), "release", "show", serial)
    assert "不得放行" in shown.stdout and "物品写错" in shown.stdout
    refused = one_chinese_line(run("--db", str(db), "--user", "zhouwd", "release", "use", payload, env=GUARD))
    assert "物品写错" in refused
    alone = one_chinese_line(run("--db", str(db), "--user", "zhouwd", "release", "use", serial, env=GUARD))
    assert "校验码" in alone                           # at the gate a number comes with its check code


def test_the_desk_marks_a_slip_used_from_the_returned_gate_part(office):
    db, slips = office
    serial, _payload = slips["desk"]
    at_gate = run("--db", str(db), "--user", "lijing", "release", "use", serial, env=CLERK)
    assert at_gate.returncode == 1 and "--desk" in at_gate.stderr and len(at_gate.stderr.strip().splitlines()) == 1
    done = run("--db", str(db), "--user", "lijing", "release", "use", serial, "--desk", env=CLERK)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"已登记放行 {serial} ") and "李静" in done.stdout


@pytest.mark.parametrize("words", [("release",), ("release", "use"), ("release", "show"), ("release", "cancel")])
def test_each_release_verb_has_its_own_help_in_chinese(words):
    result = run(*words, "--help")
    assert result.returncode == 0 and "用法" in result.stdout
    assert not any(english in result.stdout for english in ("usage:", "positional arguments", "options:"))
    if len(words) == 2:
        assert f"main.py release {words[1]}" in result.stdout and "放行条号" in result.stdout


def test_the_release_verbs_are_offered_in_main_help():
    top = run("--help")
    assert top.returncode == 0 and "release" in top.stdout and "放行条" in top.stdout
    group = run("release", "--help")
    assert all(name in group.stdout for name in ("use", "show", "cancel"))
