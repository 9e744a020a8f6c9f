"""The zh_CN catalogue is complete: every string passed to _() has a Chinese translation."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from models.i18n import catalogue_files, load_catalogue, parse_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["main.py", "models", "ui", "reports"]


def extract_messages() -> dict[str, str]:
    """Every literal passed to _(): message → first place it appears."""
    found: dict[str, str] = {}
    paths = []
    for entry in SOURCES:
        p = ROOT / entry
        paths += [p] if p.is_file() else sorted(p.rglob("*.py"))
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
            # A field's name in the clerk's sentence (validation's what="The payer"): shown through _() too.
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "what" and isinstance(keyword.value, ast.Constant) \
                            and isinstance(keyword.value.value, str):
                        found.setdefault(keyword.value.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _declared_labels() -> set[str]:
    """Every English label a part shows through _() indirectly, walked from the registries:
    label tables (roles, states, methods, uses…), permissions, audit names and fields, settings,
    lists and their columns, state machines' states and moves, checks, serial kinds, search
    providers, documents and their options, importers, command-line verbs, the window's modules,
    pages, room-page actions and tabs."""
    from models import audit, check, commands, parts, searching, serials, settings, users
    from models.i18n import LABEL_TABLES
    from models.listing import load_lists
    from models.states import MACHINES
    from reports.excel.importers import IMPORTERS
    from reports.pdf.registry import DOCUMENTS
    from ui.modules import MODULES, ROOM_ACTIONS, ROOM_TABS, load_modules
    parts.load_everything()
    load_modules()
    labels: set[str] = set()
    for table in LABEL_TABLES.values():
        labels |= {label for label in table.values() if isinstance(label, str)}
    labels |= set(users.PERMISSION_NAMES.values())
    labels |= set(audit.ACTIONS.values()) | set(audit.ENTITIES.values()) | set(audit.FIELDS.values())
    for definition in settings.REGISTRY.values():
        labels |= {definition.label, definition.description, definition.group, definition.unset}
        labels |= set((definition.choices or {}).values())
    for spec in load_lists().values():
        labels.add(spec.title)
        labels |= {c.header for c in spec.columns}
    for machine in MACHINES.values():
        labels |= set(machine.states.values()) | {m.label for m in machine.moves}
    labels |= {c.title for c in check.CHECKS.values()} | {k.title for k in serials.KINDS.values()}
    labels |= {p.title for p in searching.PROVIDERS.values()} | {v.help for v in commands.VERBS.values()}
    for document in DOCUMENTS.values():
        labels |= {document.title, document.takes} | {o.help for o in document.options}
    labels |= {i.title for i in IMPORTERS.values()} | {getattr(i, "choose_title", "") for i in IMPORTERS.values()}
    labels |= {a.title for a in ROOM_ACTIONS.values()} | {t.title for t in ROOM_TABS.values()}
    for module in MODULES:
        labels.add(module.title)
        labels |= {p.title for p in module.pages}
    # Label tables of the window itself (a table's headers, the kinds of rate).
    from ui.money.cashier_page import ChargesModel
    from ui.money.rates_page import KINDS
    from ui.records import tie_dialogs
    from ui.records.person_dialog import PHONE_ROWS
    labels |= set(ChargesModel.HEADERS) | set(KINDS.values()) | {label for _k, label in PHONE_ROWS}
    labels |= {cls.title for cls in vars(tie_dialogs).values() if isinstance(cls, type) and getattr(cls, "title", "")}
    return {label for label in labels if isinstance(label, str) and label}


def test_the_registries_carry_every_part_s_label_tables():
    from models.i18n import LABEL_TABLES
    _declared_labels()
    assert {"users.roles", "records.room_states", "records.room_uses", "records.id_types", "money.methods",
            "money.receipt_states", "money.deposit_states"} <= set(LABEL_TABLES)


def test_every_message_is_translated():
    catalogue = load_catalogue("zh_CN")
    wanted = dict(extract_messages())
    for label in _declared_labels():
        wanted.setdefault(label, "(declared label)")
    missing = [f"{where}: {msg!r}" for msg, where in sorted(wanted.items(), key=lambda x: x[1])
               if msg.strip() and not catalogue.get(msg)]
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_placeholders_match():
    for path in catalogue_files("zh_CN"):
        for msgid, msgstr in parse_po(path.read_text(encoding="utf-8")).items():
            assert set(re.findall(r"\{\w*\}", msgid)) == set(re.findall(r"\{\w*\}", msgstr)), (path.name, msgid)


def test_translations_are_chinese():
    """A msgstr left in English is a translation nobody did."""
    for path in catalogue_files("zh_CN"):
        for msgid, msgstr in parse_po(path.read_text(encoding="utf-8")).items():
            words = re.sub(r"\{\w*\}", "", msgid)
            if re.search(r"[A-Za-z]{3,}", words) and not re.search(r"[\u4e00-\u9fff]", msgstr):
                raise AssertionError(f"{path.name}: {msgid!r} → {msgstr!r} has no Chinese")


def test_no_message_is_translated_two_ways():
    """The .po files merge into one catalogue: the same msgid must not say two things."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in catalogue_files("zh_CN"):
        for msgid, msgstr in parse_po(path.read_text(encoding="utf-8")).items():
            if msgid in seen and seen[msgid][1] != msgstr:
                clashes.append(f"{msgid!r}: {seen[msgid][0]} says {seen[msgid][1]!r}, {path.name} says {msgstr!r}")
            seen.setdefault(msgid, (path.name, msgstr))
    assert not clashes, "\n".join(clashes)
