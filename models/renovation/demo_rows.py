"""The demo's renovations after money's step (演示数据: 装修记录): each planned application given its
times, its number, its contractor and workers, linked to the receipt and deposits money wrote, and
its end read from money's book (deposits refunded: settled, then closed; not yet: accepted).

``write_jobs`` is the step; the site (inspections, notices, reports) is walked in ``demo_site`` and
everything is written in ``demo_write``.
"""
from __future__ import annotations

import datetime as dt
import re

from models import users
from models.db import now
from models.demo_context import DemoContext
from models.money.ledger import ChargeItem, Deposit, DepositMovement, Receipt
from models.records import demo_data as dd
from models.renovation.demo_papers import People
from models.renovation.demo_renovation import Job, away_from
from models.renovation.works import ACCEPTED, CLOSED, SETTLED

CONDITIONS = ("", "", "同意。卫生间、厨房防水须做48小时闭水试验并报管理处验收", "同意。不得拆改承重墙及剪力墙，按图施工",
              "同意。空调外机按预留机位安装", "同意。装修垃圾须袋装，每日清运至指定地点")
REJECTIONS = ("拟拆除客厅与阳台之间的承重墙，不予批准", "施工单位无装修资质证书，请更换有资质的施工单位后重新申请",
              "申请改动燃气管道，燃气管道须由燃气公司施工，不予批准", "阳台封闭样式不符合小区统一规定，请修改方案后重新申请",
              "拟将卫生间移至楼下卧室上方，影响楼下住户，不予批准")
PAPERS_WANTED = ("请补交施工单位资质证书复印件（加盖公章）", "请补交业主委托书原件及受托人身份证复印件", "请补交水电改造施工图纸",
                 "请补交防水施工方案及闭水试验安排", "请补交全部施工人员身份证复印件")
TOLD_HOW = ("电话通知", "电话通知", "当面告知", "短信通知", "微信通知")
ACCEPTANCE_NOTES = ("", "", "验收合格", "验收合格，公共部位已清理", "验收合格，闭水试验记录齐全")
LOST = re.compile(r"遗失(\d+)张")


class World:
    """What the writing step reads once: the staff, the clock, the random stream."""

    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.today = ctx, ctx.rng("renovation/rows"), ctx.today
        self.cutoff = (min(now(), dt.datetime.combine(ctx.today, dt.time(23, 59)))
                       if ctx.today >= dt.date.today() else dt.datetime.combine(ctx.today, dt.time(18)))
        name = ctx.actor.name
        clerk = ctx.staff.get(users.CLERK, name)
        self.staff = {"clerk": clerk, "supervisor": ctx.staff.get(users.CS_SUPERVISOR, clerk),
                      "engineer": ctx.staff.get(users.ENG_SUPERVISOR, name),
                      "director": ctx.staff.get(users.DIRECTOR, name)}
        self.user_ids = dict(users.User.select(users.User.display_name, users.User.id).tuples())
        self.away_from = away_from(ctx.today)

    def office(self, day: dt.date, start=(9, 0), minutes: int = 480) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(*start)) + dt.timedelta(
            minutes=self.rng.randrange(minutes), seconds=self.rng.randrange(60))

    def reviewer(self, at: dt.datetime) -> str:
        """Who decides and accepts: the engineering supervisor, the director when he is away (or now and then)."""
        if at.date() >= self.away_from or self.rng.random() < 0.1:
            return self.staff["director"]
        return self.staff["engineer"]

    def desk(self) -> str:
        return self.staff["clerk"] if self.rng.random() < 0.8 else self.staff["supervisor"]


def write_jobs(ctx: DemoContext, jobs: list[Job]) -> None:
    from models.renovation.demo_write import write_all
    if not jobs:
        return
    world = World(ctx)
    _money(jobs)
    for job in jobs:
        _moments(world, job)
    _ends(world, jobs)
    _numbered(ctx, jobs)
    people = People(world.rng, ctx.today, max(6, min(40, len(jobs) // 4)), set())
    for job in jobs:
        _crew(world, people, job)
    ctx.advance(1, 3)
    write_all(ctx, world, people, jobs)


# --- money's side ------------------------------------------------------------------------------------------

def _money(jobs: list[Job]) -> None:
    """Each job's receipt and deposits as money wrote them, with their movements (refunds, deductions)."""
    taken = [j for j in jobs if j.order is not None and j.order.taken]
    paid = {id(j) for j in taken}
    for job in jobs:
        job.end.update(receipt=None, deposit=None, pass_deposit=None, moves={})
        if id(job) not in paid:
            job.fees = False
    if not taken:
        return
    deposit_ids = [d for j in taken for d in j.order.deposit_ids]
    receipt_ids = [j.order.receipt_id for j in taken]
    codes = dict(ChargeItem.select(ChargeItem.id, ChargeItem.code).tuples())
    deposits = {i: codes.get(item) for i, item in Deposit.select(Deposit.id, Deposit.item).where(
        Deposit.id.between(min(deposit_ids), max(deposit_ids))).tuples().iterator()}
    moves: dict[int, list] = {}
    for row in (DepositMovement.select(DepositMovement.deposit, DepositMovement.kind, DepositMovement.amount_fen,
                                       DepositMovement.reason, DepositMovement.at)
                .where(DepositMovement.deposit.between(min(deposit_ids), max(deposit_ids))).tuples().iterator()):
        moves.setdefault(row[0], []).append(row[1:])
    receipts = {}
    for start in range(0, len(receipt_ids), 500):         # spread over all the receipts: read by id
        receipts.update((i, (at, number, year)) for i, at, number, year in Receipt.select(
            Receipt.id, Receipt.taken_at, Receipt.number, Receipt.year).where(
            Receipt.id.in_(receipt_ids[start:start + 500])).tuples())
    for job in taken:
        end = job.end
        end["receipt"] = job.order.receipt_id
        end["receipt_at"], number, year = receipts[job.order.receipt_id]
        end["receipt_serial"] = f"{year}-{number:06d}"
        for deposit_id in job.order.deposit_ids:
            key = {"renovation_deposit": "deposit", "pass_deposit": "pass_deposit"}.get(deposits.get(deposit_id))
            if key:
                end[key] = deposit_id
                end["moves"][key] = moves.get(deposit_id, [])


# --- times ---------------------------------------------------------------------------------------------------

def _moments(world: World, job: Job) -> None:
    """The application's times in order, none after now: papers, decision, owner told, works, acceptance."""
    rng, end = world.rng, job.end
    if end.get("receipt_at") is not None:            # the papers, then the fees at the cashier
        paid = end["receipt_at"]
        submitted = max(paid - dt.timedelta(minutes=rng.randint(3, 15)), paid.replace(hour=8, minute=30, second=0))
        submitted = min(submitted, paid)
    else:
        submitted = world.office(job.day)
    decided = world.office(job.decided) if job.decided else None
    told = None
    if decided is not None and job.told:
        told = decided + dt.timedelta(minutes=rng.randint(10, 240))
        if told.hour >= 18:
            told = world.office(told.date() + dt.timedelta(days=1), (9, 0), 120)
    started = world.office(job.started, (8, 0), 90) if job.started else None
    completion = world.office(job.completion) if job.completion else None
    accepted = world.office(job.accepted, (9, 30), 420) if job.accepted else None
    times = _chain([submitted, decided, told, started, completion, accepted], world.cutoff)
    for key, value in zip(("submitted", "decided", "told", "started", "completion", "accepted"), times):
        end[key] = value
    end["received_by"] = world.desk()
    end["decided_by"] = world.reviewer(decided) if decided else None
    end["accepted_by"] = world.reviewer(end["accepted"]) if end["accepted"] else None
    end["decision_note"] = {"approve": lambda: rng.choice(CONDITIONS), "reject": lambda: rng.choice(REJECTIONS),
                            "ask_papers": lambda: rng.choice(PAPERS_WANTED)}.get(job.decision, str)()
    end["told_how"] = rng.choice(TOLD_HOW) if told else ""
    end["told_by"] = end["received_by"] if told else None


def _chain(times: list, cutoff: dt.datetime) -> list:
    """Each time after the one before (a minute at least) and none after ``cutoff``."""
    out, last = [], None
    for at in times:
        if at is not None:
            at = at.replace(microsecond=0)
            if last is not None and at <= last:
                at = last + dt.timedelta(minutes=1)
            at = min(at, cutoff)
            if last is not None and at < last:
                at = last
            last = at
        out.append(at)
    return out


def _ends(world: World, jobs: list[Job]) -> None:
    """Past works: settled when money gave the deposit back (closed some days later), else still accepted."""
    rng = world.rng
    settled = []
    for job in jobs:
        if job.fate != SETTLED:
            continue
        end = job.end
        back = [m[3] for m in end["moves"].get("deposit", ())]
        if back:
            end["settled"] = min(back)
        elif end["deposit"] is None:            # nothing was taken (before the two years): nothing to give back
            end["settled"] = min(end["accepted"] + dt.timedelta(days=rng.randint(1, 10)), world.cutoff)
        else:
            job.fate = ACCEPTED
            continue
        closing = world.office(end["settled"].date() + dt.timedelta(days=rng.randint(0, 10)))
        if closing > end["settled"] and closing <= world.cutoff:
            job.fate, end["closed"] = CLOSED, closing
        settled.append(job)
    if settled and all(j.fate == CLOSED for j in settled) and len(settled) > 1:
        last = max(settled, key=lambda j: j.end["settled"])         # the latest is not closed yet
        last.fate = SETTLED
        last.end.pop("closed")


def _numbered(ctx: DemoContext, jobs: list[Job]) -> None:
    """Ids and numbers per year in the order the papers were taken."""
    from models.renovation.works import Renovation
    jobs.sort(key=lambda j: j.end["submitted"])
    first = ctx.reserve_ids(Renovation, len(jobs))
    last: dict[int, int] = {}
    for i, job in enumerate(jobs):
        year = job.end["submitted"].year
        last[year] = last.get(year, 0) + 1
        job.end.update(id=first + i, year=year, number=last[year], serial=f"ZX{year}-{last[year]:06d}")
    ctx.shared["renovation.last_numbers"] = last


# --- the contractor and the workers --------------------------------------------------------------------------

def _crew(world: World, people: People, job: Job) -> None:
    rng, end = world.rng, job.end
    firm = people.pick_firm()
    if firm.first_seen is None or end["submitted"] < firm.first_seen:
        firm.first_seen, firm.first_by = end["submitted"], end["received_by"]
    end["firm"] = firm
    end["hands"] = people.crew(firm, job.workers)
    if job.agent:
        gender = rng.choice("MF")
        born = dd.birth_date(rng, world.today, 25, 60)
        end["agent"] = (dd.surname(rng) + dd.given_name(rng, gender, born),
                        dd.mainland_id(rng, dd.region(rng), born, gender, people.used_ids), dd.mobile(rng))
    end["workers"] = _passes(world, job)


def _passes(world: World, job: Job) -> list[list]:
    """Per worker: [returned at, returned by, lost, refunded at], as money's book left the pass deposit."""
    rng, end = world.rng, job.end
    out = [[None, None, False, None] for _h in end["hands"]]
    if job.fate in (SETTLED, CLOSED):
        moves = end["moves"].get("pass_deposit", ())
        lost = sum(int(m.group(1)) for kind, _a, reason, _at in moves if kind == "deduct"
                   for m in [LOST.search(reason)] if m)
        refunded = min((at for kind, _a, _r, at in moves if kind == "refund"), default=end["settled"])
        for i in rng.sample(range(len(out)), min(lost, len(out))):
            out[i][2] = True
        for row in out:
            if not row[2]:
                span = max(60, int((refunded - end["completion"]).total_seconds()))
                row[0] = min(end["completion"] + dt.timedelta(seconds=rng.randrange(span)), refunded)
                row[1], row[3] = world.desk(), refunded
    elif job.fate == ACCEPTED:
        for row in out:
            if rng.random() < 0.7:
                row[0] = end["completion"] + dt.timedelta(minutes=rng.randint(5, 600))
                row[0] = min(row[0], world.cutoff)
                row[1] = world.desk()
    return out

