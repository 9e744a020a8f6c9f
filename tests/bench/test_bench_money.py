"""Issue 3 figures: the estate's arrears list, a room's account, a receipt PDF, a year of receipts exported.

On the full estate (BENCH_ROOMS=20000: two years of monthly charges, ~480,000 charge lines and
~200,000 receipts) the thresholds are asserted; in CI the run is small and only prints.
"""
import statistics
import time

import pytest

from tests.bench.conftest import ROOMS, report

pytestmark = pytest.mark.bench
FULL = ROOMS >= 20000


def _median_ms(fn, rounds=5):
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def test_estate_arrears_list(big_estate):
    import sqlite3
    from models.listing import get_list
    from models.money.ledger import Charge, Receipt
    from tests.bench.conftest import CACHE
    spec = get_list("arrears")
    ms, ids = _median_ms(lambda: spec.ids())
    fetch_ms, _rows = _median_ms(lambda: spec.fetch(ids[:60]))
    con = sqlite3.connect(CACHE)
    sql = ("SELECT room_id, SUM(amount_fen - settled_fen) FROM charge WHERE settled_fen < amount_fen "
           "AND cancelled_at IS NULL AND due_date <= date('now') GROUP BY room_id ORDER BY 2 DESC")
    bare_ms, bare = _median_ms(lambda: con.execute(sql).fetchall())
    report("arrears list of the estate", rooms=ROOMS, charges=Charge.select().count(),
           receipts=Receipt.select().count(), rooms_owing=len(ids), ids_ms=ms, first_screen_ms=fetch_ms,
           bare_sql_ms=bare_ms, ratio=(ms + fetch_ms) / max(bare_ms, 1e-3))
    assert len(ids) == len(bare)
    if FULL:
        assert ms + fetch_ms < 1000


def test_room_account_opens(big_estate, qtbot):
    from models.money.ledger import Charge
    from models.users import Actor, CLERK
    from ui.context import AppContext
    from ui.money.cashier_page import CashierPage
    room_ids = [r for (r,) in Charge.select(Charge.room).distinct().limit(50).tuples()]
    page = CashierPage(AppContext(Actor("李静", CLERK), "bench"))
    qtbot.addWidget(page)
    page.show_room(room_ids[0])
    times = []
    for rid in room_ids:
        t0 = time.perf_counter()
        page.show_room(rid)
        times.append((time.perf_counter() - t0) * 1000)
    report("room account opens (cashier page)", rooms=len(times), median_ms=statistics.median(times),
           max_ms=max(times))
    if FULL:
        assert statistics.median(times) < 50


def test_receipt_pdf(big_estate):
    from models.money.documents import receipt_document
    from models.money.ledger import Receipt
    from reports.pdf.money.receipt import build_receipt
    ids = [r.id for r in Receipt.select(Receipt.id).order_by(Receipt.id.desc()).limit(20)]
    build_receipt(receipt_document(ids[0]))          # fonts loaded once per process
    times = []
    for rid in ids:
        t0 = time.perf_counter()
        pdf = build_receipt(receipt_document(rid))
        times.append((time.perf_counter() - t0) * 1000)
    report("receipt PDF (data + 3-part A4)", receipts=len(times), median_ms=statistics.median(times),
           max_ms=max(times), bytes=len(pdf))
    if FULL:
        assert statistics.median(times) < 100
