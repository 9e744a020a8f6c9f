"""The parts: named once in models/parts.py, loaded by the core, never imported by it by name (issue 15)."""
import re
from pathlib import Path

from models import parts

ROOT = Path(__file__).resolve().parent.parent
PART_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:models|ui|reports\.pdf|reports\.excel)\.(%s)\b" %
                         "|".join(parts.names()), re.M)
# Core files that still import a part by name: the global migrations name the parts' models. They may
# only leave this set.
NOT_YET = {"models/migrations.py"}


def _core_files():
    for layer in ("models", "ui", "reports/pdf", "reports/excel"):
        for path in (ROOT / layer).glob("*.py"):
            yield path.relative_to(ROOT).as_posix()
    for path in (ROOT / "ui" / "widgets").glob("*.py"):
        yield path.relative_to(ROOT).as_posix()


def test_no_core_file_imports_a_part_by_name():
    importing = {name for name in _core_files() if PART_IMPORT.search((ROOT / name).read_text(encoding="utf-8"))}
    assert importing <= NOT_YET, f"core files importing a part: {sorted(importing - NOT_YET)}"


def test_every_part_in_the_manifest_is_in_each_registry_it_fills(db):
    from models import audit, check, users
    from models.listing import REGISTRY, get_list
    from models.timeline import SOURCES
    from ui.modules import OPENERS, load_modules
    get_list("rooms")
    assert parts.load("models") == ["records", "money"]
    lists = {spec.key for spec in REGISTRY.values()}
    assert {"rooms", "people", "id_copies"} <= lists and {"receipts", "deposits", "arrears"} <= lists
    assert {"records", "money"} <= set(SOURCES)
    assert any(key.startswith("money.") for key in check.CHECKS)
    assert any(key.startswith("money.") for key in users.PERMISSIONS)
    assert "receipt.issue" in audit.ACTIONS
    modules = {m.key for m in load_modules()}
    assert {"records", "money"} <= modules and {"person", "receipt", "refund"} <= set(OPENERS)
