"""The demo's works on site (演示数据: 巡查与整改): daily inspections, quiet-hours checks, rectification
notices with their re-inspections, suspensions and the monthly reports of what stayed unresolved.

Every working day a room is in works it is inspected once (the morning or the afternoon round; today's
only up to now), some evenings and lunch hours for noise too. About one visit in fifty finds
something: a notice with the rule broken, what must be done and a deadline. Most are seen rectified
by a re-inspection within the deadline; a few never are, and the month's report (上报, made from the
8th of the next month) takes them; a notice issued since the last report and still open past its
deadline has stopped the works (the morning job suspends them), so only suspended works have one.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from models.money.demo_book import add_months
from models.renovation.works import QUIET_HOURS, RECHECK, ROUTINE, TO_BOTH, TO_CONTRACTOR, TO_OWNER

P_FINDING = 0.02             # a routine visit that finds something
P_QUIET = 0.06               # a quiet-hours check that day
P_NOISE = 0.08               # … that hears noisy work
P_UNRESOLVED = 0.06          # a notice never seen rectified
# What an inspection finds: (finding, the article broken, what must be done, days to do it).
FINDINGS = (
    ("施工人员未佩戴出入证进出", "第十一条", "即日起施工人员一律佩戴出入证，无证人员立即离场", 1),
    ("装修垃圾堆放在楼道内，未袋装清运", "第八条", "将楼道内装修垃圾袋装并清运至指定堆放点", 2),
    ("占用楼梯间及消防通道堆放瓷砖、水泥", "第十二条", "将建材搬入室内，清空通道", 1),
    ("卫生间防水未做闭水试验即铺贴地砖", "第十条", "停止铺贴，补做48小时闭水试验并报管理处验收", 5),
    ("疑似拆改剪力墙（客厅与阳台之间）", "第五条", "立即停止拆改，恢复原状，提交结构安全鉴定报告", 7),
    ("擅自移动燃气表及燃气管道", "第六条", "恢复原燃气管道，由燃气公司派员处理", 5),
    ("阳台封闭样式与小区统一样式不符", "第九条", "按小区统一样式整改阳台窗", 7),
    ("空调外机安装于非预留位置，影响外立面", "第九条", "将空调外机移至预留机位", 5),
    ("在公共走廊切割石材，粉尘未遮挡", "第十二条", "停止在公共区域作业，清理粉尘", 1),
)
NOISE = (("午休时间（12:00-14:00）进行电钻作业", "第七条", "严格遵守施工时间，休息时间不得进行噪音作业", 1),
         ("晚间18:00后仍在敲墙施工，邻居投诉", "第七条", "严格遵守施工时间，休息时间不得进行噪音作业", 1))
QUIET_FINE = ("休息时间无噪音施工", "现场已停工，无噪音")
STOPPED = "停工整改中，整改通知书所列问题尚未整改"
ESCALATE_TO = (("业主委员会", 60), ("居民委员会", 25), ("房地产主管部门", 15))


def escalation_day(month: dt.date) -> dt.date:
    """When a month's unresolved notices are reported: the first working day from the 8th of the next month."""
    day = add_months(month, 1).replace(day=8)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def open_from(today: dt.date) -> dt.date:
    """The first day whose notices no report has taken yet (reports are made on a past day)."""
    this = today.replace(day=1)
    last = add_months(this, -1)
    return this if escalation_day(last) < today else last


@dataclass(eq=False)
class Visit:
    job: object
    at: dt.datetime
    inspector: str
    kind: str = ROUTINE
    quiet_ok: bool | None = None
    passed: bool = True
    findings: str = ""
    notice: "Notice | None" = None          # a recheck: the notice it looked at
    id: int = 0


@dataclass(eq=False)
class Notice:
    job: object
    visit: Visit
    issued_at: dt.datetime
    issued_by: str
    finding: str
    rule: str
    required: str
    deadline: dt.date
    addressed_to: str
    state: str = "open"
    recheck: Visit | None = None
    month: dt.date | None = None            # the report that took it (its month), when escalated
    signed_by: str = ""
    id: int = 0
    year: int = 0
    number: int = 0
    extra: dict = field(default_factory=dict)


class Site:
    """Walks each job's days on site and records what the inspectors did."""

    def __init__(self, rng: random.Random, today: dt.date, cutoff: dt.datetime, staff: dict, rules: list[str],
                 away_from: dt.date):
        self.rng, self.today, self.cutoff, self.staff, self.away_from = rng, today, cutoff, staff, away_from
        self.rules = rules
        self.open_from = open_from(today)
        self.visits: list[Visit] = []
        self.notices: list[Notice] = []
        self.reported: dict[dt.date, dt.datetime] = {}       # month → when its report was made
        self.any_reported = False

    def rule(self, article: str) -> str:
        return next((r for r in self.rules if r.startswith(article)), f"{article}（装修管理协议）")

    def inspector(self, day: dt.date, evening: bool = False) -> str:
        """The engineering supervisor mostly; the desk when he is away, the customer-service supervisor at night."""
        roll = self.rng.random()
        if day >= self.away_from:
            roll = 0.75 + roll * 0.25
        if evening:
            return self.staff["supervisor"] if roll >= 0.5 else self.staff["engineer"]
        return self.staff["engineer"] if roll < 0.75 else self.staff["clerk"] if roll < 0.9 else self.staff["supervisor"]

    def moment(self, day: dt.date, start: tuple, minutes: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(*start)) + dt.timedelta(seconds=self.rng.randrange(minutes * 60))

    def walk(self, job, started: dt.datetime, until: dt.datetime | None, completion: dt.datetime | None,
             suspend: bool) -> list[list]:
        """Inspect ``job`` every working day after it started, up to ``until`` (its acceptance) or now. Notices
        are written up to a week before ``completion`` (all settled by then). A notice left unresolved stops
        the works the morning after its deadline (the morning job), until the month's report took it; with
        ``suspend``, one since the last report still does. Returns the stops: [suspended, resumed, notice]."""
        rng = self.rng
        last = (until or self.cutoff).date() - dt.timedelta(days=1 if until else 0)
        writing = completion - dt.timedelta(days=8) if completion else None
        planted_day = self._plant(started) if suspend else None
        planted, stops = None, []
        day = started.date() + dt.timedelta(days=1)
        while day <= last:
            if planted is not None and not stops and day == planted.deadline + dt.timedelta(days=1):
                stops.append([dt.datetime.combine(day, dt.time(8, rng.randint(5, 40))), None, planted])
            pending = bool(stops) and (stops[-1][1] is None or day < stops[-1][1].date())
            stopped = pending and stops[-1][0].date() <= day
            free = not pending and (writing is None or dt.datetime.combine(day, dt.time()) < writing)
            if day.weekday() < 5:
                at = self.moment(day, (9, 0), 160) if rng.random() < 0.55 else self.moment(day, (14, 30), 160)
                if at <= self.cutoff:
                    visit = Visit(job, at, self.inspector(day))
                    self.visits.append(visit)
                    if stopped:
                        visit.passed, visit.findings = False, STOPPED
                    elif day == planted_day:
                        planted = self._notice(visit, rng.choice(FINDINGS), None, forced=True)
                    elif free and rng.random() < P_FINDING:
                        notice = self._notice(visit, rng.choice(FINDINGS), writing, may_stay=not suspend)
                        if "stop" in notice.extra:
                            stops.append(notice.extra["stop"])
                            free = False
                if rng.random() < P_QUIET:
                    notice = self._quiet(job, day, writing if free else False)
                    if notice is not None and "stop" in notice.extra:
                        stops.append(notice.extra["stop"])
            day += dt.timedelta(days=1)
        return stops

    def _plant(self, started: dt.datetime) -> dt.date | None:
        """The working day of the notice that stopped the works: since the last report, its deadline past; or,
        for half of them, before it, so that the month's report took it (escalated, still not done)."""
        first = max(started.date() + dt.timedelta(days=1), self.open_from)
        end = self.today - dt.timedelta(days=5)
        if (not self.any_reported or self.rng.random() < 0.5) and started.date() + dt.timedelta(days=1) < self.open_from - dt.timedelta(days=8):
            first = max(started.date() + dt.timedelta(days=1), self.open_from - dt.timedelta(days=35))
            end = self.open_from - dt.timedelta(days=8)
        days = [first + dt.timedelta(days=i) for i in range((end - first).days + 1)]
        days = [d for d in days if d.weekday() < 5]
        return self.rng.choice(days) if days else None

    def _quiet(self, job, day: dt.date, writing) -> "Notice | None":
        """A lunch-hour or evening check for noise; ``writing`` False: no notice may come of it now."""
        rng = self.rng
        at = self.moment(day, (12, 10), 100) if rng.random() < 0.4 else self.moment(day, (18, 40), 170)
        if at > self.cutoff:
            return None
        visit = Visit(job, at, self.inspector(day, evening=True), QUIET_HOURS, quiet_ok=True,
                      findings=rng.choice(QUIET_FINE))
        self.visits.append(visit)
        if writing is not False and (writing is None or at < writing) and rng.random() < P_NOISE:
            visit.quiet_ok = False
            return self._notice(visit, NOISE[0] if at.hour < 14 else NOISE[1], writing, may_stay=False)
        return None

    def report_time(self, month: dt.date) -> dt.datetime:
        if month not in self.reported:
            self.reported[month] = self.moment(escalation_day(month), (10, 0), 300)
        return self.reported[month]

    def _notice(self, visit: Visit, found: tuple, writing: dt.datetime | None, forced: bool = False,
                may_stay: bool = True) -> Notice:
        """The finding written on a notice; its fate: rectified by a re-inspection within the deadline, open
        while the deadline runs, or (``may_stay``) never done: the works stopped, the month's report took it
        (the first that could, and a few more), the works resumed, all before ``writing`` ended."""
        rng = self.rng
        finding, article, required, days = found
        visit.passed, visit.findings = False, finding
        issued = min(visit.at + dt.timedelta(minutes=rng.randint(5, 40)), self.cutoff)
        deadline = visit.at.date() + dt.timedelta(days=3 if forced else days)
        addressed = TO_BOTH if rng.random() < 0.7 else TO_CONTRACTOR if rng.random() < 0.8 else TO_OWNER
        notice = Notice(visit.job, visit, issued, visit.inspector, finding, self.rule(article), required, deadline,
                        addressed)
        self.notices.append(notice)
        if forced:
            self.visits.append(Visit(visit.job, self.moment(deadline, (15, 0), 120), self.inspector(deadline), RECHECK,
                                     passed=False, findings="逾期未整改：" + finding, notice=notice))
            if visit.at.date() < self.open_from:        # its month's report took it: escalated, still not done
                notice.state, notice.month, self.any_reported = "escalated", visit.at.date().replace(day=1), True
                self.report_time(notice.month)
            return notice
        month = visit.at.date().replace(day=1)
        if may_stay and visit.at.date() < self.open_from and (not self.any_reported or rng.random() < P_UNRESOLVED):
            made = self.report_time(month)
            resumed = dt.datetime.combine(made.date() + dt.timedelta(days=rng.randint(1, 3)),
                                          dt.time(9, rng.randint(0, 50)))
            if resumed <= self.cutoff and (writing is None or resumed < writing):
                notice.state, notice.month, self.any_reported = "escalated", month, True
                stop = dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(8, rng.randint(5, 40)))
                notice.extra["stop"] = [stop, resumed, notice]
                # Reported, then put right: the re-inspection that let the works resume that morning.
                notice.recheck = Visit(visit.job, resumed - dt.timedelta(minutes=rng.randint(10, 50)),
                                       self.inspector(resumed.date()), RECHECK, notice=notice)
                notice.state = "rectified"
                self.visits.append(notice.recheck)
                return notice
        at = self.moment(visit.at.date() + dt.timedelta(days=rng.randint(1, days)), (9, 30), 420)
        if at <= self.cutoff:
            notice.recheck = Visit(visit.job, max(at, issued + dt.timedelta(minutes=30)), visit.inspector, RECHECK,
                                   notice=notice)
            notice.state = "rectified"
            self.visits.append(notice.recheck)
        return notice

    def escalations(self) -> list[list]:
        """The monthly reports: [month, made at, by, to, notices] for each month with a notice reported."""
        months: dict[dt.date, list[Notice]] = {}
        for notice in self.notices:
            if notice.month is not None:                # reported that month (some put right since)
                months.setdefault(notice.month, []).append(notice)
        out = []
        for month in sorted(months):
            to = self.rng.choices([t for t, _w in ESCALATE_TO], [w for _t, w in ESCALATE_TO])[0]
            out.append([month, self.reported[month], self.staff["supervisor"], to, months[month]])
        return out

    def sign(self, notice: Notice, person: str, worker: str, owner: str) -> None:
        """签收: the contractor's person in charge mostly; a worker, the owner, or nobody yet."""
        roll = self.rng.random()
        recent = notice.issued_at.date() >= self.today - dt.timedelta(days=1)
        notice.signed_by = "" if recent and roll < 0.6 else person if roll < 0.6 else worker if roll < 0.85 \
            else owner if roll < 0.95 else ""

