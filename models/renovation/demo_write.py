"""The demo's renovation rows written in bulk (演示数据: 写入): contractors, applications, workers with their
photos, the papers, inspections, notices, the monthly reports with their files, and deductions.
"""
from __future__ import annotations

import datetime as dt

from models.attachments import Attachment
from models.demo_context import DemoContext
from models.money.demo_book import DEDUCTIONS
from models.renovation.demo_papers import (Kept, People, authorisation_pdf, floor_plan_pdf, kept_file, kept_photo,
                                           licence_pdf, placeholder_pdf, qualification_pdf)
from models.renovation.demo_renovation import Job
from models.renovation.demo_rows import ACCEPTANCE_NOTES, World
from models.renovation.demo_site import Site
from models.renovation.works import (ACCEPTED, APPLICANT_AGENT, APPLICANT_OWNER, CLOSED, IN_WORKS, SETTLED,
                                     SUSPENDED, WORKS, Contractor, Deduction, Escalation, Inspection,
                                     RectificationNotice, Renovation, Worker)


def write_all(ctx: DemoContext, world: World, people: People, jobs: list[Job]) -> None:
    from models.renovation.demo_audit import finish
    from models.renovation.inspections import rules
    site = Site(world.rng, ctx.today, world.cutoff, world.staff, rules(), world.away_from)
    for job in jobs:
        end = job.end
        end["stops"] = []
        if end["started"] is not None:
            end["stops"] = site.walk(job, end["started"], end.get("accepted"), end.get("completion"),
                                     job.fate == SUSPENDED)
            if job.fate == SUSPENDED and not (end["stops"] and end["stops"][-1][1] is None):
                job.fate = IN_WORKS
    ctx.advance(2, 3)
    reports = site.escalations()
    _number_site(ctx, site, reports)
    for notice in site.notices:
        end = notice.job.end
        site.sign(notice, end["firm"].person, end["hands"][0].name, ctx.people[notice.job.owner].name)
    files = Files(world, people)
    _write_contractors(ctx, people)
    _write_renovations(ctx, world, jobs)
    _write_site(ctx, site, reports)
    _deductions(ctx, world, jobs)
    workers = _workers(ctx, jobs, files)
    for job in jobs:
        files.papers(job)
    for report in reports:
        files.report(ctx, report)
    files.write(ctx)
    ctx.insert(Worker, [Worker.id, Worker.renovation, Worker.line, Worker.name, Worker.id_type, Worker.id_number,
                        Worker.phone, Worker.photo, Worker.deposit, Worker.returned_at, Worker.returned_by,
                        Worker.lost, Worker.refunded_at],
               [(*row[:7], row[7][0] if row[7] else None, *row[8:]) for row in workers])
    finish(ctx, world, people, jobs, site, reports, workers)


def _number_site(ctx: DemoContext, site: Site, reports: list[list]) -> None:
    """Inspections in the order they were made; notices numbered per year in the order they were issued."""
    site.visits.sort(key=lambda v: v.at)
    first = ctx.reserve_ids(Inspection, len(site.visits))
    for i, visit in enumerate(site.visits):
        visit.id = first + i
    site.notices.sort(key=lambda n: n.issued_at)
    first = ctx.reserve_ids(RectificationNotice, len(site.notices))
    last: dict[int, int] = {}
    for i, notice in enumerate(site.notices):
        year = notice.issued_at.year
        last[year] = last.get(year, 0) + 1
        notice.id, notice.year, notice.number = first + i, year, last[year]
        if notice.recheck is not None:
            notice.recheck.findings = f"整改通知书 ZG{year}-{last[year]:06d} 已整改"
    ctx.shared["renovation.last_notices"] = last
    first = ctx.reserve_ids(Escalation, len(reports))
    for i, report in enumerate(reports):
        report.append(first + i)
        for notice in report[4]:
            notice.extra["escalation"] = first + i


def _write_contractors(ctx: DemoContext, people: People) -> None:
    used = sorted((f for f in people.firms if f.first_seen is not None), key=lambda f: f.first_seen)
    first = ctx.reserve_ids(Contractor, len(used))
    for i, firm in enumerate(used):
        firm.id = first + i
    c = Contractor
    ctx.insert(c, [c.id, c.name, c.licence_no, c.qualification_no, c.person_in_charge, c.phone, c.created_at,
                   c.created_by], [(f.id, f.name, f.licence, f.qualification, f.person, f.phone, f.first_seen,
                                    f.first_by) for f in used])


def _write_renovations(ctx: DemoContext, world: World, jobs: list[Job]) -> None:
    r, rows = Renovation, []
    for job in jobs:
        e = job.end
        agent = e.get("agent")
        accepted = e.get("accepted")
        rows.append((
            e["id"], e["year"], e["number"], job.room.id, job.owner, APPLICANT_AGENT if agent else APPLICANT_OWNER,
            *(agent or ("", "", "")), bool(agent), e["firm"].id, ",".join(k for k in WORKS if k in job.works),
            job.works_note, job.start_on, job.end_on, job.fate, e["submitted"], e["received_by"],
            world.user_ids.get(e["received_by"]), e["decided"], e["decided_by"] if e["decided"] else None,
            e["decision_note"], e["told"], e["told_by"], e["told_how"], e["receipt"], e["deposit"],
            e["pass_deposit"], e["started"], job.before if e["started"] else "", e["completion"], accepted,
            e["accepted_by"], world.rng.choice(ACCEPTANCE_NOTES) if accepted else "",
            e.get("settled"), e.get("closed"), job.note))
    ctx.insert(r, [r.id, r.year, r.number, r.room, r.owner, r.applicant, r.agent_name, r.agent_id_number,
                   r.agent_phone, r.authorisation, r.contractor, r.works, r.works_note, r.start_on, r.end_on, r.state,
                   r.submitted_at, r.received_by, r.received_by_user_id, r.decided_at, r.decided_by, r.decision_note,
                   r.owner_told_at, r.owner_told_by, r.owner_told_how, r.receipt, r.deposit, r.pass_deposit,
                   r.started_at, r.room_state_before, r.completion_at, r.accepted_at, r.accepted_by,
                   r.acceptance_note, r.settled_at, r.closed_at, r.note], rows)


def _write_site(ctx: DemoContext, site: Site, reports: list[list]) -> None:
    i, n, x = Inspection, RectificationNotice, Escalation
    cutoff = site.cutoff
    ctx.insert(i, [i.id, i.renovation, i.at, i.on, i.inspector, i.kind, i.quiet_ok, i.passed, i.findings,
                   i.recorded_at],
               [(v.id, v.job.end["id"], v.at, v.at.date(), v.inspector, v.kind, v.quiet_ok, v.passed, v.findings,
                 min(v.at + dt.timedelta(minutes=5 + v.id % 40), max(cutoff, v.at))) for v in site.visits])
    ctx.insert(x, [x.id, x.made_at, x.made_by, x.to, x.date_from, x.date_to, x.notices, x.note],
               [(r[5], r[1], r[2], r[3], r[0], _month_end(r[0]), len(r[4]), "") for r in reports])
    ctx.insert(n, [n.id, n.year, n.number, n.renovation, n.inspection, n.addressed_to, n.finding, n.rule, n.required,
                   n.deadline, n.issued_at, n.issued_by, n.signed_by, n.state, n.rectified_at, n.recheck,
                   n.escalation],
               [(t.id, t.year, t.number, t.job.end["id"], t.visit.id, t.addressed_to, t.finding, t.rule, t.required,
                 t.deadline, t.issued_at, t.issued_by, t.signed_by, t.state, t.recheck.at if t.recheck else None,
                 t.recheck.id if t.recheck else None, t.extra.get("escalation")) for t in site.notices])


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _deductions(ctx: DemoContext, world: World, jobs: list[Job]) -> None:
    """扣款: what money kept from each settled deposit, and a few decided at acceptances not settled yet."""
    rows = []
    for job in jobs:
        e = job.end
        if job.fate in (SETTLED, CLOSED):
            kept = [(m[1], m[2]) for m in e["moves"].get("deposit", ()) if m[0] == "deduct"]
        elif job.fate == ACCEPTED and e["deposit"] is not None and world.rng.random() < 0.2:
            reason, low, high = world.rng.choice(DEDUCTIONS)
            kept = [(world.rng.randint(low // 10, high // 10) * 1000, reason)]
        else:
            continue
        rows += [[0, e["id"], fen, reason, e["accepted"], e["accepted_by"]] for fen, reason in kept]
    first = ctx.reserve_ids(Deduction, len(rows))
    for i, row in enumerate(rows):
        row[0] = first + i
    d = Deduction
    ctx.insert(d, [d.id, d.renovation, d.amount_fen, d.reason, d.added_at, d.added_by], [tuple(r) for r in rows])
    ctx.shared["renovation.deductions"] = rows


def _workers(ctx: DemoContext, jobs: list[Job], files: "Files") -> list[list]:
    """Per worker: id, renovation, line, name, ID, phone, photo (its attachment row), pass deposit, passes."""
    count = sum(len(job.end["hands"]) for job in jobs)
    next_id, rows = ctx.reserve_ids(Worker, count), []
    for job in jobs:
        e = job.end
        for line, (hand, passes) in enumerate(zip(e["hands"], e["workers"]), 1):
            photo = files.photo(hand, next_id, e["submitted"], e["received_by"]) if hand.photo is not None else None
            rows.append([next_id, e["id"], line, hand.name, "mainland_id", hand.id_number, hand.phone, photo,
                         e["pass_deposit"], *passes])
            next_id += 1
    return rows


class Files:
    """The attachments: each distinct file made and prepared once, written as often as it was brought."""

    def __init__(self, world: World, people: People):
        self.world, self.people = world, people
        self.photos = [kept_photo(data) for data in people.photos]
        self.kept: dict[tuple, Kept] = {}
        self.rows: list[list] = []

    def _file(self, key: tuple, make, name: str) -> Kept:
        if key not in self.kept:
            self.kept[key] = kept_file(make(), name)
        return self.kept[key]

    def add(self, kind: str, owner_id: int, label: str, filename: str, kept: Kept, at, by: str) -> list:
        row = [0, kind, owner_id, label, filename, kept, at, by]
        self.rows.append(row)
        return row

    def photo(self, hand, worker_id: int, at, by: str) -> list:
        return self.add("renovation_worker", worker_id, "一寸照片", f"{hand.name}.jpg", self.photos[hand.photo], at, by)

    def papers(self, job: Job) -> None:
        """营业执照 always; 资质证书 of most companies; a drawing now and then; the owner's authorisation."""
        e, rng = job.end, self.world.rng
        firm, at, by, owner = e["firm"], e["submitted"], e["received_by"], e["id"]
        self.add("renovation", owner, "营业执照", f"{firm.name}营业执照.pdf",
                 self._file(("licence", firm.index), lambda: licence_pdf(firm), "licence.pdf"), at, by)
        if firm.qualification and rng.random() < 0.5:
            self.add("renovation", owner, "资质证书", f"{firm.name}资质证书.pdf",
                     self._file(("qualification", firm.index), lambda: qualification_pdf(firm), "q.pdf"), at, by)
        if job.agent:
            variant = owner % 3
            self.add("renovation", owner, "业主委托书", "业主委托书.pdf",
                     self._file(("authorisation", variant), lambda: authorisation_pdf(variant), "a.pdf"), at, by)
        if rng.random() < 0.25:
            variant = owner % 6
            self.add("renovation", owner, "施工图纸", "施工平面图.pdf",
                     self._file(("plan", variant), lambda: floor_plan_pdf(variant), "plan.pdf"), at, by)

    def report(self, ctx: DemoContext, report: list) -> None:
        month, made, by, to, notices, escalation_id = report
        data = _report_pdf(ctx, month, made, to, notices)
        self.add("escalation", escalation_id, "上报材料", f"上报{made:%Y%m%d}.pdf", kept_file(data, "report.pdf"), made,
                 by)

    def write(self, ctx: DemoContext) -> None:
        self.rows.sort(key=lambda row: row[6])
        first = ctx.reserve_ids(Attachment, len(self.rows))
        for i, row in enumerate(self.rows):
            row[0] = first + i
        a = Attachment
        ctx.insert(a, [a.id, a.owner_kind, a.owner_id, a.label, a.filename, a.mime, a.size, a.sha256, a.width,
                       a.height, a.pages, a.data, a.thumb, a.added_at, a.added_by],
                   [(r[0], r[1], r[2], r[3], r[4], k.mime, len(k.data), k.sha256, k.width, k.height, k.pages,
                     k.data, k.thumb, r[6], r[7]) for r in self.rows for k in (r[5],)])


def _report_pdf(ctx: DemoContext, month: dt.date, made: dt.datetime, to: str, notices: list) -> bytes:
    """A page standing for the month's report (装修整改问题上报): the models layer does not make the printed
    documents (reports/ builds on models, never the other way round), and the demo need not either."""
    period = {"from": month.isoformat(), "to": _month_end(month).isoformat()}
    serials = [f"ZG{n.year}-{n.number:06d}" for n in sorted(notices, key=lambda n: n.id)]
    lines = [f"上报对象：{to}", f"期间：{period['from']} 至 {period['to']}",
             f"逾期未整改的整改通知书：{len(serials)} 份"]
    lines += ["　" + "、".join(serials[i:i + 4]) for i in range(0, len(serials), 4)]
    lines += ["", "（演示数据：本文件代替上报材料的打印件。）"]
    return placeholder_pdf("装修整改问题上报", lines)
