"""The audit log reads in Chinese: every record kind and action has a name (issue 14 item 6)."""
from __future__ import annotations

import ast
from pathlib import Path


from models import audit
from models.i18n import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


def _models():
    from models.migrations import all_models
    return all_models()


def test_every_table_has_a_chinese_name_in_the_audit_log(db):
    catalogue = load_catalogue("zh_CN")
    tables = {m._meta.table_name for m in _models()} - {"schema_version", "app_marker"}
    missing = sorted(t for t in tables if t not in audit.ENTITIES or not catalogue.get(audit.ENTITIES[t]))
    assert not missing, f"tables the audit log would show by their SQL name: {missing}"
    assert audit.entity_label("deposit_movement") == "押金变动"


def test_every_audited_action_has_a_chinese_name(db):
    catalogue = load_catalogue("zh_CN")
    actions = set()
    for path in [*ROOT.joinpath("models").rglob("*.py"), *ROOT.joinpath("reports").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("record", "record_many", "record_viewing")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)):
                actions.add(node.args[1].value)
    assert len(actions) > 20
    missing = sorted(a for a in actions if a not in audit.ACTIONS or not catalogue.get(audit.ACTIONS[a]))
    assert not missing, f"actions the audit log would show by their code: {missing}"
