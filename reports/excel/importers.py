"""The registry of importers: every list an office can read in from Excel, whichever part brings it.

A part registers its importers from its ``reports/excel/<part>/__init__.py``::

    register_importer(Importer("rooms", "Import room roster…", "records.import",
                               lazy_run("reports.excel.records.importer", "import_file", "rooms"),
                               choose_title="Choose the roster", part="records"))

``run(actor, path, *, skip_invalid=False, dry_run=False, progress=None)`` reads the file and
returns the import's report (``.summary()``, ``.refused``). The import page and the command
line's ``import`` verb both offer what is registered here, in the manifest's order of the parts.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from models import parts
from models.errors import InvalidInput
from models.i18n import _

@dataclass(frozen=True)
class Importer:
    """One kind of list read in: ``key`` as the command line names it, ``title`` (English, translated
    when shown) as the import page's button says it, the permission it needs, and what runs it."""
    key: str
    title: str
    permission: str
    run: Callable
    choose_title: str = "Choose the file to import"   # the file dialog's title (English)
    part: str = ""          # the part that brings it (the page sets each part's buttons together)


IMPORTERS: dict[str, Importer] = {}


def register_importer(importer: Importer) -> Importer:
    """Add an importer (a part calls this when its package is imported); a key is registered once."""
    existing = IMPORTERS.get(importer.key)
    if existing is not None and existing != importer:
        raise ValueError(f"importer {importer.key!r} is registered twice")
    IMPORTERS[importer.key] = importer
    return importer


def lazy_run(module: str, function: str, kind: str) -> Callable:
    """A ``run`` that calls ``module.function(actor, kind, path, ...)``, importing ``module`` only when a
    file is read (openpyxl takes a while to import; a window that never imports should not wait)."""
    def run(actor, path, *, skip_invalid: bool = False, dry_run: bool = False, progress=None):
        target = getattr(importlib.import_module(module), function)
        return target(actor, kind, path, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
    return run


def _load() -> dict[str, Importer]:
    parts.load("reports.excel")
    return IMPORTERS


def all_importers() -> list[Importer]:
    """Every importer, in the manifest's order of the parts (then each part's own order)."""
    return list(_load().values())


def get_importer(key: str) -> Importer:
    """The importer called ``key``; refuses an unknown one, naming those there are."""
    importers = _load()
    if key not in importers:
        raise InvalidInput(_("There is no importer called {key}; the importers are {keys}.").format(
            key=key, keys="、".join(importers)))
    return importers[key]


def importers_for(actor) -> list[Importer]:
    """The importers whose permission ``actor`` has, in the manifest's order."""
    return [imp for imp in all_importers() if actor.can(imp.permission)]


def run_import(actor, key: str, path, *, skip_invalid: bool = False, dry_run: bool = False, progress=None):
    """Run the importer called ``key`` on ``path``; its report."""
    return get_importer(key).run(actor, path, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
