"""The demo runner: the parts' steps in order, one transaction, the demo users, progress and cancel,
never over a real office's records, and the hand-over of past events between parts. What the
records part generates is tested in tests/domain/records/test_records_demo.py, money's in
tests/domain/money."""
from __future__ import annotations

import datetime as dt

import pytest

from models import demo
from models.db import database
from models.demo_context import GUARDS, STEPS, DemoContext, DemoEvent, demo_guard, demo_step
from models.errors import Cancelled, Conflict, InvalidInput, NotAllowed
from models.users import ROLES, authenticate

# Kept by the database itself and the office's set-up: not demo rows.
_NOT_DEMO = {"schema_version", "part_version", "app_marker", "setting", "sqlite_sequence"}


def _rows() -> dict[str, int]:
    """Rows per table of the database, every part's."""
    tables = [name for (name,) in database.obj.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()]
    return {t: database.obj.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            for t in tables if t not in _NOT_DEMO}


@pytest.fixture
def extra_step():
    """Register a step (or guard) for one test only."""
    added = []

    def register(key, order, fn):
        demo_step(key, order=order)(fn)
        added.append(key)
        return fn
    yield register
    for key in added:
        STEPS.pop(key, None)


def test_the_parts_steps_run_in_order(db, admin, extra_step):
    seen = {}

    def _after_the_people(ctx: DemoContext):
        seen.update(rooms=len(ctx.rooms), people=len(ctx.people), kinds={e.kind for e in ctx.events},
                    staff=dict(ctx.staff))
    extra_step("test.after_people", 35, _after_the_people)
    assert [s.key for s in sorted(STEPS.values(), key=lambda s: s.order)][:4] == \
        ["users", "estate", "people", "test.after_people"]
    summary = demo.generate(admin, 60, seed=3)
    assert seen["rooms"] == summary.rooms == 60 and seen["people"] == summary.people > 0
    # The core's users are there before the parts' steps (a later part may add its own role's user).
    assert "transfer" in seen["kinds"] and set(seen["staff"]) == {role for _u, _d, role in demo.DEMO_USERS}


def test_demo_users_sign_in(db, admin):
    office = demo.generate(admin, 30, seed=11)
    assert {u[0] for u in demo.DEMO_USERS} <= {u[0] for u in office.users}      # and the parts' own (the guard)
    for username, display, role in office.users:
        user = authenticate(username, demo.DEMO_PASSWORD)
        assert (user.display_name, user.role) == (display, role)
    assert {role for (_u, _d, role) in office.users} == set(ROLES)       # someone to try every role as
    text = "\n".join(office.lines())
    assert "demo123" in text and "clerk" in text and "演示" in text


def test_cancelled_generation_leaves_nothing(db, admin):
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done > total // 2:
            raise Cancelled("取消")

    before = _rows()
    with pytest.raises(Cancelled):
        demo.generate(admin, 200, progress=progress)
    assert seen and all(total == demo.PROGRESS_TOTAL for _d, total in seen)
    assert _rows() == before and before["room"] == before["person"] == before["app_user"] == 0


def test_progress_rises_to_the_end(db, admin):
    seen = []
    demo.generate(admin, 60, progress=lambda done, total: seen.append(done))
    assert seen[0] == 0 and seen[-1] == demo.PROGRESS_TOTAL and seen == sorted(seen)


def test_tiny_estate_and_size_limits(db, admin, clerk):
    summary = demo.generate(admin, demo.MIN_ROOMS)
    assert summary.rooms == _rows()["room"] == 10
    with pytest.raises(InvalidInput) as too_small:
        demo.generate(admin, 5)
    assert "10" in str(too_small.value) and "房间" in str(too_small.value)
    with pytest.raises(NotAllowed):
        demo.generate(clerk, 50)


def test_existing_administrator_is_kept(db):
    from models.users import Actor, create_first_administrator
    first = create_first_administrator("admin", "刘主管", "secret99")
    summary = demo.generate(Actor.for_user(first), 30)
    assert "admin" not in {u[0] for u in summary.users}
    assert authenticate("admin", "secret99").display_name == "刘主管"
    assert authenticate("clerk", demo.DEMO_PASSWORD).role == "clerk"


def test_a_real_office_is_never_filled_with_a_demo(db, admin):
    """The cold trial: one click on 生成演示数据 filled a new office (set up, rosters not yet
    imported) with made-up permanent receipts and an administrator whose password is demo123."""
    from models import settings
    settings.set_up_office(admin, "翠湖苑管理处", "翠湖苑", "翠湖苑1栋", "0571-8888 0000")
    before = _rows()
    with pytest.raises(Conflict, match="翠湖苑管理处的数据库"):
        demo.generate(admin, 60)
    assert _rows() == before and before["room"] == 0
    assert demo.why_not_generate() is not None


def test_a_part_refuses_a_demo_over_its_records(db, admin):
    @demo_guard
    def _keys_already_lent():
        return "钥匙借用登记里已有记录。"
    before = _rows()
    try:
        with pytest.raises(Conflict, match="钥匙借用登记里已有记录"):
            demo.generate(admin, 30)
        assert _rows() == before
    finally:
        GUARDS.remove(_keys_already_lent)


def test_a_kind_of_event_belongs_to_one_part():
    ctx = DemoContext(None, 1, 10, dt.date(2026, 6, 15))
    ctx.events += [DemoEvent("renovation", dt.date(2026, 5, 1), 1, 1), DemoEvent("parking", dt.date(2026, 5, 2), 2, 2)]
    assert ctx.claimed_by("renovation") is None and len(ctx.events_of("renovation")) == 1
    ctx.claim("renovation", "renovation")
    ctx.claim("renovation", "renovation")                 # asking again is no conflict
    assert not ctx.keeps("renovation", "money")           # money gives way
    assert ctx.keeps("parking", "money") and ctx.claimed_by("parking") == "money"
    with pytest.raises(ValueError, match="money"):
        ctx.claim("parking", "keys")                      # too late: money already made its paperwork
