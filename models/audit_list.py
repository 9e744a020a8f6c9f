"""The audit log as a list (审计日志): every part's operations, read and exported as any list is."""
from __future__ import annotations

from models.audit import ENTITIES, AuditLog, action_label, describe_record, entity_label
from models.listing import Column, ListSpec, prefix, register
from models.users import role_label
from models.validation import choice

AUDIT = register(ListSpec(
    key="audit", title="Audit log", id_expr=AuditLog.id, default_sort="at", default_descending=True,
    permission="audit.view",
    base=lambda: AuditLog.select(),
    columns=[
        Column("at", "Time", AuditLog.at, kind="datetime", width=17, sort=(AuditLog.id,)),
        Column("actor", "User", AuditLog.actor_name, width=14),
        Column("role", "Role", AuditLog.actor_role, width=10, display=role_label),
        Column("via", "Via", AuditLog.via, width=6, display=lambda x: {"gui": "窗口", "cli": "命令行"}.get(x, x)),
        Column("action", "Action", AuditLog.action, width=18, display=action_label),
        Column("entity", "Record", AuditLog.entity, width=12, display=entity_label),
        Column("entity_id", "Record no.", AuditLog.entity_id, kind="int", width=8),
        Column("summary", "Summary", AuditLog.summary, width=30),
        # Stored as JSON; shown (and exported) as 字段名：值；… after ID and phone numbers are masked.
        Column("before", "Before", AuditLog.before, width=40, sortable=False, personal="record",
               display=describe_record),
        Column("after", "After", AuditLog.after, width=40, sortable=False, personal="record",
               display=describe_record),
    ],
    text_filter=lambda q, t: q.where(prefix(AuditLog.action, t) | prefix(AuditLog.actor_name, t)
                                     | (AuditLog.summary.contains(t))),
    filters={"entity": lambda q, value: q.where(AuditLog.entity == value)},
    filter_values={"entity": choice(ENTITIES, "Record", "entity")},
))
