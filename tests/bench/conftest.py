"""Benchmarks run on a generated estate: small in CI, BENCH_ROOMS=20000 for the real figures.

    BENCH_ROOMS=20000 .venv/bin/python -m pytest -m bench -s tests/bench
"""
import logging
import os
import statistics
import time
from pathlib import Path

import pytest

ROOMS = int(os.environ.get("BENCH_ROOMS", "300"))
_ROOT = Path(__file__).resolve().parents[2]


def _demo_fingerprint() -> str:
    """Changes whenever the generator or the schema does, so a stale cached estate is never measured."""
    import hashlib
    digest = hashlib.sha1()
    for path in sorted(_ROOT.glob("models/**/*.py")):
        if "demo" in path.name or path.name in ("migrations.py", "ledger.py"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


CACHE = Path(os.environ.get("BENCH_DIR", "/tmp")) / f"pmdesk-bench-{ROOMS}-{_demo_fingerprint()}.db"


@pytest.fixture(scope="session")
def big_estate(tmp_path_factory):
    """The generated estate, made once and kept between runs (it is only read)."""
    from models import db as dbmod, demo
    from models.users import cli_actor
    if not CACHE.exists():
        partial = CACHE.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        dbmod.open_database(partial, create=True)
        started = time.perf_counter()
        demo.generate(cli_actor(None), rooms=ROOMS)   # a new database: the computer sets it up
        print(f"\n[bench] generated {ROOMS} rooms in {time.perf_counter() - started:.1f} s")
        dbmod.database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        dbmod.close_database()
        partial.rename(CACHE)
    database = dbmod.open_database(CACHE)
    yield database
    dbmod.close_database()


def report(name: str, **figures) -> None:
    text = "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items())
    print(f"\n[bench] {name}: {text}")


def median_ms(fn, rounds: int) -> tuple[float, object]:
    """The median wall-clock time of ``fn`` over ``rounds`` runs (what the clerk waits), and its last result."""
    times, result = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


class _Statements(logging.Handler):
    """The SQL peewee sends (its DEBUG log): (sql, params) of each statement."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.seen: list[tuple] = []

    def emit(self, record):
        if isinstance(record.msg, tuple):
            self.seen.append(record.msg)


def statements(run) -> list[tuple]:
    """The statements ``run()`` sends, to run the very same ones through the bare library."""
    log, handler = logging.getLogger("peewee"), _Statements()
    level = log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        run()
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
    return handler.seen
