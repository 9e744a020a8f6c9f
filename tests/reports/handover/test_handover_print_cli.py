"""``main.py print`` for the handover part's papers, as a desk without the window runs it: each document to a
PDF read back, and each refusal (a room unknown or never handed over, a loan unknown, a bad range of hooks)
said in one Chinese line with no traceback."""
from __future__ import annotations

import pytest

from tests.cli_run import main_runner, printed
from tests.reports.handover.conftest import TOMORROW


@pytest.fixture
def office(handed, lent, booked, db_path, tmp_path):
    """3-2-1301 handed over, the cabinet with two keys out, tomorrow's appointments; the file closed."""
    from models import db as dbmod
    numbers = dict(handover=handed.serial, loan=lent["loan"].serial)
    dbmod.close_database()                       # the command line opens the file as another process
    return db_path, numbers, main_runner(str(tmp_path / "home"))


def test_each_handover_paper_prints_from_the_command_line(office, tmp_path):
    db, numbers, run = office
    form, = printed(run, db, tmp_path, "handover", "3-2-1301")
    assert form.count(f"No.{numbers['handover']}") == 2 and "第二联业主留存" in form
    tags, = printed(run, db, tmp_path, "keytags")
    assert all(hook in tags for hook in ("A-001", "B-001", "C-001"))
    some, = printed(run, db, tmp_path, "keytags", "--hook", "A-001-B-001")
    assert "A-001" in some and "B-001" in some and "C-001" not in some
    slip, = printed(run, db, tmp_path, "keyloan", numbers["loan"])
    assert slip.count(f"No.{numbers['loan']}") == 2 and "刘师傅" in slip
    register, = printed(run, db, tmp_path, "key_register")
    assert "钥匙登记簿" in register and "逾期1" in register
    day, = printed(run, db, tmp_path, "appointments", "--date", str(TOMORROW))
    assert "欧阳娜娜" in day and "陈晓明" in day


def _refused(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and result.returncode != 3, (result.stdout, result.stderr)
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("args, said", [
    (["handover", "9-9-9999"], "没有房号 9-9-9999"),
    (["handover", "3-2-1202"], "3栋2单元1202 尚未办理交房"),
    (["handover"], "JF2026-000012"),
    (["keyloan", "JY2020-000999"], "JY2020-000999"),
    (["keyloan", "FX2026-000001"], "JY2026-000034"),
    (["keytags", "--hook", "B-009-B-001"], "请先写小的挂钩号"),
    (["keytags", "--hook", "Z-001-Z-009"], "没有在管的钥匙"),
    (["keytags", "K999999"], "K999999"),
    (["appointments", "--date", "tomorrow"], "tomorrow"),
    (["key_register", "A-001"], "不用填编号"),
])
def test_refusals_are_one_chinese_line(office, tmp_path, args, said):
    db, _numbers, run = office
    line = _refused(run("--db", str(db), "print", *args, "--out", str(tmp_path / "x.pdf")))
    assert said in line and line.startswith("错误")
    assert not (tmp_path / "x.pdf").exists()
