"""The morning job on the command line: works whose rectification notice is overdue are suspended (停工整改,
seed 000 §4.3.6); it writes, so it runs as a user, and the computer's account is refused in one line."""
import datetime as dt

from tests.test_renovation_cli import _office, run

CLERK = {"PMDESK_PASSWORD": "clerk123"}


def test_suspend_overdue_suspends_once_and_the_pass_then_stops_at_the_gate(tmp_path):
    from models import db as dbmod
    from models.renovation.works import RectificationNotice
    path = tmp_path / "office.db"
    made = _office(path)
    first = run("--db", str(path), "--user", "lijing", "renovation", "suspend-overdue", env=CLERK)
    assert first.returncode == 0 and "没有需要停工的装修" in first.stdout, first.stderr
    dbmod.open_database(path)
    try:
        RectificationNotice.update(deadline=dt.date.today() - dt.timedelta(days=1)).execute()
    finally:
        dbmod.close_database()
    refused = run("--db", str(path), "renovation", "suspend-overdue")
    assert refused.returncode == 1 and refused.stderr.strip().startswith("错误") and "--user" in refused.stderr
    done = run("--db", str(path), "--user", "lijing", "renovation", "suspend-overdue", env=CLERK)
    assert done.returncode == 0 and f"已责令停工 {made['serial']} 3栋2单元1202" in done.stdout, done.stderr
    gate = run("--db", str(path), "renovation", "pass", made["valid"])
    assert "停工整改" in gate.stdout
    again = run("--db", str(path), "--user", "lijing", "renovation", "suspend-overdue", env=CLERK)
    assert "没有需要停工的装修" in again.stdout
