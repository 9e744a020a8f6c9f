"""交房预约表 on paper: a day's handover appointments in time order, for the desk to work through and the
owners to sign in as they arrive.

The heading gives the day (with its weekday) and how many are booked; a ruled table: 序号, 时间, 房号,
业主, 联系电话, 状态 (已预约, 已交房, 已取消, 未到), 备注, and 签到, a blank column the owner signs on
arrival (rows tall enough to sign in). The columns of short facts (the time, the room, the phone, the state)
are as wide as their text, so a room's name never breaks; the remarks take the rest. The column heads repeat
on a second page; the pages are numbered.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from models.handover.printed import PrintedAppointments
from reports.pdf import layout as L
from reports.pdf.handover.pieces import text, width_of

TITLE = "交房预约表"
DAY = "日期：{date}（{weekday}）"
WEEKDAYS = "一二三四五六日"
COUNT = "共 {n} 户，已预约 {booked} 户"
HEADS = ("序号", "时间", "房号", "业主", "联系电话", "状态", "备注", "签到")
EMPTY = "当日无交房预约。"
BOOKED = "已预约"
CLERK = "经办人"

WIDTH = L.PAGE[0] - 2 * L.MARGIN
NAME_MOST, SIGN_W = 30 * mm, 22 * mm   # a longer name wraps; room to sign in
SIGN_HEIGHT = 8 * mm


def columns(doc: PrintedAppointments) -> list[float]:
    """Each column of short facts as wide as its widest text (head included); 备注 takes what is left."""
    def fit(i: int, values, kind: str = "text") -> float:
        return max(width_of([HEADS[i]], "label"), width_of(values, kind))
    rows = doc.rows
    cols = [fit(0, [len(rows)]), fit(1, ["00:00"]), fit(2, [a.room_label for a in rows], "strong"),
            min(fit(3, [a.name for a in rows]), NAME_MOST), fit(4, [a.phone for a in rows]),
            fit(5, [a.state for a in rows], "center"), 0, SIGN_W]
    cols[6] = WIDTH - sum(cols)
    return cols


def _table(doc: PrintedAppointments) -> Flowable:
    rows = [[text(head, "label") for head in HEADS]]
    for n, a in enumerate(doc.rows, 1):
        rows.append([text(n, "center"), text(f"{a.at:%H:%M}", "center"), text(a.room_label, "strong"), text(a.name),
                     text(a.phone), text(a.state, "center"), text(a.note, "small"), L.at_least(SIGN_HEIGHT, "")])
    if not doc.rows:
        rows.append([text(EMPTY)] + [text("") for _ in HEADS[1:]])
    spans = [] if doc.rows else [((0, 1), (-1, 1))]
    return L.grid(rows, columns(doc), header_rows=1, spans=spans,
                  style=[("ALIGN", (5, 1), (5, -1), "CENTER")])


def _foot() -> Flowable:
    foot = L.sign_off([[L.Signature(CLERK)]], WIDTH * 0.5, stamp=None)
    foot.hAlign = "RIGHT"
    return foot


def story(doc: PrintedAppointments) -> list[Flowable]:
    booked = sum(1 for a in doc.rows if a.state == BOOKED)
    day = DAY.format(date=L.cn_date(doc.day), weekday="星期" + WEEKDAYS[doc.day.weekday()])
    return [L.heading(TITLE, office=doc.office, left=day, right=COUNT.format(n=len(doc.rows), booked=booked)),
            Spacer(0, 2 * mm), _table(doc), Spacer(0, 6 * mm),
            _foot()]


def build_appointments(doc: PrintedAppointments) -> bytes:
    return L.flowing_pdf(story(doc), title=f"{TITLE} {doc.day:%Y-%m-%d}", office=doc.office)
