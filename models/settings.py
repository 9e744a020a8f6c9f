"""The office's settings, declared once, stored in the database so every PC sees them.

Window geometry and last-used folders are per-PC and live in QSettings (ui/).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import peewee as pw

from models.db import BaseModel, write_tx
from models.errors import InvalidInput, NotFound
from models.i18n import _


class Setting(BaseModel):
    key = pw.CharField(max_length=60, primary_key=True)
    value = pw.TextField()


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str            # English source, translated when shown
    kind: type
    default: Any
    description: str = ""
    validate: Callable[[Any], None] | None = None
    group: str = "Office"  # the heading it is listed under on the settings page
    unset: str = ""        # what shows and prints while it is empty ("(office name not set)")
    hidden: bool = False   # kept by the program, not typed on the settings page
    choices: dict | None = None   # key → English label: the setting is one of these


REGISTRY: dict[str, SettingDef] = {}


def declare(key: str, label: str, kind: type, default: Any, description: str = "",
            validate: Callable[[Any], None] | None = None, group: str = "Office", *, unset: str = "",
            hidden: bool = False, choices: dict | None = None) -> SettingDef:
    """Modules declare their settings at import time (fee rates, deposit amounts...)."""
    definition = SettingDef(key, label, kind, default, description, validate, group, unset, hidden, choices)
    REGISTRY[key] = definition
    return definition


def _not_blank(value: str) -> None:
    if not str(value).strip():
        raise InvalidInput(_("This setting cannot be empty."))


# A new office starts with nothing of another office's: until the first-start set-up (or the
# settings page) names it, every form prints the "not set" mark instead of a letterhead.
declare("office.name", "Office name", str, "", "Printed as the letterhead of every form.", _not_blank,
        unset="(office name not set)")
declare("office.estate", "Estate name", str, "", "The estate (小区) this office manages.", _not_blank,
        unset="(estate name not set)")
declare("office.phone", "Office phone", str, "", "Printed on notices and permits.", unset="(phone not set)")
declare("office.address", "Office address", str, "", "Printed on notices.", unset="(address not set)")
OFFICE_KEYS = ("office.name", "office.estate", "office.address", "office.phone")


def _idle_minutes(value: int) -> None:
    if not 0 <= int(value) <= 480:
        raise InvalidInput(_("The idle lock is 0 (never) to 480 minutes."))


declare("session.idle_lock_minutes", "Lock the window after minutes idle", int, 15,
        "After this many minutes without a key or a click the window locks and asks for the password again "
        "(0: never).", _idle_minutes, group="Security")


def _decode(definition: SettingDef, raw: str):
    if definition.kind is bool:
        return raw in ("1", "true", "True")
    if definition.kind is int:
        return int(raw)
    return raw


def get(key: str):
    definition = REGISTRY.get(key)
    if definition is None:
        raise NotFound(_("Unknown setting: {key}").format(key=key))
    row = Setting.get_or_none(Setting.key == key)
    return definition.default if row is None else _decode(definition, row.value)


def shown(key: str) -> str:
    """A setting as a form prints it: its value, or its "not set" mark while it is empty."""
    value = get(key)
    if value in ("", None) and REGISTRY[key].unset:
        return _(REGISTRY[key].unset)
    return str(value)


def office_name() -> str:
    """The letterhead of every form and the window's title."""
    return shown("office.name")


def is_configured() -> bool:
    """An office is set up once it has a name: until then its forms carry no letterhead but the mark."""
    return bool(str(get("office.name")).strip())


def set_up_office(actor, name: str, estate: str, address: str, phone: str) -> None:
    """The first-start set-up: the office's name, estate, address and phone, in one go."""
    actor.require("settings.edit")
    values = {"office.name": name, "office.estate": estate, "office.address": address, "office.phone": phone}
    with write_tx():
        for key, value in values.items():
            if str(get(key)) != str(value).strip():
                set_value(actor, key, value)


def set_value(actor, key: str, value) -> None:
    from models import audit
    actor.require("settings.edit")
    definition = REGISTRY.get(key)
    if definition is None:
        raise NotFound(_("Unknown setting: {key}").format(key=key))
    if definition.kind is int:
        try:
            value = int(value)
        except (TypeError, ValueError, OverflowError):
            raise InvalidInput(_("{label} must be a whole number.").format(label=_(definition.label)))
    elif definition.kind is bool:
        if isinstance(value, str):
            value = value.strip().lower() in ("1", "true", "yes", "是")
        value = bool(value)
    else:
        from models import validation as v
        value = v.text(value, field=key, max_len=200, what=definition.label)
    if definition.choices is not None:
        # One of the choices, whether given by its key or by its label as shown.
        value = next((key for key, label in definition.choices.items()
                      if str(value).strip() in (key, label, _(label))), value)
    if definition.choices is not None and value not in definition.choices:
        raise InvalidInput(_("{label} must be one of: {choices}.").format(
            label=_(definition.label), choices="、".join(_(c) for c in definition.choices.values())))
    if definition.validate:
        definition.validate(value)
    with write_tx():
        before = get(key)
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            Setting.create(key=key, value=str(value))
        else:
            Setting.update(value=str(value)).where(Setting.key == key).execute()
        audit.record(actor, "setting.change", entity="setting", summary=key,
                     before={key: before}, after={key: value})
