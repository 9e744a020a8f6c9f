"""One translation function for every visible word.

Source strings are English; the shipped language is Simplified Chinese. The
catalogue is a set of gettext ``.po`` files under ``resources/i18n/<lang>/``,
one per subject, so that each module owns its own words. Plain ``.po`` is read
directly (no compile step), which keeps the catalogue a data file.
"""
from __future__ import annotations

import ast
from pathlib import Path

from models.paths import resource_path

DEFAULT_LANGUAGE = "zh_CN"

_catalogue: dict[str, str] = {}
_language: str | None = None


def parse_po(text: str) -> dict[str, str]:
    """Parse the msgid/msgstr pairs of a .po file (no plurals, no contexts)."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush():
        if msgid is not None and msgstr is not None:
            key = "".join(msgid)
            if key:
                entries[key] = "".join(msgstr)

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [ast.literal_eval(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [ast.literal_eval(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
    flush()
    return entries


def catalogue_files(language: str = DEFAULT_LANGUAGE) -> list[Path]:
    folder = resource_path("i18n", language)
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def load_catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalogue_files(language):
        merged.update(parse_po(path.read_text(encoding="utf-8")))
    return merged


def set_language(language: str | None) -> None:
    """``None`` or ``"en"`` shows the English source; anything else loads its catalogue."""
    global _catalogue, _language
    _language = language or "en"
    _catalogue = {} if _language == "en" else load_catalogue(_language)


def _(text: str) -> str:
    if _language is None:
        set_language(DEFAULT_LANGUAGE)
    return _catalogue.get(text) or text


def current_language() -> str:
    if _language is None:
        set_language(DEFAULT_LANGUAGE)
    return _language


# Tables of English labels shown through _() indirectly (roles, states, methods, uses...). Each
# part names its tables here, so that the catalogue test can walk every label of every part.
LABEL_TABLES: dict[str, dict] = {}


def label_table(name: str, table: dict) -> dict:
    """Declare a table of key → English label (returned as it is): ``METHODS = label_table("money.methods", {...})``."""
    LABEL_TABLES[name] = table
    return table
