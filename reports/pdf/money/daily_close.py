"""收款日结单: a person's receipts of the day, less the refunds they paid out, signed over to finance.

A flowing A4 document (page numbers, the list's column heads repeated on every page):
letterhead, title, the close number in red, a ruled list of the receipts (voided ones
listed, greyed and marked 作废, not counted), the refunds paid out that day (退款, each
printed less), the totals by method (taken, paid back, net) and the net in 大写, and the
two signatures of the hand-over: 交款人(经办人) and 收款人(财务). Finance's own close (the
refunds finance paid out of the money it holds) is received as it is made: one signature.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from models.amounts import yuan
from models.money.documents import CloseDoc
from reports.pdf import layout as L

# Printed words: the form is Chinese whatever the screen language (FORMS.md).
TITLE = "收款日结单"
CLERK = "经办人：{clerk}"
DAY = "日结日期：{day}"
SUMMARY = "本单收据 {n} 张，其中有效 {counted} 张，作废 {voided} 张（作废收据列出备查，不计入合计）"
SUMMARY_NONE = "本单无收据"
SUMMARY_REFUNDS = "；退款 {n} 笔，共 {total}，从合计中扣除"
SUMMARY_AT = "；日结时间：{at}。"
RECEIPTS_CAPTION = "收款明细"
REFUNDS_CAPTION = "退款明细（从合计中扣除）"
HEAD = ("序号", "收据号", "收款时间", "房号", "交款人", "收款方式", "金额（元）", "备注")
REFUND_HEAD = ("序号", "退款单号", "时间", "原收据号 / 房号", "领款人", "退款方式", "金额（元）", "退款原因")
VOIDED = "作废"
VOIDED_LATER = "日结后作废（已计入）"
NO_RECEIPTS = "（无）"
TOTALS_HEAD = ("收款方式", "笔数", "金额（元）")
NET_TOTALS_HEAD = ("收款方式", "收款笔数", "收款金额", "退款笔数", "退款金额", "净额（元）")
TOTAL = "合计"
CAPITAL = "合计人民币（大写）："
NEGATIVE = "（退款多于收款）"
HANDED = "交款人（经办人）"
RECEIVED = "收款人（财务）"
OWN = "经办人（财务）"
NOT_YET = "注：财务尚未确认收款。"
OWN_NOTE = "注：财务本人支付的退款，从财务所收款项中付出，日结即为财务已收。"

WIDTH = L.PAGE[0] - 2 * L.MARGIN
# The room column holds 23栋1单元1802 or 车位 P1-B1022 on one line (a room number split over two
# lines is misread). The time is 09:30, or 11月23日 09:30 for a receipt left open from an earlier
# day. The payer and the remark share what is left, by what they hold (``_share``).
COLS = (11 * mm, 25 * mm, 24 * mm, 32 * mm, None, 18 * mm, 24 * mm, None)
TIME_COL, SAME_DAY_TIME = 2, 17 * mm
# A refund is of the close's day (HH:MM); its receipt and room share a column, one above the other;
# the payee and the reason share the rest.
REFUND_COLS = (11 * mm, 30 * mm, 13 * mm, 32 * mm, None, 17 * mm, 22 * mm, None)
CELL_PADDING = 8            # the grid's left and right padding, together
LEAST = 14 * mm             # a shared column never gets less: its head and three characters a line
TOTAL_COLS = (40 * mm, 25 * mm, 45 * mm)
NET_TOTAL_COLS = (30 * mm, 22 * mm, 32 * mm, 22 * mm, 32 * mm, WIDTH - 138 * mm)
SIZE = 9.5
CAPTION_ROOM = 30 * mm      # a caption, the column heads and a couple of rows
GREYED = colors.HexColor("#707070")


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle("close-cell", L.styles().text, fontSize=SIZE, leading=SIZE * 1.3)
    return dict(
        cell=cell,
        center=ParagraphStyle("close-center", cell, alignment=TA_CENTER),
        money=ParagraphStyle("close-money", cell, alignment=TA_RIGHT),
        void=ParagraphStyle("close-void", cell, textColor=L.RED),
        label=ParagraphStyle("close-label", L.styles().label, fontSize=SIZE, leading=SIZE * 1.3),
        bold_money=ParagraphStyle("close-bold-money", cell, fontName=L.styles().label.fontName, alignment=TA_RIGHT),
        bold=ParagraphStyle("close-bold", cell, fontName=L.styles().label.fontName),
        caption=ParagraphStyle("close-caption", cell, fontName=L.styles().label.fontName, spaceAfter=1 * mm),
    )


@lru_cache(maxsize=None)
def _grey(kind: str) -> ParagraphStyle:
    return ParagraphStyle(f"close-{kind}-grey", _styles()[kind], textColor=GREYED)


def _time(doc: CloseDoc, at) -> str:
    """09:30 for the close's day; 11月23日 09:30 for a receipt left open from an earlier day."""
    return at.strftime("%H:%M") if at.date() == doc.day else f"{at.month}月{at.day}日 {at:%H:%M}"


def _figures(fen: int) -> str:
    """1,500.00 in a money column (the column head says 元); -100.00 for money paid back."""
    return yuan(fen).replace("¥", "")


def _padding() -> list[tuple]:
    return [("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]


def _need(values, head: str) -> float:
    """The width a column needs to hold its longest value on one line (and its head)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    st = _styles()
    longest = max((stringWidth(str(v), st["cell"].fontName, SIZE) for v in values if v), default=0)
    return max(longest, stringWidth(head, st["label"].fontName, SIZE)) + CELL_PADDING + 1


def _share(room: float, needs: list[float]) -> list[float]:
    """Split ``room`` between columns of running text (a payer's name, a remark).

    If all fit on one line, each gets what it needs and the last (the remark, where a pen may
    add one) the rest. Otherwise they share in proportion to what they need, so a long name
    and a long remark wrap to about as many lines, and an empty column keeps only its head:
    a company's name is not folded over nine lines beside an empty 备注.
    """
    if sum(needs) <= room:
        return needs[:-1] + [room - sum(needs[:-1])]
    widths: dict[int, float] = {}
    free = list(range(len(needs)))
    while free:
        left = room - sum(widths.values())
        total = sum(needs[i] for i in free)
        share = {i: left * needs[i] / total for i in free}
        small = [i for i in free if share[i] < min(LEAST, needs[i])]
        if not small:
            widths.update(share)
            break
        for i in small:
            widths[i] = min(LEAST, needs[i])
            free.remove(i)
    return [widths[i] for i in range(len(needs))]


def _columns(template, shared: list[list[str]], heads: tuple[str, str],
             fixed: dict[int, float] | None = None) -> list[float]:
    """The template's widths, with ``fixed`` overrides, and its ``None`` columns shared by their content."""
    widths = [(fixed or {}).get(i, w) for i, w in enumerate(template)]
    flexible = [i for i, w in enumerate(widths) if w is None]
    room = WIDTH - sum(w for w in widths if w is not None)
    for i, width in zip(flexible, _share(room, [_need(values, head) for values, head in zip(shared, heads)])):
        widths[i] = width
    return widths


def _remark(line) -> str:
    if line.voided:
        return f"{VOIDED}：{line.void_reason}" if line.void_reason else VOIDED
    return VOIDED_LATER if line.voided_later else ""


def _receipt_columns(doc: CloseDoc) -> list[float]:
    same_day = all(line.taken_at.date() == doc.day for line in doc.receipts)
    return _columns(COLS, [[line.payer for line in doc.receipts], [_remark(line) for line in doc.receipts]],
                    (HEAD[4], HEAD[7]), {TIME_COL: SAME_DAY_TIME} if same_day else {})


def _receipts(doc: CloseDoc):
    st = _styles()
    rows = [[Paragraph(h, st["label"]) for h in HEAD]]
    style = []
    for n, line in enumerate(doc.receipts, 1):
        # A voided receipt is listed for the record, greyed and shaded: visibly out of the count.
        cell = (lambda value, kind="cell": L.text(value, _grey(kind))) if line.voided else \
            (lambda value, kind="cell": L.text(value, st[kind]))
        remark = L.text(_remark(line), st["void"]) if line.voided or line.voided_later else cell("")
        rows.append([cell(n, "center"), cell(line.serial, "center"), cell(_time(doc, line.taken_at), "center"),
                     cell(line.room_label), cell(line.payer), cell(line.method_label, "center"),
                     cell(_figures(line.amount_fen), "money"), remark])
        if line.voided:
            style.append(("BACKGROUND", (0, n), (-1, n), L.HEAD_SHADE))
    if not doc.receipts:
        rows.append([L.text(NO_RECEIPTS, st["center"])] + [""] * (len(HEAD) - 1))
        style.append(("SPAN", (0, 1), (-1, 1)))
    return L.grid(rows, _receipt_columns(doc), header_rows=1, style=style + _padding())


def _refunds(doc: CloseDoc):
    st = _styles()
    rows = [[Paragraph(h, st["label"]) for h in REFUND_HEAD]]
    for n, line in enumerate(doc.refunds, 1):
        where = "\n".join(part for part in (line.receipt_serial, line.room_label) if part)
        rows.append([L.text(n, st["center"]), L.text(line.serial, st["center"]),
                     L.text(_time(doc, line.at), st["center"]), L.text(where, st["center"]),
                     L.text(line.payee, st["cell"]), L.text(line.method_label, st["center"]),
                     L.text(_figures(-line.amount_fen), st["money"]), L.text(line.reason, st["cell"])])
    widths = _columns(REFUND_COLS, [[line.payee for line in doc.refunds], [line.reason for line in doc.refunds]],
                      (REFUND_HEAD[4], REFUND_HEAD[7]))
    return L.grid(rows, widths, header_rows=1, style=_padding())


def _capital_row(doc: CloseDoc) -> list:
    negative = NEGATIVE if doc.total_fen < 0 else ""
    return [L.text(f"{CAPITAL}{doc.capital}{negative}", _styles()["bold"])]


def _totals(doc: CloseDoc):
    st = _styles()
    if not doc.refunds:
        rows = [[Paragraph(h, st["label"]) for h in TOTALS_HEAD]]
        rows += [[L.text(t.label, st["center"]), L.text(t.count, st["center"]),
                  L.text(_figures(t.amount_fen), st["money"])] for t in doc.totals]
        rows.append([Paragraph(TOTAL, st["label"]), L.text(doc.counted, st["center"]),
                     L.text(yuan(doc.total_fen), st["bold_money"])])
        widths = TOTAL_COLS
    else:
        # Taken, paid back and net by method: what each part of the drawer (cash, WeChat …) holds.
        rows = [[Paragraph(h, st["label"]) for h in NET_TOTALS_HEAD]]
        rows += [[L.text(t.label, st["center"]), L.text(t.count, st["center"]),
                  L.text(_figures(t.received_fen), st["money"]), L.text(t.refunds, st["center"]),
                  L.text(_figures(-t.refunded_fen), st["money"]), L.text(_figures(t.amount_fen), st["money"])]
                 for t in doc.totals]
        rows.append([Paragraph(TOTAL, st["label"]), L.text(doc.counted, st["center"]),
                     L.text(_figures(doc.received_fen), st["money"]), L.text(len(doc.refunds), st["center"]),
                     L.text(_figures(-doc.refunded_fen), st["money"]), L.text(yuan(doc.total_fen), st["bold_money"])])
        widths = NET_TOTAL_COLS
    rows.append(_capital_row(doc) + [""] * (len(widths) - 1))
    last = len(rows) - 1
    return L.grid(rows, widths, header_rows=1, spans=[((0, last), (len(widths) - 1, last))],
                  style=_padding() + [("LINEABOVE", (0, last - 1), (-1, last - 1), 1.0, colors.black)])


def _summary(doc: CloseDoc) -> str:
    text = SUMMARY.format(n=len(doc.receipts), counted=doc.counted, voided=doc.voided) if doc.receipts \
        else SUMMARY_NONE
    if doc.refunds:
        text += SUMMARY_REFUNDS.format(n=len(doc.refunds), total=yuan(doc.refunded_fen))
    return text + SUMMARY_AT.format(at=f"{L.cn_date(doc.closed_at.date())} {doc.closed_at:%H:%M}")


def _signatures(doc: CloseDoc):
    if doc.own:
        return L.sign_off([[L.Signature(OWN, name=doc.clerk, date=doc.day)]], WIDTH, stamp=None,
                          after=[L.text(OWN_NOTE, L.styles().small)])
    confirmed_on = doc.confirmed_at.date() if doc.confirmed_at else None
    return L.sign_off([[L.Signature(HANDED, name=doc.clerk, date=doc.day)],
                       [L.Signature(RECEIVED, name=doc.confirmed_by, date=confirmed_on)]], WIDTH, stamp=None,
                      after=[] if doc.confirmed_by else [L.text(NOT_YET, L.styles().small)])


def build_close(doc: CloseDoc) -> bytes:
    """The daily close as PDF bytes, flowing over as many pages as its receipts and refunds need."""
    story = [
        L.heading(TITLE, office=doc.office, serial=doc.close_no, left=CLERK.format(clerk=doc.clerk),
                  right=DAY.format(day=L.cn_date(doc.day))),
        Spacer(0, 2 * mm),
        L.text(_summary(doc), _styles()["cell"]),
        Spacer(0, 2 * mm),
    ]
    if doc.refunds:
        # A list's caption is not left alone at the foot of a page: it starts where a few rows fit under it
        # (a KeepTogether would push a long list whole onto the next page and leave this one empty).
        caption = _styles()["caption"]
        story += [L.text(RECEIPTS_CAPTION, caption), _receipts(doc), Spacer(0, 4 * mm),
                  CondPageBreak(CAPTION_ROOM), L.text(REFUNDS_CAPTION, caption), _refunds(doc)]
    else:
        story.append(_receipts(doc))
    # The totals and the signatures belong together: one is what the other signs for.
    story += [Spacer(0, 5 * mm), KeepTogether([_totals(doc), Spacer(0, 8 * mm), _signatures(doc)])]
    return L.flowing_pdf(story, title=f"{TITLE} No. {doc.close_no}", office=doc.office)
