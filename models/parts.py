"""The product's parts, named once, in dependency order: the one place the core learns of them.

A part is a package with the same name in each layer (``models/<part>/``, ``reports/pdf/<part>/``,
``reports/excel/<part>/``, ``ui/<part>/``, ``resources/i18n/zh_CN/<part>.po``). Importing a part's
package registers what it brings in the core's registries (permissions, audit names, settings,
lists, checks, demo steps, timeline sources; in ``ui`` its pages and record openers). The core
asks ``load(layer)`` instead of importing a part by name.
"""
from __future__ import annotations

import importlib

# name, the parts it builds on (a part may import those, never the other way round)
MANIFEST: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("records", ()),
    ("money", ("records",)),
    ("release", ("records", "money")),
    ("renovation", ("records", "money", "release")),
    ("handover", ("records",)),
)


def names() -> list[str]:
    return [name for name, _depends in MANIFEST]


def load(layer: str = "models", module: str = "") -> list[str]:
    """Import ``<layer>.<part>[.<module>]`` of every part that has one, in dependency order."""
    loaded = []
    for name in names():
        target = f"{layer}.{name}" + (f".{module}" if module else "")
        try:
            importlib.import_module(target)
        except ModuleNotFoundError as error:
            if error.name != target:      # a real import error inside the part, not a missing piece
                raise
            continue
        loaded.append(name)
    return loaded


# Where the core looks for what parts bring: a layer's package, and the modules of it the core
# imports by name on demand (a part's lists load when a list is first asked for, not at start-up).
LOADS: tuple[tuple[str, str], ...] = (("models", ""), ("models", "lists"), ("reports.pdf", ""),
                                      ("reports.excel", ""), ("ui", ""))


def load_everything() -> None:
    """Every part in every layer: what a whole-product check (tests, the catalogue) needs."""
    for layer, module in LOADS:
        load(layer, module)
