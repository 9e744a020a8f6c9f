"""钥匙登记簿 on paper: every key the office holds, on landscape A4 pages, the column heads repeated on each
page and the pages numbered (第 1 页 共 N 页).

The heading says when the register was drawn up and the count of keys by state; then a ruled table in
the order of the hooks: 序号, 挂钩号, 钥匙牌 (the tag's code), 钥匙 (the room or the area and what the key
opens), 类别, 数量 (copies), 状态 (在柜 / 借出 / 遗失, a lost key in red), 借用人 (who has it out, with the
unit and phone), 应还时间 (in red with 逾期 when past), 委托及备注 (the owner who entrusted it, until when
and for what, in red once the entrustment has ended; the key's note). It ends with the checker's
signature line, as the supervisor checks the cabinet against the register.
"""
from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from models.handover.printed import PrintedKeyRow, PrintedRegister
from reports.pdf import layout as L
from reports.pdf.handover.pieces import stack, text

TITLE = "钥匙登记簿"
MADE = "截至 {at}"
COUNTS = "共 {all} 把：在柜 {held}，借出 {out}（逾期 {late}），遗失 {lost}"
HEADS = ("序号", "挂钩号", "钥匙牌", "钥匙（房号/区域）", "类别", "数量", "状态", "借用人", "应还时间", "委托及备注")
LATE = "逾期"
EMPTY = "钥匙柜中没有钥匙。"
CHECKED, HANDLED = "核对人", "经办人"
IN_CABINET, OUT, LOST = "在柜", "借出", "遗失"

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * L.MARGIN
COLS = [w * mm for w in (10, 18, 19, 0, 18, 11, 13, 42, 30, 47)]
COLS[3] = WIDTH - sum(COLS)             # what the key opens takes what is left
SIZE = 9


def _t(value, kind: str = "text"):
    return text(value, kind, SIZE)


def _due(row: PrintedKeyRow) -> Flowable:
    if row.due_at is None:
        return _t("")
    when = _t(f"{L.cn_date(row.due_at)}\n{row.due_at:%H:%M}", "red" if row.overdue else "text")
    return stack(when, _t(LATE, "red")) if row.overdue else when


def _remarks(row: PrintedKeyRow) -> Flowable:
    parts = [_t(row.entrusted, "red" if row.entrusted_over else "text")] if row.entrusted else []
    parts += [_t(row.note, "small")] if row.note else []
    return stack(*parts) if len(parts) > 1 else (parts[0] if parts else _t(""))


def _row(n: int, row: PrintedKeyRow) -> list:
    return [_t(n, "center"), _t(row.hook, "strong"), _t(row.tag), _t(row.opens), _t(row.kind, "center"),
            _t(row.copies, "center"), _t(row.state, "alert" if row.state == LOST else "center"), _t(row.out_with),
            _due(row), _remarks(row)]


def _table(doc: PrintedRegister) -> Flowable:
    rows = [[_t(head, "label") for head in HEADS]]
    rows += [_row(n, row) for n, row in enumerate(doc.rows, 1)] or [[_t(EMPTY)] + [_t("") for _ in HEADS[1:]]]
    spans = [] if doc.rows else [((0, 1), (-1, 1))]
    return L.grid(rows, COLS, header_rows=1, spans=spans, style=[
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)])


def story(doc: PrintedRegister) -> list[Flowable]:
    late = sum(1 for row in doc.rows if row.overdue)
    counts = COUNTS.format(all=len(doc.rows), held=doc.count(IN_CABINET), out=doc.count(OUT), late=late,
                           lost=doc.count(LOST))
    made = MADE.format(at=f"{L.cn_date(doc.made_at)} {doc.made_at:%H:%M}")
    signatures = [[L.Signature(CHECKED), L.Signature(HANDLED)]]
    foot = L.sign_off(signatures, WIDTH * 0.75, stamp=None)
    foot.hAlign = "RIGHT"
    return [L.heading(TITLE, office=doc.office, left=made, right=counts), Spacer(0, 2 * mm), _table(doc),
            Spacer(0, 5 * mm), foot]


def build_register(doc: PrintedRegister) -> bytes:
    return L.flowing_pdf(story(doc), title=f"{TITLE} {doc.made_at:%Y-%m-%d}", office=doc.office, pagesize=PAGE)
