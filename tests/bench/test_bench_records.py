"""Issue 2 figures: global search per keystroke, the rooms list's first screen.

Each figure is reported with the bare library doing the same work (sqlite3 with
the same indexed query), as a ratio. Thresholds are asserted only on the full
estate (BENCH_ROOMS >= 20000); in CI the run is small and only prints.
"""
import sqlite3
import statistics
import time

import pytest

from tests.bench.conftest import CACHE, ROOMS, report

pytestmark = pytest.mark.bench
FULL = ROOMS >= 20000


def _p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def _typing_sessions(con):
    """What clerks type, keystroke by keystroke: room codes, names, initials, phone and ID tails."""
    code = con.execute("SELECT code FROM room WHERE code LIKE '%-%-%' ORDER BY id LIMIT 1 OFFSET ?",
                       (ROOMS // 3,)).fetchone()[0]
    name, initials, id_number = con.execute(
        "SELECT name, initials, id_number FROM person WHERE id_number IS NOT NULL ORDER BY id LIMIT 1 OFFSET 77"
    ).fetchone()
    phone = con.execute("SELECT number FROM phone ORDER BY id LIMIT 1 OFFSET 55").fetchone()[0]
    b, e, r = code.split("-")
    typed = [code, f"{b}栋{e}单元{r}", name, initials[:3], phone[-4:], id_number[-4:], r]
    return [[t[:i] for i in range(1, len(t) + 1)] for t in typed]


def _bare(con, text):
    """The same statements through plain sqlite3: what the lookup costs without our code around it."""
    import re
    from models.records.search import _room_code_prefix, _sql
    code = _room_code_prefix(text)
    if code:
        return con.execute(_sql("rooms", "code"), (code, code + "\uffff")).fetchall()
    if re.fullmatch(r"\d+[Xx]?", text):
        rows = []
        if text.isdigit() and len(text) <= 5:
            rows += con.execute(_sql("rooms", "number"), (text,)).fetchall()
        if len(text) >= 4:
            rev = text.upper()[::-1]
            rows += con.execute(_sql("people", "phone_tail"), (rev, rev + "\uffff")).fetchall()
            rows += con.execute(_sql("people", "id_tail"), (rev, rev + "\uffff")).fetchall()
        return rows
    if re.fullmatch(r"[A-Za-z]+", text):
        return con.execute(_sql("people", "initials"), (text.lower(), text.lower() + "\uffff")).fetchall()
    return con.execute(_sql("people", "name"), (text, text + "\uffff")).fetchall()


def test_global_search_per_keystroke(big_estate):
    from models.records.search import search
    con = sqlite3.connect(CACHE)
    sessions = _typing_sessions(con)
    ours, bare, ratios = [], [], []
    for _round in range(5):
        for keystrokes in sessions:
            for text in keystrokes:
                t0 = time.perf_counter()
                search(text)
                t1 = time.perf_counter()
                _bare(con, text)
                t2 = time.perf_counter()
                ours.append((t1 - t0) * 1000)
                bare.append((t2 - t1) * 1000)
                ratios.append((t1 - t0) / max(t2 - t1, 1e-6))
    assert search(sessions[0][-1])[0].kind == "room"
    report("global search per keystroke", rooms=ROOMS, keystrokes=len(ours), p95_ms=_p95(ours),
           median_ms=statistics.median(ours), bare_p95_ms=_p95(bare), bare_median_ms=statistics.median(bare),
           ratio_of_medians=statistics.median(ours) / statistics.median(bare),
           ratio_p95=_p95(ours) / _p95(bare))
    if FULL:
        assert _p95(ours) < 30
        assert statistics.median(ours) / statistics.median(bare) < 3


def test_rooms_list_first_screen(big_estate, qtbot):
    from PySide6.QtWidgets import QTableView
    from models.listing import get_list
    from ui.widgets.table_model import ListModel
    spec = get_list("rooms")
    times, bare_times = [], []
    con = sqlite3.connect(CACHE)
    for _round in range(5):
        t0 = time.perf_counter()
        model = ListModel(spec)
        model.reload()
        view = QTableView()
        view.setModel(model)
        view.resize(1200, 800)
        view.show()
        qtbot.waitExposed(view)
        rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(40)]
        times.append((time.perf_counter() - t0) * 1000)
        view.close()
        t1 = time.perf_counter()
        ids = [r[0] for r in con.execute("SELECT id FROM room ORDER BY length(building_id), id")]
        con.execute(f"SELECT * FROM room WHERE id IN ({','.join(map(str, ids[:40]))})").fetchall()
        bare_times.append((time.perf_counter() - t1) * 1000)
    assert model.rowCount() == ROOMS and rows[0][0]
    report("rooms list first screen", rooms=ROOMS, median_ms=statistics.median(times), max_ms=max(times),
           bare_ids_and_first_screen_ms=statistics.median(bare_times),
           ratio=statistics.median(times) / statistics.median(bare_times))
    if FULL:
        assert statistics.median(times) < 200
