"""The audit log: who did what, when, with the record before and after."""
from __future__ import annotations

import datetime as dt
import json

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
    "room.create": "Room created", "room.update": "Room changed", "room.state": "Room state changed",
    "person.create": "Person recorded", "person.update": "Person changed",
    "ownership.register": "Owner registered", "ownership.transfer": "Transfer (new owner)",
    "ownership.end": "Transfer (ownership ended)", "tenancy.start": "Tenant moved in", "resident.add": "Resident added",
    "tie.end": "Moved out", "idcopy.create": "ID copy registered", "user.create": "User created",
    "user.update": "User changed", "user.password": "Password changed", "setting.change": "Setting changed",
    "demo.generate": "Demo data generated", "import.rooms": "Room roster imported",
    "import.people": "People roster imported",
    "personal.view": "Full ID number viewed", "personal.export": "Unmasked personal data exported",
}
ENTITIES: dict[str, str] = {
    "room": "Room", "building": "Building", "entrance": "Entrance", "person": "Person", "phone": "Phone",
    "vehicle": "Vehicle", "room_party": "Owner/tenant/resident", "id_copy": "ID copy", "app_user": "User",
    "setting": "Setting", "demo": "Demo data", "import": "Import", "list": "List",
    "audit_log": "Audit log", "serial_counter": "Serial numbers",
}


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
    from models.db import database, is_sqlite
    stamp = now()
    values = [(stamp, actor.user_id, actor.name, actor.role, actor.via, action, entity, entity_id, summary,
               json.dumps(after, ensure_ascii=False, default=str) if after else None)
              for entity_id, summary, after in rows]
    if is_sqlite(database.obj):
        # One prepared statement for the lot: several times faster than building an INSERT per batch.
        database.obj.cursor().executemany(
            "INSERT INTO audit_log (at, actor_user_id, actor_name, actor_role, via, action, entity, entity_id, "
            "summary, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(v[0].isoformat(" "),) + v[1:] for v in values])
        return
    fields = [AuditLog.at, AuditLog.actor_user_id, AuditLog.actor_name, AuditLog.actor_role, AuditLog.via,
              AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.summary, AuditLog.after]
    for start in range(0, len(values), 500):
        AuditLog.insert_many(values[start:start + 500], fields=fields).execute()
