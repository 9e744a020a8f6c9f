"""Several desks on one database at once, for each part's tests: one SQLite file, or the shared PostgreSQL
(PMDESK_TEST_PG).

Real processes, each with its own connection as the desk PCs have, start together when the ``go`` file
appears. A part's test gives the steps each desk takes (``child``: a ``do(actor, name, work, step)`` that
returns what the step gave, or raises the domain's refusal) and who sits at each desk (``run_desks``).
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180

_START = r"""
import datetime as dt, json, os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
target, name, role, work, plan = sys.argv[2], sys.argv[3], sys.argv[4], Path(sys.argv[5]), json.loads(sys.argv[6])
from models import db as dbmod
from models.errors import DomainError
from models.users import Actor
"""

_LOOP = r"""
dbmod.open_database(target)
actor = Actor(name, role)
(work / f"{name}.ready").touch()
while not (work / "go").exists():
    time.sleep(0.0005)
results = []
for step in plan["steps"]:
    try:
        results.append(do(actor, name, work, step))
    except DomainError as refusal:
        results.append("refused: " + str(refusal))
    time.sleep(0.002)
(work / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False))
"""


def child(steps: str) -> str:
    """The script each desk runs: ``steps`` (the part's imports and its ``do``) between the start and the loop."""
    return _START + textwrap.dedent(steps) + _LOOP


def database(request, tmp_path) -> str:
    """Where the desks meet: a SQLite file, or (the fixture's "postgres" param) a PostgreSQL database of its own."""
    return str(tmp_path / "office.db") if request.param == "sqlite" else request.getfixturevalue("empty_pg_url")


def run_desks(script: str, target: str, tmp_path, desks: dict[str, tuple[str, list]],
              kill_inside: str | None = None) -> dict:
    """Each desk (name → role and steps) run as a process of its own on ``target``, all let go at once; what
    each step gave, by desk. ``kill_inside``: that desk killed once its step says it is inside (its
    ``name.inside`` file), and its results left out."""
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    procs = {name: subprocess.Popen([sys.executable, "-c", script, str(ROOT), target, name, role, str(work),
                                     json.dumps({"steps": steps})], stderr=subprocess.PIPE)
             for name, (role, steps) in desks.items()}
    try:
        deadline = time.monotonic() + TIMEOUT
        while not all((work / f"{name}.ready").exists() for name in procs):
            assert time.monotonic() < deadline and all(p.poll() is None for p in procs.values()), \
                [p.stderr.read().decode(errors="replace") for p in procs.values() if p.poll() is not None]
            time.sleep(0.01)
        (work / "go").touch()
        if kill_inside:
            while not (work / f"{kill_inside}.inside").exists():
                assert time.monotonic() < deadline, procs[kill_inside].stderr.read().decode(errors="replace")
                time.sleep(0.005)
            procs[kill_inside].kill()
        for name, proc in procs.items():
            code = proc.wait(timeout=TIMEOUT)
            assert code == 0 or name == kill_inside, proc.stderr.read().decode(errors="replace")
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    return {name: json.loads((work / f"{name}.json").read_text()) for name in procs
            if (work / f"{name}.json").exists()}
