"""The demo's renovations finished (演示数据: 收尾): the serial counters left at the last numbers, money's
receipts named after their application (装修 ZX2026-000012, as ``take_fees`` names them), the rooms this
demo put in works, and the audit log: one entry per thing done, as the operations write them.
"""
from __future__ import annotations

from models import audit
from models.amounts import yuan
from models.db import database
from models.demo_context import DemoContext
from models.i18n import _
from models.records.estate import RENOVATING, Room
from models.renovation.demo_papers import People
from models.renovation.demo_renovation import Job
from models.renovation.demo_rows import World
from models.renovation.demo_site import Site
from models.renovation.works import (INSPECTION_KINDS, Contractor, Deduction, Escalation, Inspection,
                                     RectificationNotice, Renovation, Worker)
from models.serials import SerialCounter


def finish(ctx: DemoContext, world: World, people: People, jobs: list[Job], site: Site, reports: list[list],
           workers: list[list]) -> None:
    _counters(ctx, "renovation", ctx.shared.pop("renovation.last_numbers", {}))
    _counters(ctx, "rectification", ctx.shared.pop("renovation.last_notices", {}))
    _receipts(jobs)
    _rooms(ctx, jobs)
    _audit_jobs(ctx, jobs)
    _audit_site(ctx, site, reports)
    _audit_workers(ctx, workers)
    deductions = ctx.shared.pop("renovation.deductions", [])
    serials = {job.end["id"]: job.end["serial"] for job in jobs}
    _many(ctx, "renovation.deduct", Deduction, [(d[0], f"No. {serials[d[1]]} {yuan(d[2])} {d[3]}") for d in deductions])
    _many(ctx, "contractor.create", Contractor, [(f.id, f"{f.name} {f.licence}") for f in people.firms if f.id])
    from models.attachments import Attachment
    for model in (Contractor, Renovation, Worker, Inspection, RectificationNotice, Escalation, Deduction, Attachment):
        ctx.audit_table(model)


def _counters(ctx: DemoContext, kind: str, last: dict[int, int]) -> None:
    """The demo goes into a database without renovations (its guard): the counters start here."""
    if not last:
        return
    SerialCounter.delete().where((SerialCounter.kind == kind) & SerialCounter.year.in_(list(last))).execute()
    ctx.insert(SerialCounter, [SerialCounter.kind, SerialCounter.year, SerialCounter.last],
               [(kind, year, number) for year, number in sorted(last.items())])


def _receipts(jobs: list[Job]) -> None:
    rows = [(f"装修 {job.end['serial']}", job.end["receipt"]) for job in jobs if job.end["receipt"] is not None]
    if rows:
        db = database.obj
        db.cursor().executemany(f"UPDATE receipt SET note = {db.param} WHERE id = {db.param}", rows)


def _rooms(ctx: DemoContext, jobs: list[Job]) -> None:
    """A small estate's rooms this demo put in works: 装修中, as ``start_works`` leaves them."""
    turned = [job for job in jobs if job.turned]
    if not turned:
        return
    Room.update(state=RENOVATING).where(Room.id.in_([job.room.id for job in turned])).execute()
    _many(ctx, "room.start_renovation", Room, [(job.room.id, _("works of renovation {number}").format(
        number=job.end["serial"])) for job in turned])


def _many(ctx: DemoContext, action: str, model, rows: list[tuple]) -> None:
    if rows:
        audit.record_many(ctx.actor, action, model._meta.table_name, [(i, summary, None) for i, summary in rows])


def _audit_jobs(ctx: DemoContext, jobs: list[Job]) -> None:
    """What each application went through: taken, paid, decided, told, started, stopped, finished, settled."""
    steps = {key: [] for key in ("submit", "fees", "approve", "reject", "ask_papers", "told", "start", "suspend",
                                 "resume", "request_completion", "accept", "settle", "close")}
    for job in jobs:
        e, number = job.end, f"No. {job.end['serial']}"
        steps["submit"].append((e["id"], f"{number} {job.room.code} {e['firm'].name} {len(e['hands'])}人"))
        if e["receipt"] is not None:
            steps["fees"].append((e["id"], f"{number} 收据 {e['receipt_serial']}"))
        if e["decided"] is not None:
            steps[job.decision].append((e["id"], f"{number} {e['decision_note']}".strip()))
        if e["told"] is not None:
            steps["told"].append((e["id"], f"{number} {e['told_how']}"))
        for key, moment in (("start", "started"), ("request_completion", "completion"), ("accept", "accepted"),
                            ("settle", "settled"), ("close", "closed")):
            if e.get(moment) is not None:
                steps[key].append((e["id"], number))
        for _stopped, resumed, notice in e["stops"]:       # the morning job, then resumed once reported
            steps["suspend"].append((e["id"], f"{number} " + _("Rectification notice {numbers} overdue").format(
                numbers=f"ZG{notice.year}-{notice.number:06d}")))
            if resumed is not None:
                steps["resume"].append((e["id"], number))
    for key, rows in steps.items():
        _many(ctx, f"renovation.{key}", Renovation, rows)


def _audit_site(ctx: DemoContext, site: Site, reports: list[list]) -> None:
    issued, done, signed = [], [], []
    for notice in site.notices:
        number = f"No. ZG{notice.year}-{notice.number:06d}"
        issued.append((notice.id, f"{number} {notice.job.room.code} {notice.finding}"))
        if notice.recheck is not None and notice.state == "rectified":
            done.append((notice.id, number))
        if notice.signed_by:
            signed.append((notice.id, f"{number} {notice.signed_by}"))
    kinds = {kind: _(label) for kind, label in INSPECTION_KINDS.items()}
    _many(ctx, "inspection.record", Inspection, [
        (v.id, f"{v.job.room.code} {kinds[v.kind]} {'合格' if v.passed and v.quiet_ok is not False else v.findings}")
        for v in site.visits])
    _many(ctx, "notice.issue", RectificationNotice, issued)
    _many(ctx, "notice.rectified", RectificationNotice, done)
    _many(ctx, "notice.signed", RectificationNotice, signed)
    _many(ctx, "escalation.make", Escalation, [(r[5], f"{r[3]} {len(r[4])}份整改通知书") for r in reports])


def _audit_workers(ctx: DemoContext, workers: list[list]) -> None:
    """Passes handed back, their deposits refunded, lost ones written off."""
    returned = [(w[0], f"{w[3]}") for w in workers if w[9] is not None]
    refunded = [(w[0], f"{w[3]}") for w in workers if w[12] is not None]
    lost = [(w[0], f"{w[3]} 出入证遗失，押金不退") for w in workers if w[11]]
    _many(ctx, "renovation_worker.return", Worker, returned)
    _many(ctx, "renovation_worker.refund", Worker, refunded)
    _many(ctx, "renovation_worker.lost", Worker, lost)

