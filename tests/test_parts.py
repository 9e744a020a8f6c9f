"""The parts: named once in models/parts.py, loaded by the core, never imported by it by name (issue 15)."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from models import parts

ROOT = Path(__file__).resolve().parent.parent
PART_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:models|ui|reports\.pdf|reports\.excel)\.(%s)\b" %
                         "|".join(parts.names()), re.M)
# Core files that still import a part by name. They may only leave this set.
NOT_YET: set[str] = set()


def _core_files():
    for layer in ("models", "ui", "reports", "reports/pdf", "reports/excel"):
        for path in (ROOT / layer).glob("*.py"):
            yield path.relative_to(ROOT).as_posix()
    for path in (ROOT / "ui" / "widgets").glob("*.py"):
        yield path.relative_to(ROOT).as_posix()
    yield "main.py"


def test_no_core_file_imports_a_part_by_name():
    importing = {name for name in _core_files() if PART_IMPORT.search((ROOT / name).read_text(encoding="utf-8"))}
    assert importing <= NOT_YET, f"core files importing a part: {sorted(importing - NOT_YET)}"


def test_a_part_imports_only_the_core_and_the_parts_it_builds_on():
    depends = dict(parts.MANIFEST)
    for name in parts.names():
        allowed = {name, *depends[name]}
        for layer in ("models", "ui", "reports/pdf", "reports/excel"):
            for path in (ROOT / layer / name).rglob("*.py"):
                used = set(PART_IMPORT.findall(path.read_text(encoding="utf-8")))
                assert used <= allowed, f"{path.relative_to(ROOT)} imports {sorted(used - allowed)}"


# Each registry of the core, read as a set of keys; a part's share is what appears when it loads.
PROBE = r'''
import json, sys
from models import parts
manifest = parts.MANIFEST

def registries():
    from models import audit, check, commands, demo_context, i18n, listing, migrations, searching, serials
    from models import settings, timeline, users
    from reports.excel import importers
    from reports.pdf import registry
    from ui import modules
    pages = {p.key for m in modules.MODULES for p in m.pages}
    return {
        "models": set(migrations.CHAINS), "permissions": set(users.PERMISSIONS), "roles": set(users.ROLES),
        "audit": set(audit.ACTIONS) | {"entity:" + k for k in audit.ENTITIES}, "serials": set(serials.KINDS),
        "settings": set(settings.REGISTRY), "lists": set(listing.REGISTRY), "checks": set(check.CHECKS),
        "demo": set(demo_context.STEPS), "timeline": set(timeline.SOURCES), "search": set(searching.PROVIDERS),
        "verbs": set(commands.VERBS), "labels": set(i18n.LABEL_TABLES), "documents": set(registry.DOCUMENTS),
        "importers": set(importers.IMPORTERS), "pages": pages,
        "start": {m.key for m in modules.MODULES if m.start_items},
        "room_actions": set(modules.ROOM_ACTIONS), "room_tabs": set(modules.ROOM_TABS),
        "openers": set(modules.OPENERS),
    }

parts.MANIFEST = ()
import ui.home, ui.admin  # noqa  (the shell's own pages)
from models.listing import load_lists
load_lists()                 # the core's own list (the audit log)
parts.load_everything()
seen = registries()
out = {}
for i, (name, _deps) in enumerate(manifest):
    parts.MANIFEST = manifest[:i + 1]
    parts.load_everything()
    now = registries()
    out[name] = {key: sorted(now[key] - seen[key]) for key in now if now[key] - seen[key]}
    seen = now
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def brought():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_part_is_in_each_registry_it_declares_and_only_those(brought):
    import importlib
    for name in parts.names():
        declared = set(importlib.import_module(f"models.{name}").BRINGS)
        assert set(brought[name]) == declared, (name, sorted(set(brought[name]) ^ declared))


def test_what_the_records_and_money_parts_bring(brought):
    records, money = brought["records"], brought["money"]
    assert {"rooms", "people", "id_copies"} <= set(records["lists"]) and "records.edit" in records["permissions"]
    assert {"card"} <= set(records["documents"]) and {"rooms", "people"} <= set(records["importers"])
    assert {"receipts", "deposits", "arrears"} <= set(money["lists"]) and "charge" in money["verbs"]
    assert {"receipt", "refund", "daily_close"} <= set(money["serials"]) and "money.account" in money["room_tabs"]
    assert {"receipt", "reminders"} <= set(money["documents"]) and "cashier" in money["pages"]


def test_each_part_has_its_package_in_every_layer_it_fills_and_its_catalogue():
    for name in parts.names():
        assert (ROOT / "models" / name / "__init__.py").exists() and (ROOT / "ui" / name / "__init__.py").exists()
        assert (ROOT / "resources" / "i18n" / "zh_CN" / f"{name}.po").exists(), name
        assert (ROOT / "tests" / "domain" / name).is_dir() and (ROOT / "tests" / "ui" / name).is_dir(), name


def test_asking_for_an_unknown_permission_is_an_error():
    from models.users import CLERK, Actor, UnknownPermission
    with pytest.raises(UnknownPermission):
        Actor("李静", CLERK).can("records.edlt")
