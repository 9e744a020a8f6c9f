"""The command line's verbs, in one registry that the core and every part fill.

A verb is ``demo``, ``export``, or a verb under another (``charge month``, ``user add``): its help
(English, translated when shown), a function that adds its arguments to its argparse parser, and
``run(actor, args) -> int | None`` (None is success). ``job`` names the allowed job
(``models.users.declare_cli_job``) under which the computer's account may run it without --user;
``database`` says whether it opens the database ("open"), may make a new one ("create", the demo)
or needs none ("none"). A verb that only groups others (``charge``) has no ``run``.

The core registers its verbs from ``models.core_verbs`` and ``reports.verbs``; a part registers its
own from its package (money's ``charge month`` from ``models/money/commands.py``). ``main.py``
builds its parser from this registry and runs the chosen verb with one lookup.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Verb:
    name: str                                          # "demo", "charge month"
    help: str                                          # English, translated when shown
    arguments: Callable | None = None                  # arguments(parser): adds the verb's own arguments
    run: Callable | None = None                        # run(actor, args) -> int | None; None: a group of verbs
    job: str = ""                                      # the computer's account runs it as this allowed job
    database: str = "open"                             # "open", "create" (may make a new one) or "none"

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.name.split())


VERBS: dict[str, Verb] = {}


def register_verb(verb: Verb) -> Verb:
    """Add a verb (the core's modules and each part call this when imported); a name is registered once.

    A verb under another (``charge month``) needs its group registered first (``charge``)."""
    existing = VERBS.get(verb.name)
    if existing is not None and existing is not verb:
        raise ValueError(f"verb {verb.name!r} is registered twice")
    if len(verb.words) > 1 and " ".join(verb.words[:-1]) not in VERBS:
        raise ValueError(f"verb {verb.name!r} comes before its group")
    VERBS[verb.name] = verb
    return verb


def verb(name: str, help: str, *, arguments=None, job: str = "", database: str = "open"):
    """``@verb("check", "check the database's integrity", job="check")`` over its run function."""
    def register(run):
        register_verb(Verb(name, help, arguments, run, job, database))
        return run
    return register


def group(name: str, help: str) -> Verb:
    """A verb that only holds others (``charge`` holds ``charge month``)."""
    return register_verb(Verb(name, help))


def under(name: str) -> list[Verb]:
    """The verbs directly under ``name`` ("" for the top), in the order registered."""
    depth = len(name.split()) + 1
    return [v for v in VERBS.values() if len(v.words) == depth and " ".join(v.words[:-1]) == name]


def progress_printer(label: str):
    """A terminal progress line for long work (only when attached to a terminal)."""
    if not sys.stderr.isatty():
        return None
    state = {"last": -1}

    def progress(done: int, total: int | None) -> None:
        pct = int(done * 100 / total) if total else -1
        if pct != state["last"]:
            state["last"] = pct
            sys.stderr.write(f"\r{label} {pct}%" if pct >= 0 else f"\r{label} {done}")
            sys.stderr.flush()
    return progress
