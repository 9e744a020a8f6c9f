"""The audit log: who did what, when, with the record before and after."""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Callable

import peewee as pw

from models.db import BaseModel, now


class AuditLog(BaseModel):
    at = pw.DateTimeField(default=now, index=True)
    actor_user_id = pw.IntegerField(null=True)
    actor_name = pw.CharField(max_length=80)
    actor_role = pw.CharField(max_length=20)
    via = pw.CharField(max_length=8)            # gui / cli
    action = pw.CharField(max_length=60, index=True)
    entity = pw.CharField(max_length=40)
    entity_id = pw.IntegerField(null=True)
    summary = pw.TextField(default="")
    before = pw.TextField(null=True)            # JSON
    after = pw.TextField(null=True)             # JSON

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


# What each action and record kind is called on screen (English source, translated when shown).
# A module adds its own with ``describe_actions`` / ``describe_entities``.
ACTIONS: dict[str, str] = {
    "user.create": "User created", "user.update": "User changed", "user.password": "Password changed",
    "setting.change": "Setting changed", "demo.generate": "Demo data generated",
    "personal.view": "Full ID number viewed", "personal.export": "Unmasked personal data exported",
}
ENTITIES: dict[str, str] = {
    "app_user": "User", "setting": "Setting", "demo": "Demo data", "import": "Import", "list": "List",
    "audit_log": "Audit log", "serial_counter": "Serial numbers",
}


# What each field of a before/after record is called on screen and in the export (English
# source, translated when shown), by the key the record stores it under. A key means one
# thing wherever it is stored, so a label fits every record that uses it ("taken_at" is when
# an ID copy was taken and when a payment was taken: 办理时间). A part adds its own with
# ``describe_fields``; a key nobody described shows as itself.
FIELDS: dict[str, str] = {
    "id": "Record no.", "created_at": "Recorded", "updated_at": "Last changed",
    "username": "User name", "display_name": "Name", "role": "Role", "active": "Account in use",
}
# How a field's stored value reads (a code → its label); a part adds its own with ``describe_values``.
VALUES: dict[str, Callable[[Any], str]] = {}


def describe_fields(labels: dict[str, str]) -> None:
    FIELDS.update(labels)


def describe_values(formatters: dict[str, Callable[[Any], str]]) -> None:
    VALUES.update(formatters)


def field_label(key: str) -> str:
    from models.i18n import _
    if key in FIELDS:
        return _(FIELDS[key])
    from models import settings      # a setting.change record is keyed by the setting
    definition = settings.REGISTRY.get(key)
    return _(definition.label) if definition is not None else key


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?")


def describe_value(key: str, value) -> str:
    """One stored value as a clerk reads it: 空 for nothing, 是/否, 2026-11-29, labels for codes."""
    from models.i18n import _
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if key in VALUES:
        try:
            return str(VALUES[key](value))
        except (TypeError, ValueError, KeyError, ArithmeticError):
            pass        # a value older code stored differently reads as it is
    if isinstance(value, list):
        return "、".join(" ".join(describe_value(key, x) for x in item) if isinstance(item, list)
                        else describe_value(key, item) for item in value)
    if isinstance(value, dict):
        return "，".join(f"{field_label(k)} {describe_value(k, x)}" for k, x in value.items())
    if isinstance(value, int) and key.endswith("_fen"):
        # Money is stored in integer fen everywhere (ARCHITECTURE.md): shown in yuan.
        from models.listing import format_money
        return format_money(value)
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            return value
        match = _DATETIME.fullmatch(value)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return str(value)


def describe_record(text: str | None) -> str:
    """An audit before/after record (JSON) as "字段名：值；字段名：值"; text that is not a record stays."""
    if text is None:
        return ""
    try:
        record = json.loads(text)
    except (TypeError, ValueError):
        return text
    if not isinstance(record, dict):
        return describe_value("", record)
    return "；".join(f"{field_label(key)}：{describe_value(key, value)}" for key, value in record.items())


def describe_actions(labels: dict[str, str]) -> None:
    ACTIONS.update(labels)


def describe_entities(labels: dict[str, str]) -> None:
    ENTITIES.update(labels)


def action_label(action: str) -> str:
    from models.i18n import _
    return _(ACTIONS[action]) if action in ACTIONS else action


def entity_label(entity: str) -> str:
    from models.i18n import _
    return _(ENTITIES[entity]) if entity in ENTITIES else entity


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def snapshot(instance: pw.Model, exclude: set[str] | frozenset[str] = frozenset()) -> dict:
    """The stored fields of a record, as the audit log keeps them."""
    out = {}
    for name, field in instance._meta.fields.items():
        if name in exclude:
            continue
        if isinstance(field, pw.ForeignKeyField):
            out[name] = getattr(instance, field.column_name if field.column_name != name else name + "_id", None)
        else:
            out[name] = _jsonable(getattr(instance, name))
    return out


def record(actor, action: str, instance: pw.Model | None = None, *, entity: str | None = None,
           entity_id: int | None = None, summary: str = "", before: dict | None = None,
           after: dict | None = None) -> AuditLog:
    """Write one audit entry; call it inside the operation's transaction."""
    if instance is not None:
        entity = entity or instance._meta.table_name
        entity_id = entity_id if entity_id is not None else instance.get_id()
    return AuditLog.create(
        actor_user_id=actor.user_id, actor_name=actor.name, actor_role=actor.role, via=actor.via,
        action=action, entity=entity or "", entity_id=entity_id, summary=summary,
        before=json.dumps(before, ensure_ascii=False, default=str) if before is not None else None,
        after=json.dumps(after, ensure_ascii=False, default=str) if after is not None else None)


def record_viewing(actor, action: str, *, entity: str, entity_id: int | None = None, summary: str = "") -> None:
    """A read that the office must be able to account for (a full ID number shown or exported).

    Its own short transaction: the read itself writes nothing else.
    """
    from models.db import write_tx
    with write_tx():
        record(actor, action, entity=entity, entity_id=entity_id, summary=summary)


def record_many(actor, action: str, entity: str, rows: list[tuple[int, str, dict | None]]) -> None:
    """Bulk audit for imports and generated data: one entry per record, inserted in batches."""
    from models.db import bulk_insert
    stamp = now()
    values = [(stamp, actor.user_id, actor.name, actor.role, actor.via, action, entity, entity_id, summary,
               json.dumps(after, ensure_ascii=False, default=str) if after else None)
              for entity_id, summary, after in rows]
    bulk_insert(AuditLog, [AuditLog.at, AuditLog.actor_user_id, AuditLog.actor_name, AuditLog.actor_role,
                           AuditLog.via, AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.summary,
                           AuditLog.after], values)
