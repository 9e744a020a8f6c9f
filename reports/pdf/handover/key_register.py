"""钥匙登记簿 on paper: every key the office holds, on landscape A4 pages, the column heads repeated on each
page and the pages numbered (第 1 页 共 N 页).

The heading says when the register was drawn up, how many hooks and how many keys (a hook may hold
several copies) and the hooks by state; then a ruled table in the order of the hooks: 序号, 挂钩号, 钥匙牌
(the tag's code), 钥匙 (the room or the area and what the key opens), 类别, 数量 (copies), 状态 (在柜 /
借出 / 遗失, a lost key in red), 借用人 (who has it out, with the unit and phone), 应还时间 (2026-11-30
09:30 on one line, in red with 逾期 when past), 委托及备注 (the owner who entrusted it and until when on
a line of its own, in red once the entrustment has ended; what for, and the key's note, wrapping). The
columns of short facts are as wide as their text, so a date or a time never breaks; what the key opens
and the remarks take the rest. It ends with the checker's signature line, as the supervisor checks the
cabinet against the register.
"""
from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from models.handover.printed import PrintedKeyRow, PrintedRegister
from reports.pdf import layout as L
from reports.pdf.handover.pieces import stack, text, width_of

TITLE = "钥匙登记簿"
MADE = "截至 {at}"
COUNTS = "共 {hooks} 个挂钩、{keys} 把钥匙；在柜 {held} 个，借出 {out} 个（逾期 {late} 个），遗失 {lost} 个"
HEADS = ("序号", "挂钩号", "钥匙牌", "钥匙（房号/区域）", "类别", "数量", "状态", "借用人", "应还时间", "委托及备注")
LATE = "逾期"
EMPTY = "钥匙柜中没有钥匙。"
CHECKED, HANDLED = "核对人", "经办人"
IN_CABINET, OUT, LOST = "在柜", "借出", "遗失"
DUE = "{at:%Y-%m-%d %H:%M}"            # one compact form for every moment in the table, never broken

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * L.MARGIN
SIZE = 9
BORROWER_MOST = 45 * mm               # the borrower's unit wraps past this
OPENS_LEAST, REMARKS_LEAST = 32 * mm, 40 * mm


def _t(value, kind: str = "text"):
    return text(value, kind, SIZE)


def _due(row: PrintedKeyRow) -> Flowable:
    if row.due_at is None:
        return _t("")
    when = _t(DUE.format(at=row.due_at), "red" if row.overdue else "text")
    return stack(when, _t(LATE, "red")) if row.overdue else when


def _remarks(row: PrintedKeyRow) -> Flowable:
    parts = [_t(row.entrusted, "red" if row.entrusted_over else "text")] if row.entrusted else []
    parts += [_t(line) for line in (row.scope, row.note) if line]
    return stack(*parts) if len(parts) > 1 else (parts[0] if parts else _t(""))


def _row(n: int, row: PrintedKeyRow) -> list:
    return [_t(n, "center"), _t(row.hook, "strong"), _t(row.tag), _t(row.opens), _t(row.kind, "center"),
            _t(row.copies, "center"), _t(row.state, "alert" if row.state == LOST else "center"), _t(row.out_with),
            _due(row), _remarks(row)]


def columns(rows: tuple[PrintedKeyRow, ...]) -> list[float]:
    """Each column of short facts as wide as its widest text (head included); the borrower up to a limit;
    what the key opens as wide as it needs while the remarks keep room for the entrustment's line (and at
    least half of what is left when there are remarks); the remarks the rest."""
    def fit(i: int, values, kind: str = "text") -> float:
        return max(width_of([HEADS[i]], "label", SIZE), width_of(values, kind, SIZE))
    fixed = [fit(0, [len(rows)]), fit(1, [r.hook for r in rows], "strong"), fit(2, [r.tag for r in rows]), 0,
             fit(4, [r.kind for r in rows]), fit(5, [r.copies for r in rows]), fit(6, [r.state for r in rows], "alert"),
             min(fit(7, [r.out_with for r in rows]), BORROWER_MOST),
             fit(8, [DUE.format(at=r.due_at) for r in rows if r.due_at], "red"), 0]
    free = WIDTH - sum(fixed)
    remarks = max([REMARKS_LEAST] + [width_of([r.entrusted], "red", SIZE) for r in rows if r.entrusted])
    opens = min(fit(3, [r.opens for r in rows]), max(free - remarks, OPENS_LEAST))
    if any(r.entrusted or r.note for r in rows):             # both wrap: the remarks get at least half
        opens = min(opens, max(free / 2, OPENS_LEAST))
    fixed[3], fixed[9] = opens, free - opens
    return fixed


def _table(doc: PrintedRegister) -> Flowable:
    rows = [[_t(head, "label") for head in HEADS]]
    rows += [_row(n, row) for n, row in enumerate(doc.rows, 1)] or [[_t(EMPTY)] + [_t("") for _ in HEADS[1:]]]
    spans = [] if doc.rows else [((0, 1), (-1, 1))]
    return L.grid(rows, columns(doc.rows), header_rows=1, spans=spans, style=[
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)])


def story(doc: PrintedRegister) -> list[Flowable]:
    late = sum(1 for row in doc.rows if row.overdue)
    counts = COUNTS.format(hooks=len(doc.rows), keys=doc.copies, held=doc.count(IN_CABINET), out=doc.count(OUT),
                           late=late, lost=doc.count(LOST))
    made = MADE.format(at=f"{L.cn_date(doc.made_at)} {doc.made_at:%H:%M}")
    signatures = [[L.Signature(CHECKED), L.Signature(HANDLED)]]
    foot = L.sign_off(signatures, WIDTH * 0.75, stamp=None)
    foot.hAlign = "RIGHT"
    return [L.heading(TITLE, office=doc.office, left=made, right=counts), Spacer(0, 2 * mm), _table(doc),
            Spacer(0, 5 * mm), foot]


def build_register(doc: PrintedRegister) -> bytes:
    return L.flowing_pdf(story(doc), title=f"{TITLE} {doc.made_at:%Y-%m-%d}", office=doc.office, pagesize=PAGE)
