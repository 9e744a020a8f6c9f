"""Issue 18 figure: the start page (the clerk's day, from every part's registrations) on the 20,000-room
estate with every part's demo data opens in under 200 ms, against the bare library running the very same
SQL statements on the same connection.

Two figures: the figures alone (every module's ``start_items`` for the clerk and for the customer-service
supervisor, who sees the most), and the whole page built (``StartPage.refresh``: the figures and their
cards and tiles, offscreen).

    BENCH_ROOMS=20000 .venv/bin/python -m pytest -m bench -s tests/bench/test_start_page_bench.py
"""
from __future__ import annotations

import statistics
import time
from types import SimpleNamespace

import pytest

from tests.bench.conftest import ROOMS, report, statements

pytestmark = pytest.mark.bench
RUNS = 15
LIMIT_MS = 200


def _actor(role: str, name: str):
    from models.users import Actor
    return Actor(name=name, role=role, via="gui", user_id=None)


def _median_ms(run) -> float:
    times = []
    for _i in range(RUNS):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@pytest.mark.parametrize("role, name", [("clerk", "李静"), ("cs_supervisor", "王芳")])
def test_the_days_figures(big_estate, role, name):
    from models import parts
    from models.db import database
    from ui.home import day_items
    parts.load("ui")
    ctx = SimpleNamespace(actor=_actor(role, name), window=None)
    items = day_items(ctx)
    titles = {item.title for item in items}
    assert {"今日交房预约", "逾期未还钥匙", "逾期未整改的验房问题", "空置房待巡查"} <= titles, titles
    assert {"今日待巡查", "逾期整改通知"} <= titles
    seen = statements(lambda: day_items(ctx))
    raw = database.obj.connection()

    def bare():
        for sql, params in seen:
            raw.execute(sql, params).fetchall()
    ours, bare_ms = _median_ms(lambda: day_items(ctx)), _median_ms(bare)
    report(f"start page figures ({role})", rooms=ROOMS, items=len(items), statements=len(seen), p50_ms=ours,
           bare_p50_ms=bare_ms, ratio=ours / max(bare_ms, 1e-3))
    assert ours < LIMIT_MS


def test_the_whole_start_page(big_estate, qtbot):
    from models import parts
    from ui.home import StartPage
    parts.load("ui")
    ctx = SimpleNamespace(actor=_actor("cs_supervisor", "王芳"), window=None)
    page = StartPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.refresh()
    assert len(page.cards()) >= 10
    ours = _median_ms(page.refresh)
    report("start page built (StartPage.refresh, cs_supervisor)", rooms=ROOMS, cards=len(page.cards()), p50_ms=ours)
    assert ours < LIMIT_MS
